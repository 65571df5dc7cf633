package org.gstdff.core;

/** One detected object: class, confidence and box in frame pixels. */
public record Detection(int labelId, String label, float confidence, BoundingBox box) {
}
