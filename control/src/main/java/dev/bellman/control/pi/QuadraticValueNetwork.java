package dev.bellman.control.pi;

import dev.bellman.control.field.JetField;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.engine.GradMode;
import dev.bellman.control.engine.Scalars;
import dev.bellman.control.engine.Scope;
import dev.bellman.control.field.Derivatives;
import dev.bellman.control.field.Jet;
import dev.bellman.control.nn.Mlp;
import dev.bellman.control.nn.MlpConfig;
import dev.bellman.control.nn.MlpScalarField;
import dev.bellman.control.nn.Parameter;
import dev.bellman.control.nn.ParameterSnapshot;
import dev.bellman.control.field.TraceMode;
import dev.bellman.control.generator.Generator;
import dev.bellman.control.hjb.ControlProblem;
import java.util.ArrayList;
import java.util.List;

/**
 * A quadratic-friendly value network V_θ(x) = −½xᵀSx + wᵀx + c₀ + N_θ(x), S = ½(M + Mᵀ): a learnable
 * quadratic form plus an optional tanh MLP N_θ (last layer started at zero) for what the quadratic
 * misses. The quadratic head makes the LQR value (−½xᵀPx − c) exactly representable, so policy
 * evaluation error is estimation error, not approximation error; the MLP keeps the architecture
 * general. Stationary; x (B, d).
 *
 * <p>Derivatives are exact: the quadratic's gradient −xS + w, Hessian −S and directional second
 * derivatives −vᵀSv are added to the MLP's forward-mode jet.
 */
public final class QuadraticValueNetwork implements ValueNetwork, JetField {
    private final int dim;
    private final NDManager manager;
    private final NDArray m; // (d, d)
    private final NDArray w; // (d)
    private final NDArray c0; // (1)
    private final MlpScalarField net; // or null
    private final List<Parameter> parameters = new ArrayList<>();

    /**
     * @param dim d
     * @param mlp the residual MLP's configuration (d inputs, one output), or null for the quadratic alone
     */
    public QuadraticValueNetwork(int dim, MlpConfig mlp, DataType type, NDManager parent) {
        this.dim = dim;
        this.manager = parent.newSubManager();
        m = Parameters.trainable(manager, new double[dim * dim], new Shape(dim, dim), type);
        w = Parameters.trainable(manager, new double[dim], new Shape(dim), type);
        c0 = Parameters.trainable(manager, new double[1], new Shape(1), type);
        parameters.add(new Parameter("quadratic.M", m));
        parameters.add(new Parameter("quadratic.w", w));
        parameters.add(new Parameter("quadratic.c0", c0));
        if (mlp != null) {
            net = new MlpScalarField(new Mlp(mlp.withZeroLastLayer(true), manager), dim, false);
            parameters.addAll(net.parameters());
        } else {
            net = null;
        }
    }

    /** S = ½(M + Mᵀ) as doubles (d × d), e.g. to read P̂ = S off a learned LQR value. */
    public double[][] quadraticForm() {
        double[] v = m.toType(DataType.FLOAT64, true).toDoubleArray();
        double[][] s = new double[dim][dim];
        for (int i = 0; i < dim; i++) {
            for (int j = 0; j < dim; j++) {
                s[i][j] = 0.5 * (v[i * dim + j] + v[j * dim + i]);
            }
        }
        return s;
    }

    @Override
    public List<Parameter> parameters() {
        return List.copyOf(parameters);
    }

    @Override
    public int dim() {
        return dim;
    }

    @Override
    public NDArray timeDerivative(NDArray t, NDArray x) {
        return x.zerosLike().get(":, 0:1");
    }

    @Override
    public Jet jet(NDArray t, NDArray x, Derivatives request) {
        try (Scope scope = Scope.open(); GradMode off = request.detached() ? GradMode.disabled() : null) {
            long batch = x.getShape().get(0);
            NDArray s = Scalars.mul(m.add(m.transpose()), 0.5);
            // x first, so every result belongs to the step's arrays (DESIGN.md §3)
            NDArray xs = x.matMul(s);
            NDArray value = Scalars.mul(xs.mul(x).sum(new int[] {1}, true), -0.5).add(x.matMul(w.reshape(dim, 1))).add(c0);
            NDArray gradient = request.gradient() ? xs.neg().add(w) : null;
            NDArray hessian = request.hessian() ? s.neg().expandDims(0).broadcast(new Shape(batch, dim, dim)) : null;
            NDArray directional = null;
            if (request.directions() != null) {
                NDArray v = request.directions();
                directional = v.matMul(s).mul(v).sum(new int[] {2}).neg();
                if (directional.getShape().get(0) != batch) {
                    directional = directional.broadcast(new Shape(batch, directional.getShape().get(1)));
                }
            }
            NDArray time = request.time() ? x.getManager().zeros(new Shape(batch, 1), x.getDataType()) : null;
            if (net != null) {
                Jet n = net.jet(t, x, request);
                value = value.add(n.value());
                gradient = gradient == null ? null : gradient.add(n.gradient());
                hessian = hessian == null ? null : hessian.add(n.hessian());
                directional = directional == null ? null : directional.add(n.directional());
            }
            Jet out = new Jet(value, gradient, hessian, directional, time);
            scope.keep(out.value());
            scope.keep(out.gradient());
            scope.keep(out.hessian());
            scope.keep(out.directional());
            scope.keep(out.timeDerivative());
            return out;
        }
    }

    /** The largest d for which the quadratic head is solved exactly (d(d+1)/2 + d + 1 unknowns). */
    public static final int EXACT_HEAD_MAX_DIM = 10;

