/**
 * Finite data sets and batching: {@link dev.bellman.data.dataset.Dataset} (samples of one shape),
 * {@link dev.bellman.data.dataset.VectorDataset} (real-valued samples),
 * {@link dev.bellman.data.dataset.ImageDataset} (8-bit images with labels),
 * {@link dev.bellman.data.dataset.Split} (train / held out),
 * {@link dev.bellman.data.dataset.Batcher} (seeded shuffled mini-batches as NDArrays) and
 * {@link dev.bellman.data.dataset.PixelScaling} (pixels to [−1, 1], dequantisation, and back).
 */
package dev.bellman.data.dataset;
