package dev.bellman.control.sde;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.engine.GradMode;
import dev.bellman.control.engine.Scope;
import dev.bellman.control.generator.ControlledSde;
import dev.bellman.control.generator.Policy;
import dev.bellman.control.random.StepRandom;
import java.util.List;

/**
 * Batched closed-loop integration of a controlled SDE under a policy over a time grid: Euler–
 * Maruyama by default, or an {@link ExactTransition} supplied by the problem.
 *
 * <p>Randomness: the noise of step k is drawn by the engine after re-seeding it from
 * {@code random.forStep(k)}, so a run is reproducible from its seed whatever else drew numbers in
 * between. Memory: every step runs in its own scope and only the next state survives it; the state
 * of the previous step is closed (DESIGN.md §3: a chain starting from the long-lived state would
 * otherwise leak into its manager). Rollouts are evaluations: autograd recording is off.
 */
public final class EulerMaruyama {
    private final TimeGrid grid;
    private final Transition transition;

    public EulerMaruyama(TimeGrid grid) {
        this(grid, Transition.EULER_MARUYAMA);
    }

    private EulerMaruyama(TimeGrid grid, Transition transition) {
        this.grid = grid;
        this.transition = transition;
    }

    /** The same grid stepped by a problem's exact transition instead of Euler–Maruyama. */
    public EulerMaruyama withTransition(ExactTransition exact) {
        return new EulerMaruyama(grid, exact);
    }

    public TimeGrid grid() {
        return grid;
    }

    /**
     * Integrates from x0 (B, d) at grid time t₀ to t_N.
     *
     * @return x(t_N) (B, d), a new array in x0's manager (x0 itself is left open); registered with
     *     the caller's scope, if one is open
     */
    public NDArray integrate(ControlledSde sde, Policy policy, NDArray x0, StepRandom random, List<StepHandler> handlers) {
        long batch = x0.getShape().get(0);
        int n = sde.noiseDim();
        NDArray x = x0;
        try (GradMode off = GradMode.disabled()) {
            for (int k = 0; k < grid.steps(); k++) {
                NDArray next;
                try (Scope scope = Scope.open()) {
                    double time = grid.time(k);
                    double dt = grid.dt(k);
                    NDArray t = x.getManager().ones(new Shape(batch, 1), x.getDataType()).muli(time);
                    NDArray a = policy.act(t, x);
                    random.forStep(k).seedEngine();
                    NDArray z = x.getManager().randomNormal(0, 1, new Shape(batch, n), x.getDataType());
                    next = scope.keep(transition.next(sde, t, dt, x, a, z));
                    StepEvent event = new StepEvent(k, time, dt, t, x, a, next);
                    for (StepHandler h : handlers) {
                        h.onStep(event);
                    }
                }
                if (x != x0) {
                    x.close();
                    NDScope.unregister(x);
                }
                x = next;
            }
        }
        return x;
    }

    /** {@link #integrate(ControlledSde, Policy, NDArray, StepRandom, List)} without handlers. */
    public NDArray integrate(ControlledSde sde, Policy policy, NDArray x0, StepRandom random) {
        return integrate(sde, policy, x0, random, List.of());
    }
}
