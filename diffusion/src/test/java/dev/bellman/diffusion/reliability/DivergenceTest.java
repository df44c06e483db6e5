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
 * {@link TrainingDivergedException}, whose message names the step, the loss and the learning rate
 * and points at the last good checkpoint; that checkpoint is the one on disk, it loads, and every
 * number in it (θ, EMA, Adam's moments, losses) is finite, so the model it holds evaluates to finite
 * controls. Checkpoints every step, so that the checkpoint right before the blow-up is tested. (At
 * lr 1e12 the loss of step 2 is finite but its squared gradient overflows float32 into Adam's second
 * moment: that step's checkpoint used to be written as "good" and resumed into NaN.)
 *
 * <p>Not covered: at lr 1e3 or 1e6 this run's loss climbs to 1e6 or 1e33 and stays finite, so the
 * run completes; the guard only catches non-finite numbers.
 */
class DivergenceTest {
    @BeforeAll
    static void startEngine() {
        ReliabilityRuns.engine();
    }

    @ParameterizedTest
    @ValueSource(doubles = {1e9, 1e12})
    void hugeLearningRateStopsClearlyAndTheLastCheckpointIsGood(double lr, @TempDir Path dir) {
        TrainingDivergedException e;
        long reached;
        try (NDManager manager = BellmanEngine.current().newManager();
                ScoreMatchingTrainer trainer = ScoreMatchingTrainer.start(ReliabilityRuns.config(2000, 64, lr, 1)
                        .withCheckpointEvery(1), ReliabilityRuns.data(), manager)) {
            e = catchThrowableOfType(() -> trainer.train(c -> CheckpointFile.write(dir, c), TrainListener.NONE),
                    TrainingDivergedException.class);
            reached = trainer.step();
        }
        assertThat(e).as("lr %s must diverge", lr).isNotNull();
        System.out.println("lr " + lr + ": " + e.getMessage());
        assertThat(e.getMessage()).contains("diverged at step " + e.step()).contains("learning rate " + lr)
                .doesNotContain("\n");
        assertThat(e.lastCheckpoint()).as("a checkpoint every step: the last good one is the step before").isEqualTo(e.step() - 1);
        if (e.lastCheckpoint() == 0) {
            assertThat(e.getMessage()).contains("no checkpoint had been written yet");
            assertThat(CheckpointFile.exists(dir)).isFalse();
            return;
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
        }
        assertThat(ReliabilityRuns.temporaryFilesQuietly(dir)).isEmpty();
        try (TrainedModel model = TrainedModel.load(dir); NDManager m = BellmanEngine.current().newManager()) {
            NDArray x = m.randomNormal(new Shape(256, 2)).toType(DataType.FLOAT32, false);
            NDArray t = m.full(new Shape(256, 1), 0.5f);
            double[] u = HostArrays.toDoubles(model.control().value(t, x));
            assertThat(Arrays.stream(u).allMatch(Double::isFinite)).as("the last good model's control is finite").isTrue();
        }
    }

    private static void assertFinite(String what, List<double[]> arrays) {
        for (double[] a : arrays) {
            assertThat(Arrays.stream(a).allMatch(Double::isFinite)).as("%s in the last good checkpoint is finite", what).isTrue();
        }
    }
}
