package org.gstdff.model.imports;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.gstdff.model.ModelSetException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;

import com.google.protobuf.ByteString;

class ImporterErrorsTest {

    @TempDir
    Path tmp;

    @Test
    void missingSplitTensorIsNamed() {
        DetectorImporter.Spec spec = DetectorPresets.centernet(RealModels.centernetJson(), "tower_0/nope:0");
        ModelSetException e = assertThrows(ModelSetException.class, () -> DetectorImporter.write(spec, tmp.resolve("o")));
        assertTrue(e.getMessage().contains("tensor 'tower_0/nope:0' not found"), e.getMessage());
    }

    @Test
    void splitThatIsNotAFeatureMapIsRejected() {
        DetectorImporter.Spec spec = DetectorPresets.centernet(RealModels.centernetJson(), "tower_0/detections:0");
        ModelSetException e = assertThrows(ModelSetException.class, () -> DetectorImporter.write(spec, tmp.resolve("o")));
        assertTrue(e.getMessage().contains("a feature map [1,h,w,C] is needed"), e.getMessage());
    }

    @Test
    void truncatedWeightsAreNamed() throws IOException {
        Path json = tmp.resolve("centernet.json");
        Files.copy(RealModels.centernetJson(), json);
        byte[] bin = Files.readAllBytes(RealModels.centernetJson().resolveSibling("centernet.bin"));
        Files.write(tmp.resolve("centernet.bin"), java.util.Arrays.copyOf(bin, bin.length / 2));
        ModelSetException e = assertThrows(ModelSetException.class, () -> TfjsGraphModel.read(json));
        assertTrue(e.getMessage().contains("weight files end inside weight"), e.getMessage());
    }

    @Test
    void missingModelFileIsNamed() {
        Path p = tmp.resolve("absent.json");
        ModelSetException e = assertThrows(ModelSetException.class, () -> TfjsGraphModel.read(p));
        assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
    }

    static NodeDef fused(String op, String... fusedOps) {
        AttrValue.ListValue.Builder l = AttrValue.ListValue.newBuilder();
        for (String f : fusedOps) {
            l.addS(ByteString.copyFromUtf8(f));
        }
        return NodeDef.newBuilder().setName("n").setOp(op).addInput("x").addInput("w").addInput("b")
                .putAttr("fused_ops", AttrValue.newBuilder().setList(l).build())
                .putAttr("T", AttrValue.newBuilder().setType(org.tensorflow.proto.DataType.DT_FLOAT).build()).build();
    }

    @Test
    void fusedOpsExpandIntoStandardOps() {
        GraphDef g = TfjsGraphModel.expandFusedOps(GraphDef.newBuilder().addNode(fused("_FusedConv2D", "BiasAdd",
                "Relu")).build(), "test");
        assertTrue(g.getNodeCount() == 3 && g.getNode(0).getOp().equals("Conv2D") && g.getNode(1).getOp().equals(
                "BiasAdd") && g.getNode(2).getOp().equals("Relu") && g.getNode(2).getName().equals("n"), g.toString());
        GraphDef d = TfjsGraphModel.expandFusedOps(GraphDef.newBuilder().addNode(fused("FusedDepthwiseConv2dNative",
                "BiasAdd")).build(), "test");
        assertTrue(d.getNodeCount() == 2 && d.getNode(0).getOp().equals("DepthwiseConv2dNative")
                && d.getNode(1).getName().equals("n"), d.toString());
    }

    @Test
    void unsupportedFusionsAndTfjsOnlyOpsAreNamed() {
        ModelSetException e = assertThrows(ModelSetException.class, () -> TfjsGraphModel.expandFusedOps(
                GraphDef.newBuilder().addNode(fused("_FusedConv2D", "BiasAdd", "Prelu")).build(), "m.json"));
        assertTrue(e.getMessage().contains("node 'n' (_FusedConv2D) fuses [BiasAdd, Prelu]"), e.getMessage());
        e = assertThrows(ModelSetException.class, () -> TfjsGraphModel.expandFusedOps(
                GraphDef.newBuilder().addNode(fused("_FusedMatMul", "BiasAdd")).build(), "m.json"));
        assertTrue(e.getMessage().contains("TF.js-only op _FusedMatMul"), e.getMessage());
    }

    @Test
    void float16Conversion() {
        assertTrue(Float16.toFloat((short) 0x3c00) == 1f);
        assertTrue(Float16.toFloat((short) 0xc000) == -2f);
        assertTrue(Float16.toFloat((short) 0x0001) == 0x1p-24f);
        assertTrue(Float16.toFloat((short) 0x7bff) == 65504f);
        assertTrue(Float.isInfinite(Float16.toFloat((short) 0x7c00)));
    }
}
