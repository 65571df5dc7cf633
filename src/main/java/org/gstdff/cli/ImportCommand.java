package org.gstdff.cli;

import java.nio.file.Path;

import org.gstdff.model.ModelManifest;
import org.gstdff.model.imports.DetectorImporter;
import org.gstdff.model.imports.DetectorPresets;

/**
 * {@code dff import centernet|ssd --model PATH [--labels PBTXT] [--split TENSOR] --out DIR}: turns a pretrained
 * detector (TF.js graph model, or TF SavedModel including TF1 frozen exports) into a model set: feature / task split,
 * zero flow until a learned one is trained.
 */
final class ImportCommand implements Main.Command {

    @Override
    public int run(String[] args) throws Exception {
        if (args.length < 1) {
            throw usage();
        }
        String kind = args[0];
        Path model = null;
        Path out = null;
        Path labels = null;
        String split = null;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--model" -> model = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--split" -> split = args[++i];
                case "--labels" -> labels = Path.of(args[++i]);
                default -> throw usage();
            }
        }
        if (model == null || out == null) {
            throw usage();
        }
        DetectorImporter.Spec spec = switch (kind) {
            case "centernet" -> DetectorPresets.centernet(model, split == null ? DetectorPresets.CENTERNET_SPLIT : split);
            case "ssd" -> {
                if (labels == null) {
                    throw usage();
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

    private static Main.UsageException usage() {
        return new Main.UsageException("usage: dff import centernet --model PATH/centernet.json [--split TENSOR] --out DIR\n"
                + "       dff import ssd --model SAVED_MODEL_DIR --labels LABEL_MAP.pbtxt [--split TENSOR] --out DIR");
    }
}
