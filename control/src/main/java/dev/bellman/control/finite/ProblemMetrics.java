package dev.bellman.control.finite;

/**
 * The problem-specific part of a finite-horizon result; entries that do not apply are null.
 *
 * @param kHat lqr-finite: the least-squares gain K̂(0) (m, d) of a = −K̂x at t = 0 over the evaluation states
 * @param kRelErr lqr-finite: RMS over 11 evenly spaced times in [0, T] of ‖K̂(t) − K(t)‖_F/‖K(t)‖_F
 * @param piHat merton-finite: the mean learned risky fractions over evaluation wealths and times (n)
 * @param piRelErr merton-finite: ‖π̂ − π*‖/‖π*‖
 * @param u0 hjb-lq: the learned u(0, 0) = −V(0, 0)
 * @param u0Exact hjb-lq: u(0, 0) by quadrature
 * @param u0RelErr hjb-lq: |û0 − u0|/|u0|
 * @param u0Uncontrolled hjb-lq: E[g(√2 W_T)], the cost of doing nothing
 * @param offOriginRelErr hjb-lq: mean over j = 1..10 of |û(0, x_j) − u(0, x_j)|/|u(0, x_j)|, x_j = (0.2j/√d)(1, …, 1)
 */
public record ProblemMetrics(double[][] kHat, Double kRelErr, double[] piHat, Double piRelErr, Double u0, Double u0Exact,
        Double u0RelErr, Double u0Uncontrolled, Double offOriginRelErr) {

    public static ProblemMetrics lqr(double[][] kHat, double kRelErr) {
        return new ProblemMetrics(kHat, kRelErr, null, null, null, null, null, null, null);
    }

    public static ProblemMetrics merton(double[] piHat, double piRelErr) {
        return new ProblemMetrics(null, null, piHat, piRelErr, null, null, null, null, null);
    }

    public static ProblemMetrics hjbLq(double u0, double u0Exact, double u0Uncontrolled, double offOriginRelErr) {
        return new ProblemMetrics(null, null, null, null, u0, u0Exact, Math.abs(u0 - u0Exact) / Math.abs(u0Exact),
                u0Uncontrolled, offOriginRelErr);
    }
}
