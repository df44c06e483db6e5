package dev.bellman.control.finite;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.engine.Scalars;
import dev.bellman.control.generator.ControlledSde;

/**
 * The generator L^aφ = ∇φ·f + ½Tr(ΣΣᵀ∇²φ) (DESIGN.md §1.1) of any controlled SDE acting on a radial
 * field φ(t, x) = F(t, s), s = ‖x‖². With ∇φ = 2F_s x and ∇²φ = 2F_s I + 4F_ss xxᵀ,
 * <pre>  L^aφ = 2F_s (x·f + ½Tr A) + 2F_ss xᵀA x,   A = ΣΣᵀ(t, x, a),  </pre>
 * so the whole generator needs three scalars per state — the {@link Contractions} x·f, Tr A and
 * xᵀAx — instead of a (d, d) Hessian: O(d) work per state for constant Σ (O(dn) otherwise). The
 * identity holds for every SDE and action; only the radial form of φ is assumed.
 */
public final class RadialGenerator {
    private RadialGenerator() {}

    /**
     * The three contractions of the SDE at (t, x, a), each (B, 1).
     *
     * @param xDrift x·f(t, x, a)
     * @param trace Tr A = ‖Σ‖_F²
     * @param quadratic xᵀAx = ‖Σᵀx‖²
     */
    public record Contractions(NDArray xDrift, NDArray trace, NDArray quadratic) {}

    /**
     * x·f, Tr ΣΣᵀ and xᵀΣΣᵀx at t (B, 1), x (B, d), a (B, m); Σ is used as (d, n) when the SDE declares it
     * constant, never materialised per state. Attached to a when a requires a gradient.
     */
    public static Contractions contractions(ControlledSde sde, NDArray t, NDArray x, NDArray a) {
        long b = x.getShape().get(0);
        NDArray xDrift = sde.drift(t, x, a).mul(x).sum(new int[] {1}, true);
        NDArray sigma = sde.diffusionOrConstant(t, x, a);
        NDArray trace;
        NDArray quadratic;
        if (sigma.getShape().dimension() == 2) {
            trace = xDrift.zerosLike().stopGradient().add(sigma.square().sum().getDouble());
            quadratic = x.matMul(sigma).square().sum(new int[] {1}, true);
        } else {
            trace = sigma.square().sum(new int[] {1, 2}).reshape(new Shape(b, 1));
            quadratic = x.expandDims(1).matMul(sigma).square().sum(new int[] {1, 2}).reshape(new Shape(b, 1));
        }
        return new Contractions(xDrift, trace, quadratic);
    }

    /** L^aφ (B, 1) from F_s, F_ss (B, 1) of a radial φ and the SDE's contractions. */
    public static NDArray apply(NDArray fs, NDArray fss, Contractions c) {
        return Scalars.mul(fs, 2).mul(c.xDrift().add(Scalars.mul(c.trace(), 0.5))).add(Scalars.mul(fss, 2).mul(c.quadratic()));
    }

    /** The same formula for one state: L^aφ from F_s, F_ss and the contractions x·f, Tr A, xᵀAx. */
    public static double apply(double fs, double fss, double xDrift, double trace, double quadratic) {
        return 2 * fs * (xDrift + 0.5 * trace) + 2 * fss * quadratic;
    }
}
