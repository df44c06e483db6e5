package dev.bellman.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bellman.control.run.Json;
import dev.bellman.data.io.Npy;
import dev.bellman.data.io.NpyArray;
import dev.bellman.diffusion.checkpoint.CheckpointFile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code bellman train}: result keys, files in the run directory, resume in place, refusals with exit 2. */
class TrainCommandTest {

    private record Outcome(int code, String out, String err) {}

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

    @Test
    void trainsWritesItsFilesAndResumesInPlace(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        Outcome o = run("--threads", "1", "--json", "--out", dir.toString(), "train", "--steps", "60", "--batch", "128", "--gap-paths", "200");
        assertThat(o.code()).as(o.err()).isZero();
        JsonNode r = Json.mapper().readTree(o.out());
        assertThat(r.get("steps").asLong()).isEqualTo(60);
        assertThat(r.get("final_loss").asDouble()).isPositive();
        assertThat(r.get("steps_per_s").asDouble()).isPositive();
        assertThat(r.get("wall_s").asDouble()).isPositive();
        // mixture data: the gap against the exact u* is reported with its standard error, no empirical gap
        assertThat(r.get("gap").isNumber()).isTrue();
        assertThat(r.get("gap").asDouble()).isPositive();
        assertThat(r.get("gap_se").asDouble()).isPositive();
        assertThat(r.has("gap_empirical")).isTrue();
        assertThat(r.get("gap_empirical").isNull()).isTrue();
        assertThat(r.get("model").asText()).isEqualTo(dir.toString());
        for (String f : new String[] {"checkpoint.bin", "loss.png", "samples.png", "run.json", "result.json"}) {
            assertThat(dir.resolve(f)).as(f).isRegularFile();
        }
        Outcome again = run("--threads", "1", "--json", "train", "--resume", dir.toString(), "--steps", "90", "--gap-paths", "0");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(Json.mapper().readTree(again.out()).get("steps").asLong()).isEqualTo(90);
        assertThat(CheckpointFile.read(dir).step()).isEqualTo(90);
        assertThat(CheckpointFile.read(dir).config().batch()).isEqualTo(128);

        Outcome conflict = run("--threads", "1", "train", "--resume", dir.toString(), "--batch", "64");
        assertThat(conflict.code()).isEqualTo(2);
        assertThat(conflict.err()).contains("--batch").contains("contradicts");
    }

    @Test
    void userMistakesExitTwoWithOneLine(@TempDir Path tmp) throws Exception {
        assertThat(run("--threads", "1", "--out", tmp.resolve("a").toString(), "train", "--weighting", "foo").code()).isEqualTo(2);
        assertThat(run("--threads", "1", "--out", tmp.resolve("b").toString(), "train", "--sde", "xx").code()).isEqualTo(2);
        assertThat(run("--threads", "1", "--out", tmp.resolve("c").toString(), "train", "--data", "nosuchdata").code()).isEqualTo(2);
        Outcome missing = run("--threads", "1", "train", "--resume", tmp.resolve("none").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err().strip().lines()).hasSize(1);
        assertThat(missing.err()).contains("no checkpoint");
        Path images = tmp.resolve("img.npy");
        Npy.write(images, new NpyArray(new int[] {4, 3, 3}, new double[36], true));
        Outcome img = run("--threads", "1", "--out", tmp.resolve("d").toString(), "train", "--data", "npy:" + images);
        assertThat(img.code()).isEqualTo(2);
        assertThat(img.err()).contains("U-Net");
        assertThat(Files.exists(tmp.resolve("d").resolve("checkpoint.bin"))).isFalse();
    }
}
