package org.gstdff.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.gstdff.engine.FlowNet;
import org.gstdff.engine.ModelSet;

/**
 * Model sets loaded once per process: every element that names the same folder (with the same device, threads and,
 * for the set's flow network, flow precision) shares one loaded set, its TensorFlow sessions and weights, and gets a
 * {@link StreamModelSet} of its own for what must not be shared (what the stream's flow keeps of its last frames). The
 * set is closed with its last user, so N cameras cost about one model plus N small per-stream states.
 */
public final class SharedModelSets {

    private record Key(Path dir, Device device, int threads, FlowPrecision flowPrecision) {
    }

    private static final class Entry {
        final TfModelSet set;
        int users;

        Entry(TfModelSet set) {
            this.set = set;
        }
    }

    private static final Map<Key, Entry> SETS = new HashMap<>();

    private SharedModelSets() {
    }

    /** {@link #open(Path, Device, int, FlowPrecision, DisFlowNet.Settings, FlowRefine)} at flow precision auto. */
    public static ModelSet open(Path dir, Device device, int threads, DisFlowNet.Settings dis, FlowRefine refine) {
        return open(dir, device, threads, FlowPrecision.AUTO, dis, refine);
    }

    /**
     * A model set for one stream: the shared networks of {@code dir}, loaded now if no element holds them, and
     * its own flow. Close it when the stream stops.
     *
     * @param flowPrecision what the set's flow network computes in (auto shares with what it resolves to; with DIS it
     *                      does not matter, and the stream shares the set at auto)
     * @param dis           DIS flow settings, or null for the set's own flow network
     * @param refine        whether the stream's flow is refined by Lucas-Kanade steps
     * @throws ModelSetException naming what is wrong with the set
     */
    public static ModelSet open(Path dir, Device device, int threads, FlowPrecision flowPrecision,
            DisFlowNet.Settings dis, FlowRefine refine) {
        FlowPrecision precision = dis != null ? FlowPrecision.AUTO : flowPrecision;
        Key key = new Key(canonical(dir), device, threads, precision.resolve());
        TfModelSet set;
        synchronized (SharedModelSets.class) { // one load per set, even when streams start together
            Entry e = SETS.get(key);
            if (e == null) {
                e = new Entry(TfModelSet.load(dir, device, threads, 0, key.flowPrecision()));
                SETS.put(key, e);
            }
            e.users++;
            set = e.set;
        }
        try {
            return new StreamModelSet(set, streamFlow(set, dis, refine), () -> release(key));
        } catch (RuntimeException ex) {
            release(key);
            throw ex;
        }
    }

    /**
     * The stream's own flow: DIS, and/or the refinement, or the set's network with the stream's kept inputs; null for
     * the set's network as it is.
     */
    private static FlowNet streamFlow(TfModelSet set, DisFlowNet.Settings dis, FlowRefine refine) {
        var lk = refine.resolve(set.manifest(), dis == null);
        FlowNet own = dis == null ? set.streamFlowNetwork() : set.disFlowNet(dis);
        if (lk == null) {
            return own;
        }
        try {
            return new RefinedFlowNet(own != null ? own : set.flowNetwork(), own instanceof AutoCloseable c ? c : null,
                    set.manifest().featureWidth(), set.manifest().featureHeight(), lk);
        } catch (RuntimeException e) {
            if (own instanceof AutoCloseable c) {
                closeQuietly(c, e);
            }
            throw e;
        }
    }

    private static void closeQuietly(AutoCloseable c, RuntimeException failure) {
        try {
            c.close();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }

    private static void release(Key key) {
        TfModelSet last = null;
        synchronized (SharedModelSets.class) {
            Entry e = SETS.get(key);
            if (e != null && --e.users == 0) {
                SETS.remove(key);
                last = e.set;
            }
        }
        if (last != null) {
            last.close();
        }
    }

    /** Sets loaded now (for tests and stats). */
    public static synchronized int loaded() {
        return SETS.size();
    }

    /** Streams using the set of {@code dir} now, whatever their device and threads. */
    public static synchronized int users(Path dir) {
        Path d = canonical(dir);
        return SETS.entrySet().stream().filter(e -> e.getKey().dir().equals(d)).mapToInt(e -> e.getValue().users)
                .sum();
    }

    private static Path canonical(Path dir) {
        try {
            return dir.toRealPath();
        } catch (IOException e) {
            return dir.toAbsolutePath().normalize(); // the load names what is missing
        }
    }
}
