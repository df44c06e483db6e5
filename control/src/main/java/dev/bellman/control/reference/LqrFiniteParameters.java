package dev.bellman.control.reference;

import dev.bellman.control.BadInputException;
import dev.bellman.control.riccati.Matrices;
import java.util.Arrays;

/**
 * The finite-horizon LQR ({@code lqr-finite}): the dynamics and running reward of {@link LqrParameters}
 * (ρ ≥ 0 allowed) on [0, T] plus the terminal reward −½xᵀQ_Tx.
 *
 * @param dynamics A, B, Q, R, D, ρ
 * @param Q_T terminal weight, d × d symmetric PSD
 * @param T horizon &gt; 0
 */
public record LqrFiniteParameters(LqrParameters dynamics, double[][] Q_T, double T) {
    /** Reference defaults: Q_T = 1 (times I), T = 1. */
    public static final double Q_T_DEFAULT = 1.0;
    public static final double T_DEFAULT = 1.0;

    public LqrFiniteParameters {
        if (dynamics == null) {
            throw new BadInputException("lqr-finite needs its dynamics");
        }
        int d = dynamics.stateDimension();
        Matrices.requireShape("Q_T", Q_T, d, d);
        Matrices.requireSymmetric("Q_T", Q_T);
        Matrices.requireDefinite("Q_T", Q_T, false);
        if (!(T > 0) || !Double.isFinite(T)) {
            throw new BadInputException("the horizon T must be a finite number > 0, got " + T);
        }
        Q_T = Matrices.copy(Q_T);
    }

    /** The reference scalar LQR with Q_T = 1, T = 1. */
    public static LqrFiniteParameters reference() {
        return new LqrFiniteParameters(LqrParameters.reference(), new double[][] {{Q_T_DEFAULT}}, T_DEFAULT);
    }

    /** Decoupled copies with Q_T = q_T I. */
    public static LqrFiniteParameters decoupled(LqrParameters dynamics, double qT, double horizon) {
        if (!(qT >= 0) || !Double.isFinite(qT)) {
            throw new BadInputException("q_T must be a finite number ≥ 0, got " + qT);
        }
        return new LqrFiniteParameters(dynamics, Matrices.diagonal(dynamics.stateDimension(), qT), horizon);
    }

    @Override
    public double[][] Q_T() {
        return Matrices.copy(Q_T);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LqrFiniteParameters p && dynamics.equals(p.dynamics) && Arrays.deepEquals(Q_T, p.Q_T)
                && Double.compare(T, p.T) == 0;
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(new Object[] {dynamics, Q_T, T});
    }

    @Override
    public String toString() {
        return "LqrFiniteParameters[" + dynamics + ", Q_T=" + Arrays.deepToString(Q_T) + ", T=" + T + "]";
    }
}
