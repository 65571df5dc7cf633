/**
 * The Deep Feature Flow logic: which frames are key frames, what is cached, what runs per frame. It talks to the
 * networks through small interfaces and holds their results as opaque handles, so it has no TensorFlow or
 * GStreamer inside and is tested with fake networks.
 */
package org.gstdff.engine;
