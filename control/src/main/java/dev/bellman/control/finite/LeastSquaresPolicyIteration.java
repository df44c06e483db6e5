package dev.bellman.control.finite;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.bellman.control.engine.BellmanEngine;
import dev.bellman.control.engine.GradMode;
import dev.bellman.control.engine.Scalars;
import dev.bellman.control.engine.Scope;
import dev.bellman.control.field.ScalarField;
import dev.bellman.control.field.WeightedTrace;
import dev.bellman.control.generator.Policy;
import dev.bellman.control.pi.LinearLeastSquares;
import dev.bellman.control.random.StepRandom;
import java.util.ArrayList;
import java.util.List;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.exception.MathIllegalArgumentException;

/**
 * Finite-horizon policy iteration with space-time least squares (issue 10): the finite-horizon form of
 * the stationary solver's exact head solve (Kleinman 1968 in continuous time). With a value
 * V(t, x) = Σ θ_{kl} T_k(t) ψ_l(x) ({@link SpaceTimeValue}) and a policy a(t, x) = Σ β_{kl} T_k(t) χ_l(x)
 * ({@link LinearFeedbackPolicy}), both linear in their coefficients, each round is
 * <ol>
 *   <li><b>Evaluation</b> of the current policy α: θ solves, in least squares over fresh space-time
 *       collocation points (t, x) ~ U[0, T] × training states, the policy's linear PDE
 *       ρV − ∂ₜV − (r + L^αV) = 0 (Feynman–Kac's PDE form) together with the terminal condition
 *       V(T, x) = g(x) at fresh states, weighted by {@link LeastSquaresConfig#terminalWeight()}. No Monte
 *       Carlo and no bootstrapping: when V^α lies in the span (LQR with a polynomial feedback, up to the
 *       time basis' approximation error) this is exact policy evaluation.</li>
 *   <li><b>Improvement</b>: at each collocation point one Newton step on a ↦ H(a) = r(t, x, a) + L^aV(t, x)
 *       with V's derivatives fixed, from the current action: a⁺ = a − H_aa⁻¹∇ₐH, where ∇ₐH comes from
 *       autograd at a and H_aa from ∇ₐH at a + eᵢ minus ∇ₐH at a (m + 1 backward passes). When H is
 *       quadratic in a — LQR (−½aᵀRa + ∇V·Ba), Merton (∇V·drift + ½V_xx x²πᵀCπ), Han–Jentzen–E — this is
 *       the exact pointwise argmax; points where −H_aa is not positive definite are left out. β is the
 *       least-squares projection of these maximisers on the policy's span.</li>
 * </ol>
 * The problem's equations enter only through reward, drift, diffusion and terminal reward (no closed
 * form is read). Everything is double precision on the host except the problem's own NDArray maps.
 */
public final class LeastSquaresPolicyIteration {
    private LeastSquaresPolicyIteration() {}

    /** Runs {@code config.iterations()} rounds from a = 0 on a problem offering {@code architecture}. */
    public static FiniteResult solve(FiniteHorizonProblem problem, BasisArchitecture architecture, FiniteSolverConfig config,
            FiniteListener listener) {
        LeastSquaresConfig ls = config.leastSquares();
        DataType dt = DataType.FLOAT64;
        int m = problem.actionDim();
        ChebyshevTimeBasis time = new ChebyshevTimeBasis(ls.timeDegree(), problem.T());
        SpaceTimeValue value = new SpaceTimeValue(time, architecture.value());
        LinearFeedbackPolicy policy = new LinearFeedbackPolicy(time, architecture.policy(), m);
        StepRandom random = StepRandom.of(config.seed());
        StepRandom collocation = random.stream(11);
        StepRandom terminal = random.stream(12);
        try (NDManager manager = BellmanEngine.current().newManager()) {
            return iterate(problem, config, listener, value, policy, manager, k -> {
                SpaceTimePoints p = problem.trainingPoints().sample(ls.collocationPoints(),
                        collocation.forStep(k).generator(), manager, dt);
                NDArray xT = problem.trainingStates().sample(ls.terminalPoints(), terminal.forStep(k).generator(), manager, dt);
                double fit;
                try (GradMode off = GradMode.disabled()) {
                    fit = evaluate(problem, value, policy, p, xT, ls.terminalWeight());
                }
                return new double[] {fit, improve(problem, value, policy, p)};
            });
        }
    }

    /** One round of a least-squares route (evaluation, then improvement) inside the round's scope: {fit, objective}. */
    @FunctionalInterface
    interface Round {
        double[] run(int k);
    }

