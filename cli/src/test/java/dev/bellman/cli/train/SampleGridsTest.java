package dev.bellman.cli.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import dev.bellman.control.engine.BellmanEngine;
import dev.bellman.control.engine.Precision;
import dev.bellman.data.DataSource;
import dev.bellman.data.DataSpec;
import dev.bellman.data.dataset.ImageDataset;
import dev.bellman.data.dataset.Split;
import dev.bellman.diffusion.checkpoint.Checkpoint;
import dev.bellman.diffusion.net.unet.UNetConfig;
import dev.bellman.diffusion.sde.SdeKind;
import dev.bellman.diffusion.train.CheckpointSink;
import dev.bellman.diffusion.train.ScoreMatchingTrainer;
import dev.bellman.diffusion.train.SdeSpec;
import dev.bellman.diffusion.train.TrainConfig;
import dev.bellman.diffusion.train.TrainListener;
import dev.bellman.diffusion.train.Weighting;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Periodic sample grids: one per new fifth of the run at checkpoints, none at the end or twice, none redrawn on resume. */
class SampleGridsTest {

    @Test
    void drawsOneGridPerFifthOfTheRunAtCheckpoints(@TempDir Path dir) throws Exception {
        ImageDataset all = new ImageDataset(new byte[10 * 16], 0, 10, 1, 4, 4, null, List.of());
        DataSource data = new DataSource.Finite(DataSpec.parse("images:/nonexistent"), Split.lastTenth(all));
        TrainConfig config = new TrainConfig("images:/nonexistent", 4, List.of(1L, 4L, 4L), SdeSpec.defaults(SdeKind.VP),
                new UNetConfig(1, 4, 4, 16, 4, 16, Precision.FLOAT64, 1), Weighting.EPS, 2, 4, 1e-3, 0, 1.0, 0.9, 100, 5);
        try (NDManager m = BellmanEngine.current().newManager();
                ScoreMatchingTrainer trainer = ScoreMatchingTrainer.start(config, data, m)) {
            trainer.train(CheckpointSink.NONE, TrainListener.NONE);
            Checkpoint atTwo = trainer.checkpoint();
            SampleGrids.Sizes sizes = new SampleGrids.Sizes(4, 3, 9, 3);
            // A 10-step run: a grid every 2 steps; the checkpoint at step 2 opens the first fifth.
            SampleGrids grids = new SampleGrids(dir, 10, 0, 5, m, sizes);
            grids.record(atTwo);
            grids.record(atTwo);
            assertThat(grids.written()).containsExactly(dir.resolve("samples-step0000002.png"));
            BufferedImage png = ImageIO.read(dir.resolve("samples-step0000002.png").toFile());
            assertThat(png.getWidth()).isEqualTo(2 * 4 + 3 * dev.bellman.data.plot.ImageGrid.GAP);
            assertThat(grids.seconds()).isPositive();
            // A resumed session from step 2 does not redraw it; the last step is left to the final grid.
            SampleGrids resumed = new SampleGrids(dir.resolve("r"), 10, 2, 5, m, sizes);
            resumed.record(atTwo);
            assertThat(resumed.written()).isEmpty();
            SampleGrids ending = new SampleGrids(dir.resolve("e"), 2, 0, 5, m, sizes);
            ending.record(atTwo);
            assertThat(ending.written()).isEmpty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.filter(p -> p.getFileName().toString().startsWith("samples-"))).hasSize(1);
        }
    }
}
