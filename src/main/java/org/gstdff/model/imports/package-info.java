/**
 * Turning pretrained detectors into model sets: reading TF.js graph models and TF SavedModels (TF1 frozen exports
 * included) as GraphDefs, adding the contract's pre-processing and output decoding, splitting at a named tensor
 * into the {@code feature} and {@code task} SavedModels, and writing the manifest.
 */
package org.gstdff.model.imports;