    /**
     * The outer loop shared by the least-squares routes: {@code config.iterations()} rounds (or until the
     * time budget), each scored on the problem's evaluation points against its exact solution, then the
     * problem's metrics and trajectories of the final pair.
     */
    static FiniteResult iterate(FiniteHorizonProblem problem, FiniteSolverConfig config, FiniteListener listener,
            ScalarField value, Policy policy, NDManager manager, Round round) {
        DataType dt = DataType.FLOAT64;
        long begin = System.nanoTime();
        var mode = config.traceMode(problem.stateDim(), problem.noiseDim());
        FiniteHorizonSolver.Evaluation evaluation = FiniteHorizonSolver.Evaluation.prepare(problem, manager, dt, mode);
        List<IterationRecord> history = new ArrayList<>();
        Double timeTo2pct = null;
        for (int k = 1; k <= config.iterations(); k++) {
            double[] out;
            try (Scope scope = Scope.open()) {
                out = round.run(k);
            }
            double wall = (System.nanoTime() - begin) / 1e9;
            FiniteHorizonSolver.Evaluation.Errors errors = evaluation.errors(problem, value, policy, mode);
            IterationRecord record = new IterationRecord(k, out[0], errors.valueRelL2(), errors.actionRelL2(), out[1],
                    errors.hjbResidual(), wall);
            history.add(record);
            listener.onIteration(record);
            if (timeTo2pct == null && errors.valueRelL2() < 0.02) { // DESIGN §4 / issue 3: V_rel_l2 first below 0.02
                timeTo2pct = wall;
            }
            if (config.timeBudgetSeconds() > 0 && wall >= config.timeBudgetSeconds()) {
                break;
            }
        }
        IterationRecord last = history.get(history.size() - 1);
        ProblemMetrics metrics;
        List<Trajectory> paths;
        try (Scope scope = Scope.open(); GradMode off = GradMode.disabled()) {
            metrics = problem.metrics(value, policy, manager, dt);
            paths = FiniteHorizonSolver.trajectories(problem, policy, config, manager, dt);
        }
        double wall = (System.nanoTime() - begin) / 1e9;
        return new FiniteResult(problem.name(), problem.stateDim(), problem.T(), last.valueRelL2(), last.actionRelL2(),
                last.hjbResidual(), history.size(), wall, timeTo2pct, metrics, List.copyOf(history), paths);
    }