    /**
     * Solves the quadratic head (S, w, c₀) of the policy's PDE ρV − r − L^aV = 0 in weighted least
     * squares with the MLP part held fixed: the residual is linear in the head, with features
     * φ = −½xᵢ² (Lφ = −xᵢfᵢ − ½Aᵢᵢ), −xᵢxⱼ (Lφ = −xⱼfᵢ − xᵢfⱼ − Aᵢⱼ), xᵢ (Lφ = fᵢ), 1 (Lφ = 0), A = ΣΣᵀ.
     * For LQR with a linear policy this is exact policy evaluation (the Lyapunov equation), so the
     * iteration becomes Kleinman's (1968) with quadratic convergence. Only for d ≤ {@value #EXACT_HEAD_MAX_DIM}.
     */
    @Override
    public boolean solveResidual(ControlProblem problem, NDArray x, NDArray a, NDArray weights) {
        if (dim > EXACT_HEAD_MAX_DIM) {
            return false;
        }
        int b = (int) x.getShape().get(0);
        double rho = problem.discountRate();
        double[] xs;
        double[] fs;
        double[] as;
        double[] target;
        double[] ws;
        try (Scope scope = Scope.open(); GradMode off = GradMode.disabled()) {
            NDArray x64 = x.toType(DataType.FLOAT64, false);
            NDArray a64 = a.toType(DataType.FLOAT64, false);
            NDArray t = x64.zerosLike().get(":, 0:1");
            xs = x64.toDoubleArray();
            fs = problem.drift(t, x64, a64).toDoubleArray();
            NDArray sigma = problem.diffusion(t, x64, a64); // (B, d, n)
            as = sigma.matMul(sigma.transpose(0, 2, 1)).toDoubleArray();
            NDArray y = problem.reward(t, x64, a64);
            if (net != null) {
                // the MLP part moves to the right-hand side: y = r + L^aN − ρN
                var g = Generator.evaluate(net, problem, t.toType(x.getDataType(), false), x, a,
                        TraceMode.EXACT_HESSIAN, false, true);
                y = y.add(g.generator().toType(DataType.FLOAT64, false)).sub(g.value().toType(DataType.FLOAT64, false).mul(rho));
            }
            target = y.toDoubleArray();
            ws = weights.toType(DataType.FLOAT64, false).toDoubleArray();
        }
        int d = dim;
        int quad = d * (d + 1) / 2;
        double[][] phi = new double[b][quad + d + 1];
        for (int r = 0; r < b; r++) {
            int col = 0;
            for (int i = 0; i < d; i++) {
                double xi = xs[r * d + i];
                double fi = fs[r * d + i];
                for (int j = i; j < d; j++) {
                    double xj = xs[r * d + j];
                    double fj = fs[r * d + j];
                    double aij = as[r * d * d + i * d + j];
                    double value;
                    double gen;
                    if (i == j) {
                        value = -0.5 * xi * xi;
                        gen = -xi * fi - 0.5 * aij;
                    } else {
                        value = -xi * xj;
                        gen = -xj * fi - xi * fj - aij;
                    }
                    phi[r][col++] = rho * value - gen;
                }
            }
            for (int i = 0; i < d; i++) {
                phi[r][col++] = rho * xs[r * d + i] - fs[r * d + i];
            }
            phi[r][col] = rho;
        }
        double[] theta = LinearLeastSquares.solve(phi, target, ws);
        if (theta == null) {
            return false;
        }
        assignHead(theta);
        return true;
    }

    /** Least-squares fit of the head to Monte Carlo returns (the MLP part held fixed). */
    @Override
    public void calibrate(NDArray x, NDArray targets) {
        if (dim > EXACT_HEAD_MAX_DIM) {
            return;
        }
        int b = (int) x.getShape().get(0);
        double[] xs;
        double[] y;
        try (Scope scope = Scope.open(); GradMode off = GradMode.disabled()) {
            xs = x.toType(DataType.FLOAT64, false).toDoubleArray();
            NDArray t = targets.toType(DataType.FLOAT64, false);
            if (net != null) {
                t = t.sub(net.value(null, x).toType(DataType.FLOAT64, false));
            }
            y = t.toDoubleArray();
        }
        int d = dim;
        int quad = d * (d + 1) / 2;
        double[][] phi = new double[b][quad + d + 1];
        double[] w = new double[b];
        java.util.Arrays.fill(w, 1.0);
        for (int r = 0; r < b; r++) {
            int col = 0;
            for (int i = 0; i < d; i++) {
                for (int j = i; j < d; j++) {
                    double p = xs[r * d + i] * xs[r * d + j];
                    phi[r][col++] = i == j ? -0.5 * p : -p;
                }
            }
            for (int i = 0; i < d; i++) {
                phi[r][col++] = xs[r * d + i];
            }
            phi[r][col] = 1;
        }
        double[] theta = LinearLeastSquares.solve(phi, y, w);
        if (theta != null) {
            assignHead(theta);
        }
    }

    private void assignHead(double[] theta) {
        int d = dim;
        double[] mm = new double[d * d];
        int col = 0;
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                mm[i * d + j] = theta[col];
                mm[j * d + i] = theta[col];
                col++;
            }
        }
        double[] ww = new double[d];
        for (int i = 0; i < d; i++) {
            ww[i] = theta[col++];
        }
        ParameterSnapshot.assign(m, mm);
        ParameterSnapshot.assign(w, ww);
        ParameterSnapshot.assign(c0, new double[] {theta[col]});
    }

    @Override
    public void close() {
        manager.close();
    }
}
