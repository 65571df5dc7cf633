package org.gstdff.core;

/** An axis-aligned box in pixel coordinates of some image; {@code x2 >= x1}, {@code y2 >= y1}. */
public record BoundingBox(double x1, double y1, double x2, double y2) {

    public BoundingBox {
        if (!(x2 >= x1) || !(y2 >= y1)) {
            throw new IllegalArgumentException("degenerate box: " + x1 + "," + y1 + "," + x2 + "," + y2);
        }
    }

    public double width() {
        return x2 - x1;
    }

    public double height() {
        return y2 - y1;
    }

    public double area() {
        return width() * height();
    }

    /** Intersection over union; 0 when the boxes do not overlap or both are empty. */
    public double iou(BoundingBox o) {
        double iw = Math.min(x2, o.x2) - Math.max(x1, o.x1);
        double ih = Math.min(y2, o.y2) - Math.max(y1, o.y1);
        if (iw <= 0 || ih <= 0) {
            return 0;
        }
        double inter = iw * ih;
        return inter / (area() + o.area() - inter);
    }

    /** Clamps the box into {@code [0,width] x [0,height]}. */
    public BoundingBox clamp(double width, double height) {
        double cx1 = Math.min(Math.max(x1, 0), width);
        double cy1 = Math.min(Math.max(y1, 0), height);
        double cx2 = Math.min(Math.max(x2, cx1), width);
        double cy2 = Math.min(Math.max(y2, cy1), height);
        return new BoundingBox(cx1, cy1, cx2, cy2);
    }
}
