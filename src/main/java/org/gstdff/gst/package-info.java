/**
 * The GStreamer side: the {@code dff} and {@code dffjson} elements (Java bins usable in any gst1-java-core
 * pipeline), detection metadata on buffers, element properties, and the gst-launch-style launcher.
 */
package org.gstdff.gst;
