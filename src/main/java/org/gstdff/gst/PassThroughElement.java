package org.gstdff.gst;

import java.util.List;

import org.freedesktop.gstreamer.Bin;
import org.freedesktop.gstreamer.Element;
import org.freedesktop.gstreamer.ElementFactory;
import org.freedesktop.gstreamer.GhostPad;
import org.freedesktop.gstreamer.Pad;
import org.freedesktop.gstreamer.glib.Natives;

import com.sun.jna.Pointer;

/**
 * What the project's pass-through elements ({@code dffjson}, {@code dffoverlay}, {@code dffpublish}) have in
 * common: an identity between ghost pads, one guarded buffer probe and one event probe on its src pad (RawProbe
 * turns any exception into a bus ERROR), the frame size tracked across CAPS, EOS handed to {@link #onEos}, and
 * properties declared once as specs.
 */
abstract class PassThroughElement extends Bin implements JavaElement {

    protected final ElementProperties props;
    /** The element itself, for bus messages. */
    protected final Pointer self;
    private final Pointer padPtr;
    private final List<GstNative.ProbeCallback> probes; // reachable while the pad lives
    private volatile int[] size; // width, height from the current caps; null until read

    static {
        GstRuntime.init(); // before any instance: the Bin constructor already needs GStreamer
    }

    protected PassThroughElement(String name, String factory, List<PropertySpec> specs) {
        super(name);
        props = new ElementProperties(factory, specs);
        Element identity = ElementFactory.make("identity", name + "-identity");
        identity.set("silent", true);
        add(identity);
        addPad(new GhostPad("sink", identity.getStaticPad("sink")));
        addPad(new GhostPad("src", identity.getStaticPad("src")));
        Pad pad = identity.getStaticPad("src");
        padPtr = Natives.getRawPointer(pad);
        self = Natives.getRawPointer(this);
        probes = List.of(RawProbe.addWithInfo(pad, RawProbe.BUFFER, this::onBuffer),
                RawProbe.add(pad, RawProbe.EVENT_DOWNSTREAM, this::onEvent));
    }

    /**
     * One buffer on the streaming thread; {@code info} is the probe's GstPadProbeInfo (its data is the buffer: use
     * {@link RawProbe#data} to read it, {@link RawProbe#makeWritableData} to change it). Returns a GstPadProbeReturn.
     */
    protected abstract int onBuffer(int type, Pointer info);

    /** EOS reached the element, after every buffer (default: nothing). */
    protected void onEos() {
    }

    /** Whether properties are fixed now (the element started); setting one then is an error. */
    protected abstract boolean started();

    /** The frame size of the current caps (any raw video format), read once per CAPS. */
    protected final int[] frameSize() {
        int[] s = size;
        if (s == null) {
            s = VideoLayout.sizeOfPad(padPtr);
            size = s;
        }
        return s;
    }

    /** The video layout of the current caps, for elements that read or draw pixels. */
    protected final VideoLayout layout() {
        return VideoLayout.ofPad(padPtr);
    }

    private int onEvent(int type, Pointer event) {
        int t = RawProbe.typeNumber(event);
        if (t == RawProbe.EVENT_CAPS) {
            size = null;
            capsChanged();
        } else if (t == RawProbe.EVENT_EOS) {
            onEos();
        }
        return RawProbe.OK;
    }

    /** New caps: what was derived from the old ones goes (default: nothing beyond the frame size). */
    protected void capsChanged() {
    }

    @Override
    public synchronized void setProperty(String name, String value) {
        if (started()) {
            throw new IllegalStateException(getName() + ": property '" + name + "' can only be set before start");
        }
        props.set(name, value);
    }

    @Override
    public Object getProperty(String name) {
        return props.get(name);
    }
}
