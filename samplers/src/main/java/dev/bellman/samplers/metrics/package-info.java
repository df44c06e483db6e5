/**
 * Sample-quality metrics, each reported beside its data-versus-data floor:
 * {@link dev.bellman.samplers.metrics.SlicedWasserstein}, {@link dev.bellman.samplers.metrics.TwoSampleStatistics}
 * (unbiased MMD² over RBF bandwidths and the energy distance, in blocks) with
 * {@link dev.bellman.samplers.metrics.KernelStatistics}, and {@link dev.bellman.samplers.metrics.SampleQuality}.
 */
package dev.bellman.samplers.metrics;
