package dev.bellman.control.field;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * The weighted trace Tr(A∇²φ) with A = ΣΣᵀ, the second-order part of the generator
 * L^a φ = ∇φ·f + ½Tr(ΣΣᵀ∇²φ) (DESIGN.md §1.1).
 *
 * <p>Σ is given either per state as (B, d, n) or, for state- and action-independent noise, once as
 * (d, n). Three ways (see {@link TraceMode}):
 * <ul>
 *   <li>from the Hessian: Tr(ΣᵀHΣ) = Σᵢⱼ (HΣ)ᵢⱼ Σᵢⱼ;</li>
 *   <li>exact columns: Σⱼ (Σeⱼ)ᵀH(Σeⱼ), j = 1..n, using directional second derivatives only;</li>
 *   <li>Hutchinson: (1/K) Σₖ (Σvₖ)ᵀH(Σvₖ) for fixed Rademacher vₖ ∈ {±1}ⁿ, unbiased because
 *       E[vvᵀ] = I gives E[vᵀΣᵀHΣv] = Tr(ΣᵀHΣ) (Hutchinson 1990).</li>
 * </ul>
 */
public final class WeightedTrace {
    private WeightedTrace() {}

    /** Tr(ΣᵀHΣ) for H (B, d, d) and Σ (B, d, n) or (d, n) → (B, 1). */
    public static NDArray fromHessian(NDArray hessian, NDArray sigma) {
        long batch = hessian.getShape().get(0);
        return hessian.matMul(sigma).mul(sigma).sum(new int[] {1, 2}).reshape(new Shape(batch, 1));
    }

    /**
     * The directions whose second derivatives the mode needs: the columns of Σ, (·, n, d), or the
     * products Σvₖ, (·, K, d); the leading axis is B for Σ (B, d, n) and 1 for Σ (d, n).
     *
     * @throws IllegalArgumentException for {@link TraceMode#EXACT_HESSIAN}, which needs no directions
     */
    public static NDArray directions(NDArray sigma, TraceMode mode) {
        NDArray s3 = sigma.getShape().dimension() == 2 ? sigma.expandDims(0) : sigma;
        if (mode instanceof TraceMode.ExactColumns) {
            return s3.transpose(0, 2, 1);
        }
        if (mode instanceof TraceMode.Hutchinson h) {
            long n = s3.getShape().get(2);
            if (h.probes().dim() != n) {
                throw new IllegalArgumentException("Hutchinson probes have length " + h.probes().dim()
                        + " but Σ has " + n + " noise columns");
            }
            NDArray v = h.probes().toArray(sigma.getManager(), sigma.getDataType());
            return s3.matMul(v.transpose()).transpose(0, 2, 1);
        }
        throw new IllegalArgumentException("the exact-Hessian trace uses no directions");
    }

    /** Combines directional second derivatives (B, K) into the trace (B, 1): a sum (columns) or a mean (probes). */
    public static NDArray reduce(NDArray directional, TraceMode mode) {
        if (mode instanceof TraceMode.Hutchinson) {
            return directional.mean(new int[] {1}, true);
        }
        if (mode instanceof TraceMode.ExactColumns) {
            return directional.sum(new int[] {1}, true);
        }
        throw new IllegalArgumentException("the exact-Hessian trace is not a reduction of directions");
    }

    /** Tr(ΣΣᵀ∇²φ)(t, x) (B, 1) for Σ (B, d, n) or (d, n), attached to φ's parameters. */
    public static NDArray of(ScalarField phi, NDArray t, NDArray x, NDArray sigma, TraceMode mode) {
        return of(phi, t, x, sigma, mode, false);
    }

    /** As {@link #of(ScalarField, NDArray, NDArray, NDArray, TraceMode)}, optionally detached. */
    public static NDArray of(ScalarField phi, NDArray t, NDArray x, NDArray sigma, TraceMode mode, boolean detached) {
        Derivatives request = request(Derivatives.value(), sigma, mode);
        Jet jet = phi.jet(t, x, detached ? request.detach() : request);
        return fromJet(jet, sigma, mode);
    }

    /** Adds to {@code base} what {@code mode} needs to compute the trace for this Σ. */
    public static Derivatives request(Derivatives base, NDArray sigma, TraceMode mode) {
        if (mode instanceof TraceMode.ExactHessian) {
            return base.withHessian();
        }
        return base.withDirections(directions(sigma, mode));
    }

    /** The trace from a jet computed with {@link #request}. */
    public static NDArray fromJet(Jet jet, NDArray sigma, TraceMode mode) {
        if (mode instanceof TraceMode.ExactHessian) {
            return fromHessian(jet.hessian(), sigma);
        }
        return reduce(jet.directional(), mode);
    }
}
