package org.gstdff.model;

/** A model set that cannot be used, with a message naming the file, tensor or field and what was expected. */
public class ModelSetException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ModelSetException(String message) {
        super(message);
    }

    public ModelSetException(String message, Throwable cause) {
        super(message, cause);
    }
}
