package dev.bellman.diffusion.gap;

/**
 * The verification gap and identity (DESIGN.md §1.4), estimated along n reverse-SDE paths of the
 * model's control from the prior. Entries that do not apply are null.
 *
 * @param gap G(u) = ½ E∫‖u − u*‖² dτ with the exact mixture u*; null for data without a mixture
 * @param gapEmpirical the same with the empirical-optimal control of the training set; null for mixture data
 * @param cost J = ∫(½‖u‖² − div μ) dτ − log p_ε(X_{T−ε}) per path; null without a mixture
 * @param value V = −log p_T(X_0) per path; null without a mixture
 * @param identityResidual E[J] − E[V] − G, with the standard error of the per-path J − V − G
 *     (exactly zero in expectation in continuous time; Euler–Maruyama adds a bias); null without a mixture
 * @param eulerBias the same expectation E[J − V − G] estimated with the martingale control variate
 *     M = Σ_k Σ∇V(X_k, τ_k)·ΔW_k = −Σ_k √Δτ_k u*(X_k)·z_k (the Itô integral in J − V − G = M, which
 *     makes the per-path identity exact in continuous time; the discrete M has mean exactly zero, since
 *     z_k is independent of X_k): the mean of J − V − G − M. Its expectation is the plain residual's,
 *     which is the Euler–Maruyama bias (the identity being exact), and its standard error is far
 *     smaller, so it measures that bias; null unless the host rollout ran against an exact mixture
 * @param paths n
 * @param steps N, the Euler–Maruyama steps
 * @param endEpsilon ε: the rollout stops at τ = T − ε and log p_data is evaluated as log p_ε there
 * @param grid the time grid ("uniform" or "power:p")
 */
public record GapResult(Estimate gap, Estimate gapEmpirical, Estimate cost, Estimate value, Estimate identityResidual,
        Estimate eulerBias, int paths, int steps, double endEpsilon, String grid) {}
