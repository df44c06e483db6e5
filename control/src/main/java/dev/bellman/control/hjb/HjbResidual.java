package dev.bellman.control.hjb;

import ai.djl.ndarray.NDArray;
import dev.bellman.control.engine.Scalars;
import dev.bellman.control.engine.Scope;
import dev.bellman.control.field.ScalarField;
import dev.bellman.control.field.TraceMode;
import dev.bellman.control.generator.Generator;
import dev.bellman.control.generator.GeneratorTerms;
import dev.bellman.control.generator.Policy;
import dev.bellman.control.nn.ParameterSnapshot;

/**
 * The one general HJB residual (DESIGN.md §1.1):
 * <pre>  R(t, x) = ρV − ∂ₜV − max_a { r(t, x, a) + L^aV(t, x) }  </pre>
 * with the max taken at a supplied policy's action (the exact maximiser for a closed-form check, the
 * actor for a learned one). ∂ₜV = 0 for stationary problems and ρ = 0 without discount.
 */
public final class HjbResidual {
    private HjbResidual() {}

    /**
     * R and its pieces for one batch.
     *
     * @param detached no gradient to V's parameters (evaluation); attached, a loss on R trains V
     */
    public static HjbTerms terms(ControlProblem problem, ScalarField value, Policy policy, NDArray t, NDArray x,
            TraceMode mode, boolean detached) {
        try (Scope scope = Scope.open()) {
            NDArray a = policy.act(t, x);
            boolean withTime = !problem.stationary() && !value.stationary();
            GeneratorTerms g = Generator.evaluate(value, problem, t, x, a, mode, withTime, detached);
            NDArray r = problem.reward(t, x, a);
            NDArray h = r.add(g.generator());
            NDArray residual = Scalars.mul(g.value(), problem.discountRate()).sub(h);
            if (withTime) {
                residual = residual.sub(g.timeDerivative());
            }
            scope.keep(a);
            scope.keep(r);
            keepAll(scope, g);
            return new HjbTerms(scope.keep(residual), scope.keep(h), a, r, g);
        }
    }

    /** R (B, 1) for one batch; see {@link #terms}. */
    public static NDArray residual(ControlProblem problem, ScalarField value, Policy policy, NDArray t, NDArray x,
            TraceMode mode, boolean detached) {
        return terms(problem, value, policy, t, x, mode, detached).residual();
    }

    /** RMS(R)/RMS(H) over the given states (detached), with the per-state values. */
    public static HjbResidualReport evaluate(ControlProblem problem, ScalarField value, Policy policy, NDArray t,
            NDArray x, TraceMode mode) {
        try (Scope scope = Scope.open()) {
            HjbTerms terms = terms(problem, value, policy, t, x, mode, true);
            double[] r = ParameterSnapshot.toDoubles(terms.residual());
            double[] h = ParameterSnapshot.toDoubles(terms.hamiltonian());
            double rmsR = rms(r);
            double rmsH = rms(h);
            return new HjbResidualReport(rmsR / rmsH, rmsR, rmsH, r, h);
        }
    }

    private static double rms(double[] v) {
        double s = 0;
        for (double e : v) {
            s += e * e;
        }
        return Math.sqrt(s / v.length);
    }

    private static void keepAll(Scope scope, GeneratorTerms g) {
        scope.keep(g.value());
        scope.keep(g.timeDerivative());
        scope.keep(g.gradient());
        scope.keep(g.drift());
        scope.keep(g.driftTerm());
        scope.keep(g.diffusionTerm());
        scope.keep(g.generator());
    }
}
