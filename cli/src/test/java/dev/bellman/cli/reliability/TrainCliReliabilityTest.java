package dev.bellman.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bellman train}'s exit codes under trouble (issue 9, DESIGN.md §4): an output directory
 * that cannot be written is exit 2 before anything starts; a run that diverges is exit 1 with the
 * divergence message; a disk that fills up mid-run (a real tmpfs in a private mount namespace) is
 * exit 1 naming "No space left on device" with the previous checkpoint intact; and a run stopped
 * half-way and resumed with {@code --resume} ends with the same checkpoint file, byte for byte, as
 * an uninterrupted run.
 */
class TrainCliReliabilityTest {

    private static Cli.Outcome train(String... args) {
        List<String> a = new ArrayList<>(List.of("train", "--gap-paths", "0"));
        a.addAll(List.of(args));
        return Cli.run(a.toArray(String[]::new));
    }

    @Test
    void anUnwritableOutputDirectoryIsExitTwo(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("regular-file"), "x");
        Cli.Outcome o = train("--steps", "2", "--out", file.resolve("run").toString());
        assertThat(o.code()).as(o.err()).isEqualTo(2);
        assertThat(o.err().strip().lines().count()).isEqualTo(1);
        assertThat(o.err()).contains("cannot write to the output directory").contains("regular-file");
    }

    @Test
    void aDivergingRunIsExitOneWithTheReason(@TempDir Path tmp) {
        Cli.Outcome o = train("--lr", "1e12", "--steps", "200", "--batch", "64", "--out", tmp.resolve("run").toString());
        assertThat(o.code()).as(o.err()).isEqualTo(1);
        assertThat(o.err()).contains("training diverged at step").contains("learning rate").doesNotContain("\tat ");
        assertThat(messages(o.err())).as("one line: %s", o.err()).hasSize(1);
    }

    /**
     * A loss that explodes and stays finite (lr 1e3: the default network's loss plateaus thousands of
     * times above the zero control's) used to end with exit 0 and a useless model; the divergence
     * policy stops it: exit 1, one line naming the streak, and no checkpoint from inside it (the
     * checkpoint interval is 1,000 steps, so none was written: the directory holds none).
     */
    @Test
    void aFiniteExplosionIsExitOneWithTheReason(@TempDir Path tmp) {
        Path run = tmp.resolve("run");
        Cli.Outcome o = train("--lr", "1e3", "--steps", "300", "--batch", "64", "--out", run.toString());
        assertThat(o.code()).as(o.err()).isEqualTo(1);
        assertThat(messages(o.err())).as("one line: %s", o.err()).hasSize(1);
        assertThat(messages(o.err()).get(0)).startsWith("bellman: error: training diverged at step").contains("times that of the zero control")
                .contains("learning rate 1000.0").contains("no checkpoint had been written yet").doesNotContain("Exception");
        assertThat(Files.exists(run.resolve("checkpoint.bin"))).isFalse();
    }

    /** Default training (lr 1e-3 with warm-up, batch 512, its loss high at first and noisy) never trips the policy. */
    @Test
    void defaultTrainingDoesNotTripTheDivergencePolicy(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        Cli.Outcome o = train("--steps", "150", "--out", run.toString());
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(dev.bellman.diffusion.checkpoint.CheckpointFile.readConfig(run).divergence())
                .isEqualTo(dev.bellman.diffusion.train.DivergencePolicy.DEFAULT);
    }

    /** stderr without the progress bar's lines ({@code train  7% [==   ]  21/300 …}, redrawn after carriage returns). */
    static List<String> messages(String err) {
        return err.lines().filter(l -> !l.isBlank() && !l.matches("^train\\s+\\d+%.*")).toList();
    }

    @Test
    void resumingAStoppedRunEndsExactlyAsTheUninterruptedRun(@TempDir Path tmp) throws Exception {
        Path whole = tmp.resolve("whole");
        Path half = tmp.resolve("half");
        Cli.Outcome a = train("--steps", "60", "--batch", "32", "--seed", "3", "--out", whole.toString());
        assertThat(a.code()).as(a.err()).isZero();
        Cli.Outcome b = train("--steps", "30", "--batch", "32", "--seed", "3", "--out", half.toString());
        assertThat(b.code()).as(b.err()).isZero();
        Cli.Outcome c = train("--resume", half.toString(), "--steps", "60");
        assertThat(c.code()).as(c.err()).isZero();
        assertThat(Files.readAllBytes(half.resolve("checkpoint.bin"))).isEqualTo(Files.readAllBytes(whole.resolve("checkpoint.bin")));
        try (var s = Files.list(half)) {
            assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList()).isEmpty();
        }
    }

    @Test
    void aDiskThatFillsUpIsExitOneAndKeepsThePreviousCheckpoint(@TempDir Path tmp) throws Exception {
        Path disk = Files.createDirectories(tmp.resolve("disk"));
        Path out = Files.createDirectories(tmp.resolve("out"));
        List<String> java = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1", "-cp", System.getProperty("java.class.path"),
                "dev.bellman.cli.Main", "train", "--gap-paths", "0", "--steps", "1000000", "--batch", "64", "--threads", "1", "--out", disk.toString());
        List<String> cmd = new ArrayList<>(List.of("unshare", "-m", "--propagation", "private", "sh", "-c", FULL_DISK, "sh",
                disk.toString(), out.toString(), "2048", "24"));
        cmd.addAll(java);
        Process p;
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put("DJL_OFFLINE", "true");
            pb.environment().put("OPT_OUT_TRACKING", "true");
            p = pb.start();
        } catch (java.io.IOException e) {
            Assumptions.abort("no unshare here");
            return;
        }
        assertThat(p.waitFor(170, TimeUnit.SECONDS)).isTrue();
        Assumptions.assumeTrue(p.exitValue() != 90 && Files.exists(out.resolve("rc")), "cannot mount a tmpfs here");
        String err = Files.readString(out.resolve("stderr"), StandardCharsets.UTF_8);
        assertThat(Integer.parseInt(Files.readString(out.resolve("rc")).trim())).as(err).isEqualTo(1);
        assertThat(err).contains("No space left on device").doesNotContain("\tat ");
        assertThat(Files.readAllLines(out.resolve("listing"))).noneMatch(n -> n.endsWith(".tmp"));
        Assumptions.assumeTrue(Files.exists(out.resolve("saved").resolve("checkpoint.bin")));
        // The checkpoint read back in a fresh reader: loads without error.
        Cli.Outcome check = Cli.run("gap", out.resolve("saved").toString(), "--n", "100", "--steps", "10", "--out",
                tmp.resolve("gap").toString());
        assertThat(check.err()).doesNotContain("corrupt").doesNotContain("truncated");
    }

    /** See {@code dev.bellman.diffusion.reliability.FullDisk}: mount, run, fill after the first checkpoint, copy out. */
    private static final String FULL_DISK = """
            D="$1"; OUT="$2"; SIZE="$3"; FREE="$4"; shift 4
            mount -t tmpfs -o size="${SIZE}k" tmpfs "$D" 2>/dev/null || exit 90
            "$@" > "$OUT/stdout" 2> "$OUT/stderr" &
            pid=$!
            while [ ! -f "$D/checkpoint.bin" ] && kill -0 $pid 2>/dev/null; do sleep 0.05; done
            dd if=/dev/zero of="$D/filler" bs=1k 2>/dev/null
            truncate -s -"${FREE}k" "$D/filler"
            wait $pid; echo $? > "$OUT/rc"
            rm -f "$D/filler"
            ls -a "$D" > "$OUT/listing"
            mkdir -p "$OUT/saved"; cp "$D"/checkpoint.bin "$D"/*.json "$OUT/saved/" 2>/dev/null
            exit 0
            """;
}
