package org.gstdff.gst;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * {@link GstLayout} against the installed GStreamer: each offset and size as GObject introspection reports it
 * (python3-gi, which ./dff installs with the GStreamer packages, reading the Gst, GstVideo and GLib typelibs).
 */
class GstLayoutTest {

    private static final String SCRIPT = String.join("\n",
            "import sys, gi",
            "gi.require_version('GIRepository', '2.0')",
            "from gi.repository import GIRepository as G",
            "r = G.Repository.get_default()",
            "for ns in ('Gst', 'GstVideo', 'GLib'):",
            "    r.require(ns, '1.0' if ns != 'GLib' else '2.0', 0)",
            "for line in sys.stdin:",
            "    ns, struct, field = line.split()",
            "    info = r.find_by_name(ns, struct)",
            "    if field == 'sizeof':",
            "        print(G.struct_info_get_size(info)); continue",
            "    fs = [G.struct_info_get_field(info, i) for i in range(G.struct_info_get_n_fields(info))]",
            "    print([G.field_info_get_offset(f) for f in fs if f.get_name() == field][0])");

    @Test
    void offsetsMatchTheInstalledGStreamer() throws Exception {
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("Gst MiniObject sizeof", GstLayout.MINI_OBJECT_SIZE);
        expected.put("Gst MiniObject flags", GstLayout.MINI_OBJECT_FLAGS);
        expected.put("Gst Buffer pts", GstLayout.BUFFER_PTS);
        expected.put("Gst Buffer dts", GstLayout.BUFFER_DTS);
        expected.put("Gst Buffer duration", GstLayout.BUFFER_DURATION);
        expected.put("Gst Event type", GstLayout.EVENT_TYPE);
        expected.put("Gst Query type", GstLayout.EVENT_TYPE);
        expected.put("Gst MapInfo sizeof", GstLayout.MAP_INFO_SIZE);
        expected.put("Gst MapInfo data", GstLayout.MAP_INFO_DATA);
        expected.put("Gst MapInfo size", GstLayout.MAP_INFO_SIZE_FIELD);
        expected.put("Gst PadProbeInfo type", GstLayout.PROBE_INFO_TYPE);
        expected.put("Gst PadProbeInfo data", GstLayout.PROBE_INFO_DATA);
        expected.put("Gst Segment sizeof", GstLayout.SEGMENT_SIZE);
        expected.put("GstVideo VideoRegionOfInterestMeta roi_type", GstLayout.ROI_META_TYPE);
        expected.put("GstVideo VideoRegionOfInterestMeta x", GstLayout.ROI_META_X);
        expected.put("GLib Error message", GstLayout.ERROR_MESSAGE);
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", SCRIPT).redirectErrorStream(true).start();
        p.getOutputStream().write(String.join("\n", expected.keySet()).concat("\n").getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        List<String> got = out.lines().toList();
        assertEquals(expected.size(), got.size(), out);
        int i = 0;
        for (Map.Entry<String, Integer> e : expected.entrySet()) {
            assertEquals(e.getValue().intValue(), Integer.parseInt(got.get(i++).trim()), e.getKey());
        }
    }
}
