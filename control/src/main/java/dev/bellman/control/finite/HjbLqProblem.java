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
import dev.bellman.control.reference.HanJentzenE;
import java.util.Random;

/**
 * The HJB of Han, Jentzen &amp; E (PNAS 115, 2018) as a control problem in reward form ({@code hjb-lq}):
 * dX = 2√λ m dt + √2 dW in R^d, r = −‖m‖², terminal reward −g(x), g(x) = ln((1 + ‖x‖²)/2), no discount.
 * Its value is V = −u with ∂ₜu + Δu − λ‖∇u‖² = 0, u(T) = g, and m* = √λ∇V = −√λ∇u.
 *
 * <p>Shapes: x (B, d), a = m (B, d), Σ = √2 I (d, d) constant. Training points: t ~ U[0, T],
 * x = ρe + √(2t) Z with e uniform on the sphere, ρ ~ U[0, 2.5], Z ~ N(0, I): starts around the
 * evaluation states spread as the process spreads them. Evaluation: the origin and the ten states
 * x_j = (0.2j/√d)(1, …, 1), each moved by √(2t) zⱼ (fixed z, seed 1957) at t = 0, T/4, T/2, 3T/4, T.
 */
public final class HjbLqProblem implements FiniteHorizonProblem {
    /** Start radius range of the training points. */
    public static final double START_RADIUS = 2.5;
    private final HanJentzenE reference;

    public HjbLqProblem(HanJentzenE reference) {
        this.reference = reference;
    }

    public HanJentzenE reference() {
        return reference;
    }

    @Override
    public String name() {
        return "hjb-lq";
    }

    @Override
    public double T() {
        return reference.T();
    }

    @Override
    public int stateDim() {
        return reference.d();
    }

    @Override
    public int actionDim() {
        return reference.d();
    }

    @Override
    public int noiseDim() {
        return reference.d();
    }

    /** 2√λ m (B, d). */
    @Override
    public NDArray drift(NDArray t, NDArray x, NDArray a) {
        return Scalars.mul(a, 2 * Math.sqrt(reference.lambda()));
    }

    @Override
    public NDArray diffusion(NDArray t, NDArray x, NDArray a) {
        return constantDiffusion(x.getManager()).toType(x.getDataType(), false).expandDims(0).repeat(0, x.getShape().get(0));
    }

    @Override
    public boolean diffusionIsConstant() {
        return true;
    }

    /** √2 I (d, d). */
    @Override
    public NDArray constantDiffusion(NDManager manager) {
        return Scalars.mul(manager.eye(stateDim(), stateDim(), 0, DataType.FLOAT64), Math.sqrt(2));
    }

    /** −‖m‖² (B, 1). */
    @Override
    public NDArray reward(NDArray t, NDArray x, NDArray a) {
        return a.square().sum(new int[] {1}, true).neg();
    }

    /** −g(x) = −ln((1 + ‖x‖²)/2) (B, 1). */
    @Override
    public NDArray terminalReward(NDArray x) {
        return Scalars.div(x.square().sum(new int[] {1}, true).add(1), 2).log().neg();
    }

    /**
     * Rotation invariant: f(Rx, Ra) = 2√λ Ra = R f, ΣΣᵀ = 2I = R(2I)Rᵀ, ‖Ra‖² = ‖a‖², g depends on ‖x‖ only,
     * actions range over all of R^d.
     */
    @Override
    public Symmetry symmetry() {
        return Symmetry.ROTATION;
    }

    @Override
    public double discountRate() {
        return 0;
    }

    @Override
    public ActionSpace actionSpace() {
        return ActionSpace.unbounded(actionDim());
    }

