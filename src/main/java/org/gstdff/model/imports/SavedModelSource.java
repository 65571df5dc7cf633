package org.gstdff.model.imports;

import java.nio.file.Files;
import java.nio.file.Path;

import org.gstdff.model.ModelSetException;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.proto.GraphDef;

/** Reads a TensorFlow SavedModel's graph as a GraphDef; frozen TF1 exports (weights as constants) included. */
public final class SavedModelSource {

    private SavedModelSource() {
    }

    public static GraphDef read(Path dir) {
        if (!Files.isRegularFile(dir.resolve("saved_model.pb"))) {
            throw new ModelSetException("SavedModel " + dir + " not found (no saved_model.pb)");
        }
        try (SavedModelBundle b = SavedModelBundle.load(dir.toString(), SavedModelBundle.DEFAULT_TAG)) {
            return b.graph().toGraphDef();
        } catch (RuntimeException e) {
            throw new ModelSetException("cannot load SavedModel " + dir + ": " + e.getMessage(), e);
        }
    }
}
