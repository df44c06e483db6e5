package dev.bellman.diffusion.gap;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.engine.BellmanEngine;
import dev.bellman.control.engine.GradMode;
import dev.bellman.control.engine.Scope;
import dev.bellman.control.field.AffineHostField;
import dev.bellman.control.field.HostVectorField;
import dev.bellman.control.nn.host.HostKernels;
import dev.bellman.control.random.StepRandom;
import dev.bellman.control.sde.TimeGrid;
import dev.bellman.diffusion.exact.MixtureLogDensity;
import dev.bellman.diffusion.sde.ForwardSde;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One batch of {@link VerificationGap}'s paths with the per-step work on host arrays in float64, for
 * a control and a target that both have a host form ({@link HostVectorField}: the exact mixture
 * control u* and affine maps of it). Only the random numbers and the two end-point log-densities
 * come from the engine: the prior and the noise of step k are drawn exactly as on the engine path
 * (same seeds, same calls, float64), so both paths compute the same per-path G, J and V, rounded in
 * another order (a test holds them together). Rows are split into blocks over the engine's threads.
 *
 * <p>Why: the engine path spends ≈ 20 small tensor ops a step on a 10,000-row batch of a 2-to-5-D
 * state; the identity check needs ≈ 10⁹ path-steps (DESIGN.md §1.4, issue 6), which the host loop
 * does at ≈ 3.7 M path-steps/s on 2 cores for the 5-D u* (BENCHMARKS.md), ≈ 15× the engine path.
 */
final class HostRollout {
    private static final int BLOCK = 256;

    private HostRollout() {}

    /**
     * Per-path G, J and V (J and V null without a mixture) for {@code size} paths, as
     * {@code VerificationGap.runBatch}; with a mixture also M, the control variate of
     * {@link GapResult#eulerBias} (u* there is the target's, exact: Σ∇V = −u*).
     */
    static double[][] run(ForwardSde sde, int d, HostVectorField control, HostVectorField optimal, MixtureLogDensity logDensity,
            TimeGrid grid, double epsilon, int size, StepRandom random) {
        double horizon = sde.horizon();
        int steps = grid.steps();
        // c·u* + b against u*: evaluate u* once a step and map it
        AffineHostField shared = control instanceof AffineHostField a && a.base().equals(optimal) ? a : null;
        int threads = BellmanEngine.current().config().threads();
        DataType type = DataType.FLOAT64;
        try (NDManager mgr = BellmanEngine.current().newManager(); GradMode off = GradMode.disabled(); Scope batchScope = Scope.open()) {
            random.forStep(steps).seedEngine();
            NDArray prior = sde.samplePrior(mgr, new Shape(size, d), type).toType(type, false);
            double[] x = prior.toDoubleArray();
            double[] v = null;
            if (logDensity != null) {
                v = logDensity.value(mgr.ones(new Shape(size, 1), type).muli(horizon), prior).neg().toDoubleArray();
            }
            double[] gap = new double[size];
            double[] running = new double[size];
            double[] martingale = new double[size]; // M = Σ_k Σ∇V·ΔW = −Σ_k √Δτ u*(X_k)·z_k
            double[] u = new double[size * d];
            double[] target = new double[size * d];
            double driftDivergence = 0; // Σ_k D a(t_f) Δτ, the same for every path
            for (int k = 0; k < steps; k++) {
                double dt = grid.dt(k);
                double tf = horizon - grid.time(k);
                double a = sde.driftRate(tf);
                double sigma = sde.diffusion(tf);
                driftDivergence += d * a * dt;
                HostVectorField.Slice targetAt = optimal.at(tf);
                HostVectorField.Slice uAt = shared == null ? control.at(tf) : null;
                double[] z;
                try (Scope step = Scope.open()) {
                    random.forStep(k).seedEngine();
                    z = mgr.randomNormal(0, 1, new Shape(size, d), type).toDoubleArray();
                }
                double half = 0.5 * dt;
                double keep = 1 - a * dt;
                double push = sigma * dt;
                double root = Math.sqrt(dt);
                double noise = sigma * root;
                AtomicInteger next = new AtomicInteger();
                HostKernels.runOnWorkers(Math.min(threads, (size + BLOCK - 1) / BLOCK), () -> {
                    for (int from = next.getAndAdd(BLOCK); from < size; from = next.getAndAdd(BLOCK)) {
                        int to = Math.min(size, from + BLOCK);
                        targetAt.value(x, target, from, to);
                        if (shared == null) {
                            uAt.value(x, u, from, to);
                        } else {
                            shared.map(target, u, from * d, to * d);
                        }
                        for (int i = from; i < to; i++) {
                            double miss = 0;
                            double norm = 0;
                            double dot = 0;
                            for (int j = i * d; j < i * d + d; j++) {
                                double e = u[j] - target[j];
                                miss += e * e;
                                norm += u[j] * u[j];
                                dot += target[j] * z[j];
                                // x + (−a x + g u) Δτ + g √Δτ z, in the engine path's order
                                x[j] = x[j] * keep + u[j] * push + z[j] * noise;
                            }
                            gap[i] += miss * half;
                            running[i] += norm * half;
                            martingale[i] -= dot * root;
                        }
                    }
                });
            }
            double[] j = null;
            if (logDensity != null) {
                NDArray end = mgr.create(x, new Shape(size, d));
                double[] terminal = logDensity.value(mgr.ones(new Shape(size, 1), type).muli(epsilon), end).toDoubleArray();
                j = new double[size];
                for (int i = 0; i < size; i++) {
                    j[i] = running[i] + driftDivergence - terminal[i];
                }
            }
            return logDensity == null ? new double[][] {gap, j, v} : new double[][] {gap, j, v, martingale};
        }
    }
}
