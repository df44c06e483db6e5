package dev.bellman.control.pi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.engine.GradMode;
import dev.bellman.control.engine.Scope;
import dev.bellman.control.field.ScalarField;
import dev.bellman.control.generator.Policy;
import dev.bellman.control.hjb.HjbResidual;
import dev.bellman.control.nn.ParameterSnapshot;
import dev.bellman.control.reference.MertonSolution;
import dev.bellman.control.reference.Metrics;

/**
 * A learned value and policy scored against a reference problem's closed form on its fixed
 * evaluation states (DESIGN.md §1.3), in double precision. Keys that do not apply are null.
 *
 * @param valueRelL2 ‖V̂ − V‖₂/‖V‖₂ over the states
 * @param actionRelL2 LQR: ‖â − a*‖_F/‖a*‖_F; Merton: the larger of π's and k's relative L2 errors
 * @param hjbResidual RMS(R)/RMS(r + L^âV̂) with the core's general residual at the learned action
 * @param kHat LQR: the least-squares gain of â = −K̂x (m × d)
 * @param kRelErr LQR: ‖K̂ − K‖_F/‖K‖_F
 * @param piHat Merton: the mean learned risky fractions over the wealths
 * @param consumptionHat Merton: the mean learned consumption rate
 * @param piRelErr Merton: ‖π̂ − π*‖/‖π*‖ of the means
 * @param consumptionRelErr Merton: |k̂ − k*|/k* of the means
 * @param states the evaluation states (N, d)
 * @param learnedValues V̂ (N)
 * @param exactValues V (N)
 * @param learnedActions â (N, m)
 * @param exactActions a* (N, m)
 */
public record Scores(double valueRelL2, double actionRelL2, double hjbResidual, double[][] kHat, Double kRelErr,
        double[] piHat, Double consumptionHat, Double piRelErr, Double consumptionRelErr, double[][] states,
        double[] learnedValues, double[] exactValues, double[][] learnedActions, double[][] exactActions) {

    /** Scores (value, policy) on {@code reference}'s evaluation states. */
    public static Scores of(ReferenceCase reference, ScalarField value, Policy policy, NDManager manager) {
        double[][] states = reference.evaluationStates();
        int n = states.length;
        int d = states[0].length;
        double[] flat = new double[n * d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(states[i], 0, flat, i * d, d);
        }
        double[] vHat;
        double[] vStar;
        double[][] aHat;
        double[][] aStar;
        double hjb;
        try (Scope scope = Scope.open(); GradMode off = GradMode.disabled()) {
            NDArray x = manager.create(flat, new Shape(n, d)).toType(DataType.FLOAT64, false);
            NDArray t = manager.zeros(new Shape(n, 1), DataType.FLOAT64);
            NDArray xv = x.toType(dataTypeOf(value, x), false);
            NDArray tv = t.toType(xv.getDataType(), false);
            vHat = ParameterSnapshot.toDoubles(value.value(tv, xv));
            vStar = ParameterSnapshot.toDoubles(reference.exactValue().value(t, x));
            aHat = rows(ParameterSnapshot.toDoubles(policy.act(tv, xv)), n);
            aStar = rows(ParameterSnapshot.toDoubles(reference.exactPolicy().act(t, x)), n);
            hjb = HjbResidual.evaluate(reference.problem(), value, policy, tv, xv, PolicyIteration.scoringTrace(reference.problem()))
                    .relative();
        }
        double vErr = Metrics.relativeL2Error(vHat, vStar);
        if (reference instanceof ReferenceCase.Lqr lqr) {
            double[][] k = lqr.gain();
            double[][] kHat = Metrics.fitGain(states, aHat);
            return new Scores(vErr, Metrics.relativeL2Error(aHat, aStar), hjb, kHat, Metrics.gainRelativeError(kHat, k),
                    null, null, null, null, states, vHat, vStar, aHat, aStar);
        }
        ReferenceCase.Merton merton = (ReferenceCase.Merton) reference;
        MertonSolution s = merton.solution();
        int assets = s.pi().length;
        double[] piHat = new double[assets];
        double kHat = 0;
        double worst = 0;
        for (int j = 0; j <= assets; j++) {
            double[] learned = column(aHat, j);
            double[] exact = column(aStar, j);
            worst = Math.max(worst, Metrics.relativeL2Error(learned, exact));
            double mean = java.util.Arrays.stream(learned).average().orElse(Double.NaN);
            if (j < assets) {
                piHat[j] = mean;
            } else {
                kHat = mean;
            }
        }
        return new Scores(vErr, worst, hjb, null, null, piHat, kHat, Metrics.relativeL2Error(piHat, s.pi()),
                Math.abs(kHat - s.k()) / Math.abs(s.k()), states, vHat, vStar, aHat, aStar);
    }

    private static DataType dataTypeOf(ScalarField value, NDArray fallback) {
        if (value instanceof ValueNetwork v && !v.parameters().isEmpty()) {
            return v.parameters().get(0).array().getDataType();
        }
        return fallback.getDataType();
    }

    private static double[][] rows(double[] flat, int n) {
        int m = flat.length / n;
        double[][] out = new double[n][m];
        for (int i = 0; i < n; i++) {
            System.arraycopy(flat, i * m, out[i], 0, m);
        }
        return out;
    }

    private static double[] column(double[][] a, int j) {
        double[] c = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i][j];
        }
        return c;
    }
}
