package dev.bellman.diffusion.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.engine.BellmanEngine;
import dev.bellman.data.HostArrays;
import dev.bellman.diffusion.checkpoint.Checkpoint;
import dev.bellman.diffusion.checkpoint.CheckpointFile;
import dev.bellman.diffusion.checkpoint.TrainedModel;
import dev.bellman.diffusion.train.DivergencePolicy;
import dev.bellman.diffusion.train.ScoreMatchingTrainer;
import dev.bellman.diffusion.train.TrainListener;
import dev.bellman.diffusion.train.TrainingDivergedException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Divergence (issue 9): a run driven to blow up by a huge learning rate stops with
 * {@link TrainingDivergedException}, whose one-line message names the step and the learning rate
 * and points at the last good checkpoint; that checkpoint is the one on disk, it is the step right
 * before the divergence began, it loads, and every number in it (θ, EMA, Adam's moments, losses) is
 * finite, so the model it holds evaluates to finite controls. Checkpoints every step, so that the
 * checkpoint right before the blow-up is tested.
 *
 * <p>Two ways to diverge. At lr 1e9 and 1e12 numbers stop being finite (at lr 1e12 the loss of step
 * 2 is finite but its squared gradient overflows float32 into Adam's second moment: that step's
 * checkpoint used to be written as "good" and resumed into NaN). At lr 1e3 and 1e6 the loss climbs
 * to ≈ 1e6 and 1e33 and stays finite; the {@link DivergencePolicy} stops those runs (more than 100
 * times the zero control's loss for 20 steps), and the checkpoints of the streak's steps are never
 * written, so the one on disk predates the explosion and its losses are all of the normal size. (With
 * the policy on, lr 1e9 and 1e12 explode at step 2 and overflow at step 3: the divergence began at
 * step 2, whose checkpoint was deferred.)
 */
class DivergenceTest {
    @BeforeAll
    static void startEngine() {
        ReliabilityRuns.engine();
    }

    @ParameterizedTest
    @ValueSource(doubles = {1e3, 1e6, 1e9, 1e12})
    void hugeLearningRateStopsClearlyAndTheLastCheckpointIsGood(double lr, @TempDir Path dir) {
        TrainingDivergedException e = diverge(lr, DivergencePolicy.DEFAULT, dir);
        if (lr < 1e9) {
            assertThat(e.getMessage()).as("finite: the explosion guard").contains("times that of the zero control");
        }
    }

    /**
     * Without the explosion guard, lr 1e12 reaches the state the NaN guard alone must catch: step 2's
     * loss is finite, Adam's second moment is not; that checkpoint is refused, step 1's stays.
     */
    @org.junit.jupiter.api.Test
    void aNonFiniteStateIsNeverCheckpointedEvenWithoutTheExplosionGuard(@TempDir Path dir) {
        TrainingDivergedException e = diverge(1e12, DivergencePolicy.OFF, dir);
        assertThat(e.getMessage()).contains("is no longer finite");
        assertThat(e.step()).isEqualTo(2);
    }

    private static TrainingDivergedException diverge(double lr, DivergencePolicy policy, Path dir) {
        TrainingDivergedException e;
        long reached;
        try (NDManager manager = BellmanEngine.current().newManager();
                ScoreMatchingTrainer trainer = ScoreMatchingTrainer.start(ReliabilityRuns.config(2000, 64, lr, 1)
                        .withDivergence(policy), ReliabilityRuns.data(), manager)) {
            e = catchThrowableOfType(() -> trainer.train(c -> CheckpointFile.write(dir, c), TrainListener.NONE),
                    TrainingDivergedException.class);
            reached = trainer.step();
        }
        assertThat(e).as("lr %s must diverge", lr).isNotNull();
        System.out.println("lr " + lr + ": " + e.getMessage());
        assertThat(e.getMessage()).contains("diverged at step " + e.step()).contains("learning rate " + lr)
                .doesNotContain("\n");
        assertThat(e.firstBadStep()).isBetween(1L, e.step());
        assertThat(e.lastCheckpoint()).as("a checkpoint every step: the last good one is the step before the divergence began")
                .isEqualTo(e.firstBadStep() - 1);
        if (e.lastCheckpoint() == 0) {
            assertThat(e.getMessage()).contains("no checkpoint had been written yet");
            assertThat(CheckpointFile.exists(dir)).isFalse();
            return e;
        }
        assertThat(e.getMessage()).contains("last good checkpoint is step " + e.lastCheckpoint());
        assertThat(reached).isGreaterThanOrEqualTo(e.lastCheckpoint());

        Checkpoint c = CheckpointFile.read(dir);
        assertThat(c.step()).isEqualTo(e.lastCheckpoint());
        assertFinite("θ", c.parameters().values());
        assertFinite("EMA", c.ema().shadow().values());
        assertFinite("Adam m", c.adam().firstMoment().values());
        assertFinite("Adam v", c.adam().secondMoment().values());
        for (float l : c.losses()) {
            assertThat(Float.isFinite(l)).as("losses of the last good checkpoint").isTrue();
            // ε-weighting: the zero control scores D = 2 in expectation (about ± 0.5 over a batch of 64),
            // so a step that had not exploded scored below 100 × 2 × 2.
            assertThat(l).as("losses of the last good checkpoint are below the explosion threshold").isLessThan(400f);
        }
        assertThat(ReliabilityRuns.temporaryFilesQuietly(dir)).isEmpty();
        try (TrainedModel model = TrainedModel.load(dir); NDManager m = BellmanEngine.current().newManager()) {
            NDArray x = m.randomNormal(new Shape(256, 2)).toType(DataType.FLOAT32, false);
            NDArray t = m.full(new Shape(256, 1), 0.5f);
            double[] u = HostArrays.toDoubles(model.control().value(t, x));
            assertThat(Arrays.stream(u).allMatch(Double::isFinite)).as("the last good model's control is finite").isTrue();
        }
        return e;
    }

    private static void assertFinite(String what, List<double[]> arrays) {
        for (double[] a : arrays) {
            assertThat(Arrays.stream(a).allMatch(Double::isFinite)).as("%s in the last good checkpoint is finite", what).isTrue();
        }
    }
}
