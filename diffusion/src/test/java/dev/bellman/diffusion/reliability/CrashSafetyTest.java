package dev.bellman.diffusion.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bellman.control.engine.BellmanEngine;
import dev.bellman.diffusion.checkpoint.Checkpoint;
import dev.bellman.diffusion.checkpoint.CheckpointFile;
import dev.bellman.diffusion.checkpoint.TrainedModel;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety (issue 9): a training run in a child JVM is killed with SIGKILL
 * ({@code Process.destroyForcibly()}) at random moments inside its training loop, {@value #KILLS}
 * times, with a checkpoint every {@value #EVERY} steps so that many kills land inside a checkpoint
 * write. After every kill the checkpoint on disk (if any) reads and loads, its loss history is a
 * prefix of the uninterrupted run's, bit for bit, and at most the one temporary file of the killed
 * write is left. The run then resumes to the end and its checkpoint file — θ, EMA, Adam's moments
 * and step, losses — is byte-identical to the uninterrupted run's with the same seed, and no
 * temporary file is left.
 */
class CrashSafetyTest {
    static final int KILLS = 22;
    static final long STEPS = 1500;
    static final long EVERY = 3;
    static final int BATCH = 64;

    @BeforeAll
    static void startEngine() {
        ReliabilityRuns.engine();
    }

    @Test
    void sigkillAtRandomMomentsNeverCorruptsAndResumeIsExact(@TempDir Path tmp) throws Exception {
        Path reference = tmp.resolve("reference");
        Files.createDirectories(reference);
        assertThat(runToEnd(reference)).isEqualTo(STEPS);
        byte[] referenceBytes = Files.readAllBytes(CheckpointFile.path(reference));
        float[] referenceLosses = CheckpointFile.read(reference).losses();

        Path crashed = tmp.resolve("crashed");
        Files.createDirectories(crashed);
        SplittableRandom random = new SplittableRandom(20_261_127L);
        long lastStep = 0;
        int kills = 0;
        int withTemp = 0;
        int sessions = 0;
        while (kills < KILLS) {
            sessions++;
            assertThat(sessions).as("the run finished before %d kills: raise STEPS", KILLS).isLessThan(KILLS + 5);
            // 20 ms a step: a session makes at most ~60 steps in the 1.2 s window on any machine
            Process p = ReliabilityRuns.childJvm(CrashTrainMain.class, List.of(), args(crashed, 20))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String ready = out.readLine();
            assertThat(ready).as("child did not start training").startsWith("READY");
            // The first checkpoint write of a JVM is slow (Jackson and file-system warm-up): kills spread over
            // 1.2 s land before it, inside it and among the later ones.
            Thread.sleep(random.nextInt(0, 1200));
            p.destroyForcibly();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            if (p.exitValue() == 0) {
                continue; // finished before the kill: not counted
            }
            kills++;
            List<String> temps = ReliabilityRuns.temporaryFiles(crashed);
            assertThat(temps).as("temporary files after kill %d", kills).hasSizeLessThanOrEqualTo(1);
            withTemp += temps.size();
            if (!CheckpointFile.exists(crashed)) {
                continue;
            }
            Checkpoint c = CheckpointFile.read(crashed);
            assertThat(c.step()).as("checkpoints never go back").isGreaterThanOrEqualTo(lastStep);
            assertThat(c.step() % EVERY).isZero();
            assertThat(c.losses()).as("losses of the killed run at step %d", c.step())
                    .isEqualTo(Arrays.copyOf(referenceLosses, (int) c.step()));
            try (TrainedModel m = TrainedModel.load(crashed)) {
                assertThat(m.step()).isEqualTo(c.step());
            }
            lastStep = c.step();
        }
        System.out.printf("crash safety: %d kills in %d sessions, last checkpoint before resume at step %d, %d kills left a"
                + " temporary file%n", kills, sessions, lastStep, withTemp);
        assertThat(lastStep).as("the killed sessions made progress").isPositive();

        assertThat(runToEnd(crashed)).isEqualTo(STEPS);
        assertThat(ReliabilityRuns.temporaryFiles(crashed)).as("temporary files after the resumed run").isEmpty();
        byte[] resumedBytes = Files.readAllBytes(CheckpointFile.path(crashed));
        assertThat(resumedBytes).as("checkpoint after %d kills and resumes = uninterrupted checkpoint", kills)
                .isEqualTo(referenceBytes);
        BellmanEngine.current();
    }

    private static String[] args(Path dir) {
        return args(dir, 0);
    }

    private static String[] args(Path dir, long throttleMs) {
        return new String[] {dir.toString(), Long.toString(STEPS), Long.toString(EVERY), Integer.toString(BATCH),
            Long.toString(throttleMs)};
    }

    private static long runToEnd(Path dir) throws Exception {
        ProcessBuilder pb = ReliabilityRuns.childJvm(CrashTrainMain.class, List.of(), args(dir)).redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        String done = Arrays.stream(out.split("\\R")).filter(l -> l.startsWith("DONE ")).findFirst().orElseThrow(
                () -> new AssertionError("no DONE line: " + out));
        return Long.parseLong(done.substring(5).trim());
    }
}
