package dev.bellman.control.riccati;

/**
 * The accepted stabilising solution of the discounted Riccati equation ρP = Q + AᵀP + PA − PBR⁻¹BᵀP.
 *
 * @param P the value matrix, V(x) = −½xᵀPx − c (symmetric, d × d)
 * @param K the optimal gain R⁻¹BᵀP, a*(x) = −Kx (m × d)
 * @param c the noise constant Tr(DDᵀP)/(2ρ)
 * @param relativeResidual {@link DiscountedCare#relativeResidual} of P (accepted below
 *     {@link DiscountedCare#ACCEPTED_RESIDUAL})
 * @param closedLoopMaxRealEig max Re λ(A − BK) (undiscounted, as in values.json); the acceptance test
 *     is closedLoopMaxRealEig − ρ/2 &lt; 0, i.e. A − BK − (ρ/2)I Hurwitz
 * @param method the method that produced the first iterate
 * @param newtonSteps Newton–Kleinman polishing steps taken after it
 */
public record CareSolution(double[][] P, double[][] K, double c, double relativeResidual, double closedLoopMaxRealEig,
        CareMethod method, int newtonSteps) {
    public CareSolution {
        P = Matrices.copy(P);
        K = Matrices.copy(K);
    }

    @Override
    public double[][] P() {
        return Matrices.copy(P);
    }

    @Override
    public double[][] K() {
        return Matrices.copy(K);
    }
}
