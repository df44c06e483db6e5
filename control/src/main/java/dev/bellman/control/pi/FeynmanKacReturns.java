package dev.bellman.control.pi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.engine.GradMode;
import dev.bellman.control.engine.Scope;
import dev.bellman.control.field.ScalarField;
import dev.bellman.control.generator.Policy;
import dev.bellman.control.hjb.ControlProblem;
import dev.bellman.control.random.StepRandom;
import dev.bellman.control.sde.TimeGrid;
import dev.bellman.control.sde.Transition;

/**
 * Monte Carlo returns of a policy by Feynman–Kac (DESIGN.md §1.2):
 * <pre>  G = Σₖ e^{−ρtₖ} r(Xₖ, α(Xₖ)) Δt + e^{−ρT} V(X_T)  </pre>
 * over closed-loop paths of the core's Euler–Maruyama step ({@link Transition#EULER_MARUYAMA}) on a
 * uniform grid of [0, T], with the critic V bootstrapping the tail. E[G | X₀ = x] = V^α(x) up to the
 * grid's O(Δt) bias and the critic's error, damped by e^{−ρT}.
 *
 * <p>Antithetic variates: paths come in pairs driven by z and −z from the same start (the second half
 * of the batch mirrors the first), which cancels the odd part of the return's noise (for a linear
 * closed loop, the whole first-order term). Noise is drawn by the engine after re-seeding it from
 * (seed, step), so a run replays exactly. Every step is scoped; only the state and the running return
 * survive it. Autograd recording is off.
 */
public final class FeynmanKacReturns {
    private final TimeGrid grid;
    private final boolean antithetic;

    public FeynmanKacReturns(double horizon, double dt, boolean antithetic) {
        this.grid = TimeGrid.uniform(0, horizon, Math.max(1, (int) Math.round(horizon / dt)));
        this.antithetic = antithetic;
    }

    public TimeGrid grid() {
        return grid;
    }

    /**
     * Returns G (B, 1) for paths started at x0 (B, d) (B even when antithetic: rows i and i + B/2 must
     * hold the same start and get mirrored noise).
     */
    public NDArray returns(ControlProblem problem, Policy policy, ScalarField critic, NDArray x0, StepRandom random) {
        long batch = x0.getShape().get(0);
        int n = problem.noiseDim();
        double rho = problem.discountRate();
        NDArray x = x0;
        NDArray g = null;
        try (GradMode off = GradMode.disabled()) {
            for (int k = 0; k < grid.steps(); k++) {
                NDArray nextX;
                NDArray nextG;
                try (Scope scope = Scope.open()) {
                    double time = grid.time(k);
                    double dt = grid.dt(k);
                    NDArray t = x.getManager().zeros(new Shape(batch, 1), x.getDataType()).addi(time);
                    NDArray a = policy.act(t, x);
                    NDArray r = problem.reward(t, x, a).mul(Math.exp(-rho * time) * dt);
                    random.forStep(k).seedEngine();
                    NDArray z;
                    if (antithetic) {
                        NDArray half = x.getManager().randomNormal(0, 1, new Shape(batch / 2, n), x.getDataType());
                        z = half.concat(half.neg(), 0);
                    } else {
                        z = x.getManager().randomNormal(0, 1, new Shape(batch, n), x.getDataType());
                    }
                    nextX = scope.keep(Transition.EULER_MARUYAMA.next(problem, t, dt, x, a, z));
                    nextG = scope.keep(g == null ? r : g.add(r));
                }
                release(x, x0);
                release(g, null);
                x = nextX;
                g = nextG;
            }
            NDArray result;
            try (Scope scope = Scope.open()) {
                NDArray t = x.getManager().zeros(new Shape(batch, 1), x.getDataType()).addi(grid.time(grid.steps()));
                NDArray tail = critic.value(t, x).mul(Math.exp(-rho * grid.time(grid.steps())));
                result = scope.keep(g.add(tail));
            }
            release(x, x0);
            release(g, null);
            return result;
        }
    }

    /** Starts (B/2, d) duplicated to (B, d) for antithetic pairs, or returned as they are. */
    public NDArray pairStarts(NDArray starts) {
        return antithetic ? NDArrayPairs.duplicate(starts) : starts;
    }

    private static void release(NDArray a, NDArray keep) {
        if (a != null && a != keep) {
            a.close();
            NDScope.unregister(a);
        }
    }

    /** Helpers for antithetic batches. */
    static final class NDArrayPairs {
        private NDArrayPairs() {}

        static NDArray duplicate(NDArray a) {
            return NDArrayPairs.concat(a, a);
        }

        static NDArray concat(NDArray a, NDArray b) {
            return ai.djl.ndarray.NDArrays.concat(new NDList(a, b), 0);
        }
    }
}
