package org.gstdff.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.gstdff.core.Detection;
import org.gstdff.core.FlowComposition;
import org.gstdff.core.FlowConsistency;
import org.gstdff.core.Frame;
import org.gstdff.engine.FlowField;
import org.gstdff.engine.FrameImage;
import org.gstdff.engine.FrameIngest;
import org.gstdff.model.DisFlowNet;

/**
 * The teacher's flow along training clips for chained training: DIS between consecutive frames (frame i+1 to frame
 * i), with its forward-backward check, computed the first time a chain needs it and kept (a long recording costs
 * only the links the steps reach); a chain's targets are these links composed back to the chain's first frame as
 * the engine composes the flow it runs ({@link FlowComposition}), so the student is taught the path the engine
 * takes, not one long jump (which DIS gets wrong far more often). With the detector's detections, each link takes
 * the boxes' motion on the objects the detector sees ({@link BoxMotion}).
 */
final class TeacherChains {

    /** One link: the teacher's flow from frame i+1 to frame i, and 1 where it passes its own check. */
    record Link(float[] flow, float[] visible) {
    }

    /**
     * A chain's targets on a {@code width x height} grid: for each length j = 1..n, the composed flow from frame
     * start+j back to frame start ({@code n*h*w*2} floats) and where every link of that path passes the check
     * ({@code n*h*w}).
     */
    record Targets(float[] flows, float[] visible, int length, int width, int height) {
    }

    /** The detector's detections on a frame of a clip, every candidate it keeps (asked once a frame). */
    interface FrameDetections {
        List<Detection> on(int clip, int frame);
    }

    private final List<FlowTrainer.Clip> clips;
    private final List<Link[]> links; // per clip, null until computed
    private final List<List<List<Detection>>> detections; // per clip and frame, null until asked
    private final DisFlowNet teacher;
    private final FrameIngest ingest;
    private final FrameDetections boxes;
    private final float threshold;
    private int width;
    private int height;

    /** DIS alone; the teacher is borrowed: the caller closes it. */
    TeacherChains(List<FlowTrainer.Clip> clips, DisFlowNet teacher, FrameIngest ingest) {
        this(clips, teacher, ingest, null, Float.NaN);
    }

    /**
     * DIS, and where {@code boxes} is not null the boxes' motion of the objects it finds at {@code threshold} or
     * more; the teacher is borrowed: the caller closes it.
     */
    TeacherChains(List<FlowTrainer.Clip> clips, DisFlowNet teacher, FrameIngest ingest, FrameDetections boxes,
            float threshold) {
        this.clips = clips;
        this.teacher = teacher;
        this.ingest = ingest;
        this.boxes = boxes;
        this.threshold = threshold;
        this.links = new ArrayList<>();
        this.detections = new ArrayList<>();
        for (FlowTrainer.Clip c : clips) {
            links.add(new Link[Math.max(0, c.frames().size() - 1)]);
            detections.add(new ArrayList<>(Collections.nCopies(c.frames().size(), null)));
        }
    }

    /** The targets of the chain of {@code length} links from frame {@code start} of clip {@code clip}. */
    Targets targets(int clip, int start, int length) {
        Link[] l = links.get(clip);
        if (start < 0 || length < 1 || start + length > l.length) {
            throw new IllegalArgumentException("a chain of " + length + " links from frame " + start + " of a clip "
                    + "with " + l.length + " links");
        }
        for (int i = start; i < start + length; i++) {
            if (l[i] == null) {
                l[i] = link(clip, i);
            }
        }
        return chain(Arrays.asList(l).subList(start, start + length), width, height);
    }

    /** DIS both ways between frames i and i+1 (~30 ms on 2 cores), and the boxes' motion if asked. */
    private Link link(int clipIndex, int i) {
        FlowTrainer.Clip clip = clips.get(clipIndex);
        try (FrameImage key = ingest.ingest(Frame.rgb(clip.frames().get(i), clip.width(), clip.height()));
                FrameImage cur = ingest.ingest(Frame.rgb(clip.frames().get(i + 1), clip.width(), clip.height()));
                FlowField fwd = teacher.estimate(key, cur);
                FlowField bwd = teacher.estimate(cur, key)) {
            width = fwd.width();
            height = fwd.height();
            float[] f = fwd.vectors(); // DIS's own array for this call, closed here: ours to write
            float[] visible = FlowConsistency.visible(f, bwd.vectors(), width, height);
            if (boxes != null) {
                BoxMotion.apply(f, visible, width, height, detected(clipIndex, i + 1), detected(clipIndex, i),
                        threshold, (double) width / clip.width(), (double) height / clip.height());
            }
            return new Link(f, visible);
        }
    }

    /** The detector's detections on a frame, asked the first time a link needs them (each frame serves two links). */
    private List<Detection> detected(int clip, int frame) {
        List<List<Detection>> d = detections.get(clip);
        if (d.get(frame) == null) {
            d.set(frame, boxes.on(clip, frame));
        }
        return d.get(frame);
    }

    /** Composes links (each from its frame to the one before) into the flows from each frame to the first. */
    static Targets chain(List<Link> links, int w, int h) {
        int n = links.size();
        float[] flows = new float[n * w * h * 2];
        float[] visible = new float[n * w * h];
        float[] toKey = null;
        float[] seen = null;
        for (int j = 0; j < n; j++) {
            Link l = links.get(j);
            toKey = toKey == null ? l.flow().clone() : FlowComposition.compose(l.flow(), toKey, w, h);
            seen = seen == null ? l.visible().clone() : FlowComposition.composeMask(l.flow(), l.visible(), seen, w, h);
            System.arraycopy(toKey, 0, flows, j * w * h * 2, w * h * 2);
            System.arraycopy(seen, 0, visible, j * w * h, w * h);
        }
        return new Targets(flows, visible, n, w, h);
    }
}
