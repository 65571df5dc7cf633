package org.gstdff.gst;

import java.nio.ByteBuffer;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

/**
 * Reads a GstBuffer through its raw pointer. gst1-java-core keeps one Java wrapper per native pointer, so a
 * buffer seen by two threads at once (tee branches) would share one wrapper and one thread's dispose would break
 * the other; raw access has no such shared state. Offsets are those of GStreamer 1.x on 64-bit Linux.
 */
final class RawBuffer {

    private static final int FLAGS = GstLayout.MINI_OBJECT_FLAGS;
    private static final int PTS = GstLayout.BUFFER_PTS;
    private static final int DTS = GstLayout.BUFFER_DTS;
    private static final int DURATION = GstLayout.BUFFER_DURATION;
    /** GST_BUFFER_FLAG_DISCONT = GST_MINI_OBJECT_FLAG_LAST << 2. */
    static final int FLAG_DISCONT = (1 << 4) << 2;
    private static final int MAP_READ = 1;
    private static final int MAP_WRITE = 2;
    private static final int MAP_INFO_SIZE = GstLayout.MAP_INFO_SIZE;
    private static final long NONE = -1L; // GST_CLOCK_TIME_NONE

    private RawBuffer() {
    }

    static long pts(Pointer buffer) {
        return buffer.getLong(PTS);
    }

    static long dts(Pointer buffer) {
        return buffer.getLong(DTS);
    }

    static long duration(Pointer buffer) {
        return buffer.getLong(DURATION);
    }

    static boolean isNone(long time) {
        return time == NONE;
    }

    /** Sets PTS and DTS of a writable buffer. */
    static void setTimestamps(Pointer buffer, long pts, long dts) {
        buffer.setLong(PTS, pts);
        buffer.setLong(DTS, dts);
    }

    /** Sets a flag on a writable buffer. */
    static void setFlag(Pointer buffer, int flag) {
        buffer.setInt(FLAGS, buffer.getInt(FLAGS) | flag);
    }

    static boolean hasFlag(Pointer buffer, int flag) {
        return (buffer.getInt(FLAGS) & flag) != 0;
    }

    /** A mapping of a buffer; the bytes are valid until {@link #close()}. */
    static final class Mapping implements AutoCloseable {
        private final Pointer buffer;
        private final Memory info = new Memory(MAP_INFO_SIZE);
        private final ByteBuffer bytes;

        Mapping(Pointer buffer, boolean write) {
            this.buffer = buffer;
            if (!GstNative.Core.INSTANCE.gst_buffer_map(buffer, info, write ? MAP_READ | MAP_WRITE : MAP_READ)) {
                throw new IllegalStateException("cannot map buffer for " + (write ? "writing" : "reading"));
            }
            long size = info.getLong(GstLayout.MAP_INFO_SIZE_FIELD);
            bytes = info.getPointer(GstLayout.MAP_INFO_DATA).getByteBuffer(0, size);
        }

        ByteBuffer bytes() {
            return bytes;
        }

        @Override
        public void close() {
            GstNative.Core.INSTANCE.gst_buffer_unmap(buffer, info);
        }
    }

    static Mapping map(Pointer buffer) {
        return new Mapping(buffer, false);
    }

    /** Maps a writable buffer (see {@link RawProbe#makeWritableData}) for reading and writing. */
    static Mapping mapWritable(Pointer buffer) {
        return new Mapping(buffer, true);
    }
}
