package dev.bellman.control.hjb;

/**
 * The HJB residual over evaluation states (DESIGN.md §1.1): {@code hjb_residual} = RMS(R)/RMS(H).
 *
 * @param relative RMS(R) / RMS(H)
 * @param rmsResidual RMS(R)
 * @param rmsHamiltonian RMS(H), H = max_a{r + L^aV} taken at the policy's action
 * @param residuals R per state, in state order (for plots)
 * @param hamiltonians H per state
 */
public record HjbResidualReport(double relative, double rmsResidual, double rmsHamiltonian, double[] residuals,
        double[] hamiltonians) {
    public HjbResidualReport {
        residuals = residuals.clone();
        hamiltonians = hamiltonians.clone();
    }

    @Override
    public double[] residuals() {
        return residuals.clone();
    }

    @Override
    public double[] hamiltonians() {
        return hamiltonians.clone();
    }
}
