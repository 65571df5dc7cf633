package org.gstdff.examples;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.freedesktop.gstreamer.Bus;
import org.freedesktop.gstreamer.Element;
import org.freedesktop.gstreamer.ElementFactory;
import org.freedesktop.gstreamer.Pipeline;
import org.freedesktop.gstreamer.State;
import org.gstdff.core.Detection;
import org.gstdff.gst.DffElement;

/**
 * A Java application that builds its own pipeline, inserts a dff element and reacts to detections through a
 * listener: it prints the moments when the number of people in view changes.
 * <pre>./dff example CountPeople INPUT [MAX_SECONDS]</pre>
 */
public final class CountPeople {

    private CountPeople() {
    }

    public static int run(String... args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: CountPeople INPUT [MAX_SECONDS]");
            return 2;
        }
        AtomicInteger last = new AtomicInteger(-1);
        AtomicInteger changes = new AtomicInteger();
        DffElement dff = DffElement.builder().name("detector").keyInterval(10).listener((element, pts, result) -> {
            int people = 0;
            for (Detection d : result.detections()) {
                if (d.label().equals("person")) {
                    people++;
                }
            }
            if (last.getAndSet(people) != people) {
                changes.incrementAndGet();
                System.out.printf("%8.2f s  %d people%s%n", pts / 1e9, people, result.keyFrame() ? "" : " (propagated)");
            }
        }).build();

        Pipeline pipeline = new Pipeline("count-people");
        Element src = ElementFactory.make("filesrc", "src");
        src.set("location", args[0]);
        Element decode = ElementFactory.make("decodebin", "decode");
        Element convert = ElementFactory.make("videoconvert", "convert");
        Element sink = ElementFactory.make("fakesink", "sink");
        pipeline.addMany(src, decode, convert, dff, sink);
        Element.linkMany(src, decode);
        Element.linkMany(convert, dff, sink);
        // decodebin's video pad appears once it has seen the stream
        decode.connect((Element.PAD_ADDED) (element, pad) -> {
            if (pad.getCurrentCaps().getStructure(0).getName().startsWith("video/")) {
                pad.link(convert.getStaticPad("sink"));
            }
        });
        CompletableFuture<String> end = new CompletableFuture<>();
        pipeline.getBus().connect((Bus.EOS) s -> end.complete(null));
        pipeline.getBus().connect((Bus.ERROR) (s, code, message) -> end.complete(s.getName() + ": " + message));
        try {
            dff.prepare(); // load the model now: a bad model fails here, before anything plays
            pipeline.play();
            String error = end.get(args.length > 1 ? Long.parseLong(args[1]) : 3600, TimeUnit.SECONDS);
            if (error != null) {
                System.err.println("ERROR " + error);
                return 1;
            }
            System.out.println(dff.summary());
            System.out.println(changes.get() + " changes in the number of people");
            return 0;
        } finally {
            pipeline.setState(State.NULL);
            dff.close();
            pipeline.dispose();
        }
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }
}
