package dev.bellman.control.finite;

/**
 * A symmetry a finite-horizon problem declares about itself, which lets the solver restrict its value
 * and policy to the invariant ones (a structural choice stated by the problem, like the quadratic value
 * of LQR): if every ingredient of a control problem is invariant under a group acting on states and
 * actions, so are its value and the set of optimal feedbacks (e.g. Fleming &amp; Soner 2006, §IV.4; the
 * dynamic programming operator commutes with the group action).
 */
public enum Symmetry {
    /** No symmetry is claimed. */
    NONE,

    /**
     * Invariance under every orthogonal R ∈ O(d) acting on states and actions alike (actions live in R^d,
     * m = d): for all t, x, a
     * <pre>  f(t, Rx, Ra) = R f(t, x, a),   ΣΣᵀ(t, Rx, Ra) = R ΣΣᵀ(t, x, a) Rᵀ,
     *  r(t, Rx, Ra) = r(t, x, a),      g(Rx) = g(x),  and the action set is O(d)-invariant.</pre>
     * Then V(t, x) = F(t, ‖x‖²) is radial and, for d ≥ 2, an optimal feedback is equivariant,
     * a(t, Rx) = R a(t, x), i.e. a(t, x) = h(t, ‖x‖²) x (the only O(d)-equivariant vector fields).
     */
    ROTATION
}
