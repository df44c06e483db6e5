package dev.bellman.control.finite;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.hjb.StateSampler;
import java.util.random.RandomGenerator;

/**
 * A distribution of points (t, x) on [0, T] × R^d, drawn on the Java side so a per-step generator
 * makes it replayable: the start points of Monte Carlo evaluation, collocation points of the residual
 * loss, and the states the policy improves on.
 */
@FunctionalInterface
public interface SpaceTimeSampler {

    /** n points in {@code manager}. */
    SpaceTimePoints sample(int n, RandomGenerator rng, NDManager manager, DataType dataType);

    /** t ~ U[0, T] independent of x ~ {@code states}. */
    static SpaceTimeSampler uniformTimes(double horizon, StateSampler states) {
        return (n, rng, manager, dt) -> {
            double[] t = new double[n];
            for (int i = 0; i < n; i++) {
                t[i] = horizon * rng.nextDouble();
            }
            return new SpaceTimePoints(manager.create(t, new Shape(n, 1)).toType(dt, false),
                    states.sample(n, rng, manager, dt));
        };
    }
}
