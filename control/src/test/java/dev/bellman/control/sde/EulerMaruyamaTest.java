package dev.bellman.control.sde;

import static dev.bellman.control.TestSupport.d;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.TestSupport;
import dev.bellman.control.generator.ControlledSde;
import dev.bellman.control.generator.Policy;
import dev.bellman.control.random.StepRandom;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Euler–Maruyama on an Ornstein–Uhlenbeck process dX = −θX dt + σ dW with known law. */
class EulerMaruyamaTest {
    static final double THETA = 1.0;
    static final double SIGMA = 0.1;
    static NDManager m;

    /** Uncontrolled OU (m = 0), constant diffusion. */
    static final ControlledSde OU = new ControlledSde() {
        @Override
        public int stateDim() {
            return 1;
        }

        @Override
        public int actionDim() {
            return 0;
        }

        @Override
        public int noiseDim() {
            return 1;
        }

        @Override
        public NDArray drift(NDArray t, NDArray x, NDArray a) {
            return x.mul(-THETA);
        }

        @Override
        public NDArray diffusion(NDArray t, NDArray x, NDArray a) {
            return x.getManager().full(new Shape(x.getShape().get(0), 1, 1), (float) SIGMA, x.getDataType());
        }

        @Override
        public boolean diffusionIsConstant() {
            return true;
        }

        @Override
        public NDArray constantDiffusion(NDManager manager) {
            return manager.create(new double[] {SIGMA}, new Shape(1, 1));
        }
    };

    /** The exact OU transition driven by the same standard normal z. */
    static final ExactTransition EXACT = (sde, t, dt, x, a, z) ->
            x.mul(Math.exp(-THETA * dt)).add(z.mul(SIGMA * Math.sqrt((1 - Math.exp(-2 * THETA * dt)) / (2 * THETA))));

    @BeforeAll
    static void start() {
        m = TestSupport.manager();
    }

    @AfterAll
    static void stop() {
        m.close();
    }

    static double[] run(int steps, int batch, long seed, ExactTransition exact) {
        EulerMaruyama em = new EulerMaruyama(TimeGrid.uniform(0, 1, steps));
        if (exact != null) {
            em = em.withTransition(exact);
        }
        NDArray x0 = m.ones(new Shape(batch, 1), ai.djl.ndarray.types.DataType.FLOAT64);
        return d(em.integrate(OU, Policy.zero(0), x0, StepRandom.of(seed)));
    }

    static double mean(double[] v) {
        double s = 0;
        for (double e : v) {
            s += e;
        }
        return s / v.length;
    }

    @Test
    void weakErrorOfTheMeanHalvesWithTheStep() {
        double exactMean = Math.exp(-THETA);
        double[] err = new double[3];
        int[] steps = {5, 10, 20};
        for (int i = 0; i < 3; i++) {
            err[i] = Math.abs(mean(run(steps[i], 20_000, 1, null)) - exactMean);
        }
        // weak order 1: (1 − θh)^N vs e^{−θ}; errors ≈ 0.040, 0.019, 0.0094 with MC error ≈ 5e-4
        assertThat(err[1] / err[0]).isBetween(0.35, 0.65);
        assertThat(err[2] / err[1]).isBetween(0.35, 0.65);
        // and the exact transition has no step-size bias in mean or variance
        double[] ex = run(5, 20_000, 2, EXACT);
        double var = 0;
        double mu = mean(ex);
        for (double e : ex) {
            var += (e - mu) * (e - mu) / (ex.length - 1);
        }
        double exactVar = SIGMA * SIGMA / (2 * THETA) * (1 - Math.exp(-2 * THETA));
        assertThat(Math.abs(mu - exactMean)).isLessThan(4 * Math.sqrt(exactVar / ex.length));
        assertThat(var / exactVar).isBetween(0.96, 1.04);
    }

    @Test
    void strongErrorAgainstTheExactTransitionFallsLinearly() {
        // with the same z per step, EM and the exact transition differ by O(h) in RMS (additive noise)
        double[] rms = new double[3];
        int[] steps = {10, 20, 40};
        for (int i = 0; i < 3; i++) {
            double[] a = run(steps[i], 4_000, 3, null);
            double[] b = run(steps[i], 4_000, 3, EXACT);
            double s = 0;
            for (int j = 0; j < a.length; j++) {
                s += (a[j] - b[j]) * (a[j] - b[j]);
            }
            rms[i] = Math.sqrt(s / a.length);
        }
        assertThat(rms[1] / rms[0]).isBetween(0.4, 0.6);
        assertThat(rms[2] / rms[1]).isBetween(0.4, 0.6);
    }

    @Test
    void reproducibleFromTheSeedAndHandlersSeeEveryStep() {
        assertThat(run(8, 16, 5, null)).containsExactly(run(8, 16, 5, null));
        assertThat(run(8, 16, 6, null)).isNotEqualTo(run(8, 16, 5, null));
        int[] count = {0};
        double[] lastTime = {-1};
        new EulerMaruyama(TimeGrid.uniform(0, 1, 8)).integrate(OU, Policy.zero(0),
                m.ones(new Shape(4, 1), ai.djl.ndarray.types.DataType.FLOAT64), StepRandom.of(1),
                List.of(e -> {
                    count[0]++;
                    lastTime[0] = e.time();
                }));
        assertThat(count[0]).isEqualTo(8);
        assertThat(lastTime[0]).isEqualTo(7.0 / 8);
    }
}
