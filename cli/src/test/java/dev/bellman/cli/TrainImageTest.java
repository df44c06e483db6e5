package dev.bellman.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bellman.cli.train.SampleGrids;
import dev.bellman.control.run.Json;
import dev.bellman.data.plot.ImageGrid;
import dev.bellman.diffusion.checkpoint.CheckpointFile;
import dev.bellman.diffusion.net.unet.UNetConfig;
import dev.bellman.diffusion.train.TrainConfig;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code bellman train --data mnist:DIR} end to end on 20 digits of 4 × 4 pixels (the default U-Net,
 * c = 32, in float64 so that convolutions run in ATen and resume is exact; see
 * {@code UNet.CHANNEL_BLOCK}): the U-Net is chosen from the data with the image defaults, the run
 * writes its checkpoint, loss curve and sample grid, reports a small-n empirical gap, resumes bit for
 * bit, and {@code sample -o grid.png} and {@code eval} (bits/dim) work on the model.
 */
class TrainImageTest {
    private record Outcome(int code, String out, String err) {}

    @BeforeAll
    static void smallGrids() {
        TrainCommand.gridSizes = new SampleGrids.Sizes(4, 5, 9, 5);
    }

    @AfterAll
    static void defaultGrids() {
        TrainCommand.gridSizes = null;
    }

