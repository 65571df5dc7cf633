/**
 * TensorFlow implementations of the engine's networks: the model-set contract (manifest, signature and tensor
 * names), loading and validating SavedModels, frame ingestion, the feature warp graph, and the tiny model set
 * tests use. Tensors never leave this package: results are turned into core types here.
 */
package org.gstdff.model;
