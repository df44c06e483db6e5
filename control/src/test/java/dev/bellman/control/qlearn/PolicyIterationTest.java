package dev.bellman.control.qlearn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.TestSupport;
import dev.bellman.control.problems.LqrProblem;
import dev.bellman.control.random.StepRandom;
import dev.bellman.control.reference.LqrParameters;
import dev.bellman.control.riccati.DiscreteLqrSolution;
import dev.bellman.control.riccati.DiscretisedLqr;
import dev.bellman.control.riccati.TimeDiscretisation;
import org.junit.jupiter.api.Test;

/**
 * The least-squares solvers against exact answers on noise-free linear-quadratic problems, where the TD equations
 * hold exactly on every transition and the estimates must be exact to rounding.
 */
class PolicyIterationTest {
    private static final double[][] A = {{-0.5, 0.3}, {0.2, -0.4}};
    private static final double[][] B = {{1, 0}, {0.5, 1}};
    private static final double[][] Q = {{1, 0.2}, {0.2, 2}};
    private static final double[][] R = {{0.1, 0.02}, {0.02, 0.2}};
    private static final double RHO = 0.1;

    /**
     * From random states and random actions (no actor followed: off-policy) of a coupled 2-d LQR without noise, policy
     * iteration from the zero gain reaches the discrete-time optimum K, P of DiscretisedLqr to 1e-8, for both transition
     * rules.
     */
    @Test
    void linearQuadraticPolicyIterationReachesTheDiscreteOptimumWithoutNoise() {
        LqrParameters p = new LqrParameters(A, B, Q, R, new double[2][2], RHO);
        for (TimeDiscretisation scheme : TimeDiscretisation.values()) {
            double dt = 0.05;
            DiscreteLqrSolution exact = DiscretisedLqr.solve(p.A(), p.B(), p.Q(), p.R(), p.D(), p.rho(), dt, scheme);
            try (NDManager m = TestSupport.manager()) {
                QuadraticValue value = new QuadraticValue(2, DataType.FLOAT64, m);
                LinearQuadraticAdvantage advantage = new LinearQuadraticAdvantage(2, 2, new double[] {1, 1}, DataType.FLOAT64, m);
                advantage.setRewardScale(1.0);
                LinearQuadraticPolicyIteration pi = new LinearQuadraticPolicyIteration(2, 2, RHO, value, advantage);
                add(pi, new ProblemSimulator(new LqrProblem(p), scheme), 4000, dt, m);
                double change = Double.NaN;
                for (int it = 0; it < 12; it++) {
                    change = pi.iterate();
                }
                assertThat(change).as("%s converged", scheme).isLessThan(1e-12);
                double[][] w = advantage.centreGain(); // a = Wx (states unscaled here), K = −W
                for (int i = 0; i < 2; i++) {
                    for (int j = 0; j < 2; j++) {
                        assertThat(-w[i][j]).as("%s K[%d][%d]", scheme, i, j).isCloseTo(exact.K()[i][j], within(1e-8));
                    }
                }
                double[] theta = value.head(); // x₁², x₁x₂, x₂², 1 → −½P₁₁, −P₁₂, −½P₂₂, −c (c = 0 without noise)
                assertThat(theta[0]).isCloseTo(-0.5 * exact.P()[0][0], within(1e-8));
                assertThat(theta[1]).isCloseTo(-exact.P()[0][1], within(1e-8));
                assertThat(theta[2]).isCloseTo(-0.5 * exact.P()[1][1], within(1e-8));
                assertThat(theta[3]).isCloseTo(0.0, within(1e-8));
            }
        }
    }

    /**
     * LSTD of a fixed on-policy actor a = −K₀x (q = 0 on every transition) on the scalar LQR without noise gives its
     * value −½P₀x² with P₀ = Δt(q + r_aK₀²)/(1 − e^{−ρΔt}(1 + (α − βK₀)Δt)²) (the discrete Lyapunov equation), exactly.
     */
    @Test
    void leastSquaresTdGivesTheValueOfAFixedActorWithoutNoise() {
        LqrParameters p = LqrParameters.scalar(-0.5, 1, 1, 0.1, 0, RHO);
        double dt = 0.02;
        double k0 = 1.0;
        double gamma = Math.exp(-RHO * dt);
        double f = 1 + (-0.5 - k0) * dt;
        double p0 = dt * (1 + 0.1 * k0 * k0) / (1 - gamma * f * f);
        ProblemSimulator sim = ProblemSimulator.euler(new LqrProblem(p));
        try (NDManager m = TestSupport.manager()) {
            NDArray x = TestSupport.gaussian(m, 3, 1.5, 1000, 1);
            NDArray a = x.mul(-k0);
            Environment.Outcome o = sim.step(x, a, dt, StepRandom.of(3).forStep(1));
            QuadraticValue value = new QuadraticValue(1, DataType.FLOAT64, m);
            NDArray h = m.ones(new Shape(1000, 1), DataType.FLOAT64).mul(dt);
            double[] theta = LeastSquaresTd.solve(value.features(x), value.features(o.next()), o.rewardRate(), h, RHO, new double[2]);
            // exact up to the ridge (1e-10 of ‖A‖²/p, towards θ₀ = 0), which moves the solution by O(1e-8)
            assertThat(theta[0]).isCloseTo(-0.5 * p0, within(1e-7));
            assertThat(theta[1]).isCloseTo(0.0, within(1e-7));
        }
    }

    private static void add(PolicyIteration pi, ProblemSimulator sim, int n, double dt, NDManager m) {
        NDArray x = TestSupport.gaussian(m, 1, 1.5, n, 2);
        NDArray a = TestSupport.gaussian(m, 2, 3.0, n, 2);
        Environment.Outcome o = sim.step(x, a, dt, StepRandom.of(1).forStep(1));
        double[] h = new double[n];
        java.util.Arrays.fill(h, dt);
        pi.add(TestSupport.d(x), TestSupport.d(a), TestSupport.d(o.rewardRate()), TestSupport.d(o.next()), h);
    }
}
