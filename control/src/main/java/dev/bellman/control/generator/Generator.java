package dev.bellman.control.generator;

import ai.djl.ndarray.NDArray;
import dev.bellman.control.engine.Scalars;
import dev.bellman.control.engine.Scope;
import dev.bellman.control.field.Derivatives;
import dev.bellman.control.field.Jet;
import dev.bellman.control.field.ScalarField;
import dev.bellman.control.field.TraceMode;
import dev.bellman.control.field.WeightedTrace;

/**
 * The infinitesimal generator of a controlled diffusion acting on a scalar field (DESIGN.md §1.1;
 * e.g. Fleming &amp; Soner, Controlled Markov Processes, 2006, §III.2):
 * <pre>  L^a V(t, x) = ∇V·f(t, x, a) + ½ Tr(Σ Σᵀ(t, x, a) ∇²V)  </pre>
 * with ∇V and the weighted trace exact (or Hutchinson), from one jet evaluation of V.
 */
public final class Generator {
    private Generator() {}

    /** L^aV (B, 1), attached to V's parameters. */
    public static NDArray apply(ScalarField v, ControlledSde sde, NDArray t, NDArray x, NDArray a, TraceMode mode) {
        return evaluate(v, sde, t, x, a, mode, false, false).generator();
    }

    /**
     * All the terms of L^aV in one pass.
     *
     * @param withTime also return ∂ₜV (for HJB residuals of time-dependent problems)
     * @param detached no gradient to V's parameters (policy improvement); gradients still flow to a
     *     (and through it to a policy network) via the drift and diffusion
     */
    public static GeneratorTerms evaluate(ScalarField v, ControlledSde sde, NDArray t, NDArray x, NDArray a,
            TraceMode mode, boolean withTime, boolean detached) {
        try (Scope scope = Scope.open()) {
            NDArray sigma = sde.diffusionOrConstant(t, x, a);
            Derivatives request = WeightedTrace.request(Derivatives.valueAndGradient(), sigma, mode);
            if (withTime) {
                request = request.withTime();
            }
            if (detached) {
                request = request.detach();
            }
            Jet jet = v.jet(t, x, request);
            NDArray f = sde.drift(t, x, a);
            NDArray driftTerm = jet.gradient().mul(f).sum(new int[] {1}, true);
            NDArray diffusionTerm = Scalars.mul(WeightedTrace.fromJet(jet, sigma, mode), 0.5);
            NDArray generator = driftTerm.add(diffusionTerm);
            return new GeneratorTerms(scope.keep(jet.value()), scope.keep(jet.timeDerivative()), scope.keep(jet.gradient()),
                    scope.keep(f), scope.keep(driftTerm), scope.keep(diffusionTerm), scope.keep(generator));
        }
    }
}
