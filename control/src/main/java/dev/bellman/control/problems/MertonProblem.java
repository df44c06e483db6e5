package dev.bellman.control.problems;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.engine.Scalars;
import dev.bellman.control.generator.Policy;
import dev.bellman.control.hjb.ActionSpace;
import dev.bellman.control.hjb.ControlProblem;
import dev.bellman.control.hjb.StateSampler;
import dev.bellman.control.reference.EvaluationStates;
import dev.bellman.control.reference.MertonParameters;
import dev.bellman.control.reference.MertonSolution;
import java.util.Arrays;
import java.util.OptionalDouble;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.MatrixUtils;

/**
 * Merton's portfolio problem (DESIGN.md §1.3) in reward form, with n risky assets: wealth x > 0
 * (d = 1), actions (π₁..πₙ, k) (m = n + 1: risky fractions and consumption per unit wealth),
 *
 * <pre>  dX = [r_f + πᵀ(μ − r_f 1) − k] X dt + X πᵀL dW,  C = LLᵀ,  r = (kx)^{1−γ}/(1−γ) (ln(kx) for γ = 1).</pre>
 *
 * <p>Shapes: x (B, 1), a (B, n + 1), Σ (B, 1, n). Consumption must stay positive: the action
 * space maps a network's raw output through softplus for k and leaves π free. Training wealths
 * are uniform on [0.25, 6] (a margin around the evaluation grid of 201 wealths on [0.5, 5]).
 */
public final class MertonProblem implements ControlProblem {
    private static final double MIN_CONSUMPTION = 1e-8;

    private final MertonParameters parameters;
    private final double[] excess;
    private final double[][] cholesky;

    public MertonProblem(MertonParameters parameters) {
        this.parameters = parameters;
        int n = parameters.assets();
        double[] mu = parameters.mu();
        this.excess = new double[n];
        for (int i = 0; i < n; i++) {
            excess[i] = mu[i] - parameters.r_f();
        }
        double[][] l = new CholeskyDecomposition(MatrixUtils.createRealMatrix(parameters.C())).getL().getData();
        this.cholesky = l;
    }

    public MertonParameters parameters() {
        return parameters;
    }

    /** The closed form (refuses parameters with infinite value). */
    public MertonSolution solution() {
        return MertonSolution.of(parameters);
    }

    public int assets() {
        return parameters.assets();
    }

    @Override
    public int stateDim() {
        return 1;
    }

    @Override
    public int actionDim() {
        return assets() + 1;
    }

    @Override
    public int noiseDim() {
        return assets();
    }

    private NDArray pi(NDArray a) {
        return a.get(new NDIndex(":, 0:{}", assets()));
    }

    private NDArray consumption(NDArray a) {
        return a.get(new NDIndex(":, {}:{}", assets(), assets() + 1));
    }

    @Override
    public NDArray drift(NDArray t, NDArray x, NDArray a) {
        NDManager m = x.getManager();
        NDArray ex = m.create(excess, new Shape(assets(), 1)).toType(x.getDataType(), false);
        NDArray rate = pi(a).matMul(ex).add(parameters.r_f()).sub(consumption(a));
        return rate.mul(x);
    }

    /** X πᵀL as (B, 1, n). */
    @Override
    public NDArray diffusion(NDArray t, NDArray x, NDArray a) {
        // the row πᵀL, so that ΣΣᵀ = x² πᵀLLᵀπ = x² πᵀCπ
        NDArray l = HostMatrix.of(x.getManager(), cholesky, x.getDataType());
        NDArray row = pi(a).matMul(l).mul(x);
        return row.expandDims(1);
    }

    /** (kx)^{1−γ}/(1−γ), or ln(kx) for γ = 1 (B, 1). */
    @Override
    public NDArray reward(NDArray t, NDArray x, NDArray a) {
        NDArray c = Scalars.maximum(consumption(a), MIN_CONSUMPTION).mul(x);
        double gamma = parameters.gamma();
        if (parameters.logUtility()) {
            return c.log();
        }
        return Scalars.div(Scalars.pow(c, 1 - gamma), 1 - gamma);
    }

    @Override
    public double discountRate() {
        return parameters.rho();
    }

    @Override
    public OptionalDouble horizon() {
        return OptionalDouble.empty();
    }

    /** π free, k = softplus(raw) > 0. */
    @Override
    public ActionSpace actionSpace() {
        int n = assets();
        return ActionSpace.transformed(n + 1, raw -> {
            NDArray p = raw.get(new NDIndex(":, 0:{}", n));
            NDArray k = raw.get(new NDIndex(":, {}:{}", n, n + 1));
            NDArray softplus = k.exp().add(1).log();
            return p.concat(softplus, 1);
        }, a -> {
            NDArray p = a.get(new NDIndex(":, 0:{}", n));
            NDArray k = Scalars.maximum(a.get(new NDIndex(":, {}:{}", n, n + 1)), MIN_CONSUMPTION);
            return p.concat(k, 1);
        });
    }

    @Override
    public StateSampler trainingStates() {
        return StateSampler.uniform(new double[] {0.25}, new double[] {6.0});
    }

    @Override
    public StateSampler evaluationStates() {
        double[] w = EvaluationStates.mertonWealths();
        return StateSampler.fixed(w, 1);
    }

    /** The value V(x) = A x^{1−γ}/(1−γ) (or A ln x + b) as a scalar field. */
    public PowerValue exactValue() {
        MertonSolution s = solution();
        return new PowerValue(parameters.gamma(), s.A(), s.b());
    }

    /** The optimal feedback (π*, k*), constant in wealth. */
    public Policy exactPolicy() {
        MertonSolution s = solution();
        double[] action = Arrays.copyOf(s.pi(), assets() + 1);
        action[assets()] = s.k();
        return constantPolicy(action);
    }

    /** A policy that plays the same action everywhere. */
    public static Policy constantPolicy(double[] action) {
        double[] copy = action.clone();
        return (t, x) -> x.getManager().create(copy, new Shape(1, copy.length)).toType(x.getDataType(), false)
                .repeat(0, x.getShape().get(0));
    }
}
