/** Pure Java building blocks with no native dependency: geometry, detections, key-frame scheduling, JSON. */
package org.gstdff.core;
