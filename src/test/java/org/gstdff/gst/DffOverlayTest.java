package org.gstdff.gst;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.gstdff.TestModels;
import org.gstdff.core.FramePainter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DffOverlayTest {

    @Test
    void drawsBoxesInClassColoursAndTheKeyBadgeOnEveryFrame() throws Exception {
        try (PipelineLauncher l = PipelineLauncher.build("videotestsrc num-buffers=6 pattern=black ! "
                + "video/x-raw,format=RGB,width=320,height=240 ! dff model=" + TestModels.tiny()
                + " threshold=0 key-interval=3 ! tee name=t t. ! queue ! dffoverlay name=ov ! fakesink "
                + "t. ! queue ! identity name=plain ! fakesink")) {
            FrameGrabber drawn = FrameGrabber.on(l.pipeline().getElementByName("ov"), Set.of(0, 1));
            FrameGrabber plain = FrameGrabber.on(l.pipeline().getElementByName("plain"), Set.of(0));
            FrameRecorder rec = FrameRecorder.on(l.pipeline().getElementByName("plain"));
            assertEquals(PipelineLauncher.Outcome.EOS, l.run(30_000, null), l.error());
            Map<Integer, BufferedImage> d = drawn.images();
            BufferedImage key = d.get(0);
            // the other tee branch still sees the untouched black frame: drawing made its own copy
            assertEquals(0, plain.images().get(0).getRGB(100, 100) & 0xffffff);
            var det = rec.frames().get(0).meta().detections().get(0);
            int x = (int) Math.round(det.box().x1());
            int y = (int) Math.round(det.box().y2()) - 1;
            assertEquals(FramePainter.colorFor(det.labelId()), key.getRGB(x, y) & 0xffffff, "box edge colour");
            // KEY badge (orange) at the top left of the key frame, grey "+1" badge on the next
            assertEquals(0xFFA500, key.getRGB(1 + 4, 1 + 4) & 0xffffff);
            assertEquals(0x404040, d.get(1).getRGB(5, 5) & 0xffffff);
            long coloured = 0;
            for (int yy = 0; yy < 240; yy++) {
                for (int xx = 0; xx < 320; xx++) {
                    coloured += (key.getRGB(xx, yy) & 0xffffff) != 0 ? 1 : 0;
                }
            }
            assertTrue(coloured > 1000, "boxes and labels drawn: " + coloured + " pixels");
        }
    }
}
