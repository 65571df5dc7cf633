package org.gstdff.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The box tracker that interval-skipping products run between inference frames (DeepStream's nvtracker, DL
 * Streamer's gvatrack), on a dense flow field: each key-frame detection is moved by the median flow inside its box.
 * No detection head runs, so it is the cheapest way to fill the frames between key frames, and the honest baseline
 * for propagating features.
 * <p>
 * The flow is backward (current frame to key frame, as DFF uses it): on the current frame's cells that show an
 * object which moved by {@code d} since the key frame, it reads {@code -d}. So the displacement is found as a fixed
 * point, {@code d = -median(flow over the key box moved by d)}, started from the previous frame's {@code d} (motion
 * is continuous) and iterated twice.
 */
public final class BoxTracker {

    private static final int ITERATIONS = 2;
    /** Flow samples per box at most: large boxes are read on a coarser lattice. */
    private static final int MAX_SAMPLES = 256;

    private List<Detection> key = List.of();
    private float[] dx = new float[0];
    private float[] dy = new float[0];
    private final float[] sx = new float[MAX_SAMPLES * 4];
    private final float[] sy = new float[MAX_SAMPLES * 4];

    /** Starts from a key frame's detections (in frame pixels). */
    public void start(List<Detection> keyDetections) {
        key = List.copyOf(keyDetections);
        dx = new float[key.size()];
        dy = new float[key.size()];
    }

    /**
     * The key frame's detections moved to the current frame; a box moved wholly out of the frame is dropped.
     *
     * @param flow        {@code gw*gh*2} floats (dx, dy) in grid cells, current frame to key frame; grid position
     *                    {@code x} is frame position {@code x * frameWidth / gw}
     * @param frameWidth  the frame's size in pixels (the boxes' space)
     * @param frameHeight likewise
     */
    public List<Detection> track(float[] flow, int gw, int gh, int frameWidth, int frameHeight) {
        if (flow.length != gw * gh * 2) {
            throw new IllegalArgumentException("flow holds " + flow.length + " floats, a " + gw + "x" + gh
                    + " grid needs " + gw * gh * 2);
        }
        double cellsPerPxX = (double) gw / frameWidth;
        double cellsPerPxY = (double) gh / frameHeight;
        List<Detection> out = new ArrayList<>(key.size());
        for (int i = 0; i < key.size(); i++) {
            Detection d = key.get(i);
            BoundingBox b = d.box();
            double x1 = b.x1() * cellsPerPxX;
            double x2 = b.x2() * cellsPerPxX;
            double y1 = b.y1() * cellsPerPxY;
            double y2 = b.y2() * cellsPerPxY;
            for (int it = 0; it < ITERATIONS; it++) {
                int n = sample(flow, gw, gh, x1 + dx[i], y1 + dy[i], x2 + dx[i], y2 + dy[i]);
                dx[i] = -median(sx, n);
                dy[i] = -median(sy, n);
            }
            double mx = dx[i] / cellsPerPxX;
            double my = dy[i] / cellsPerPxY;
            BoundingBox moved = new BoundingBox(b.x1() + mx, b.y1() + my, b.x2() + mx, b.y2() + my)
                    .clamp(frameWidth, frameHeight);
            if (moved.area() > 0) {
                out.add(new Detection(d.labelId(), d.label(), d.confidence(), moved));
            }
        }
        return out;
    }

    /** Reads the flow at the cells inside a box (grid units) into sx, sy; the nearest cell when none is inside. */
    private int sample(float[] flow, int gw, int gh, double x1, double y1, double x2, double y2) {
        int cx0 = Math.max(0, (int) Math.ceil(x1));
        int cx1 = Math.min(gw - 1, (int) Math.floor(x2));
        int cy0 = Math.max(0, (int) Math.ceil(y1));
        int cy1 = Math.min(gh - 1, (int) Math.floor(y2));
        if (cx0 > cx1 || cy0 > cy1) {
            int x = clamp((int) Math.round((x1 + x2) / 2), gw);
            int y = clamp((int) Math.round((y1 + y2) / 2), gh);
            sx[0] = flow[2 * (y * gw + x)];
            sy[0] = flow[2 * (y * gw + x) + 1];
            return 1;
        }
        int cells = (cx1 - cx0 + 1) * (cy1 - cy0 + 1);
        int step = (int) Math.ceil(Math.sqrt((double) cells / MAX_SAMPLES));
        int n = 0;
        for (int y = cy0; y <= cy1; y += step) {
            for (int x = cx0; x <= cx1; x += step) {
                int p = 2 * (y * gw + x);
                sx[n] = flow[p];
                sy[n++] = flow[p + 1];
            }
        }
        return n;
    }

    private static int clamp(int v, int size) {
        return Math.min(size - 1, Math.max(0, v));
    }

    /** The median of a[0..n) (the mean of the middle two for even n); reorders a. */
    static float median(float[] a, int n) {
        Arrays.sort(a, 0, n);
        return n % 2 == 1 ? a[n / 2] : (a[n / 2 - 1] + a[n / 2]) / 2;
    }
}
