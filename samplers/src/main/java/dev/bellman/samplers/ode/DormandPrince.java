package dev.bellman.samplers.ode;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import dev.bellman.control.BadInputException;
import dev.bellman.control.engine.Scope;
import java.util.Objects;

/**
 * Adaptive Dormand–Prince 5(4) (Dormand &amp; Prince 1980; Hairer, Nørsett &amp; Wanner, Solving ODEs
 * I, §II.4–5) on a batched state, the solver Song et al. 2021 use through scipy's RK45: the whole
 * batch shares one step size, and the {@link ErrorNorm} (the RMS over the batch unless told
 * otherwise) of err / (atol + rtol·max(|y|, |y_new|)) accepts a step below 1. First-same-as-last: 6 new evaluations per attempt. The
 * initial step follows Hairer's recipe (one extra evaluation); the step factor is
 * 0.9·err^(−1/5), clipped to [0.2, 10], and never grows right after a rejection.
 *
 * <p>Memory: each attempt runs in its own scope; only the accepted state and the FSAL stage survive.
 */
public final class DormandPrince {
    private static final double SAFETY = 0.9;
    private static final double MIN_FACTOR = 0.2;
    private static final double MAX_FACTOR = 10.0;
    private static final double EXPONENT = -1.0 / 5.0;

    private static final double[] C = {0, 1.0 / 5, 3.0 / 10, 4.0 / 5, 8.0 / 9, 1, 1};
    private static final double[][] A = {
        {},
        {1.0 / 5},
        {3.0 / 40, 9.0 / 40},
        {44.0 / 45, -56.0 / 15, 32.0 / 9},
        {19372.0 / 6561, -25360.0 / 2187, 64448.0 / 6561, -212.0 / 729},
        {9017.0 / 3168, -355.0 / 33, 46732.0 / 5247, 49.0 / 176, -5103.0 / 18656},
        {35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84}};
    /** The 5th-order weights minus the embedded 4th-order ones, for all 7 stages. */
    private static final double[] E = {71.0 / 57600, 0, -71.0 / 16695, 71.0 / 1920, -17253.0 / 339200, 22.0 / 525, -1.0 / 40};

    private final double rtol;
    private final double atol;
    private final int maxSteps;
    private final ErrorNorm norm;

    /** With the batch-RMS error norm. */
    public DormandPrince(double rtol, double atol, int maxSteps) {
        this(rtol, atol, maxSteps, ErrorNorm.BATCH_RMS);
    }

    public DormandPrince(double rtol, double atol, int maxSteps, ErrorNorm norm) {
        if (!(rtol > 0) || !(atol > 0) || maxSteps < 1) {
            throw new BadInputException("RK45 needs rtol > 0, atol > 0 and a step limit ≥ 1, got " + rtol + ", " + atol + ", " + maxSteps);
        }
        this.rtol = rtol;
        this.atol = atol;
        this.maxSteps = maxSteps;
        this.norm = Objects.requireNonNull(norm, "norm");
    }

    /**
     * Solves dy/ds = F(s, y) from s0 to s1 &gt; s0.
     *
     * @param y0 (B, n); not modified
     * @param observer called after every accepted step
     * @return the state at s1, in the current scope (if any) like any other result
     */
    public OdeSolution solve(OdeFunction f, double s0, double s1, NDArray y0, StepObserver observer) {
        if (!(s1 > s0)) {
            throw new IllegalArgumentException("RK45 integrates forward: need s1 > s0, got " + s0 + ", " + s1);
        }
        NDArray y = y0.duplicate();
        NDArray k1;
        double h;
        try (Scope scope = Scope.open()) {
            k1 = scope.keep(f.rate(s0, y));
            h = initialStep(f, s0, s1, y, k1);
        }
        long evaluations = 2;
        double s = s0;
        int accepted = 0;
        int rejected = 0;
        while (s < s1) {
            boolean rejectedHere = false;
            while (true) {
                if (accepted + rejected >= maxSteps) {
                    throw new IllegalStateException("RK45 needed more than " + maxSteps
                            + " step attempts (a stiff problem or tolerances too tight)");
                }
                double minStep = 10 * Math.ulp(s);
                if (h < minStep) {
                    throw new IllegalStateException("RK45 step size fell below " + minStep + " at s = " + s);
                }
                double sNew = s + h >= s1 ? s1 : s + h;
                double hh = sNew - s;
                Attempt att = attempt(f, s, hh, y, k1);
                evaluations += 6;
                if (att.error < 1) {
                    double factor = att.error == 0 ? MAX_FACTOR : Math.min(MAX_FACTOR, SAFETY * Math.pow(att.error, EXPONENT));
                    if (rejectedHere) {
                        factor = Math.min(1, factor);
                    }
                    h = hh * factor;
                    release(y);
                    release(k1);
                    y = att.state;
                    k1 = att.lastStage;
                    s = sNew;
                    observer.onAccepted(accepted, s, hh, evaluations, y);
                    accepted++;
                    break;
                }
                h = hh * Math.max(MIN_FACTOR, SAFETY * Math.pow(att.error, EXPONENT));
                rejectedHere = true;
                rejected++;
            }
        }
        release(k1);
        return new OdeSolution(y, accepted, rejected, evaluations);
    }

