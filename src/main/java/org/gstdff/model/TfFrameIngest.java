package org.gstdff.model;

import java.nio.ByteBuffer;

import org.gstdff.core.Frame;
import org.gstdff.core.PixelFormat;
import org.gstdff.engine.FrameImage;
import org.gstdff.engine.FrameIngest;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TUint8;

/**
 * Copies a frame into a new uint8 [1,H,W,3] RGB tensor: one bulk copy for packed RGB, one per row for padded
 * RGB, one pass that drops or reorders channels for the other formats.
 */
final class TfFrameIngest implements FrameIngest {

    @Override
    public FrameImage ingest(Frame frame) {
        int w = frame.width();
        int h = frame.height();
        TUint8 tensor = TUint8.tensorOf(Shape.of(1, h, w, 3));
        try {
            copy(frame, TensorMemory.bytes(tensor));
        } catch (RuntimeException e) {
            tensor.close();
            throw e;
        }
        return new TfFrameImage(tensor, w, h);
    }

    static void copy(Frame frame, ByteBuffer dst) {
        ByteBuffer src = frame.pixels().duplicate();
        int base = src.position();
        int w = frame.width();
        int rowOut = w * 3;
        PixelFormat f = frame.format();
        if (f == PixelFormat.RGB) {
            if (frame.isPacked()) {
                src.limit(base + rowOut * frame.height());
                dst.put(src);
                return;
            }
            for (int y = 0; y < frame.height(); y++) {
                int row = base + y * frame.stride();
                src.limit(row + rowOut).position(row);
                dst.put(src);
            }
            return;
        }
        int bpp = f.bytesPerPixel();
        int r = f.red();
        int g = f.green();
        int b = f.blue();
        byte[] in = new byte[w * bpp];
        byte[] out = new byte[rowOut];
        for (int y = 0; y < frame.height(); y++) {
            src.position(base + y * frame.stride());
            src.get(in);
            for (int x = 0, i = 0, o = 0; x < w; x++, i += bpp, o += 3) {
                out[o] = in[i + r];
                out[o + 1] = in[i + g];
                out[o + 2] = in[i + b];
            }
            dst.put(out);
        }
    }
}
