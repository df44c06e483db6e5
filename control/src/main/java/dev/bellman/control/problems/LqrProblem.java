package dev.bellman.control.problems;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.bellman.control.engine.Scalars;
import dev.bellman.control.generator.Policy;
import dev.bellman.control.hjb.ActionSpace;
import dev.bellman.control.hjb.ControlProblem;
import dev.bellman.control.hjb.StateSampler;
import dev.bellman.control.reference.EvaluationStates;
import dev.bellman.control.reference.LqrParameters;
import dev.bellman.control.reference.LqrSolution;
import java.util.OptionalDouble;

/**
 * The discounted stochastic LQR of DESIGN.md §1.3 as a control problem in reward form:
 * dX = (A x + B a) dt + D dW, r = −½(xᵀQx + aᵀRa), discount ρ.
 *
 * <p>Shapes: t (B, 1) (unused: the problem is stationary), x (B, d), a (B, m), Σ = D (d, n).
 * Training states: uniform on [−3, 3] for d = 1 (a margin around the evaluation grid [−2, 2]),
 * N(0, 1.5² I) for d > 1; evaluation states as DESIGN.md §1.3 fixes them.
 */
public final class LqrProblem implements ControlProblem {
    private final LqrParameters parameters;
    private final double[][] aT;
    private final double[][] bT;

    public LqrProblem(LqrParameters parameters) {
        this.parameters = parameters;
        this.aT = HostMatrix.transpose(parameters.A());
        this.bT = HostMatrix.transpose(parameters.B());
    }

    public LqrParameters parameters() {
        return parameters;
    }

    /** The closed-form solution (Riccati in double precision; refuses ill-posed problems). */
    public LqrSolution solution() {
        return LqrSolution.of(parameters);
    }

    @Override
    public int stateDim() {
        return parameters.stateDimension();
    }

    @Override
    public int actionDim() {
        return parameters.actionDimension();
    }

    @Override
    public int noiseDim() {
        return parameters.noiseDimension();
    }

    /** A x + B a, computed as x Aᵀ + a Bᵀ (B, d). */
    @Override
    public NDArray drift(NDArray t, NDArray x, NDArray a) {
        NDManager m = x.getManager();
        return x.matMul(HostMatrix.of(m, aT, x.getDataType())).add(a.matMul(HostMatrix.of(m, bT, x.getDataType())));
    }

    @Override
    public NDArray diffusion(NDArray t, NDArray x, NDArray a) {
        NDArray d = constantDiffusion(x.getManager()).toType(x.getDataType(), false);
        return d.expandDims(0).repeat(0, x.getShape().get(0));
    }

    @Override
    public boolean diffusionIsConstant() {
        return true;
    }

    @Override
    public NDArray constantDiffusion(NDManager manager) {
        return HostMatrix.of(manager, parameters.D(), ai.djl.ndarray.types.DataType.FLOAT64);
    }

    /** −½(xᵀQx + aᵀRa) (B, 1). */
    @Override
    public NDArray reward(NDArray t, NDArray x, NDArray a) {
        NDManager m = x.getManager();
        NDArray xq = x.matMul(HostMatrix.of(m, parameters.Q(), x.getDataType())).mul(x).sum(new int[] {1}, true);
        NDArray ar = a.matMul(HostMatrix.of(m, parameters.R(), a.getDataType())).mul(a).sum(new int[] {1}, true);
        return Scalars.mul(xq.add(ar), -0.5);
    }

    @Override
    public double discountRate() {
        return parameters.rho();
    }

    @Override
    public OptionalDouble horizon() {
        return OptionalDouble.empty();
    }

    @Override
    public ActionSpace actionSpace() {
        return ActionSpace.unbounded(actionDim());
    }

    @Override
    public StateSampler trainingStates() {
        int d = stateDim();
        if (d == 1) {
            return StateSampler.uniform(new double[] {-3}, new double[] {3});
        }
        double[] mean = new double[d];
        double[] std = new double[d];
        java.util.Arrays.fill(std, 1.5);
        return StateSampler.gaussian(mean, std);
    }

    @Override
    public StateSampler evaluationStates() {
        double[][] states = EvaluationStates.lqr(stateDim());
        return StateSampler.fixed(HostMatrix.flatten(states), stateDim());
    }

    /** The value V(x) = −½xᵀPx − c as a scalar field. */
    public QuadraticValue exactValue() {
        LqrSolution s = solution();
        return new QuadraticValue(s.P(), s.c());
    }

    /** The optimal feedback a*(x) = −K x. */
    public Policy exactPolicy() {
        return linearPolicy(solution().K());
    }

    /** The linear feedback a(x) = −K x for a gain K (m, d). */
    public static Policy linearPolicy(double[][] k) {
        double[][] kT = HostMatrix.transpose(k);
        return (t, x) -> x.matMul(HostMatrix.of(x.getManager(), kT, x.getDataType())).neg();
    }
}
