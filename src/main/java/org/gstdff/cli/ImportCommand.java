package org.gstdff.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import java.nio.file.Path;

import org.gstdff.model.ModelManifest;
import org.gstdff.model.imports.DetectorImporter;
import org.gstdff.model.imports.DetectorPresets;

/**
 * {@code dff import centernet|ssd --model PATH [--labels PBTXT] [--split TENSOR] --out DIR}: turns a pretrained
 * detector (TF.js graph model, or TF SavedModel including TF1 frozen exports) into a model set: feature / task split,
 * zero flow until a learned one is trained.
 */
@Command(name = "import", mixinStandardHelpOptions = true, description = {
        "Split a detector into a model set (feature, flow and task networks).",
        "  dff import centernet --model PATH/centernet.json [--split TENSOR] --out DIR",
        "  dff import ssd --model SAVED_MODEL_DIR --labels LABEL_MAP.pbtxt [--split TENSOR] --out DIR"})
final class ImportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "KIND", description = "centernet or ssd")
    String kind;

    @Option(names = "--model", required = true, paramLabel = "PATH", description = "the detector")
    Path model;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "the model set to write")
    Path out;

    @Option(names = "--labels", paramLabel = "FILE", description = "label map (ssd)")
    Path labels;

    @Option(names = "--split", paramLabel = "TENSOR", description = "where to split (default: the preset's)")
    String split;

    @Override
    public Integer call() throws Exception {
        DetectorImporter.Spec spec = switch (kind) {
            case "centernet" -> DetectorPresets.centernet(model, split == null ? DetectorPresets.CENTERNET_SPLIT : split);
            case "ssd" -> {
                if (labels == null) {
                    throw new Main.UsageException("import ssd needs --labels LABEL_MAP.pbtxt");
                }
                yield DetectorPresets.ssd(model, labels, split == null ? DetectorPresets.SSD_SPLIT : split);
            }
            default -> throw new Main.UsageException("unknown detector '" + kind + "': expected centernet or ssd");
        };
        long t0 = System.nanoTime();
        ModelManifest m = DetectorImporter.write(spec, out);
        System.out.printf("imported %s into %s in %.1f s: input %dx%d, feature map stride %d, %d channels, %d labels%n",
                m.name(), out, (System.nanoTime() - t0) / 1e9, m.inputWidth(), m.inputHeight(), m.featureStride(),
                m.featureChannels(), m.labels().size());
        return 0;
    }
}
