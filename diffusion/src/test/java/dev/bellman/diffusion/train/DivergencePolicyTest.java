package dev.bellman.diffusion.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.djl.ndarray.NDManager;
import dev.bellman.control.BadInputException;
import dev.bellman.control.engine.BellmanEngine;
import dev.bellman.control.engine.Precision;
import dev.bellman.data.DataSource;
import dev.bellman.data.DataSpec;
import dev.bellman.diffusion.net.ControlNetConfig;
import dev.bellman.diffusion.sde.SdeKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The divergence policy for losses that stay finite ({@link DivergencePolicy}): its baseline is the
 * zero control's loss on the same batch, normal training never comes near its threshold, a streak
 * stops the run after exactly {@code patience} steps, a burst shorter than that does not, and no
 * checkpoint is written inside a streak.
 */
class DivergencePolicyTest {
    static NDManager m;
    static IntraOpThreads oneThread;
    static DataSource gaussians;

    @BeforeAll
    static void start() {
        m = BellmanEngine.current().newManager();
        oneThread = IntraOpThreads.atMost(1);
        gaussians = DataSpec.parse("8gaussians").open();
    }

    @AfterAll
    static void stop() {
        oneThread.close();
        m.close();
    }

    /** {@code bellman train}'s defaults (network 3 × 128 SiLU, batch 512, lr 1e-3, warm-up 100, EMA 0.999). */
    static TrainConfig defaultRun(long steps) {
        return new TrainConfig("8gaussians", 28, List.of(2L), SdeSpec.defaults(SdeKind.VP), ControlNetConfig.defaults(2, Precision.FLOAT32, 0),
                Weighting.EPS, steps, 512, 1e-3, 100, 0.0, 0.999, 1000, 0);
    }

    /** The reliability tests' small run (2 × 32, batch 64, warm-up 10) at learning rate {@code lr}. */
    static TrainConfig smallRun(long steps, double lr, DivergencePolicy policy) {
        return new TrainConfig("8gaussians", 28, List.of(2L), SdeSpec.defaults(SdeKind.VP),
                ControlNetConfig.defaults(2, Precision.FLOAT32, 7).withHidden(List.of(32, 32)), Weighting.EPS, steps, 64, lr, 10, 0.0,
                0.99, 1, 7, policy);
    }

    @Test
    void theDefaultIsRecordedAndValidated() {
        assertThat(defaultRun(10).divergence()).isEqualTo(DivergencePolicy.DEFAULT).isEqualTo(new DivergencePolicy(100, 20));
        assertThat(defaultRun(10).withDivergence(null).divergence()).isEqualTo(DivergencePolicy.DEFAULT);
        assertThatThrownBy(() -> new DivergencePolicy(1, 20)).isInstanceOf(BadInputException.class).hasMessageContaining("ratio");
        assertThatThrownBy(() -> new DivergencePolicy(Double.NaN, 20)).isInstanceOf(BadInputException.class);
        assertThatThrownBy(() -> new DivergencePolicy(100, 0)).isInstanceOf(BadInputException.class).hasMessageContaining("patience");
        assertThat(DivergencePolicy.DEFAULT.exploded(201, 2)).isTrue();
        assertThat(DivergencePolicy.DEFAULT.exploded(199, 2)).isFalse();
        assertThat(DivergencePolicy.OFF.exploded(1e300, 1e-300)).isFalse();
    }

    /**
     * The baseline: with the output layer at zero (the network's initial state) u ≡ 0, so the first
     * step's loss, computed by libtorch in float32, equals the zero-control loss computed on the Java
     * side in double, to float32 rounding.
     */
    @Test
    void theFirstStepScoresExactlyTheZeroControlLoss() {
        try (ScoreMatchingTrainer t = ScoreMatchingTrainer.start(defaultRun(5), gaussians, m)) {
            double loss = t.trainStep();
            assertThat(loss / t.lastZeroControlLoss()).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-5));
        }
    }

    /**
     * Normal training (the default run, its noisy early loss included) never trips the policy, and
     * stays far from it: the ratio starts at exactly 1 (the zero output layer) and only falls, so
     * its maximum stays below 1.01 — a factor 100 under the threshold — over the warm-up and beyond.
     */
    @Test
    void theDefaultTrainingRunStaysFarBelowTheThreshold() {
        long steps = 400;
        double worst = 0;
        double last = 0;
        try (ScoreMatchingTrainer t = ScoreMatchingTrainer.start(defaultRun(steps), gaussians, m)) {
            for (int k = 0; k < steps; k++) {
                double ratio = t.trainStep() / t.lastZeroControlLoss();
                worst = Math.max(worst, ratio);
                last = ratio;
            }
        }
        System.out.printf("default run, %d steps: largest loss / zero-control loss %.4f, last %.3f%n", steps, worst, last);
        assertThat(worst).isLessThan(1.01);
        assertThat(last).as("and it learns: well below the zero control by step %d", steps).isLessThan(0.7);
    }

    /** At lr 1e3 the streak starts early and lasts; the run stops after exactly {@code patience} exploded steps. */
    @Test
    void aStreakStopsTheRunAfterExactlyPatienceSteps() {
        long[] first = new long[2];
        long[] stop = new long[2];
        int[] patience = {5, 20};
        for (int i = 0; i < 2; i++) {
            try (ScoreMatchingTrainer t = ScoreMatchingTrainer.start(smallRun(200, 1e3, new DivergencePolicy(100, patience[i])), gaussians, m)) {
                TrainingDivergedException e = catchThrowableOfType(() -> t.train(CheckpointSink.NONE, TrainListener.NONE),
                        TrainingDivergedException.class);
                assertThat(e).isNotNull();
                first[i] = e.firstBadStep();
                stop[i] = e.step();
                assertThat(t.step()).as("the stopping step itself is done").isEqualTo(e.step());
                assertThat(e.getMessage()).contains("times that of the zero control").contains("for " + patience[i] + " steps in a row")
                        .contains("since step " + e.firstBadStep()).doesNotContain("\n");
            }
        }
        assertThat(first[1]).as("the same run: the streak starts at the same step").isEqualTo(first[0]);
        assertThat(stop[0] - first[0] + 1).isEqualTo(5);
        assertThat(stop[1] - first[1] + 1).isEqualTo(20);
    }

    /**
     * A burst shorter than the patience (lr 10: the loss jumps by orders of magnitude for a few steps,
     * then Adam brings it back) does not stop the run, and checkpoints, due every step, are written
     * exactly at the steps outside a burst (and at the last step).
     */
    @Test
    void aShortBurstDoesNotStopTheRunAndItsCheckpointsAreDeferred() {
        long steps = 150;
        DivergencePolicy policy = new DivergencePolicy(100, 1000);
        List<Long> exploded = new ArrayList<>();
        List<Long> written = new ArrayList<>();
        try (ScoreMatchingTrainer t = ScoreMatchingTrainer.start(smallRun(steps, 10, policy), gaussians, m)) {
            t.train(c -> written.add(c.step()), new TrainListener() {
                @Override
                public void onStep(long step, double loss, double stepsPerSecond) {
                    if (policy.exploded(loss, t.lastZeroControlLoss())) {
                        exploded.add(step);
                    }
                }
            });
        }
        System.out.println("lr 10: exploded steps " + exploded);
        assertThat(exploded).as("lr 10 bursts").isNotEmpty();
        List<Long> expected = new ArrayList<>();
        for (long k = 1; k <= steps; k++) {
            if (!exploded.contains(k) || k == steps) {
                expected.add(k);
            }
        }
        assertThat(written).isEqualTo(expected);
    }
}
