package dev.bellman.control.finite;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.TestSupport;
import dev.bellman.control.random.StepRandom;
import dev.bellman.control.reference.LqrFiniteParameters;
import org.junit.jupiter.api.Test;

/**
 * Monte Carlo returns to T under the exact policy average to the exact value at their start points
 * (Feynman–Kac), within the Monte Carlo error plus the O(Δt) time-step bias, which halves as the
 * steps double.
 */
class MonteCarloReturnsTest {

    @Test
    void returnsAverageToTheExactValue() {
        try (NDManager m = TestSupport.manager()) {
            LqrFiniteProblem p = new LqrFiniteProblem(LqrFiniteParameters.reference());
            int n = 20000;
            double[] starts = {0.0, 0.5};
            double x0 = 1.5;
            for (double s : starts) {
                NDArray t = m.ones(new Shape(n, 1)).mul(s);
                NDArray x = m.ones(new Shape(n, 1)).mul(x0);
                double exact = p.solution().value(s, new double[] {x0});
                double[] err = new double[2];
                int[] steps = {50, 100};
                for (int i = 0; i < 2; i++) {
                    double[] g = TestSupport.d(MonteCarloReturns.of(p, p.T(), p.exactPolicy(), new SpaceTimePoints(t, x), steps[i],
                            StepRandom.of(7)));
                    double mean = 0;
                    for (double v : g) {
                        mean += v / n;
                    }
                    err[i] = mean - exact;
                    System.err.println("s=" + s + " steps=" + steps[i] + " mean=" + mean + " exact=" + exact);
                }
                // O(Δt) bias: about 2.6 % at 50 steps, halving at 100 (Monte Carlo error ~0.4 % here)
                assertThat(Math.abs(err[1])).isLessThan(0.02 * Math.abs(exact));
                assertThat(Math.abs(err[1])).isLessThan(0.75 * Math.abs(err[0]));
            }
        }
    }
}
