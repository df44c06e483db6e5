package dev.bellman.benchmarks.mnist;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import dev.bellman.control.engine.BellmanEngine;
import dev.bellman.control.engine.Precision;
import dev.bellman.data.DataSource;
import dev.bellman.data.DataSpec;
import dev.bellman.data.dataset.ImageDataset;
import dev.bellman.data.dataset.Split;
import dev.bellman.diffusion.checkpoint.CheckpointFile;
import dev.bellman.diffusion.net.unet.UNetConfig;
import dev.bellman.diffusion.sde.SdeKind;
import dev.bellman.diffusion.train.ScoreMatchingTrainer;
import dev.bellman.diffusion.train.SdeSpec;
import dev.bellman.diffusion.train.TrainConfig;
import dev.bellman.diffusion.train.TrainListener;
import dev.bellman.diffusion.train.Weighting;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's wiring: {@link MnistDiffusion#MODEL_LOADER} reads a run directory written by the
 * trainer (a tiny 28 × 28 U-Net after two steps), the benchmark samples it with its own
 * Euler–Maruyama and with a samplers-module sampler, writes the grid and judges every sample.
 * (The figures of an untrained model and an untrained judge mean nothing; the full run is in
 * BENCHMARKS.md.)
 */
class MnistDiffusionRunTest {

    @Test
    void loadsATrainedCheckpointSamplesAndJudgesIt(@TempDir Path dir) throws Exception {
        BellmanEngine engine = BellmanEngine.current();
        ImageDataset all = new ImageDataset(new byte[10 * 784], 0, 10, 1, 28, 28, null, List.of());
        DataSource data = new DataSource.Finite(DataSpec.parse("images:/nonexistent"), Split.lastTenth(all));
        TrainConfig config = new TrainConfig("images:/nonexistent", 28, List.of(1L, 28L, 28L), SdeSpec.defaults(SdeKind.VP),
                new UNetConfig(1, 28, 28, 16, 4, 16, Precision.FLOAT32, 2), Weighting.EPS, 2, 4, 1e-3, 0, 1.0, 0.9, 100, 3);
        Path run = dir.resolve("run");
        java.nio.file.Files.createDirectories(run);
        Path classifier = dir.resolve("judge.blmp");
        try (NDManager m = engine.newManager()) {
            try (ScoreMatchingTrainer t = ScoreMatchingTrainer.start(config, data, m)) {
                t.train(c -> CheckpointFile.write(run, c), TrainListener.NONE);
            }
            try (DigitClassifier judge = new DigitClassifier(m, 1)) {
                judge.save(classifier);
            }
        }
        MnistDiffusion benchmark = new MnistDiffusion(MnistDiffusion.MODEL_LOADER);
        for (String sampler : new String[] {MnistDiffusion.OWN_EM, "ancestral"}) {
            Path out = dir.resolve("out-" + sampler);
            Map<String, Object> r = benchmark.run(run, classifier, 3, 4, sampler, 0, out, engine);
            SampleQuality q = (SampleQuality) r.get("quality");
            assertThat(q.n()).isEqualTo(3);
            assertThat(java.util.Arrays.stream(q.classCounts()).sum()).isEqualTo(3);
            assertThat(r.get("sampler")).isEqualTo(sampler);
            assertThat(r.get("model")).isEqualTo("UNetConfig at step 2");
            assertThat(out.resolve("samples.png")).isRegularFile();
        }
    }
}