    private record Attempt(NDArray state, NDArray lastStage, double error) {}

    /** One Dormand–Prince step of size h from (s, y) with first stage k1; keeps the results only if accepted. */
    private Attempt attempt(OdeFunction f, double s, double h, NDArray y, NDArray k1) {
        try (Scope scope = Scope.open()) {
            NDArray[] k = new NDArray[7];
            k[0] = k1;
            for (int i = 1; i < 6; i++) {
                k[i] = f.rate(s + C[i] * h, combination(y, h, A[i], k, i));
            }
            NDArray yNew = combination(y, h, A[6], k, 6);
            k[6] = f.rate(s + h, yNew);
            NDArray scale = y.abs().maximum(yNew.abs()).muli(rtol).addi(atol);
            double error = norm.of(combination(null, h, E, k, 7).divi(scale));
            if (!Double.isFinite(error)) {
                error = Double.POSITIVE_INFINITY;
            }
            if (error < 1) {
                return new Attempt(scope.keep(yNew), scope.keep(k[6]), error);
            }
            return new Attempt(null, null, error);
        }
    }

    /** Hairer's initial step: h0 = 0.01‖y‖/‖F‖, then a probe F(s0 + h0, y0 + h0 F) for the curvature. */
    private double initialStep(OdeFunction f, double s0, double s1, NDArray y, NDArray f0) {
        NDArray scale = y.abs().muli(rtol).addi(atol);
        double d0 = norm.of(y.div(scale));
        double d1 = norm.of(f0.div(scale));
        double h0 = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : 0.01 * d0 / d1;
        h0 = Math.min(h0, s1 - s0);
        NDArray f1 = f.rate(s0 + h0, f0.mul(h0).addi(y));
        double d2 = norm.of(f1.sub(f0).divi(scale)) / h0;
        double h1 = d1 <= 1e-15 && d2 <= 1e-15 ? Math.max(1e-6, h0 * 1e-3) : Math.pow(0.01 / Math.max(d1, d2), 1.0 / 5);
        return Math.min(Math.min(100 * h0, h1), s1 - s0);
    }

    /** (y +) h Σ_{j<count} c_j k_j, the chain starting from the step-scoped stages (DESIGN.md §3). */
    private static NDArray combination(NDArray y, double h, double[] c, NDArray[] k, int count) {
        NDArray acc = null;
        for (int j = 0; j < count; j++) {
            if (c[j] == 0) {
                continue;
            }
            NDArray term = k[j].mul(h * c[j]);
            acc = acc == null ? term : acc.addi(term);
        }
        return y == null ? acc : acc.addi(y);
    }


    private static void release(NDArray a) {
        NDScope.unregister(a);
        a.close();
    }

    /** Called after every accepted step. */
    @FunctionalInterface
    public interface StepObserver {
        /** @param index accepted-step index; @param s the time reached; @param h the step; @param y the state (read only) */
        void onAccepted(int index, double s, double h, long evaluations, NDArray y);

        StepObserver NONE = (i, s, h, e, y) -> {};
    }
}
