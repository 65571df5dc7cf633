package org.gstdff.gst;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.gstdff.core.DetectionJson;
import org.gstdff.core.Json;
import org.gstdff.core.Redaction;

import com.sun.jna.Pointer;

/**
 * The {@code dffpublish} element: passes buffers through unchanged and publishes each frame's detections to an MQTT
 * broker as one JSON message in {@code dffjson}'s layout plus {@code stream} (which camera). Publishing never blocks
 * the stream ({@link MqttPublisher}); at EOS it waits up to {@code drain-timeout} for the messages still queued.
 * Posts {@code dffpublish-stats} element messages (published, dropped, pending, connected, reconnections) once a
 * second.
 */
public final class DffPublishElement extends PassThroughElement {

    public static final String FACTORY = "dffpublish";
    public static final String DESCRIPTION = "Publishes each frame's detections as a JSON message to an MQTT broker";

    public static final List<PropertySpec> PROPERTIES = List.of(
            PropertySpec.ofString("address", null, "MQTT broker, tcp://HOST:PORT (tcp://USER:PASSWORD@HOST:PORT "
                    + "to log in; the password is never printed)", false),
            PropertySpec.ofString("topic", "gst-dff/detections", "Topic each frame's message is published to", false),
            PropertySpec.ofInt("qos", 1, 0, 1, "MQTT quality of service: 0 at most once, 1 at least once", false),
            PropertySpec.ofString("client-id", null, "MQTT client id; null: gst-dff-ELEMENT-PID", false),
            PropertySpec.ofString("stream", null, "The stream's name in each message (e.g. the camera); null: the "
                    + "element's name", false),
            PropertySpec.ofBoolean("wait-for-broker", false, "false: an unreachable broker at start is an error; "
                    + "true: start anyway and buffer until it is reachable", false),
            PropertySpec.ofInt("max-pending", 1000, 1, 1000000, "Messages buffered while the broker is slow or "
                    + "gone; beyond it the oldest is dropped (counted)", false),
            PropertySpec.ofDouble("drain-timeout", 5, 0, 3600, "Seconds EOS waits for queued messages to go out",
                    false));

    private MqttPublisher publisher; // guarded by this
    private String stream;
    private long lastStatsNanos; // streaming thread only

    public DffPublishElement(String name) {
        super(name, FACTORY, PROPERTIES);
    }

    @Override
    protected synchronized boolean started() {
        return publisher != null;
    }

    /** Connects (or, with wait-for-broker, starts connecting); a bad or unreachable address is an error now. */
    @Override
    public synchronized void prepare() {
        if (publisher != null) {
            return;
        }
        String address = props.getString("address");
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException(getName() + ": property 'address' is required (tcp://HOST:PORT)");
        }
        String id = props.getString("client-id");
        if (id == null) {
            id = "gst-dff-" + getName() + "-" + ProcessHandle.current().pid();
        }
        stream = props.getString("stream") != null ? props.getString("stream") : getName();
        publisher = new MqttPublisher(getName(), address, id, props.getString("topic"), props.getInt("qos"),
                props.getInt("max-pending"), props.getBoolean("wait-for-broker"));
    }

    @Override
    protected int onBuffer(int type, Pointer info) {
        MqttPublisher p;
        synchronized (this) {
            prepare();
            p = publisher;
        }
        Pointer buffer = RawProbe.data(info);
        int[] size = frameSize();
        FrameMeta.Read r = FrameMeta.read(buffer, size[0], size[1]);
        Map<String, Object> m = DetectionJson.frame(RawBuffer.pts(buffer), size[0], size[1], r.keyFrame(),
                r.keyReason(), r.framesSinceKey(), r.detections());
        m.put("stream", stream);
        p.offer(Json.write(m));
        postStatsIfDue(p);
        return RawProbe.OK;
    }

    private void postStatsIfDue(MqttPublisher p) {
        long now = System.nanoTime();
        if (now - lastStatsNanos < 1_000_000_000L) {
            return;
        }
        lastStatsNanos = now;
        MqttPublisher.Counts c = p.counts();
        GstNative.postElementMessage(self, String.format(Locale.ROOT, "dffpublish-stats, published=(guint64)%d, "
                + "dropped=(guint64)%d, pending=(int)%d, connected=(boolean)%s, reconnections=(guint64)%d",
                c.published(), c.dropped(), c.pending(), c.connected(), c.reconnections()));
    }

    @Override
    protected void onEos() {
        MqttPublisher p;
        synchronized (this) {
            p = publisher;
        }
        if (p == null) {
            return;
        }
        try {
            if (!p.drain((long) (props.getDouble("drain-timeout") * 1000))) {
                GstNative.postElementMessage(self, "dffpublish-warning, text=(string)\"EOS: messages still queued "
                        + "after drain-timeout\"");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Counters now (zeros before start). */
    public synchronized MqttPublisher.Counts counts() {
        return publisher == null ? new MqttPublisher.Counts(0, 0, 0, false, 0) : publisher.counts();
    }

    @Override
    public synchronized void close() {
        if (publisher != null) {
            publisher.close();
            publisher = null;
        }
    }

    @Override
    public String summary() {
        MqttPublisher.Counts c = counts();
        return Redaction.text(String.format(Locale.ROOT, "%s: %d messages published to %s topic %s, %d dropped, %d "
                + "pending, %d reconnections", getName(), c.published(), Redaction.uri(String.valueOf(
                        props.getString("address"))), props.getString("topic"), c.dropped(), c.pending(),
                c.reconnections()));
    }
}
