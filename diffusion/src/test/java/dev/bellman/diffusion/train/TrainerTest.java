package dev.bellman.diffusion.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.engine.BellmanEngine;
import dev.bellman.control.engine.Precision;
import dev.bellman.control.random.StepRandom;
import dev.bellman.data.DataSource;
import dev.bellman.data.DataSpec;
import dev.bellman.diffusion.checkpoint.Checkpoint;
import dev.bellman.diffusion.checkpoint.CheckpointFile;
import dev.bellman.diffusion.checkpoint.TrainedModel;
import dev.bellman.diffusion.net.ControlNetConfig;
import dev.bellman.diffusion.sde.ForwardSde;
import dev.bellman.diffusion.sde.SdeKind;
import java.nio.file.Path;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The score-matching trainer: its loss, that it learns, exact resume, the NaN guard, VE's σ_max. */
class TrainerTest {
    static NDManager m;
    /** One intra-op thread: BellmanEngine.current() starts with all cores, and 2 threads stall on a loaded machine. */
    static dev.bellman.diffusion.train.IntraOpThreads oneThread;
    static DataSource gaussians;

    @BeforeAll
    static void start() {
        m = BellmanEngine.current().newManager();
        oneThread = dev.bellman.diffusion.train.IntraOpThreads.atMost(1);
        gaussians = DataSpec.parse("8gaussians").open();
    }

    @AfterAll
    static void stop() {
        oneThread.close();
        m.close();
    }

    static TrainConfig config(SdeKind sde, Weighting w, long steps, double lr, long seed) {
        return new TrainConfig("8gaussians", 28, List.of(2L), SdeSpec.defaults(sde), ControlNetConfig.defaults(2, Precision.FLOAT32, seed),
                w, steps, 256, lr, 10, 0.0, 0.99, 1_000_000, seed);
    }

    /**
     * The loss of a step, as the trainer computes it, equals the peer's formula
     * mean_b Σ_d λ(t)(u/g + z/s)²·s²/λ... evaluated independently on the same (x₀, t, z): for EPS
     * ((u/g + z/s)² s²).sum(1).mean() of torch_dsm_toy.py; for LIKELIHOOD ‖u + g z/s‖² averaged.
     */
    @Test
    void stepLossEqualsTheFormulaOnTheSameDraws() {
        for (Weighting w : Weighting.values()) {
            TrainConfig c = config(SdeKind.VP, w, 50, 1e-3, 4);
            try (ScoreMatchingTrainer trainer = ScoreMatchingTrainer.start(c, gaussians, m)) {
                for (int i = 0; i < 5; i++) {
                    trainer.trainStep(); // move off the zero output layer so that u ≠ 0
                }
                ForwardSde sde = trainer.sde();
                int b = c.batch();
                // Replay the draws of step 6 in NoisedBatch's order: x₀, then per row t and z.
                RandomGenerator rng = StepRandom.of(c.seed()).forStep(6).generator();
                double[] x0 = ((DataSource.Infinite) gaussians).law().sampleFlat(b, rng);
                double[] t = new double[b];
                double[] z = new double[2 * b];
                double[] xt = new double[2 * b];
                for (int i = 0; i < b; i++) {
                    t[i] = sde.epsilon() + (sde.horizon() - sde.epsilon()) * rng.nextDouble();
                    for (int j = 0; j < 2; j++) {
                        z[2 * i + j] = rng.nextGaussian();
                        xt[2 * i + j] = sde.meanScale(t[i]) * x0[2 * i + j] + sde.std(t[i]) * z[2 * i + j];
                    }
                }
                NDArray tArr = m.create(t, new Shape(b, 1)).toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
                NDArray xArr = m.create(xt, new Shape(b, 2)).toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
                float[] u = trainer.network().value(tArr, xArr).toFloatArray();
                double expected = 0;
                for (int i = 0; i < b; i++) {
                    double g = sde.diffusion(t[i]);
                    double s = sde.std(t[i]);
                    for (int j = 0; j < 2; j++) {
                        double r = w == Weighting.EPS ? (u[2 * i + j] / g + z[2 * i + j] / s) * s
                                : u[2 * i + j] + g * z[2 * i + j] / s;
                        expected += r * r;
                    }
                }
                expected /= b;
                double got = trainer.trainStep();
                assertThat(got).as(w.label()).isCloseTo(expected, within(2e-5 * expected));
            }
        }
    }

    @Test
    void epsWeightingIsSSquaredOverGSquaredAndItsFactorsReproduceTheLoss() {
        ForwardSde sde = SdeSpec.defaults(SdeKind.SUBVP).create();
        for (double t : new double[] {0.001, 0.1, 0.5, 1.0}) {
            double s = sde.std(t);
            double g = sde.diffusion(t);
            assertThat(Weighting.EPS.lambda(sde, t)).isCloseTo(s * s / (g * g), within(1e-15));
            assertThat(Weighting.LIKELIHOOD.lambda(sde, t)).isEqualTo(1.0);
            double u = 0.7;
            double z = -1.3;
            for (Weighting w : Weighting.values()) {
                double[] ab = w.residualFactors(sde, t);
                double r = ab[0] * u + ab[1] * z;
                double target = w.lambda(sde, t) * Math.pow(u + g * z / s, 2);
                assertThat(r * r).isCloseTo(target, within(1e-12 * (1 + target)));
            }
        }
    }

