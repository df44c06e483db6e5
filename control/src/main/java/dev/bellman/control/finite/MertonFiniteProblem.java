package dev.bellman.control.finite;

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
import dev.bellman.control.reference.MertonFiniteSolution;
import dev.bellman.control.reference.MertonParameters;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.MatrixUtils;

/**
 * The finite-horizon Merton problem without consumption ({@code merton-finite}) in reward form: wealth
 * x &gt; 0 (d = 1), actions π ∈ Rⁿ (risky fractions, m = n),
 *
 * <pre>  dX = [r_f + πᵀ(μ − r_f1)] X dt + X πᵀL dW,  C = LLᵀ,  r = 0,  g(x) = x^{1−γ}/(1−γ) (ln x at γ = 1)</pre>
 *
 * discounted at ρ ≥ 0. π* = (1/γ)C⁻¹(μ − r_f1) is constant (Merton 1969). Shapes: x (B, 1), a (B, n),
 * Σ (B, 1, n). Training points: t ~ U[0, T], wealth uniform on [0.25, 6]; evaluation: 11 times × the
 * 201 Merton wealths on [0.5, 5].
 */
public final class MertonFiniteProblem implements FiniteHorizonProblem {
    private final MertonFiniteSolution solution;
    private final MertonParameters parameters;
    private final double[] excess;
    private final double[][] cholesky;

    public MertonFiniteProblem(MertonFiniteSolution solution) {
        this.solution = solution;
        this.parameters = solution.problem();
        int n = parameters.assets();
        double[] mu = parameters.mu();
        this.excess = new double[n];
        for (int i = 0; i < n; i++) {
            excess[i] = mu[i] - parameters.r_f();
        }
        this.cholesky = new CholeskyDecomposition(MatrixUtils.createRealMatrix(parameters.C())).getL().getData();
    }

    public MertonFiniteSolution solution() {
        return solution;
    }

    @Override
    public String name() {
        return "merton-finite";
    }

    @Override
    public double T() {
        return solution.T();
    }

    @Override
    public int stateDim() {
        return 1;
    }

    @Override
    public int actionDim() {
        return parameters.assets();
    }

    @Override
    public int noiseDim() {
        return parameters.assets();
    }

    /** [r_f + πᵀ(μ − r_f1)] x (B, 1). */
    @Override
    public NDArray drift(NDArray t, NDArray x, NDArray a) {
        NDArray ex = x.getManager().create(excess, new Shape(excess.length, 1)).toType(x.getDataType(), false);
        return a.matMul(ex).add(parameters.r_f()).mul(x);
    }

    /** x πᵀL (B, 1, n). */
    @Override
    public NDArray diffusion(NDArray t, NDArray x, NDArray a) {
        return a.matMul(Host.matrix(x.getManager(), cholesky, x.getDataType())).mul(x).expandDims(1);
    }

    /** No running reward: only terminal wealth counts. */
    @Override
    public NDArray reward(NDArray t, NDArray x, NDArray a) {
        return x.zerosLike();
    }

    /** U(x) = x^{1−γ}/(1−γ), or ln x (B, 1). */
    @Override
    public NDArray terminalReward(NDArray x) {
        double gamma = parameters.gamma();
        NDArray w = Scalars.maximum(x, 1e-12);
        return parameters.logUtility() ? w.log() : Scalars.div(Scalars.pow(w, 1 - gamma), 1 - gamma);
    }

    @Override
    public double discountRate() {
        return parameters.rho();
    }

    @Override
    public ActionSpace actionSpace() {
        return ActionSpace.unbounded(actionDim());
    }

    @Override
    public StateSampler trainingStates() {
        return StateSampler.uniform(new double[] {0.25}, new double[] {6.0});
    }

    @Override
    public StateSampler evaluationStates() {
        return StateSampler.fixed(EvaluationStates.mertonWealths(), 1);
    }

    @Override
    public SpaceTimeSampler trainingPoints() {
        return SpaceTimeSampler.uniformTimes(T(), trainingStates());
    }

    @Override
    public SpaceTimePoints evaluationPoints(NDManager manager, DataType dataType) {
        return SpaceTimePoints.grid(evaluationTimes(), EvaluationStates.merton(), manager, dataType);
    }

    @Override
    public ScalarField exactValue() {
        return new MertonFiniteValue(solution);
    }

    /** The constant π*. */
    @Override
    public Policy exactPolicy() {
        double[] pi = solution.pi();
        return (t, x) -> x.getManager().create(pi, new Shape(1, pi.length)).toType(x.getDataType(), false)
                .repeat(0, x.getShape().get(0));
    }

    /** V = h(t)U(x) + c(t) (homothetic in wealth) and π = π₀(t) + π₁(t) ln x. */
    @Override
    public java.util.Optional<BasisArchitecture> basisArchitecture() {
        return java.util.Optional.of(new BasisArchitecture(StateBasis.utility(parameters.gamma()), StateBasis.logAffine()));
    }

    /** π̂: the mean learned fractions over the evaluation points; its relative error to π*. */
    @Override
    public ProblemMetrics metrics(ScalarField value, Policy policy, NDManager manager, DataType dataType) {
        SpaceTimePoints p = evaluationPoints(manager, dataType);
        double[] a = Host.doubles(policy.act(p.t(), p.x()));
        int n = actionDim();
        double[] mean = new double[n];
        for (int i = 0; i < a.length; i++) {
            mean[i % n] += a[i] / (a.length / n);
        }
        double[] pi = solution.pi();
        double num = 0;
        double den = 0;
        for (int i = 0; i < n; i++) {
            num += (mean[i] - pi[i]) * (mean[i] - pi[i]);
            den += pi[i] * pi[i];
        }
        return ProblemMetrics.merton(mean, Math.sqrt(num / den));
    }
}
