package dev.bellman.control.qlearn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.BadInputException;
import dev.bellman.control.TestSupport;
import dev.bellman.control.problems.LqrProblem;
import dev.bellman.control.problems.MertonProblem;
import dev.bellman.control.random.StepRandom;
import dev.bellman.control.random.StepSeed;
import dev.bellman.control.reference.LqrParameters;
import dev.bellman.control.reference.MertonParameters;
import dev.bellman.control.riccati.TimeDiscretisation;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** The simulator's transitions against hand computation (DESIGN.md §1.2). */
class ProblemSimulatorTest {
    private static final double ALPHA = -0.5;
    private static final double BETA = 1.0;
    private static final double Q = 1.0;
    private static final double RA = 0.1;
    private static final double SIGMA = 0.3;

    @Test
    void eulerTransitionAndRectangleRewardMatchHandComputation() {
        TestSupport.engine();
        ProblemSimulator sim = ProblemSimulator.euler(new LqrProblem(LqrParameters.reference()));
        double[] x = {-1.5, 0.0, 0.7, 2.0};
        double[] a = {0.3, -1.0, 2.5, 0.0};
        double dt = 0.05;
        StepSeed seed = StepRandom.of(42).forStep(7);
        try (NDManager m = TestSupport.manager()) {
            Environment.Outcome o = sim.step(m.create(x, new Shape(4, 1)), m.create(a, new Shape(4, 1)), dt, seed);
            double[] next = TestSupport.d(o.next());
            double[] r = TestSupport.d(o.rewardRate());
            RandomGenerator z = seed.generator(); // the simulator draws its noise from this generator, row by row
            for (int i = 0; i < x.length; i++) {
                double expected = x[i] + (ALPHA * x[i] + BETA * a[i]) * dt + SIGMA * Math.sqrt(dt) * z.nextGaussian();
                assertThat(next[i]).isCloseTo(expected, within(1e-14));
                assertThat(r[i]).isCloseTo(-0.5 * (Q * x[i] * x[i] + RA * a[i] * a[i]), within(1e-14));
            }
        }
    }

    @Test
    void exactTransitionAndTrapezoidRewardMatchTheScalarClosedForm() {
        TestSupport.engine();
        ProblemSimulator sim = new ProblemSimulator(new LqrProblem(LqrParameters.reference()), TimeDiscretisation.EXACT_TRAPEZOID);
        double[] x = {-1.5, 0.4};
        double[] a = {0.3, -2.0};
        double dt = 0.2;
        StepSeed seed = StepRandom.of(3).forStep(1);
        double f = Math.exp(ALPHA * dt);
        double g = (f - 1) / ALPHA * BETA;
        double w = SIGMA * SIGMA * (Math.exp(2 * ALPHA * dt) - 1) / (2 * ALPHA);
        try (NDManager m = TestSupport.manager()) {
            Environment.Outcome o = sim.step(m.create(x, new Shape(2, 1)), m.create(a, new Shape(2, 1)), dt, seed);
            double[] next = TestSupport.d(o.next());
            double[] r = TestSupport.d(o.rewardRate());
            RandomGenerator z = seed.generator();
            for (int i = 0; i < x.length; i++) {
                double expected = f * x[i] + g * a[i] + Math.sqrt(w) * z.nextGaussian();
                assertThat(next[i]).isCloseTo(expected, within(1e-12));
                double r0 = -0.5 * (Q * x[i] * x[i] + RA * a[i] * a[i]);
                double r1 = -0.5 * (Q * next[i] * next[i] + RA * a[i] * a[i]);
                assertThat(r[i]).isCloseTo(0.5 * (r0 + r1), within(1e-12));
            }
        }
    }

    @Test
    void resetDrawsTheProblemsTrainingStatesAndRefusesBadInput() {
        TestSupport.engine();
        ProblemSimulator sim = ProblemSimulator.euler(new LqrProblem(LqrParameters.reference()));
        try (NDManager m = TestSupport.manager()) {
            NDArray x = sim.reset(1000, StepRandom.of(1).forStep(0), m, DataType.FLOAT64);
            assertThat(x.getShape()).isEqualTo(new Shape(1000, 1));
            assertThat(x.max().getDouble()).isLessThanOrEqualTo(3.0);
            assertThat(x.min().getDouble()).isGreaterThanOrEqualTo(-3.0);
            assertThatThrownBy(() -> sim.step(x, x, 0.0, StepRandom.of(1).forStep(1))).isInstanceOf(BadInputException.class)
                    .hasMessageContaining("dt");
        }
        assertThatThrownBy(() -> new ProblemSimulator(new MertonProblem(MertonParameters.reference()), TimeDiscretisation.EXACT_TRAPEZOID))
                .isInstanceOf(BadInputException.class).hasMessageContaining("linear");
    }
}