    @Test
    void lossFallsOverAFewHundredStepsOnEightGaussians() {
        TrainConfig c = config(SdeKind.VP, Weighting.EPS, 300, 2e-3, 1);
        try (ScoreMatchingTrainer trainer = ScoreMatchingTrainer.start(c, gaussians, m)) {
            trainer.train(CheckpointSink.NONE, TrainListener.NONE);
            float[] l = trainer.losses();
            double first = mean(l, 0, 30);
            double last = mean(l, 250, 300);
            // At u = 0 the EPS loss is E‖z‖² = 2; the optimum is well below.
            assertThat(first).isGreaterThan(1.5);
            assertThat(last).isLessThan(0.85 * first);
        }
    }

    static double mean(float[] a, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += a[i];
        }
        return s / (to - from);
    }

    @Test
    void halfThenResumeEndsBitIdenticalToOneRun(@TempDir Path dir) throws Exception {
        TrainConfig c = config(SdeKind.VP, Weighting.EPS, 40, 1e-3, 9);
        Checkpoint straight;
        try (ScoreMatchingTrainer trainer = ScoreMatchingTrainer.start(c, gaussians, m)) {
            trainer.train(CheckpointSink.NONE, TrainListener.NONE);
            straight = trainer.checkpoint();
        }
        try (ScoreMatchingTrainer first = ScoreMatchingTrainer.start(c.withSteps(20), gaussians, m)) {
            first.train(cp -> CheckpointFile.write(dir, cp), TrainListener.NONE);
        }
        Checkpoint half = CheckpointFile.read(dir);
        assertThat(half.step()).isEqualTo(20);
        Checkpoint resumedEnd;
        Checkpoint extended = new Checkpoint(half.config().withSteps(40), half.step(), half.parameters(), half.ema(), half.adam(),
                half.losses());
        try (ScoreMatchingTrainer second = ScoreMatchingTrainer.resume(extended, gaussians, m)) {
            second.train(cp -> CheckpointFile.write(dir, cp), TrainListener.NONE);
            resumedEnd = second.checkpoint();
        }
        assertThat(resumedEnd.step()).isEqualTo(40);
        assertThat(resumedEnd.parameters().sameValues(straight.parameters())).as("parameters").isTrue();
        assertThat(resumedEnd.ema().shadow().sameValues(straight.ema().shadow())).as("EMA").isTrue();
        assertThat(resumedEnd.adam().firstMoment().sameValues(straight.adam().firstMoment())).as("Adam m").isTrue();
        assertThat(resumedEnd.adam().secondMoment().sameValues(straight.adam().secondMoment())).as("Adam v").isTrue();
        assertThat(resumedEnd.adam().step()).isEqualTo(40);
        assertThat(resumedEnd.losses()).containsExactly(straight.losses());
        // And the file on disk is the final state.
        assertThat(CheckpointFile.read(dir).parameters().sameValues(straight.parameters())).isTrue();
    }

    @Test
    void hugeLearningRateStopsWithAClearMessageAndTheLastGoodCheckpointLoads(@TempDir Path dir) {
        TrainConfig c = config(SdeKind.VP, Weighting.EPS, 300, 1e6, 2).withCheckpointEvery(1);
        try (ScoreMatchingTrainer trainer = ScoreMatchingTrainer.start(c, gaussians, m)) {
            assertThatThrownBy(() -> trainer.train(cp -> CheckpointFile.write(dir, cp), TrainListener.NONE))
                    .isInstanceOf(TrainingDivergedException.class)
                    .hasMessageContaining("diverged at step")
                    .hasMessageContaining("last good checkpoint")
                    .satisfies(e -> {
                        TrainingDivergedException d = (TrainingDivergedException) e;
                        // The step before the divergence began: at lr 1e6 the loss explodes at step 2 (a
                        // streak of the DivergencePolicy, whose checkpoints are deferred) and overflows at 3.
                        assertThat(d.lastCheckpoint()).isEqualTo(d.firstBadStep() - 1);
                    });
        }
        Checkpoint last = CheckpointFile.read(dir);
        for (float l : last.losses()) {
            assertThat(Float.isFinite(l)).isTrue();
        }
        try (TrainedModel model = TrainedModel.load(dir)) {
            assertThat(model.step()).isEqualTo(last.step());
            NDArray u = model.control().value(m.ones(new Shape(3, 1)).mul(0.5f), m.zeros(new Shape(3, 2)));
            assertThat(u.getShape()).isEqualTo(new Shape(3, 2));
        }
    }

    @Test
    void veSigmaMaxIsTheLargestPairwiseDistanceOfASampleAndIsStored() {
        TrainConfig c = config(SdeKind.VE, Weighting.EPS, 5, 1e-3, 3);
        assertThat(c.sde().resolved()).isFalse();
        try (ScoreMatchingTrainer trainer = ScoreMatchingTrainer.start(c, gaussians, m)) {
            double sigma = trainer.config().sde().sigmaMax();
            // 8gaussians: centres on a circle of radius 4/1.414 ≈ 2.83 (diameter 5.66), spread 0.35 each:
            // the largest distance among 1,000 points exceeds the diameter and stays below it + 8 spreads.
            assertThat(sigma).isGreaterThan(5.66).isLessThan(5.66 + 8 * 0.354);
            assertThat(sigma).isEqualTo(ScoreMatchingTrainer.largestPairwiseDistance(gaussians, m, 3));
            trainer.train(CheckpointSink.NONE, TrainListener.NONE);
            assertThat(trainer.checkpoint().config().sde().sigmaMax()).isEqualTo(sigma);
            assertThat(trainer.sde().priorStd()).isEqualTo(sigma);
        }
    }
}
