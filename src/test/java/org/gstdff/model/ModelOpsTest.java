package org.gstdff.model;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.gstdff.core.FileTrees;
import org.gstdff.model.imports.DetectorImporter;
import org.gstdff.model.imports.DetectorPresets;
import org.gstdff.model.imports.RealModels;
import org.gstdff.train.FlowModelWriter;
import org.gstdff.train.FlowNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.OpDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.TensorProto;

/** The op check every model set passes before it loads: the project's own networks pass, foreign ops are refused. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ModelOpsTest {

    @TempDir
    Path tmp;

    static void checkSet(Path set) {
        for (String sub : List.of(ModelContract.FEATURE_DIR, ModelContract.FLOW_DIR, ModelContract.TASK_DIR)) {
            ModelOps.check(set.resolve(sub), set + ": " + sub + "/");
        }
    }

    @Test
    void everyNetworkTheProjectMakesPasses() throws Exception {
        checkSet(RealModels.defaultSet());
        checkSet(org.gstdff.TestModels.tiny());
        Path feature = tmp.resolve("feature-split");
        DetectorImporter.write(DetectorPresets.centernet(RealModels.centernetJson(),
                DetectorPresets.CENTERNET_FEATURE_SPLIT), feature);
        checkSet(feature);
        Path ssd = tmp.resolve("ssd");
        DetectorImporter.write(DetectorPresets.ssd(RealModels.ssdSavedModel(), RealModels.ssdLabels(),
                DetectorPresets.SSD_SPLIT), ssd);
        checkSet(ssd);
        for (int correlation : new int[] {0, 2}) {
            Path flow = tmp.resolve("flow-" + correlation);
            FlowNetwork.Config c = FlowModelWriter.configFor(feature, List.of(8, 12), correlation).withInputScale(2);
            FlowModelWriter.write(flow, c, FlowModelWriter.initial(1));
            ModelOps.check(flow, "flow network, correlation " + correlation);
        }
    }

    /** The tiny set with its flow SavedModel's graph changed by {@code edit}. */
    private Path tinyWithFlow(java.util.function.Consumer<org.tensorflow.proto.GraphDef.Builder> edit)
            throws Exception {
        Path set = tmp.resolve("evil");
        FileTrees.copy(org.gstdff.TestModels.tiny(), set);
        Path pb = set.resolve("flow/saved_model.pb");
        SavedModel.Builder sm = SavedModel.parseFrom(Files.readAllBytes(pb)).toBuilder();
        edit.accept(sm.getMetaGraphsBuilder(0).getGraphDefBuilder());
        Files.write(pb, sm.build().toByteArray());
        return set;
    }

    @Test
    void aGraphThatReadsFilesIsRefusedBeforeItLoads() throws Exception {
        Path set = tinyWithFlow(g -> {
            g.addNode(NodeDef.newBuilder().setName("evil/name").setOp("Const")
                    .putAttr("dtype", AttrValue.newBuilder().setType(DataType.DT_STRING).build())
                    .putAttr("value", AttrValue.newBuilder().setTensor(TensorProto.newBuilder()
                            .setDtype(DataType.DT_STRING).addStringVal(com.google.protobuf.ByteString.copyFromUtf8(
                                    "/etc/passwd"))).build()));
            g.addNode(NodeDef.newBuilder().setName("evil/read").setOp("ReadFile").addInput("evil/name"));
        });
        ModelSetException e = assertThrows(ModelSetException.class, () -> TfModelSet.load(set, Device.CPU));
        assertTrue(e.getMessage().contains("flow/ graph has op 'ReadFile' (node 'evil/read'), which reads files"),
                e.getMessage());
    }

    @Test
    void foreignCodeInAFunctionIsRefused() throws Exception {
        Path set = tinyWithFlow(g -> g.getLibraryBuilder().addFunction(FunctionDef.newBuilder()
                .setSignature(OpDef.newBuilder().setName("helper"))
                .addNodeDef(NodeDef.newBuilder().setName("call_python").setOp("PyFunc"))));
        ModelSetException e = assertThrows(ModelSetException.class, () -> TfModelSet.load(set, Device.CPU));
        assertTrue(e.getMessage().contains("flow/ function 'helper' has op 'PyFunc' (node 'call_python'), which "
                + "runs Python code"), e.getMessage());
    }

    @Test
    void anOpNoneOfOurNetworksUsesIsRefused() throws Exception {
        Path set = tinyWithFlow(g -> g.addNode(NodeDef.newBuilder().setName("odd").setOp("Sin")));
        ModelSetException e = assertThrows(ModelSetException.class, () -> TfModelSet.load(set, Device.CPU));
        assertTrue(e.getMessage().contains("op 'Sin' (node 'odd'), which none of gst-dff's networks uses"),
                e.getMessage());
    }
}