    /** x = ρe, e uniform on the sphere, ρ ~ U[0, 2.5]. */
    @Override
    public StateSampler trainingStates() {
        int d = stateDim();
        return (n, rng, manager, dt) -> {
            double[] v = new double[n * d];
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    v[i * d + j] = rng.nextGaussian();
                    s += v[i * d + j] * v[i * d + j];
                }
                double scale = START_RADIUS * rng.nextDouble() / Math.sqrt(s);
                for (int j = 0; j < d; j++) {
                    v[i * d + j] *= scale;
                }
            }
            return manager.create(v, new Shape(n, d)).toType(dt, false);
        };
    }

    @Override
    public StateSampler evaluationStates() {
        return StateSampler.fixed(Host.flatten(offOriginStates(true)), stateDim());
    }

    /** Starts spread by the noise up to their time: x = ρe + √(2t)Z. */
    @Override
    public SpaceTimeSampler trainingPoints() {
        StateSampler starts = trainingStates();
        double horizon = T();
        int d = stateDim();
        return (n, rng, manager, dt) -> {
            double[] t = new double[n];
            for (int i = 0; i < n; i++) {
                t[i] = horizon * rng.nextDouble();
            }
            double[] x0 = Host.doubles(starts.sample(n, rng, manager, DataType.FLOAT64));
            for (int i = 0; i < n; i++) {
                double s = Math.sqrt(2 * t[i]);
                for (int j = 0; j < d; j++) {
                    x0[i * d + j] += s * rng.nextGaussian();
                }
            }
            return new SpaceTimePoints(manager.create(t, new Shape(n, 1)).toType(dt, false),
                    manager.create(x0, new Shape(n, d)).toType(dt, false));
        };
    }

    /** x_j = (0.2j/√d)(1, …, 1) for j = 1..10, preceded by the origin when asked. */
    public double[][] offOriginStates(boolean withOrigin) {
        int d = stateDim();
        int first = withOrigin ? 0 : 1;
        double[][] x = new double[11 - first][d];
        for (int j = first; j <= 10; j++) {
            java.util.Arrays.fill(x[j - first], 0.2 * j / Math.sqrt(d));
        }
        return x;
    }

    @Override
    public double[] evaluationTimes() {
        return new double[] {0, T() / 4, T() / 2, 3 * T() / 4, T()};
    }

    @Override
    public SpaceTimePoints evaluationPoints(NDManager manager, DataType dataType) {
        double[][] base = offOriginStates(true);
        double[] times = evaluationTimes();
        int d = stateDim();
        Random rng = new Random(1957L);
        double[][] z = new double[base.length][d];
        for (double[] row : z) {
            for (int j = 0; j < d; j++) {
                row[j] = rng.nextGaussian();
            }
        }
        int n = base.length;
        double[] t = new double[times.length * n];
        double[] x = new double[times.length * n * d];
        for (int k = 0; k < times.length; k++) {
            double s = Math.sqrt(2 * times[k]);
            for (int i = 0; i < n; i++) {
                t[k * n + i] = times[k];
                for (int j = 0; j < d; j++) {
                    x[(k * n + i) * d + j] = base[i][j] + s * z[i][j];
                }
            }
        }
        return new SpaceTimePoints(manager.create(t, new Shape(t.length, 1)).toType(dataType, false),
                manager.create(x, new Shape(t.length, d)).toType(dataType, false));
    }

    @Override
    public ScalarField exactValue() {
        return new HjbLqValue(reference);
    }

    /** m* = √λ∇V. */
    @Override
    public Policy exactPolicy() {
        ScalarField v = exactValue();
        double root = Math.sqrt(reference.lambda());
        return (t, x) -> Scalars.mul(v.gradient(t, x), root);
    }

    /** u0 = −V(0, 0) against the quadrature, and the mean relative error at the ten off-origin states. */
    @Override
    public ProblemMetrics metrics(ScalarField value, Policy policy, NDManager manager, DataType dataType) {
        double[][] states = offOriginStates(true);
        NDArray x = Host.array(manager, Host.flatten(states), states.length, stateDim(), dataType);
        double[] v = Host.doubles(value.value(Host.times(manager, states.length, 0.0, dataType), x));
        double u0 = -v[0];
        double err = 0;
        for (int j = 1; j < states.length; j++) {
            double exact = reference.u(0, states[j]);
            err += Math.abs(-v[j] - exact) / Math.abs(exact);
        }
        double[] origin = new double[stateDim()];
        return ProblemMetrics.hjbLq(u0, reference.uAtOrigin(0), reference.uncontrolledCost(0, origin), err / (states.length - 1));
    }
}
