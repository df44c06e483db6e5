package dev.bellman.diffusion.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.djl.ndarray.NDManager;
import dev.bellman.control.engine.BellmanEngine;
import dev.bellman.control.run.AtomicFiles;
import dev.bellman.diffusion.checkpoint.Checkpoint;
import dev.bellman.diffusion.checkpoint.CheckpointFile;
import dev.bellman.diffusion.checkpoint.TrainedModel;
import dev.bellman.diffusion.train.ScoreMatchingTrainer;
import dev.bellman.diffusion.train.TrainListener;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that fills up during a run (issue 9): training stops with an error naming the checkpoint
 * step and "No space left on device", the previous checkpoint is intact and loads, and no temporary
 * file is left behind. Twice: through a byte budget on the checkpoint writer's stream (always runs),
 * and on a real full file system: a 512 KiB tmpfs mounted in a private mount namespace
 * ({@code unshare -m}, root only; skipped where the sandbox forbids it), filled up by {@code dd}
 * once the first checkpoint exists, with 24 KiB freed again so that the next write fails halfway.
 */
class DiskFullTest {
    static final long EVERY = 20;

    @BeforeAll
    static void startEngine() {
        ReliabilityRuns.engine();
    }

    @Test
    void aWriterThatRunsOutOfSpaceKeepsThePreviousCheckpoint(@TempDir Path dir) throws Exception {
        AtomicLong budget = new AtomicLong(-1);
        UncheckedIOException e;
        try (NDManager manager = BellmanEngine.current().newManager();
                ScoreMatchingTrainer trainer = ScoreMatchingTrainer.start(ReliabilityRuns.config(10 * EVERY, 64, 1e-3, EVERY),
                        ReliabilityRuns.data(), manager)) {
            e = catchThrowableOfType(() -> trainer.train(c -> {
                if (budget.get() < 0) {
                    // Room for two and a half checkpoints of this size, as on a disk about to fill up.
                    CheckpointFile.write(dir, c);
                    budget.set(Files.size(CheckpointFile.path(dir)) * 3 / 2);
                } else {
                    AtomicFiles.write(CheckpointFile.path(dir), out -> CheckpointFile.write(c, new Budgeted(out, budget)));
                }
            }, TrainListener.NONE), UncheckedIOException.class);
        }
        assertThat(e).as("the run must fail once the disk is full").isNotNull();
        assertThat(e.getMessage()).contains("cannot write the checkpoint at step " + 3 * EVERY).contains("No space left on device");
        Checkpoint c = CheckpointFile.read(dir);
        assertThat(c.step()).as("the previous checkpoint").isEqualTo(2 * EVERY);
        try (TrainedModel m = TrainedModel.load(dir)) {
            assertThat(m.step()).isEqualTo(2 * EVERY);
        }
        assertThat(ReliabilityRuns.temporaryFiles(dir)).isEmpty();
    }

    @Test
    void aFullTmpfsStopsTheRunAndKeepsThePreviousCheckpoint(@TempDir Path tmp) throws Exception {
        Path mountPoint = Files.createDirectories(tmp.resolve("disk"));
        Path out = Files.createDirectories(tmp.resolve("out"));
        ProcessBuilder java = ReliabilityRuns.childJvm(CrashTrainMain.class, List.of("-Xmx256m"), mountPoint.toString(),
                "1000000", Long.toString(EVERY), "64");
        Process p = FullDisk.run(mountPoint, out, 512, 24, java.command());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        Assumptions.assumeTrue(p.exitValue() != FullDisk.NO_MOUNT && Files.exists(out.resolve("rc")),
                "cannot mount a tmpfs here (needs root and unshare -m)");
        String stderr = Files.readString(out.resolve("stderr"), StandardCharsets.UTF_8);
        assertThat(Integer.parseInt(Files.readString(out.resolve("rc")).trim())).as(stderr).isEqualTo(1);
        assertThat(stderr).contains("cannot write the checkpoint at step").contains("No space left on device");
        assertThat(Files.readAllLines(out.resolve("listing"))).as("files left on the full disk")
                .noneMatch(n -> n.endsWith(".tmp"));
        Path saved = out.resolve("saved");
        Checkpoint c = CheckpointFile.read(saved);
        assertThat(c.step()).isPositive();
        assertThat(c.step() % EVERY).isZero();
        try (TrainedModel m = TrainedModel.load(saved)) {
            assertThat(m.step()).isEqualTo(c.step());
        }
        System.out.println("full tmpfs: the run stopped after the checkpoint of step " + c.step() + ": "
                + stderr.lines().filter(l -> l.contains("No space")).findFirst().orElse(""));
    }

    /** Throws "No space left on device" once the shared byte budget is spent. */
    static final class Budgeted extends FilterOutputStream {
        private final AtomicLong budget;

        Budgeted(OutputStream out, AtomicLong budget) {
            super(out);
            this.budget = budget;
        }

        @Override
        public void write(int b) throws IOException {
            spend(1);
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            spend(len);
            out.write(b, off, len);
        }

        private void spend(long n) throws IOException {
            if (budget.addAndGet(-n) < 0) {
                throw new IOException("No space left on device");
            }
        }
    }
}
