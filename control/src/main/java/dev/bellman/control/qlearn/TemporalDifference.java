package dev.bellman.control.qlearn;

import ai.djl.ndarray.NDArray;
import dev.bellman.control.engine.Scalars;

/**
 * The TD error of continuous-time q-learning (DESIGN.md §1.2; Jia &amp; Zhou, JMLR 24, 2023, eq. (25)), as a
 * rate (divided by Δt so that it compares across Δt):
 *
 * <pre>  δ/Δt = r̄ + (e^{−ρΔt} V̄(x') − V(x))/Δt − q(x, a)</pre>
 *
 * where r̄ is the reward earned over the step divided by Δt (the step earned r̄Δt, undiscounted within the step,
 * as the environment reports it), V̄ the (target) value at the next state, discounted by e^{−ρΔt}, and q the
 * advantage RATE (its contribution to the step is q·Δt). With V the optimum of the discretised problem and
 * q = (Q_Δt − V)/Δt its advantage rate, E[δ | x, a] = 0 for every action, whatever the behaviour: the
 * conventions pinned by TemporalDifferenceTest.
 */
public final class TemporalDifference {
    private TemporalDifference() {}

    /**
     * δ/Δt (B, 1).
     *
     * @param batch the transitions (r̄ and Δt are used)
     * @param value V(x) (B, 1)
     * @param nextValue V̄(x') (B, 1)
     * @param advantageRate q(x, a) (B, 1)
     * @param rho the discount rate ρ
     */
    public static NDArray rate(TransitionBatch batch, NDArray value, NDArray nextValue, NDArray advantageRate, double rho) {
        NDArray dt = batch.dt();
        NDArray discount = Scalars.mul(dt, -rho).exp();
        return batch.rewardRate().add(nextValue.mul(discount).sub(value).div(dt)).sub(advantageRate);
    }
}
