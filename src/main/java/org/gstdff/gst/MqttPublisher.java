package org.gstdff.gst;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.gstdff.core.Redaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes messages to an MQTT broker from a thread of its own, so the stream never waits for the network: messages
 * wait in a bounded buffer (the oldest is dropped, and counted, when it is full), go out in order, and wait out a
 * broker that is gone until it is back (reconnecting every half second). QoS 1 messages in flight when the
 * connection drops are sent again, so a subscriber may see one twice.
 */
final class MqttPublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MqttPublisher.class);
    private static final long RETRY_MS = 500;

    /** Counters at one moment. */
    record Counts(long published, long dropped, int pending, boolean connected, long reconnections) {
    }

    private final String name;
    private final String address; // as given, for messages (redacted when printed)
    private final MqttClient client;
    private final MqttConnectOptions options;
    private final String topic;
    private final int qos;
    private final int capacity;
    private final ArrayDeque<byte[]> pending = new ArrayDeque<>(); // guarded by itself
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong reconnections = new AtomicLong();
    private final Thread sender;
    private volatile boolean closed;
    private boolean sending; // guarded by pending: a message taken and not yet published

    /**
     * @param address       tcp://HOST:PORT (user:password@ in it become the connection's credentials)
     * @param waitForBroker false: connect now and fail if the broker cannot be reached; true: connect in the
     *                      background, buffering meanwhile
     * @throws IllegalArgumentException naming the address and the reason when it is malformed or, without
     *                                  {@code waitForBroker}, unreachable
     */
    MqttPublisher(String name, String address, String clientId, String topic, int qos, int capacity,
            boolean waitForBroker) {
        this.name = name;
        this.address = address;
        this.topic = topic;
        this.qos = qos;
        this.capacity = capacity;
        URI uri;
        try {
            uri = new URI(address);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(name + ": address '" + Redaction.uri(address) + "' is not a URI: "
                    + e.getMessage(), e);
        }
        if (!"tcp".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 0) {
            throw new IllegalArgumentException(name + ": address '" + Redaction.uri(address) + "': expected "
                    + "tcp://HOST:PORT");
        }
        options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setConnectionTimeout(5);
        options.setKeepAliveInterval(10);
        options.setMaxInflight(Math.max(10, capacity));
        if (uri.getUserInfo() != null) {
            String[] up = uri.getUserInfo().split(":", 2);
            options.setUserName(up[0]);
            if (up.length > 1) {
                options.setPassword(up[1].toCharArray());
                Redaction.secret(up[1]);
            }
        }
        try {
            client = new MqttClient("tcp://" + uri.getHost() + ":" + uri.getPort(), clientId, new MemoryPersistence());
            if (!waitForBroker) {
                client.connect(options);
            }
        } catch (MqttException e) {
            throw new IllegalArgumentException(name + ": cannot reach the MQTT broker at " + Redaction.uri(address)
                    + ": " + reason(e) + " (wait-for-broker=true buffers until it is up)", e);
        }
        sender = new Thread(this::send, name + "-mqtt");
        sender.setDaemon(true);
        sender.start();
    }

    private static String reason(MqttException e) {
        Throwable c = e.getCause();
        return e.getMessage() + (c != null && c.getMessage() != null ? " (" + c.getMessage() + ")" : "");
    }

    /** Queues one message; never blocks. Returns false when the buffer was full and the oldest was dropped. */
    boolean offer(String message) {
        byte[] b = message.getBytes(StandardCharsets.UTF_8);
        synchronized (pending) {
            boolean full = pending.size() + (sending ? 1 : 0) >= capacity;
            if (full) {
                dropped.incrementAndGet();
                if (pending.isEmpty()) {
                    return false; // the only one is in flight: it goes, this one does not
                }
                pending.pollFirst(); // the oldest that is not in flight
            }
            pending.addLast(b);
            pending.notifyAll();
            return !full;
        }
    }

    /** Waits until every queued message is published, at most {@code timeoutMs}; true if all were. */
    boolean drain(long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        synchronized (pending) {
            while ((!pending.isEmpty() || sending) && !closed) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return false;
                }
                pending.wait(left);
            }
            return pending.isEmpty() && !sending;
        }
    }

    Counts counts() {
        synchronized (pending) {
            return new Counts(published.get(), dropped.get(), pending.size() + (sending ? 1 : 0),
                    client.isConnected(), reconnections.get());
        }
    }

    private void send() {
        try {
            while (!closed) {
                byte[] next;
                synchronized (pending) {
                    while (pending.isEmpty() && !closed) {
                        pending.wait();
                    }
                    if (closed) {
                        return;
                    }
                    next = pending.pollFirst();
                    sending = true;
                }
                publish(next);
                synchronized (pending) {
                    sending = false;
                    pending.notifyAll();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Publishes one message, waiting out a broker that is gone. */
    private void publish(byte[] message) throws InterruptedException {
        boolean lost = false;
        while (!closed) {
            try {
                if (!client.isConnected()) {
                    client.connect(options);
                    if (lost) {
                        reconnections.incrementAndGet();
                        LOG.info("{}: reconnected to the MQTT broker at {}", name, Redaction.uri(address));
                    }
                }
                client.publish(topic, message, qos, false);
                published.incrementAndGet();
                return;
            } catch (MqttException e) {
                if (!lost) {
                    LOG.warn("{}: MQTT broker at {} unavailable ({}); buffering, retrying every {} ms", name,
                            Redaction.uri(address), reason(e), RETRY_MS);
                }
                lost = true;
                Thread.sleep(RETRY_MS);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (pending) {
            pending.notifyAll();
        }
        sender.interrupt();
        try {
            sender.join(2000);
            if (client.isConnected()) {
                client.disconnect(1000);
            }
        } catch (MqttException | InterruptedException e) {
            LOG.debug("{}: closing the MQTT client: {}", name, e.toString());
        } finally {
            try {
                client.close();
            } catch (MqttException e) {
                LOG.debug("{}: {}", name, e.toString());
            }
        }
    }
}
