package dev.bellman.samplers.metrics;

import ai.djl.ndarray.NDArray;
import dev.bellman.control.engine.Scope;
import java.util.function.IntFunction;

/**
 * Sample-quality metrics of model samples against data, each beside its floor: the same metric
 * between two fresh data samples of the same size (DESIGN.md §4), which is what a perfect model
 * would score at this sample size. The floors are means over {@code repeats} independent pairs of
 * data samples; the MMD² floor also carries its standard deviation over them.
 *
 * @param n the sample size
 * @param mmd2 unbiased MMD², RBF bandwidths {0.1, 0.2, 0.5, 1, 2} summed
 * @param mmd2Floor its floor
 * @param mmd2FloorSd the floor's standard deviation over the repeats (NaN for one repeat)
 * @param sw2 sliced W₂ (1,000 projections), not squared
 * @param sw2Floor its floor
 * @param energy energy distance
 * @param energyFloor its floor
 */
public record SampleQuality(int n, double mmd2, double mmd2Floor, double mmd2FloorSd, double sw2, double sw2Floor,
        double energy, double energyFloor) {

    /**
     * @param samples model samples (n, D)
     * @param data draws a fresh data sample of the given size (n, D) into the current scope; called
     *     1 + 2·repeats times
     * @param repeats pairs of data samples for the floors (≥ 1; 3 by default)
     * @param projections SW₂ projections
     * @param seed the seed of the projections
     */
    public static SampleQuality compare(NDArray samples, IntFunction<NDArray> data, int repeats, int projections, long seed) {
        if (repeats < 1) {
            throw new IllegalArgumentException("floors need at least one repeat, got " + repeats);
        }
        int n = Math.toIntExact(samples.getShape().get(0));
        double mmd2;
        double sw2;
        double energy;
        try (Scope scope = Scope.open()) {
            NDArray reference = data.apply(n);
            KernelStatistics k = TwoSampleStatistics.compute(samples, reference);
            mmd2 = k.mmd2();
            energy = k.energy();
            sw2 = SlicedWasserstein.distance(samples, reference, projections, seed);
        }
        double[] mmdFloors = new double[repeats];
        double swFloor = 0;
        double energyFloor = 0;
        for (int r = 0; r < repeats; r++) {
            try (Scope scope = Scope.open()) {
                NDArray a = data.apply(n);
                NDArray b = data.apply(n);
                KernelStatistics k = TwoSampleStatistics.compute(a, b);
                mmdFloors[r] = k.mmd2();
                energyFloor += k.energy() / repeats;
                swFloor += SlicedWasserstein.distance(a, b, projections, seed) / repeats;
            }
        }
        double mean = 0;
        for (double v : mmdFloors) {
            mean += v / repeats;
        }
        double var = 0;
        for (double v : mmdFloors) {
            var += (v - mean) * (v - mean);
        }
        double sd = repeats > 1 ? Math.sqrt(var / (repeats - 1)) : Double.NaN;
        return new SampleQuality(n, mmd2, mean, sd, sw2, swFloor, energy, energyFloor);
    }
}
