package org.gstdff.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.SavedModel;

/**
 * A model set is data, not code: TensorFlow graphs can hold ops that read or write files, open network
 * connections or run foreign code (ReadFile, WriteFile, MatchingFiles, PyFunc, Save/Restore, ...), and some run
 * while a SavedModel loads. So before a SavedModel is loaded its {@code saved_model.pb} is read as a protocol
 * buffer and every op of every graph and function in it is checked against the ops gst-dff's own networks use
 * (the CenterNet and SSD imports at every split, the tiny set, the flow networks in every layout, zero flow); any
 * other op refuses the set, naming the op, the graph and the node.
 */
public final class ModelOps {

    /** The ops of every network the project makes or imports (ModelOpsTest keeps this in step with them). */
    static final Set<String> ALLOWED = Set.of(
            // arithmetic and activations
            "Add", "AddV2", "Sub", "Mul", "Div", "RealDiv", "FloorDiv", "FloorMod", "Floor", "Maximum", "Minimum",
            "Exp", "Sqrt", "Relu", "Relu6", "Sigmoid", "Tanh", "ClipByValue", "StopGradient",
            // layers
            "Conv2D", "DepthwiseConv2dNative", "BiasAdd", "FusedBatchNorm", "FusedBatchNormV3", "MaxPool", "AvgPool",
            "ResizeBilinear", "Mean", "Max", "ArgMax", "TopKV2", "NonMaxSuppressionV2",
            // shapes and indexing
            "Const", "Placeholder", "Identity", "NoOp", "Cast", "Shape", "Rank", "Size", "Reshape", "ExpandDims",
            "Squeeze", "Transpose", "ConcatV2", "Pack", "Unpack", "Split", "Slice", "StridedSlice", "Gather",
            "GatherV2", "Tile", "Fill", "ZerosLike", "Range", "PadV2", "Pad", "Where",
            // comparisons and logic
            "Equal", "Greater", "GreaterEqual", "Less", "LessEqual", "LogicalAnd", "All", "Assert",
            // TF1 control flow and tensor arrays (the SSD export's post-processing loop)
            "Enter", "Exit", "LoopCond", "Merge", "NextIteration", "Switch", "TensorArrayV3", "TensorArrayGatherV3",
            "TensorArrayReadV3", "TensorArrayScatterV3", "TensorArraySizeV3", "TensorArrayWriteV3");

    /** Ops refused with a reason (the common ways a graph reaches outside itself). */
    static final Map<String, String> FORBIDDEN = Map.ofEntries(
            Map.entry("ReadFile", "reads files"), Map.entry("WriteFile", "writes files"),
            Map.entry("MatchingFiles", "lists files"), Map.entry("ImmutableConst", "maps a file into memory"),
            Map.entry("Save", "writes checkpoints"), Map.entry("SaveV2", "writes checkpoints"),
            Map.entry("SaveSlices", "writes checkpoints"), Map.entry("MergeV2Checkpoints", "writes checkpoints"),
            Map.entry("Restore", "reads checkpoints"), Map.entry("RestoreV2", "reads checkpoints"),
            Map.entry("RestoreSlice", "reads checkpoints"), Map.entry("ShardedFilename", "names checkpoint files"),
            Map.entry("PyFunc", "runs Python code"), Map.entry("PyFuncStateless", "runs Python code"),
            Map.entry("EagerPyFunc", "runs Python code"), Map.entry("PrintV2", "writes to files or the console"),
            Map.entry("Print", "writes to the console"), Map.entry("WholeFileReaderV2", "reads files"),
            Map.entry("TFRecordReaderV2", "reads files"), Map.entry("TextLineReaderV2", "reads files"),
            Map.entry("FixedLengthRecordReaderV2", "reads files"), Map.entry("LMDBReader", "reads files"),
            Map.entry("WriteSummary", "writes files"), Map.entry("CreateSummaryFileWriter", "writes files"),
            Map.entry("PartitionedCall", "calls a function"), Map.entry("StatefulPartitionedCall",
                    "calls a function"));

    private ModelOps() {
    }

    /**
     * Checks the SavedModel in {@code dir} (before anything of it runs).
     *
     * @param where how the error names the graph, e.g. "model set /x: flow/"
     * @throws ModelSetException naming the op, the graph and the node when one is not allowed
     */
    static void check(Path dir, String where) {
        Path pb = dir.resolve("saved_model.pb");
        SavedModel sm;
        try {
            sm = SavedModel.parseFrom(Files.readAllBytes(pb));
        } catch (IOException e) {
            throw new ModelSetException("cannot load SavedModel " + dir + ": " + pb + " is not a SavedModel protocol "
                    + "buffer (" + e.getMessage() + ")", e);
        }
        for (MetaGraphDef mg : sm.getMetaGraphsList()) {
            for (NodeDef n : mg.getGraphDef().getNodeList()) {
                check(n, where + " graph", n.getName());
            }
            for (FunctionDef f : mg.getGraphDef().getLibrary().getFunctionList()) {
                for (NodeDef n : f.getNodeDefList()) {
                    check(n, where + " function '" + f.getSignature().getName() + "'", n.getName());
                }
            }
        }
    }

    private static void check(NodeDef n, String where, String node) {
        String op = n.getOp();
        if (ALLOWED.contains(op)) {
            return;
        }
        String why = FORBIDDEN.get(op);
        throw new ModelSetException(where + " has op '" + op + "' (node '" + node + "')" + (why == null
                ? ", which none of gst-dff's networks uses" : ", which " + why) + "; a model set is data, and may "
                + "use only the ops of gst-dff's own networks (org.gstdff.model.ModelOps, models/README.md)");
    }
}
