package dev.bellman.control.finite;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import dev.bellman.control.engine.GradMode;
import dev.bellman.control.engine.Scope;
import dev.bellman.control.generator.Policy;
import dev.bellman.control.hjb.ControlProblem;
import dev.bellman.control.random.StepRandom;
import dev.bellman.control.sde.EulerMaruyama;
import dev.bellman.control.sde.StepEvent;
import dev.bellman.control.sde.TimeGrid;
import java.util.List;

/**
 * Monte Carlo policy evaluation to the horizon (Feynman–Kac, no bootstrap): from start points
 * (sᵢ, xᵢ) the closed loop under a policy runs to T by Euler–Maruyama on the
 * {@link TimeChangedSde time-changed clock} (N steps per path, each of size (T − sᵢ)/N), and the return
 * <pre>  Gᵢ = Σₖ wₖ e^{−ρ(tₖ − sᵢ)} r(tₖ, Xₖ, aₖ) Δtᵢ + e^{−ρ(T − sᵢ)} g(X_N)  </pre>
 * closes with the terminal reward (trapezoid weights wₖ: ½ at both ends, so the quadrature error of
 * the running reward is O(Δt²); the O(Δt) bias of Euler–Maruyama and of holding the action over a
 * step remains, DESIGN.md §1.2).
 */
public final class MonteCarloReturns {
    private MonteCarloReturns() {}

    /** The returns Gᵢ (B, 1), with no autograd recording. */
    public static NDArray of(ControlProblem problem, double horizon, Policy policy, SpaceTimePoints starts, int steps,
            StepRandom random) {
        try (Scope scope = Scope.open(); GradMode off = GradMode.disabled()) {
            TimeChangedSde local = new TimeChangedSde(problem, starts.t(), horizon);
            NDArray span = local.span();
            double rho = problem.discountRate();
            // The running sum lives outside the integrator's per-step scopes: each step's new sum is
            // unregistered from the step scope and the previous one closed by hand.
            NDArray[] acc = {starts.t().zerosLike()};
            boolean[] own = {false};
            EulerMaruyama em = new EulerMaruyama(TimeGrid.uniform(0, 1, steps)).withTransition(local.eulerStep());
            NDArray xT = em.integrate(local, local.localPolicy(policy), starts.x(), random, List.of((StepEvent e) -> {
                NDArray t = local.originalTime(e.t());
                NDArray r = problem.reward(t, e.state(), e.action()).mul(span).mul(e.dt() * (e.index() == 0 ? 0.5 : 1.0));
                if (rho != 0) {
                    r = r.mul(t.sub(starts.t()).mul(-rho).exp());
                }
                NDArray next = r.add(acc[0]);
                NDScope.unregister(next);
                if (own[0]) {
                    acc[0].close();
                }
                acc[0] = next;
                own[0] = true;
            }));
            NDArray tT = starts.t().onesLike().mul(horizon);
            NDArray tail = problem.reward(tT, xT, policy.act(tT, xT)).mul(span).mul(0.5 / steps).add(problem.terminalReward(xT));
            if (rho != 0) {
                tail = tail.mul(span.mul(-rho).exp());
            }
            NDArray total = tail.add(acc[0]);
            if (own[0]) {
                acc[0].close();
            }
            return scope.keep(total);
        }
    }

    /**
     * The end states X_T (B, d) of closed-loop paths under a policy from start points (sᵢ, xᵢ), on the same
     * time-changed clock as {@link #of} (N Euler–Maruyama steps per path): where the process started there
     * is at the horizon, e.g. the states where a terminal condition V(T, x) = g(x) must hold for values
     * at those starts to be right. No autograd recording.
     */
    public static NDArray endStates(ControlProblem problem, double horizon, Policy policy, SpaceTimePoints starts, int steps,
            StepRandom random) {
        try (Scope scope = Scope.open(); GradMode off = GradMode.disabled()) {
            TimeChangedSde local = new TimeChangedSde(problem, starts.t(), horizon);
            EulerMaruyama em = new EulerMaruyama(TimeGrid.uniform(0, 1, steps)).withTransition(local.eulerStep());
            return scope.keep(em.integrate(local, local.localPolicy(policy), starts.x(), random));
        }
    }
}
