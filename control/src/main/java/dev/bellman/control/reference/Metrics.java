package dev.bellman.control.reference;

import dev.bellman.control.BadInputException;
import dev.bellman.control.riccati.Matrices;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.DecompositionSolver;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealMatrix;

/** Error metrics in double precision (DESIGN.md 1.3). */
public final class Metrics {
    private Metrics() {}

    /** ‖estimate − reference‖₂ / ‖reference‖₂. */
    public static double relativeL2Error(double[] estimate, double[] reference) {
        if (estimate.length != reference.length) {
            throw new BadInputException("lengths differ: " + estimate.length + " vs " + reference.length);
        }
        double num = 0;
        double den = 0;
        for (int i = 0; i < reference.length; i++) {
            double e = estimate[i] - reference[i];
            num += e * e;
            den += reference[i] * reference[i];
        }
        if (den == 0) {
            throw new BadInputException("relative error against a zero reference is undefined");
        }
        return Math.sqrt(num / den);
    }

    /** The Frobenius form: ‖E − R‖_F / ‖R‖_F over all entries of two equally shaped arrays. */
    public static double relativeL2Error(double[][] estimate, double[][] reference) {
        if (estimate.length != reference.length) {
            throw new BadInputException("row counts differ: " + estimate.length + " vs " + reference.length);
        }
        int cols = reference.length == 0 ? 0 : reference[0].length;
        double[] e = new double[reference.length * cols];
        double[] r = new double[reference.length * cols];
        for (int i = 0; i < reference.length; i++) {
            if (estimate[i].length != cols || reference[i].length != cols) {
                throw new BadInputException("row " + i + " lengths differ");
            }
            System.arraycopy(estimate[i], 0, e, i * cols, cols);
            System.arraycopy(reference[i], 0, r, i * cols, cols);
        }
        return relativeL2Error(e, r);
    }

    /**
     * K̂, the least-squares fit of a = −K̂x: states X (N, d) and actions A (N, m) give
     * K̂ᵀ = argmin ‖XK̂ᵀ + A‖_F, solved by Householder QR of X (no normal equations, so the conditioning
     * is that of X, not its square). Needs N ≥ d and X of full column rank.
     */
    public static double[][] fitGain(double[][] states, double[][] actions) {
        int n = Matrices.requireShape("states", states, -1, -1);
        int rows = states.length;
        int m = Matrices.requireShape("actions", actions, rows, -1);
        if (rows < n) {
            throw new BadInputException("fitting a " + m + " × " + n + " gain needs at least " + n + " states, got " + rows);
        }
        RealMatrix x = new Array2DRowRealMatrix(states, true);
        RealMatrix a = new Array2DRowRealMatrix(actions, true).scalarMultiply(-1);
        DecompositionSolver solver = new QRDecomposition(x, 1e-12).getSolver();
        if (!solver.isNonSingular()) {
            throw new BadInputException("the evaluation states do not span R^" + n + ": the gain is not identifiable");
        }
        return solver.solve(a).transpose().getData();
    }

    /** ‖K̂ − K‖_F / ‖K‖_F. */
    public static double gainRelativeError(double[][] kHat, double[][] k) {
        return relativeL2Error(kHat, k);
    }

    /** {@code K_rel_err}: the relative error of the least-squares gain of (states, actions) against K. */
    public static double kRelErr(double[][] states, double[][] actions, double[][] k) {
        return gainRelativeError(fitGain(states, actions), k);
    }
}
