package dev.bellman.control.riccati;

/** How {@link DiscountedCare} finds the stabilising solution; every method ends with Newton–Kleinman polishing. */
public enum CareMethod {
    /** Hipparchus' {@code RiccatiEquationSolverImpl} (Hamiltonian eigenvectors); meant for small n. */
    HIPPARCHUS,
    /** Matrix sign function of the Hamiltonian (Roberts 1971, Byers 1987); fast up to n ≈ 100s. */
    MATRIX_SIGN,
    /** HIPPARCHUS for n ≤ {@value DiscountedCare#HIPPARCHUS_MAX_N}, MATRIX_SIGN above, or when the first fails. */
    AUTO
}
