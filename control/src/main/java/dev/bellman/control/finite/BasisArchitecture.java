package dev.bellman.control.finite;

/**
 * The state halves of the separable space-time architecture a problem offers to
 * {@link LeastSquaresPolicyIteration}: V(t, x) = Σ θ_{kl} T_k(t) ψ_l(x), a(t, x) = Σ β_{kl} T_k(t) χ_l(x).
 *
 * @param value ψ (the value's state basis)
 * @param policy χ (each action component's state basis)
 */
public record BasisArchitecture(StateBasis value, StateBasis policy) {
    public BasisArchitecture {
        if (value == null || policy == null || value.dim() != policy.dim()) {
            throw new IllegalArgumentException("value and policy bases must be given, on the same state space");
        }
    }
}