    /**
     * Solves θ for the policy's PDE and terminal condition; returns the relative RMS of the PDE residual
     * rows at the solution (RMS(Φθ − r)/RMS(r)).
     */
    static double evaluate(FiniteHorizonProblem problem, SpaceTimeValue value, LinearFeedbackPolicy policy,
            SpaceTimePoints p, NDArray xT, double terminalWeight) {
        int d = problem.stateDim();
        int n = (int) p.size();
        int nT = (int) xT.getShape().get(0);
        double rho = problem.discountRate();
        NDArray a = policy.act(p.t(), p.x());
        double[] ts = Host.doubles(p.t());
        double[] xs = Host.doubles(p.x());
        double[] f = Host.doubles(problem.drift(p.t(), p.x(), a));
        NDArray sigma = problem.diffusion(p.t(), p.x(), a);
        double[] cov = Host.doubles(sigma.matMul(sigma.transpose(0, 2, 1)));
        double[] r = Host.doubles(problem.reward(p.t(), p.x(), a));
        double[] xsT = Host.doubles(xT);
        double[] g = Host.doubles(problem.terminalReward(xT));
        ChebyshevTimeBasis time = value.timeBasis();
        StateBasis state = value.stateBasis();
        int nt = time.size();
        int q = state.size();
        double[][] phi = new double[n + nT][nt * q];
        double[] y = new double[n + nT];
        double[] w = new double[n + nT];
        double[] tv = new double[nt];
        double[] td = new double[nt];
        double[] psi = new double[q];
        double[][] grad = new double[q][d];
        double[][][] hess = new double[q][d][d];
        double[] lpsi = new double[q];
        double[] xi = new double[d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(xs, i * d, xi, 0, d);
            time.values(ts[i], tv);
            time.timeDerivatives(ts[i], td);
            state.evaluate(xi, psi, grad, hess);
            for (int l = 0; l < q; l++) {
                double gen = 0;
                for (int u = 0; u < d; u++) {
                    gen += grad[l][u] * f[i * d + u];
                    for (int v = 0; v < d; v++) {
                        gen += 0.5 * cov[i * d * d + u * d + v] * hess[l][u][v];
                    }
                }
                lpsi[l] = gen;
            }
            for (int k = 0; k < nt; k++) {
                for (int l = 0; l < q; l++) {
                    phi[i][k * q + l] = rho * tv[k] * psi[l] - td[k] * psi[l] - tv[k] * lpsi[l];
                }
            }
            y[i] = r[i];
            w[i] = 1.0 / n;
        }
        time.values(problem.T(), tv);
        for (int j = 0; j < nT; j++) {
            System.arraycopy(xsT, j * d, xi, 0, d);
            state.evaluate(xi, psi, null, null);
            for (int k = 0; k < nt; k++) {
                for (int l = 0; l < q; l++) {
                    phi[n + j][k * q + l] = tv[k] * psi[l];
                }
            }
            y[n + j] = g[j];
            w[n + j] = terminalWeight / nT;
        }
        double[] theta = LinearLeastSquares.solve(phi, y, w);
        if (theta == null) {
            throw new IllegalStateException("the space-time least-squares system is rank deficient: too few collocation points"
                    + " for " + phi[0].length + " coefficients?");
        }
        value.assign(theta);
        double num = 0;
        double den = 0;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int c = 0; c < theta.length; c++) {
                s += phi[i][c] * theta[c];
            }
            num += (s - y[i]) * (s - y[i]);
            den += y[i] * y[i];
        }
        return den == 0 ? Math.sqrt(num / n) : Math.sqrt(num / den);
    }

    /**
     * One Newton step per point on H(a) = r + ∇V·f(a) + ½Tr(Σ(a)Σ(a)ᵀ∇²V), then the least-squares
     * projection on the policy's span; returns the mean of H at the new policy's actions.
     */
    static double improve(FiniteHorizonProblem problem, SpaceTimeValue value, LinearFeedbackPolicy policy, SpaceTimePoints p) {
        int d = problem.stateDim();
        int m = problem.actionDim();
        int n = (int) p.size();
        NDManager manager = p.x().getManager();
        NDArray gradV = value.gradient(p.t(), p.x());
        NDArray hessV = value.hessian(p.t(), p.x());
        NDArray a0 = policy.act(p.t(), p.x());
        double[] g0 = actionGradient(problem, p, gradV, hessV, a0);
        double[][] gi = new double[m][];
        double[] unit = new double[m];
        for (int i = 0; i < m; i++) {
            java.util.Arrays.fill(unit, 0);
            unit[i] = 1;
            NDArray ai = a0.add(manager.create(unit, new Shape(1, m)));
            gi[i] = actionGradient(problem, p, gradV, hessV, ai);
        }
        double[] as = Host.doubles(a0);
        double[] ts = Host.doubles(p.t());
        double[] xs = Host.doubles(p.x());
        List<double[]> rows = new ArrayList<>();
        List<double[]> targets = new ArrayList<>();
        double[] xi = new double[d];
        for (int b = 0; b < n; b++) {
            double[][] negHaa = new double[m][m];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    // column i of H_aa is ∇H(a + eᵢ) − ∇H(a); symmetrised
                    negHaa[j][i] -= 0.5 * (gi[i][b * m + j] - g0[b * m + j]);
                    negHaa[i][j] -= 0.5 * (gi[i][b * m + j] - g0[b * m + j]);
                }
            }
            double[] step;
            try {
                var chol = new CholeskyDecomposition(MatrixUtils.createRealMatrix(negHaa), 1e-12, 1e-14);
                step = chol.getSolver().solve(MatrixUtils.createRealVector(java.util.Arrays.copyOfRange(g0, b * m, b * m + m)))
                        .toArray();
            } catch (MathIllegalArgumentException e) {
                continue; // H not strictly concave in a here: no Newton target
            }
            double[] target = new double[m];
            for (int i = 0; i < m; i++) {
                target[i] = as[b * m + i] + step[i];
            }
            System.arraycopy(xs, b * d, xi, 0, d);
            rows.add(policy.features(ts[b], xi));
            targets.add(target);
        }
        if (rows.isEmpty()) {
            throw new IllegalStateException("the Hamiltonian is not concave in a at any collocation point");
        }
        double[][] phi = rows.toArray(new double[0][]);
        double[] w = new double[phi.length];
        java.util.Arrays.fill(w, 1.0);
        double[][] beta = new double[m][];
        for (int i = 0; i < m; i++) {
            double[] y = new double[phi.length];
            for (int b = 0; b < y.length; b++) {
                y[b] = targets.get(b)[i];
            }
            beta[i] = LinearLeastSquares.solve(phi, y, w);
            if (beta[i] == null) {
                throw new IllegalStateException("the policy's least-squares projection is rank deficient");
            }
        }
        policy.assign(beta);
        NDArray a = policy.act(p.t(), p.x());
        return hamiltonian(problem, p, gradV, hessV, a).mean().getDouble();
    }

    private static NDArray hamiltonian(FiniteHorizonProblem problem, SpaceTimePoints p, NDArray gradV, NDArray hessV, NDArray a) {
        NDArray h = problem.reward(p.t(), p.x(), a).add(gradV.mul(problem.drift(p.t(), p.x(), a)).sum(new int[] {1}, true));
        return h.add(Scalars.mul(WeightedTrace.fromHessian(hessV, problem.diffusion(p.t(), p.x(), a)), 0.5));
    }

    /** ∇ₐH at actions a (B, m) by autograd, V's derivatives held fixed; row-major (B·m). */
    private static double[] actionGradient(FiniteHorizonProblem problem, SpaceTimePoints p, NDArray gradV, NDArray hessV,
            NDArray a) {
        try (Scope scope = Scope.open()) {
            NDArray leaf = a.duplicate();
            leaf.setRequiresGradient(true);
            try (GradientCollector gc = BellmanEngine.current().engine().newGradientCollector()) {
                NDArray h = hamiltonian(problem, p, gradV, hessV, leaf);
                gc.backward(h.sum());
            }
            return Host.doubles(leaf.getGradient());
        }
    }
}
