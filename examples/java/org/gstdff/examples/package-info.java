/** Runnable programs showing the three ways to use gst-dff; run them with {@code ./dff example NAME ARGS}. */
package org.gstdff.examples;
