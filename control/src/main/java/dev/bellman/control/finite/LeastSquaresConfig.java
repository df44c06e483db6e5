package dev.bellman.control.finite;

import dev.bellman.control.BadInputException;

/**
 * Settings of {@link LeastSquaresPolicyIteration}, the structured finite-horizon solver.
 *
 * @param timeDegree p: Chebyshev degree in t of the value's and the policy's coefficients
 * @param collocationPoints space-time points (t, x) per round where the policy's PDE residual is solved
 *     in least squares (fresh each round) and where the policy is improved
 * @param terminalPoints states x where V(T, x) = g(x) is imposed (fresh each round)
 * @param terminalWeight weight of the terminal rows' mean square against the residual rows' mean square
 * @param radialDegree degree in the log-radius of the radial value basis of a rotation-invariant problem
 *     ({@link RadialPolicyIteration}; the policy's radial basis has one degree less)
 */
public record LeastSquaresConfig(int timeDegree, int collocationPoints, int terminalPoints, double terminalWeight,
        int radialDegree) {
    /** The radial degree when none is given. */
    public static final int RADIAL_DEGREE = 12;

    public LeastSquaresConfig {
        if (radialDegree < 1 || radialDegree > 40) {
            throw new BadInputException("the radial degree must lie in [1, 40], got " + radialDegree);
        }
        if (timeDegree < 0 || timeDegree > 40) {
            throw new BadInputException("the time degree must lie in [0, 40], got " + timeDegree);
        }
        if (collocationPoints < 1 || terminalPoints < 1) {
            throw new BadInputException("collocation and terminal point counts must be ≥ 1");
        }
        if (!(terminalWeight > 0) || !Double.isFinite(terminalWeight)) {
            throw new BadInputException("the terminal weight must be a finite number > 0, got " + terminalWeight);
        }
    }

    /** The settings with the default radial degree. */
    public LeastSquaresConfig(int timeDegree, int collocationPoints, int terminalPoints, double terminalWeight) {
        this(timeDegree, collocationPoints, terminalPoints, terminalWeight, RADIAL_DEGREE);
    }

    /** p = 20 (the Riccati gain of the reference moves on a time scale ~1/20 near T), 4,096 collocation points, 1,024 terminal states, terminal weight 10. */
    public static LeastSquaresConfig defaults() {
        return new LeastSquaresConfig(20, 4096, 1024, 10.0, RADIAL_DEGREE);
    }
}