    private static Outcome run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            code = cl.execute(args);
        } finally {
            System.setOut(saved);
        }
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString());
    }

    /** 20 images 4 × 4 in IDX files (a bright row at a seeded height), so mnist:DIR holds out the last 2. */
    static Path tinyMnist(Path dir) throws IOException {
        Files.createDirectories(dir);
        int n = 20;
        int side = 4;
        ByteBuffer images = ByteBuffer.allocate(16 + n * side * side).putInt(0x803).putInt(n).putInt(side).putInt(side);
        ByteBuffer labels = ByteBuffer.allocate(8 + n).putInt(0x801).putInt(n);
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (int i = 0; i < n; i++) {
            int row = r.nextInt(side);
            for (int p = 0; p < side * side; p++) {
                images.put((byte) (p / side == row ? 230 : 10));
            }
            labels.put((byte) row);
        }
        Files.write(dir.resolve("images-idx3-ubyte"), images.array());
        Files.write(dir.resolve("labels-idx1-ubyte"), labels.array());
        return dir;
    }

    private static String[] train(Path out, String data, String... more) {
        String[] head = {"--threads", "1", "--dtype", "float64", "--json", "--out", out.toString(), "train", "--data", data,
                "--gap-paths", "4"};
        String[] all = java.util.Arrays.copyOf(head, head.length + more.length);
        System.arraycopy(more, 0, all, head.length, more.length);
        return all;
    }

    @Test
    void trainsTheUNetWritesItsGridResumesBitForBitAndSamplesAndEvaluates(@TempDir Path tmp) throws Exception {
        String data = "mnist:" + tinyMnist(tmp.resolve("digits"));
        Path a = tmp.resolve("a");
        Outcome o = run(train(a, data, "--steps", "6"));
        assertThat(o.code()).as(o.err()).isZero();
        JsonNode r = Json.mapper().readTree(o.out());
        assertThat(r.get("steps").asLong()).isEqualTo(6);
        assertThat(r.get("final_loss").asDouble()).isPositive();
        assertThat(r.get("steps_per_s").asDouble()).isPositive();
        // No exact law for images: gap null, a small-n empirical gap, and the JSON says how small.
        assertThat(r.get("gap").isNull()).isTrue();
        assertThat(r.get("gap_se").isNull()).isTrue();
        assertThat(r.get("gap_empirical").asDouble()).isPositive();
        assertThat(r.get("gap_paths").asInt()).isEqualTo(4);
        assertThat(r.get("gap_steps").asInt()).isEqualTo(100);
        assertThat(r.get("preview_s").asDouble()).isPositive();
        for (String f : new String[] {"checkpoint.bin", "loss.png", "samples.png", "run.json", "result.json"}) {
            assertThat(a.resolve(f)).as(f).isRegularFile();
        }
        assertThat(r.get("samples_png").asText()).isEqualTo(a.resolve("samples.png").toString());
        BufferedImage grid = ImageIO.read(a.resolve("samples.png").toFile());
        assertThat(grid.getWidth()).isEqualTo(3 * 4 + 4 * ImageGrid.GAP); // 9 tiles, 3 a row
        assertThat(grid.getHeight()).isEqualTo(grid.getWidth());

        // The network and the options follow the data: the default U-Net, image defaults, clipping.
        TrainConfig c = CheckpointFile.readConfig(a);
        assertThat(c.net()).isEqualTo(UNetConfig.defaults(1, 4, 4, dev.bellman.control.engine.Precision.FLOAT64, 0)
                .withOutput(dev.bellman.cli.train.ImageDefaults.NET_OUTPUT));
        assertThat(c.net().output()).isEqualTo(dev.bellman.diffusion.net.NetOutput.NOISE);
        assertThat(c.sampleShape()).containsExactly(1L, 4L, 4L);
        assertThat(c.batch()).isEqualTo(dev.bellman.cli.train.ImageDefaults.BATCH);
        assertThat(c.lr()).isEqualTo(dev.bellman.cli.train.ImageDefaults.LR);
        assertThat(c.emaDecay()).isEqualTo(dev.bellman.cli.train.ImageDefaults.EMA);
        assertThat(c.clipNorm()).isEqualTo(dev.bellman.cli.train.ImageDefaults.CLIP_NORM);
        assertThat(c.checkpointEvery()).isEqualTo(dev.bellman.cli.train.ImageDefaults.CHECKPOINT_EVERY);

        // Half, then --resume to the same total: the same checkpoint, byte for byte.
        Path b = tmp.resolve("b");
        assertThat(run(train(b, data, "--steps", "3")).code()).isZero();
        Outcome resumed = run("--threads", "1", "--dtype", "float64", "--json", "train", "--resume", b.toString(), "--steps", "6",
                "--gap-paths", "4");
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(Files.readAllBytes(CheckpointFile.path(b))).isEqualTo(Files.readAllBytes(CheckpointFile.path(a)));

        // sample -o grid.png draws an image grid; eval reports bits/dim through Hutchinson's divergence.
        Path png = tmp.resolve("grid.png");
        Outcome s = run("--threads", "1", "--json", "--out", tmp.resolve("s").toString(), "sample", a.toString(), "-o", png.toString(),
                "--n", "4", "--steps", "10");
        assertThat(s.code()).as(s.err()).isZero();
        assertThat(ImageIO.read(png.toFile()).getWidth()).isEqualTo(2 * 4 + 3 * ImageGrid.GAP);
        Outcome e = run("--threads", "1", "--json", "--out", tmp.resolve("e").toString(), "eval", a.toString(), "--n", "2");
        assertThat(e.code()).as(e.err()).isZero();
        JsonNode ev = Json.mapper().readTree(e.out());
        assertThat(ev.get("bpd").isNumber()).isTrue();
        // bpd = nll/(D ln 2) + 7 for D = 16 (DESIGN.md §1.5), from the same likelihood the command reports.
        assertThat(ev.get("bpd").asDouble()).isCloseTo(ev.get("nll").asDouble() / (16 * Math.log(2)) + 7,
                org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void anImageSizeTheUNetCannotHalveTwiceExitsTwo(@TempDir Path tmp) throws Exception {
        Files.createDirectories(tmp.resolve("imgs"));
        Outcome o = run("--threads", "1", "--out", tmp.resolve("o").toString(), "train", "--data", "images:" + tmp.resolve("imgs"),
                "--image-size", "30");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("multiple of 4");
        assertThat(tmp.resolve("o").resolve("checkpoint.bin")).doesNotExist();
    }
}
