package dev.bellman.control.riccati;

import static org.assertj.core.api.Assertions.assertThat;

import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.api.Test;

class LyapunovTest {
    @Test
    void kroneckerAndSignIterationAgreeAndSolveTheEquation() {
        int n = 9;
        java.util.Random rng = new java.util.Random(3);
        double[][] a = new double[n][n];
        double[][] c = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i][j] = rng.nextGaussian() / 3;
                c[i][j] = rng.nextGaussian();
            }
            a[i][i] -= 2;
        }
        RealMatrix am = Matrices.matrix(a);
        RealMatrix cm = Matrices.matrix(Matrices.symmetrise(c));
        RealMatrix x1 = Lyapunov.kronecker(am, cm);
        RealMatrix x2 = Lyapunov.signIteration(am, cm);
        RealMatrix residual = am.transpose().multiply(x1).add(x1.multiply(am)).add(cm);
        assertThat(residual.getFrobeniusNorm() / cm.getFrobeniusNorm()).isLessThan(1e-13);
        assertThat(x1.subtract(x2).getFrobeniusNorm() / x1.getFrobeniusNorm()).isLessThan(1e-12);
    }
}
