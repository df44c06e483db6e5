package dev.bellman.control.finite;

import dev.bellman.control.problems.LqrProblem;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.engine.Scalars;
import dev.bellman.control.field.ScalarField;
import dev.bellman.control.generator.Policy;
import dev.bellman.control.hjb.ActionSpace;
import dev.bellman.control.hjb.StateSampler;
import dev.bellman.control.reference.EvaluationStates;
import dev.bellman.control.reference.LqrFiniteParameters;
import dev.bellman.control.reference.LqrFiniteSolution;
import dev.bellman.control.reference.LqrParameters;
import dev.bellman.control.reference.Metrics;
import java.util.Arrays;

/**
 * The finite-horizon stochastic LQR ({@code lqr-finite}, DESIGN.md §1.3) in reward form, any d:
 * dX = (Ax + Ba) dt + D dW on [0, T], r = −½(xᵀQx + aᵀRa), terminal reward g(x) = −½xᵀQ_Tx, discount
 * ρ ≥ 0. D = 0 is allowed: the deterministic (Hamilton–Jacobi) case, where c(t) ≡ 0.
 *
 * <p>Shapes: x (B, d), a (B, m), Σ = D (d, n) constant. Training points: t ~ U[0, T] with x uniform on
 * [−3, 3] (d = 1, a margin around the evaluation grid [−2, 2]) or N(0, 1.5²I) (d &gt; 1); evaluation:
 * the 11 times of {@link #evaluationTimes()} × the LQR evaluation states of DESIGN.md §1.3.
 */
public final class LqrFiniteProblem implements FiniteHorizonProblem {
    private final LqrFiniteParameters parameters;
    private final LqrParameters dyn;
    /** The same dynamics and running reward as the stationary problem (one implementation of both). */
    private final LqrProblem dynamics;
    private final LqrFiniteSolution solution;

    public LqrFiniteProblem(LqrFiniteParameters parameters) {
        this.parameters = parameters;
        this.dyn = parameters.dynamics();
        this.dynamics = new LqrProblem(dyn);
        this.solution = LqrFiniteSolution.of(parameters);
    }

    public LqrFiniteParameters parameters() {
        return parameters;
    }

    public LqrFiniteSolution solution() {
        return solution;
    }

    @Override
    public String name() {
        return "lqr-finite";
    }

    @Override
    public double T() {
        return parameters.T();
    }

    @Override
    public int stateDim() {
        return dyn.stateDimension();
    }

    @Override
    public int actionDim() {
        return dyn.actionDimension();
    }

    @Override
    public int noiseDim() {
        return dyn.noiseDimension();
    }

    /** A x + B a as x Aᵀ + a Bᵀ (B, d). */
    @Override
    public NDArray drift(NDArray t, NDArray x, NDArray a) {
        return dynamics.drift(t, x, a);
    }

    @Override
    public NDArray diffusion(NDArray t, NDArray x, NDArray a) {
        return dynamics.diffusion(t, x, a);
    }

    @Override
    public boolean diffusionIsConstant() {
        return true;
    }

    @Override
    public NDArray constantDiffusion(NDManager manager) {
        return dynamics.constantDiffusion(manager);
    }

    /** −½(xᵀQx + aᵀRa) (B, 1). */
    @Override
    public NDArray reward(NDArray t, NDArray x, NDArray a) {
        return dynamics.reward(t, x, a);
    }

    /** −½xᵀQ_Tx (B, 1). */
    @Override
    public NDArray terminalReward(NDArray x) {
        return Scalars.mul(x.matMul(Host.matrix(x.getManager(), parameters.Q_T(), x.getDataType())).mul(x).sum(new int[] {1}, true), -0.5);
    }

    @Override
    public double discountRate() {
        return dyn.rho();
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
        double[] std = new double[d];
        Arrays.fill(std, 1.5);
        return StateSampler.gaussian(new double[d], std);
    }

    @Override
    public StateSampler evaluationStates() {
        return StateSampler.fixed(Host.flatten(EvaluationStates.lqr(stateDim())), stateDim());
    }

    @Override
    public SpaceTimeSampler trainingPoints() {
        return SpaceTimeSampler.uniformTimes(T(), trainingStates());
    }

    @Override
    public SpaceTimePoints evaluationPoints(NDManager manager, DataType dataType) {
        return SpaceTimePoints.grid(evaluationTimes(), EvaluationStates.lqr(stateDim()), manager, dataType);
    }

    @Override
    public ScalarField exactValue() {
        return new LqrFiniteValue(solution);
    }

    /** a*(t, x) = −K(t)x, row by row (each row has its own time). */
    @Override
    public Policy exactPolicy() {
        return (t, x) -> {
            double[] ts = Host.doubles(t);
            double[] xs = Host.doubles(x);
            int d = stateDim();
            int m = actionDim();
            double[] a = new double[ts.length * m];
            for (int i = 0; i < ts.length; i++) {
                double[][] k = solution.K(ts[i]);
                for (int r = 0; r < m; r++) {
                    double s = 0;
                    for (int c = 0; c < d; c++) {
                        s += k[r][c] * xs[i * d + c];
                    }
                    a[i * m + r] = -s;
                }
            }
            return x.getManager().create(a, new Shape(ts.length, m)).toType(x.getDataType(), false);
        };
    }

    /** V = −½xᵀS(t)x + w(t)ᵀx + c(t) and a = −K(t)x + b(t): the span of the exact solution's form. */
    @Override
    public java.util.Optional<BasisArchitecture> basisArchitecture() {
        return java.util.Optional.of(new BasisArchitecture(StateBasis.quadratic(stateDim()), StateBasis.affine(stateDim())));
    }

    /** K̂(0) and the RMS over the 11 evaluation times of ‖K̂(t) − K(t)‖_F/‖K(t)‖_F. */
    @Override
    public ProblemMetrics metrics(ScalarField value, Policy policy, NDManager manager, DataType dataType) {
        double[][] states = EvaluationStates.lqr(stateDim());
        NDArray x = Host.array(manager, Host.flatten(states), states.length, stateDim(), dataType);
        double sum = 0;
        double[][] k0 = null;
        double[] times = evaluationTimes();
        for (double time : times) {
            NDArray t = Host.times(manager, states.length, time, dataType);
            double[][] a = Host.rows(Host.doubles(policy.act(t, x)), actionDim());
            double[][] kHat = Metrics.fitGain(states, a);
            double e = Metrics.gainRelativeError(kHat, solution.K(time));
            sum += e * e;
            if (k0 == null) {
                k0 = kHat;
            }
        }
        return ProblemMetrics.lqr(k0, Math.sqrt(sum / times.length));
    }
}
