package org.gstdff.train;

import java.util.ArrayList;
import java.util.List;

import org.gstdff.core.FlowComposition;
import org.gstdff.core.FlowConsistency;
import org.gstdff.core.Frame;
import org.gstdff.engine.FlowField;
import org.gstdff.engine.FrameImage;
import org.gstdff.engine.FrameIngest;
import org.gstdff.model.DisFlowNet;

/**
 * The teacher's flow along training clips for chained training: DIS between every pair of consecutive frames
 * (frame i+1 to frame i), with its forward-backward check, computed once per clip; a chain's targets are these links
 * composed back to the chain's first frame as the engine composes the flow it runs ({@link FlowComposition}), so the
 * student is taught the path the engine takes, not one long jump (which DIS gets wrong far more often).
 */
final class TeacherChains {

    /** One link: the teacher's flow from frame i+1 to frame i, and 1 where it passes its own check. */
    record Link(float[] flow, float[] visible) {
    }

    /**
     * A chain's targets: for each length j = 1..n, the composed flow from frame start+j back to frame start
     * ({@code n*h*w*2} floats) and where every link of that path passes the check ({@code n*h*w}).
     */
    record Targets(float[] flows, float[] visible, int length) {
    }

    private final List<List<Link>> clips;
    private final int width;
    private final int height;

    private TeacherChains(List<List<Link>> clips, int width, int height) {
        this.clips = clips;
        this.width = width;
        this.height = height;
    }

    /** Runs the teacher both ways on every consecutive pair of every clip (~30 ms a pair on 2 cores). */
    static TeacherChains compute(List<FlowTrainer.Clip> clips, DisFlowNet teacher, FrameIngest ingest) {
        List<List<Link>> all = new ArrayList<>();
        int w = 0;
        int h = 0;
        for (FlowTrainer.Clip clip : clips) {
            List<Link> links = new ArrayList<>();
            FrameImage previous = null;
            try {
                for (byte[] pixels : clip.frames()) {
                    FrameImage cur = ingest.ingest(Frame.rgb(pixels, clip.width(), clip.height()));
                    if (previous != null) {
                        try (FlowField fwd = teacher.estimate(previous, cur);
                                FlowField bwd = teacher.estimate(cur, previous)) {
                            float[] f = fwd.vectors();
                            links.add(new Link(f, FlowConsistency.visible(f, bwd.vectors(), fwd.width(),
                                    fwd.height())));
                            w = fwd.width();
                            h = fwd.height();
                        }
                        previous.close();
                    }
                    previous = cur;
                }
            } finally {
                if (previous != null) {
                    previous.close();
                }
            }
            all.add(links);
        }
        return new TeacherChains(all, w, h);
    }

    /** The targets of the chain of {@code length} links from frame {@code start} of clip {@code clip}. */
    Targets targets(int clip, int start, int length) {
        List<Link> links = clips.get(clip);
        if (start < 0 || start + length > links.size()) {
            throw new IllegalArgumentException("a chain of " + length + " links from frame " + start + " of a clip "
                    + "with " + links.size() + " links");
        }
        return chain(links.subList(start, start + length), width, height);
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
        return new Targets(flows, visible, n);
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }
}
