package dev.bellman.control.random;

import static dev.bellman.control.TestSupport.d;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.TestSupport;
import org.junit.jupiter.api.Test;

class StepRandomTest {

    private static double[] engineDraw(StepSeed s, NDManager m) {
        s.seedEngine();
        return d(m.randomNormal(0, 1, new Shape(8), DataType.FLOAT64));
    }

    @Test
    void sameSeedAndStepReplayTheSameNumbers() {
        try (NDManager m = TestSupport.manager()) {
            StepRandom r = StepRandom.of(42);
            double[] a = engineDraw(r.forStep(7), m);
            engineDraw(r.forStep(8), m); // other draws in between do not matter
            double[] b = engineDraw(StepRandom.of(42).forStep(7), m);
            assertThat(b).containsExactly(a);
            assertThat(engineDraw(r.forStep(8), m)).isNotEqualTo(a);
            assertThat(engineDraw(StepRandom.of(43).forStep(7), m)).isNotEqualTo(a);
        }
        StepRandom r = StepRandom.of(42);
        double j1 = r.forStep(3).generator().nextGaussian();
        assertThat(StepRandom.of(42).forStep(3).generator().nextGaussian()).isEqualTo(j1);
        assertThat(r.forStep(4).generator().nextGaussian()).isNotEqualTo(j1);
        assertThat(r.stream(1).forStep(3).hash()).isNotEqualTo(r.forStep(3).hash());
    }
}
