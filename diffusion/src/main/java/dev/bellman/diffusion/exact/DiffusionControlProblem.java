package dev.bellman.diffusion.exact;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.engine.Scalars;
import dev.bellman.control.engine.Scope;
import dev.bellman.control.hjb.ActionSpace;
import dev.bellman.control.hjb.ControlProblem;
import dev.bellman.control.hjb.StateSampler;
import dev.bellman.diffusion.reverse.ReverseSde;
import java.util.OptionalDouble;

/**
 * The diffusion control problem of DESIGN.md §1.4 as a core {@link ControlProblem} in reward form
 * and generative time τ ∈ [0, T]: the dynamics are the {@link ReverseSde}
 * dX = (μ + Σu) dτ + Σ dW, the reward rate is r = −(½‖u‖² − div μ) with div μ = −D a(T − τ), and the
 * terminal reward at τ = T is log p_data. Its reward-form value is log p_{T−τ}(x)
 * ({@link #value(MixtureLogDensity)}), the negative of the cost-to-go V = −log p_{T−τ}, and the
 * maximiser of r + L^uV is u = Σᵀ∇V = g ∇log p_{T−τ}, the exact control.
 *
 * <p>Shapes: t (B, 1) generative time τ, x (B, D), a (B, D).
 */
public final class DiffusionControlProblem implements ControlProblem {
    private final ReverseSde reverse;
    private final MixtureLogDensity data;

    /**
     * @param logDensity log p_{t_f} of mixture data under the forward SDE (its terminal reward is
     *     log p_0 = log p_data)
     */
    public DiffusionControlProblem(MixtureLogDensity logDensity) {
        this.data = logDensity;
        this.reverse = new ReverseSde(logDensity.sde(), logDensity.dim());
    }

    /** The reverse-time controlled SDE. */
    public ReverseSde reverseSde() {
        return reverse;
    }

    /**
     * The reward-form value W(τ, x) = log p_{T−τ}(x) as a scalar field in generative time: value,
     * gradient and Hessian of log p at t_f = T − τ, and ∂_τW = −∂_{t_f} log p.
     */
    public static GenerativeTimeLogDensity value(MixtureLogDensity logDensity) {
        return new GenerativeTimeLogDensity(logDensity);
    }

    @Override
    public int stateDim() {
        return reverse.stateDim();
    }

    @Override
    public int actionDim() {
        return reverse.actionDim();
    }

    @Override
    public int noiseDim() {
        return reverse.noiseDim();
    }

    @Override
    public NDArray drift(NDArray t, NDArray x, NDArray a) {
        return reverse.drift(t, x, a);
    }

    @Override
    public NDArray diffusion(NDArray t, NDArray x, NDArray a) {
        return reverse.diffusion(t, x, a);
    }

    /** r(τ, x, u) = −½‖u‖² + div μ(τ) (B, 1). */
    @Override
    public NDArray reward(NDArray t, NDArray x, NDArray a) {
        try (Scope scope = Scope.open()) {
            NDArray kinetic = Scalars.mul(a.square().sum(new int[] {1}, true), -0.5);
            return scope.keep(kinetic.add(reverse.driftDivergence(t)));
        }
    }

    @Override
    public double discountRate() {
        return 0.0;
    }

    @Override
    public OptionalDouble horizon() {
        return OptionalDouble.of(reverse.horizon());
    }

    /** log p_data(x) (B, 1). */
    @Override
    public NDArray terminalReward(NDArray x) {
        try (Scope scope = Scope.open()) {
            NDManager m = x.getManager();
            NDArray zero = m.zeros(new Shape(x.getShape().get(0), 1), x.getDataType());
            return scope.keep(data.value(zero, x));
        }
    }

    @Override
    public ActionSpace actionSpace() {
        return ActionSpace.unbounded(reverse.actionDim());
    }

    /** Draws from the prior N(0, σ_p² I), where generation starts. */
    @Override
    public StateSampler trainingStates() {
        int d = stateDim();
        double[] mean = new double[d];
        double[] std = new double[d];
        java.util.Arrays.fill(std, reverse.forward().priorStd());
        return StateSampler.gaussian(mean, std);
    }

    @Override
    public StateSampler evaluationStates() {
        return trainingStates();
    }
}
