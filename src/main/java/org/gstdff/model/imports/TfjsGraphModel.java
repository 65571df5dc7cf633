package org.gstdff.model.imports;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.gstdff.core.Json;
import org.gstdff.model.ModelSetException;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;

/**
 * Reads a TF.js graph model ({@code model.json} + weight shards) as a plain TensorFlow GraphDef: the topology is a
 * GraphDef in protobuf JSON form; weights fill the Const nodes (float16-quantised weights are widened to float32);
 * the TF.js-only fused ops are expanded into standard ops.
 */
public final class TfjsGraphModel {

    /** Activations a fused op may end with, and the standard op for each. */
    private static final Map<String, String> ACTIVATIONS = Map.of("Relu", "Relu", "Relu6", "Relu6", "Elu", "Elu",
            "Sigmoid", "Sigmoid", "Tanh", "Tanh");
    private static final Set<String> KNOWN_TFJS_ONLY = Set.of("_FusedConv2D", "FusedDepthwiseConv2dNative",
            "_FusedMatMul", "FusedBatchNorm");

    private TfjsGraphModel() {
    }

    /** Reads {@code modelJson} and the weight files it names (next to it). */
    public static GraphDef read(Path modelJson) {
        if (!Files.isRegularFile(modelJson)) {
            throw new ModelSetException("TF.js model " + modelJson + " not found");
        }
        Map<String, Object> root;
        String text;
        try {
            text = Files.readString(modelJson, StandardCharsets.UTF_8);
            root = asMap(Json.parse(text), modelJson + ": root");
        } catch (IOException | IllegalArgumentException e) {
            throw new ModelSetException("cannot read TF.js model " + modelJson + ": " + e.getMessage(), e);
        }
        Object topology = root.get("modelTopology");
        if (!(topology instanceof Map)) {
            throw new ModelSetException(modelJson + ": no 'modelTopology' (is it a TF.js graph model?)");
        }
        GraphDef.Builder g = GraphDef.newBuilder();
        try {
            JsonFormat.parser().ignoringUnknownFields().merge(Json.write(topology), g);
        } catch (InvalidProtocolBufferException e) {
            throw new ModelSetException(modelJson + ": modelTopology is not a GraphDef: " + e.getMessage(), e);
        }
        fillWeights(g, root.get("weightsManifest"), modelJson);
        return expandFusedOps(g.build(), modelJson.toString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o, String where) {
        if (!(o instanceof Map)) {
            throw new ModelSetException(where + ": expected a JSON object");
        }
        return (Map<String, Object>) o;
    }

    private static void fillWeights(GraphDef.Builder g, Object manifest, Path modelJson) {
        if (!(manifest instanceof List<?> groups)) {
            throw new ModelSetException(modelJson + ": no 'weightsManifest'");
        }
        Map<String, Integer> nodeIndex = new HashMap<>();
        for (int i = 0; i < g.getNodeCount(); i++) {
            nodeIndex.put(g.getNode(i).getName(), i);
        }
        for (Object go : groups) {
            Map<String, Object> group = asMap(go, modelJson + ": weightsManifest entry");
            ByteBuffer data = readShards((List<?>) group.get("paths"), modelJson);
            for (Object wo : (List<?>) group.get("weights")) {
                Map<String, Object> w = asMap(wo, modelJson + ": weight");
                String name = (String) w.get("name");
                List<Long> shape = new ArrayList<>();
                long n = 1;
                for (Object d : (List<?>) w.get("shape")) {
                    shape.add(((Number) d).longValue());
                    n *= ((Number) d).longValue();
                }
                TensorProto t = tensor(name, (String) w.get("dtype"), w.get("quantization"), shape, n, data,
                        modelJson);
                Integer idx = nodeIndex.get(name);
                if (idx == null) {
                    continue; // a weight no node uses
                }
                NodeDef.Builder node = g.getNodeBuilder(idx);
                node.putAttr("value", AttrValue.newBuilder().setTensor(t).build());
                node.putAttr("dtype", AttrValue.newBuilder().setType(t.getDtype()).build());
            }
            if (data.hasRemaining()) {
                throw new ModelSetException(modelJson + ": weight files hold " + data.remaining()
                        + " bytes more than the manifest describes");
            }
        }
    }

    private static ByteBuffer readShards(List<?> paths, Path modelJson) {
        List<byte[]> parts = new ArrayList<>();
        int total = 0;
        for (Object p : paths) {
            Path shard = modelJson.resolveSibling((String) p);
            try {
                byte[] b = Files.readAllBytes(shard);
                parts.add(b);
                total += b.length;
            } catch (IOException e) {
                throw new ModelSetException("TF.js weight shard " + shard + " cannot be read: " + e.getMessage(), e);
            }
        }
        ByteBuffer all = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        parts.forEach(all::put);
        return all.flip();
    }

    private static TensorProto tensor(String name, String dtype, Object quantization, List<Long> shape, long n,
            ByteBuffer data, Path modelJson) {
        TensorShapeProto.Builder sp = TensorShapeProto.newBuilder();
        shape.forEach(d -> sp.addDim(TensorShapeProto.Dim.newBuilder().setSize(d)));
        TensorProto.Builder t = TensorProto.newBuilder().setTensorShape(sp);
        String stored = quantization instanceof Map<?, ?> q ? String.valueOf(q.get("dtype")) : dtype;
        int width = switch (stored) {
            case "float16" -> 2;
            case "float32", "int32" -> 4;
            default -> throw new ModelSetException(modelJson + ": weight '" + name + "' is stored as " + stored
                    + "; supported: float32, int32, float16");
        };
        if (data.remaining() < n * width) {
            throw new ModelSetException(modelJson + ": weight files end inside weight '" + name + "' (needs "
                    + n * width + " bytes, " + data.remaining() + " left)");
        }
        ByteBuffer out = ByteBuffer.allocate((int) n * 4).order(ByteOrder.LITTLE_ENDIAN);
        if (stored.equals("float16")) {
            for (long i = 0; i < n; i++) {
                out.putFloat(Float16.toFloat(data.getShort()));
            }
        } else {
            byte[] raw = new byte[(int) n * 4];
            data.get(raw);
            out.put(raw);
        }
        t.setDtype(dtype.equals("int32") ? DataType.DT_INT32 : DataType.DT_FLOAT);
        return t.setTensorContent(ByteString.copyFrom(out.array())).build();
    }

    /** Rewrites TF.js fused convolutions as Conv2D / DepthwiseConv2dNative + BiasAdd [+ activation]. */
    static GraphDef expandFusedOps(GraphDef in, String where) {
        GraphDef.Builder out = GraphDef.newBuilder(in).clearNode();
        for (NodeDef n : in.getNodeList()) {
            String op = n.getOp();
            if (!op.equals("_FusedConv2D") && !op.equals("FusedDepthwiseConv2dNative")) {
                if (KNOWN_TFJS_ONLY.contains(op)) {
                    throw new ModelSetException(where + ": node '" + n.getName() + "' uses the TF.js-only op " + op
                            + ", which the importer cannot expand");
                }
                out.addNode(n);
                continue;
            }
            List<String> fused = new ArrayList<>();
            n.getAttrOrThrow("fused_ops").getList().getSList().forEach(b -> fused.add(b.toStringUtf8()));
            if (fused.isEmpty() || !fused.get(0).equals("BiasAdd") || fused.size() > 2
                    || fused.size() == 2 && !ACTIVATIONS.containsKey(fused.get(1))) {
                throw new ModelSetException(where + ": node '" + n.getName() + "' (" + op + ") fuses " + fused
                        + "; supported: [BiasAdd] optionally followed by one of " + ACTIVATIONS.keySet());
            }
            String base = op.equals("_FusedConv2D") ? "Conv2D" : "DepthwiseConv2dNative";
            NodeDef.Builder conv = NodeDef.newBuilder().setName(n.getName() + "/dff_conv").setOp(base)
                    .addInput(n.getInput(0)).addInput(n.getInput(1)).setDevice(n.getDevice());
            for (String a : List.of("T", "strides", "padding", "data_format", "dilations", "explicit_paddings")) {
                if (n.containsAttr(a)) {
                    conv.putAttr(a, n.getAttrOrThrow(a));
                }
            }
            if (base.equals("Conv2D") && n.containsAttr("use_cudnn_on_gpu")) {
                conv.putAttr("use_cudnn_on_gpu", n.getAttrOrThrow("use_cudnn_on_gpu"));
            }
            boolean act = fused.size() == 2;
            NodeDef.Builder bias = NodeDef.newBuilder().setName(act ? n.getName() + "/dff_bias" : n.getName())
                    .setOp("BiasAdd").addInput(conv.getName()).addInput(n.getInput(2)).putAttr("T", n.getAttrOrThrow("T"));
            if (n.containsAttr("data_format")) {
                bias.putAttr("data_format", n.getAttrOrThrow("data_format"));
            }
            // control inputs of the fused node stay on the first op
            for (int i = 3; i < n.getInputCount(); i++) {
                if (n.getInput(i).startsWith("^")) {
                    conv.addInput(n.getInput(i));
                }
            }
            out.addNode(conv);
            out.addNode(bias);
            if (act) {
                out.addNode(NodeDef.newBuilder().setName(n.getName()).setOp(ACTIVATIONS.get(fused.get(1)))
                        .addInput(bias.getName()).putAttr("T", n.getAttrOrThrow("T")));
            }
        }
        return out.build();
    }
}
