package org.gstdff.gst;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.gstdff.TestModels;
import org.gstdff.core.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** dffpublish against a real Mosquitto broker on 127.0.0.1, killed and restarted mid-run. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public class DffPublishTest {

    @TempDir
    Path tmp;

    private static final String FRAMES = "videotestsrc is-live=%s num-buffers=%d pattern=ball ! "
            + "video/x-raw,format=RGB,width=160,height=120,framerate=10/1 ! ";

    /** A subscriber that resubscribes whenever it reconnects (the broker keeps nothing across a restart). */
    public static final class Subscriber implements AutoCloseable {
        public final List<Map<?, ?>> messages = new CopyOnWriteArrayList<>();
        final MqttClient client;

        public Subscriber(String address, String topic) throws Exception {
            client = new MqttClient(address, "test-sub-" + System.nanoTime(), new MemoryPersistence());
            client.setCallback(new MqttCallbackExtended() {
                @Override
                public void connectComplete(boolean reconnect, String serverURI) {
                    try {
                        client.subscribe(topic, 1);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }

                @Override
                public void connectionLost(Throwable cause) {
                }

                @Override
                public void messageArrived(String t, MqttMessage m) {
                    messages.add((Map<?, ?>) Json.parse(new String(m.getPayload(), StandardCharsets.UTF_8)));
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                }
            });
            MqttConnectOptions o = new MqttConnectOptions();
            o.setAutomaticReconnect(true);
            o.setMaxReconnectDelay(200);
            client.connect(o);
        }

        public void waitFor(int n) throws InterruptedException {
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (messages.size() < n && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }

        @Override
        public void close() throws Exception {
            client.disconnectForcibly(500);
            client.close();
        }
    }

    private static PipelineLauncher launch(String desc) {
        return PipelineLauncher.build(desc.replace("TINY", TestModels.tiny().toString()));
    }

    private static long ts(Map<?, ?> m) {
        return ((Number) m.get("timestamp")).longValue();
    }

    @Test
    void everyFrameIsPublishedInOrderWithItsStreamName() throws Exception {
        try (MosquittoBroker broker = new MosquittoBroker(tmp).start();
                Subscriber sub = new Subscriber(broker.address(), "cams/#")) {
            try (PipelineLauncher l = launch(String.format(FRAMES, false, 20) + "dff model=TINY key-interval=5 ! "
                    + "dffpublish name=pub address=" + broker.address() + " topic=cams/front stream=front ! "
                    + "fakesink")) {
                assertEquals(PipelineLauncher.Outcome.EOS, l.run(60_000, null), l.error());
                DffPublishElement pub = (DffPublishElement) l.elements().get("pub");
                assertEquals(20, pub.counts().published(), "all sent before EOS went on");
                assertEquals(0, pub.counts().dropped());
            }
            sub.waitFor(20);
            assertEquals(20, sub.messages.size());
            for (int i = 0; i < 20; i++) {
                Map<?, ?> m = sub.messages.get(i);
                assertEquals(i * 100_000_000L, ts(m), "frame " + i + " in order");
                assertEquals("front", m.get("stream"));
                assertEquals(Map.of("width", 160L, "height", 120L), m.get("resolution"));
                Map<?, ?> dff = (Map<?, ?>) m.get("dff");
                assertEquals(i % 5 == 0, dff.get("key_frame"), "frame " + i);
                assertTrue(m.get("objects") instanceof List<?>);
            }
        }
    }

    @Test
    void theStreamRidesOutABrokerRestart() throws Exception {
        try (MosquittoBroker broker = new MosquittoBroker(tmp).start();
                Subscriber sub = new Subscriber(broker.address(), "cams/#")) {
            try (PipelineLauncher l = launch(String.format(FRAMES, true, 60) + "dff model=TINY ! dffpublish name=pub "
                    + "address=" + broker.address() + " topic=cams/back ! fakesink")) {
                DffPublishElement pub = (DffPublishElement) l.elements().get("pub");
                Thread chaos = new Thread(() -> {
                    try {
                        sub.waitFor(10); // ~1 s of frames out
                        broker.kill();
                        Thread.sleep(1500); // ~15 frames while the broker is gone
                        broker.start();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                chaos.start();
                assertEquals(PipelineLauncher.Outcome.EOS, l.run(60_000, null), l.error());
                chaos.join();
                MqttPublisher.Counts c = pub.counts();
                assertEquals(60, c.published(), "every frame published once the broker was back: " + c);
                assertEquals(0, c.dropped());
                assertTrue(c.reconnections() >= 1, c.toString());
            }
            sub.waitFor(20);
            List<Long> seen = sub.messages.stream().map(DffPublishTest::ts).toList();
            assertTrue(seen.size() >= 20, "received " + seen.size());
            for (int i = 1; i < seen.size(); i++) {
                // QoS 1: a message in flight when the broker died may come twice, never out of order
                assertTrue(seen.get(i) >= seen.get(i - 1), "in order: " + seen);
            }
            // live timestamps: the clock's running time at capture, 100 ms apart
            assertEquals(59 * 100_000_000L, seen.get(seen.size() - 1), 50_000_000L,
                    "the last frame arrived after the restart");
        }
    }

    @Test
    void anUnreachableBrokerAtStartIsAClearError() throws Exception {
        MosquittoBroker never = new MosquittoBroker(tmp); // a free port nobody listens on
        RuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> launch(String.format(FRAMES, false, 5) + "dffpublish address=" + never.address()
                        + " ! fakesink").close());
        assertTrue(e.getMessage().contains("cannot reach the MQTT broker at " + never.address()), e.getMessage());
        assertTrue(e.getMessage().contains("wait-for-broker=true"), e.getMessage());
    }

    @Test
    void aBrokerPasswordNeverShows() throws Exception {
        MosquittoBroker never = new MosquittoBroker(tmp);
        String address = "tcp://user:hunter2x@127.0.0.1:" + never.port;
        RuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> launch(String.format(FRAMES, false, 5) + "dffpublish address=" + address + " ! fakesink")
                        .close());
        assertTrue(e.getMessage().contains("tcp://user:***@127.0.0.1:" + never.port), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2x"), e.getMessage());
    }

    @Test
    void waitingForTheBrokerBuffersAndCountsWhatItDrops() throws Exception {
        MosquittoBroker broker = new MosquittoBroker(tmp); // not started: nothing listens yet
        try (PipelineLauncher l = launch(String.format(FRAMES, false, 20) + "dff model=TINY ! dffpublish name=pub "
                + "address=" + broker.address() + " wait-for-broker=true max-pending=5 drain-timeout=0.5 ! "
                + "fakesink")) {
            assertEquals(PipelineLauncher.Outcome.EOS, l.run(60_000, null), l.error());
            MqttPublisher.Counts c = ((DffPublishElement) l.elements().get("pub")).counts();
            assertEquals(0, c.published());
            assertEquals(15, c.dropped(), "the oldest go when the buffer is full: " + c);
            assertEquals(5, c.pending());
            assertFalse(c.connected());
            broker.start(); // now the 5 newest go out
            long deadline = System.nanoTime() + 10_000_000_000L;
            DffPublishElement pub = (DffPublishElement) l.elements().get("pub");
            while (pub.counts().published() < 5 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(5, pub.counts().published());
        } finally {
            broker.close();
        }
    }
}
