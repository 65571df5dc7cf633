/** Accuracy and speed evaluation: average precision against per-frame detections, and the eval report. */
package org.gstdff.eval;
