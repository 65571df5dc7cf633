package org.gstdff.cli;

import java.util.ArrayList;
import java.util.List;

import org.gstdff.model.DisFlowNet;
import org.gstdff.model.FlowPrecision;
import org.gstdff.model.FlowRefine;

/**
 * A flow the measuring commands compare: {@code model} (the set's flow network; {@code model@float32} or
 * {@code model@bfloat16} for the element's flow-precision, auto otherwise) or {@code dis:PRESET[:WIDTH]} (OpenCV DIS
 * at a preset and width in pixels, e.g. {@code dis:ultrafast:256}), optionally followed by {@code +lk} or
 * {@code +none} (the element's flow-refine: Lucas-Kanade steps or none; as the set says otherwise) and by
 * {@code :chain} or {@code :direct} (the element's flow-path; its default otherwise); written as {@code dff}
 * properties.
 */
record FlowOption(String name, DisFlowNet.Settings dis, String path, FlowRefine refine, FlowPrecision precision) {

    static final FlowOption MODEL = new FlowOption("model", null, "auto", FlowRefine.AUTO, FlowPrecision.AUTO);

    /** Parses one option, naming what is wrong. */
    static FlowOption parse(String text) throws Main.UsageException {
        String t = text.trim();
        String path = t.endsWith(":direct") ? "direct" : t.endsWith(":chain") ? "chain" : "auto";
        String base = path.equals("auto") ? t : t.substring(0, t.length() - path.length() - 1);
        FlowRefine refine = base.endsWith("+lk") ? FlowRefine.LUCAS_KANADE
                : base.endsWith("+none") ? FlowRefine.NONE : FlowRefine.AUTO;
        if (refine != FlowRefine.AUTO) {
            base = base.substring(0, base.lastIndexOf('+'));
        }
        if (base.equals("model") || base.startsWith("model@")) {
            try {
                return new FlowOption(t, null, path, refine, base.equals("model") ? FlowPrecision.AUTO
                        : FlowPrecision.parse(base.substring("model@".length())));
            } catch (IllegalArgumentException e) {
                throw new Main.UsageException("flow '" + text + "': " + e.getMessage());
            }
        }
        String[] p = base.split(":");
        if (p[0].equals("dis") && p.length >= 2 && p.length <= 3) {
            try {
                DisFlowNet.Preset preset = DisFlowNet.Preset.parse(p[1]);
                int width = p.length == 3 ? Integer.parseInt(p[2]) : 0;
                return new FlowOption(t, new DisFlowNet.Settings(preset, width), path, refine, FlowPrecision.AUTO);
            } catch (IllegalArgumentException e) {
                throw new Main.UsageException("flow '" + text + "': " + e.getMessage());
            }
        }
        throw new Main.UsageException("flow '" + text + "': expected model[@PRECISION] or dis:PRESET[:WIDTH], "
                + "optionally followed by +lk or +none and by :chain or :direct (PRECISION float32 or bfloat16; "
                + "PRESET ultrafast, fast or medium; WIDTH in pixels, e.g. dis:ultrafast:256+lk:chain)");
    }

    /** "model,dis:ultrafast:256" -> both. */
    static List<FlowOption> parseList(String text) throws Main.UsageException {
        List<FlowOption> out = new ArrayList<>();
        for (String s : text.split(",")) {
            out.add(parse(s));
        }
        return out;
    }

    /** For picocli: one option (a list option splits on commas first). */
    static final class Converter implements picocli.CommandLine.ITypeConverter<FlowOption> {
        @Override
        public FlowOption convert(String value) throws Main.UsageException {
            return parse(value);
        }
    }

    /** The {@code dff} properties that select this flow. */
    String properties() {
        return (dis == null ? "flow=model" : "flow=dis dis-preset=" + dis.preset().nick() + " dis-width=" + dis.width())
                + " flow-path=" + path + " flow-refine=" + refine.nick()
                + (precision != FlowPrecision.AUTO ? " flow-precision=" + precision.nick() : "");
    }

    @Override
    public String toString() {
        return name;
    }
}
