package dev.bellman.control.finite;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.bellman.control.BadInputException;
import dev.bellman.control.engine.BellmanEngine;
import dev.bellman.control.engine.GradMode;
import dev.bellman.control.engine.Scope;
import dev.bellman.control.hjb.ActionSpace;
import dev.bellman.control.random.StepRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Space-time least-squares policy iteration for rotation-invariant problems ({@link Symmetry#ROTATION}),
 * e.g. the Han–Jentzen–E HJB in d = 100: {@link LeastSquaresPolicyIteration} with the value restricted to
 * radial fields V(t, x) = F(t, ‖x‖²) ({@link RadialValue}) and the policy to equivariant feedbacks
 * a = h(t, ‖x‖²) x ({@link EquivariantPolicy}) — the classes the exact value and an optimal feedback lie
 * in, whatever d. With s = ‖x‖², F(t, s) = Σ θ_{kl} T_k(t) φ_l(s), h(t, s) = Σ β_{kl} T_k(t) χ_l(s), the
 * log-Chebyshev bases φ ({@code power} 0, degree p_r) and χ ({@code power} 1, degree p_r − 1, which spans
 * F_s) of {@link RadialBasis.LogChebyshev}, each round is
 * <ol>
 *   <li><b>Evaluation</b> of the current policy α: θ solves, in least squares over fresh collocation points
 *       (t, x) from the problem's {@link FiniteHorizonProblem#trainingPoints()}, the policy's linear PDE
 *       ρV − ∂ₜV − (r + L^αV) = 0 (Feynman–Kac's PDE form), with L^αφ_l from the {@link RadialGenerator}
 *       (x·f, Tr ΣΣᵀ, xᵀΣΣᵀx per point, O(d) work), plus the terminal condition V(T, x) = g(x) at the end
 *       states X_T of closed-loop paths of α from fresh training points ({@link MonteCarloReturns#endStates}):
 *       the radii the process reaches by T. (Imposing g at radii it never reaches by T — small ‖x‖ in
 *       d = 100 — would ask the basis for the boundary layer of V near (T, 0), where V moves on a time
 *       scale 1/(2d), and costs accuracy everywhere.) Exact policy evaluation when V^α lies in the span, up
 *       to the tiny ridge of {@link RidgeLeastSquares}.</li>
 *   <li><b>Improvement</b>: at each collocation point one Newton step on h ↦ H(hx) = r + L^{hx}V, V fixed,
 *       from the current h (first derivative by autograd through the problem's reward, drift and diffusion,
 *       second as the difference of first derivatives at h and h + 1: exact when H is quadratic in the
 *       action, as for Han–Jentzen–E); β is the least-squares projection of the maximisers on the policy's
 *       span, weighted by s = ‖x‖² since ‖(h − h')x‖² = s(h − h')². Points where H is not strictly concave
 *       in h are left out.</li>
 * </ol>
 * The radial domain is fixed once from 16,384 of the problem's training points: c is the median of
 * ‖x‖², s_max 1.1 × their maximum. Everything problem-specific enters through reward, drift, diffusion,
 * terminal reward and the training points; no closed form is read. Starts from a = 0.
 */
public final class RadialPolicyIteration {
    /** Training points drawn once to fix the radial domain (scale c and s_max). */
    static final int DOMAIN_POINTS = 16_384;
    /** Relative ridge μ of the least-squares solves ({@link RidgeLeastSquares}). */
    static final double RIDGE = 1e-15;

    private RadialPolicyIteration() {}

    /**
     * The radial domain: the log map's scale c and the largest squared radius s_max.
     *
     * @param scale c &gt; 0, the median of ‖x‖² over the training points
     * @param sMax s_max &gt; c
     */
    public record Domain(double scale, double sMax) {
        public Domain {
            if (!(scale > 0) || !(sMax > scale) || !Double.isFinite(sMax)) {
                throw new IllegalArgumentException("radial domain needs 0 < c < s_max < ∞, got " + scale + ", " + sMax);
            }
        }

        /** c = median, s_max = 1.1 × max of ‖x‖² over n of the problem's training points. */
        static Domain of(FiniteHorizonProblem problem, int n, StepRandom random, NDManager manager) {
            try (Scope scope = Scope.open()) {
                SpaceTimePoints p = problem.trainingPoints().sample(n, random.forStep(0).generator(), manager, DataType.FLOAT64);
                double[] s = RadialValue.squaredNorms(p.x());
                Arrays.sort(s);
                double median = s[s.length / 2];
                double max = s[s.length - 1];
                double scale = median > 0 ? median : 1.0;
                return new Domain(scale, Math.max(1.1 * max, 2 * scale));
            }
        }
    }

    /** Checks that the problem declares the rotation symmetry the restriction relies on. */
    static void require(FiniteHorizonProblem problem) {
        if (problem.symmetry() != Symmetry.ROTATION) {
            throw new BadInputException(problem.name() + " does not declare rotation invariance; the radial solver does not apply");
        }
        if (problem.actionDim() != problem.stateDim() || !(problem.actionSpace() instanceof ActionSpace.Unbounded)) {
            throw new BadInputException(problem.name() + ": the equivariant feedback h(t, |x|²)x needs unbounded actions in R^d");
        }
    }

    /** Runs {@code config.iterations()} rounds from a = 0. */
    public static FiniteResult solve(FiniteHorizonProblem problem, FiniteSolverConfig config, FiniteListener listener) {
        require(problem);
        LeastSquaresConfig ls = config.leastSquares();
        DataType dt = DataType.FLOAT64;
        StepRandom random = StepRandom.of(config.seed());
        StepRandom collocation = random.stream(11);
        StepRandom terminal = random.stream(12);
        StepRandom paths = random.stream(14);
        try (NDManager manager = BellmanEngine.current().newManager()) {
            Domain domain = Domain.of(problem, DOMAIN_POINTS, random.stream(13), manager);
            ChebyshevTimeBasis time = new ChebyshevTimeBasis(ls.timeDegree(), problem.T());
            RadialValue value = new RadialValue(time,
                    RadialBasis.logChebyshev(ls.radialDegree(), domain.scale(), domain.sMax(), 0), problem.stateDim());
            EquivariantPolicy policy = new EquivariantPolicy(time,
                    RadialBasis.logChebyshev(ls.radialDegree() - 1, domain.scale(), domain.sMax(), 1));
            return LeastSquaresPolicyIteration.iterate(problem, config, listener, value, policy, manager, k -> {
                SpaceTimePoints p = problem.trainingPoints().sample(ls.collocationPoints(),
                        collocation.forStep(k).generator(), manager, dt);
                SpaceTimePoints starts = problem.trainingPoints().sample(ls.terminalPoints(), terminal.forStep(k).generator(),
                        manager, dt);
                NDArray xT = MonteCarloReturns.endStates(problem, problem.T(), policy, starts, config.rolloutSteps(),
                        paths.forStep(k).split());
                double fit;
                try (GradMode off = GradMode.disabled()) {
                    fit = evaluate(problem, value, policy, p, xT, ls.terminalWeight());
                }
                return new double[] {fit, improve(problem, value, policy, p)};
            });
        }
    }

    /**
     * Solves θ for the policy's PDE at the points p and the terminal condition at xT; returns the relative
     * RMS of the PDE rows at the solution (RMS(Φθ − r)/RMS(r)).
     */
    static double evaluate(FiniteHorizonProblem problem, RadialValue value, EquivariantPolicy policy, SpaceTimePoints p,
            NDArray xT, double terminalWeight) {
        int n = (int) p.size();
        int nT = (int) xT.getShape().get(0);
        double rho = problem.discountRate();
        NDArray a = policy.act(p.t(), p.x());
        RadialGenerator.Contractions c = RadialGenerator.contractions(problem, p.t(), p.x(), a);
        double[] xf = Host.doubles(c.xDrift());
        double[] tr = Host.doubles(c.trace());
        double[] quad = Host.doubles(c.quadratic());
        double[] r = Host.doubles(problem.reward(p.t(), p.x(), a));
        double[] ts = Host.doubles(p.t());
        double[] s = RadialValue.squaredNorms(p.x());
        double[] sT = RadialValue.squaredNorms(xT);
        double[] g = Host.doubles(problem.terminalReward(xT));
        ChebyshevTimeBasis time = value.timeBasis();
        RadialBasis radial = value.radialBasis();
        int nt = time.size();
        int q = radial.size();
        double[][] phi = new double[n + nT][nt * q];
        double[] y = new double[n + nT];
        double[] w = new double[n + nT];
        double[] tv = new double[nt];
        double[] td = new double[nt];
        double[] f0 = new double[q];
        double[] f1 = new double[q];
        double[] f2 = new double[q];
        double[] lf = new double[q];
        for (int i = 0; i < n; i++) {
            time.values(ts[i], tv);
            time.timeDerivatives(ts[i], td);
            radial.evaluate(s[i], f0, f1, f2);
            for (int l = 0; l < q; l++) {
                lf[l] = RadialGenerator.apply(f1[l], f2[l], xf[i], tr[i], quad[i]);
            }
            for (int k = 0; k < nt; k++) {
                for (int l = 0; l < q; l++) {
                    phi[i][k * q + l] = rho * tv[k] * f0[l] - td[k] * f0[l] - tv[k] * lf[l];
                }
            }
            y[i] = r[i];
            w[i] = 1.0 / n;
        }
        time.values(problem.T(), tv);
        for (int j = 0; j < nT; j++) {
            radial.evaluate(sT[j], f0, null, null);
            for (int k = 0; k < nt; k++) {
                for (int l = 0; l < q; l++) {
                    phi[n + j][k * q + l] = tv[k] * f0[l];
                }
            }
            y[n + j] = g[j];
            w[n + j] = terminalWeight / nT;
        }
        double[] theta = RidgeLeastSquares.solve(phi, y, w, RIDGE);
        value.assign(theta);
        double num = 0;
        double den = 0;
        for (int i = 0; i < n; i++) {
            double fit = 0;
            for (int col = 0; col < theta.length; col++) {
                fit += phi[i][col] * theta[col];
            }
            num += (fit - y[i]) * (fit - y[i]);
            den += y[i] * y[i];
        }
        return den == 0 ? Math.sqrt(num / n) : Math.sqrt(num / den);
    }

    /**
     * One Newton step per point on h ↦ H(hx) = r + L^{hx}V (radial generator, V fixed), then the
     * s-weighted least-squares projection on the policy's span; returns the mean of H at the new policy.
     */
    static double improve(FiniteHorizonProblem problem, RadialValue value, EquivariantPolicy policy, SpaceTimePoints p) {
        int n = (int) p.size();
        NDManager manager = p.x().getManager();
        double[][] parts = value.radialParts(p.t(), p.x());
        NDArray fs = manager.create(parts[2], new Shape(n, 1));
        NDArray fss = manager.create(parts[3], new Shape(n, 1));
        NDArray h0 = policy.feedback(p.t(), p.x());
        double[] g0 = slope(problem, p, fs, fss, h0);
        double[] g1 = slope(problem, p, fs, fss, h0.add(1));
        double[] hs = Host.doubles(h0);
        double[] ts = Host.doubles(p.t());
        double[] s = RadialValue.squaredNorms(p.x());
        List<double[]> rows = new ArrayList<>();
        List<Double> targets = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (int b = 0; b < n; b++) {
            double curvature = g1[b] - g0[b];
            if (!(curvature < 0) || !(s[b] > 0)) {
                continue; // H not strictly concave in h here (or x = 0, where h is not seen): no Newton target
            }
            rows.add(policy.features(ts[b], s[b]));
            targets.add(hs[b] - g0[b] / curvature);
            weights.add(s[b]);
        }
        if (rows.size() < policy.size()) {
            throw new IllegalStateException("the Hamiltonian is strictly concave in h at only " + rows.size()
                    + " collocation points, fewer than the policy's " + policy.size() + " coefficients");
        }
        double[] y = targets.stream().mapToDouble(Double::doubleValue).toArray();
        double[] w = weights.stream().mapToDouble(Double::doubleValue).toArray();
        policy.assign(RidgeLeastSquares.solve(rows.toArray(new double[0][]), y, w, RIDGE));
        try (GradMode off = GradMode.disabled()) {
            return hamiltonian(problem, p, fs, fss, policy.feedback(p.t(), p.x())).mean().getDouble();
        }
    }

    /** H(hx) = r(t, x, hx) + L^{hx}V (B, 1) for a radial V given by F_s, F_ss. */
    static NDArray hamiltonian(FiniteHorizonProblem problem, SpaceTimePoints p, NDArray fs, NDArray fss, NDArray h) {
        NDArray a = p.x().mul(h);
        RadialGenerator.Contractions c = RadialGenerator.contractions(problem, p.t(), p.x(), a);
        return problem.reward(p.t(), p.x(), a).add(RadialGenerator.apply(fs, fss, c));
    }

    /** ∂H/∂h at h (B, 1) by autograd (through the problem's reward, drift and diffusion), on the host. */
    private static double[] slope(FiniteHorizonProblem problem, SpaceTimePoints p, NDArray fs, NDArray fss, NDArray h) {
        try (Scope scope = Scope.open()) {
            NDArray leaf = h.duplicate();
            leaf.setRequiresGradient(true);
            try (GradientCollector gc = BellmanEngine.current().engine().newGradientCollector()) {
                gc.backward(hamiltonian(problem, p, fs, fss, leaf).sum());
            }
            return Host.doubles(leaf.getGradient());
        }
    }
}
