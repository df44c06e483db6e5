package dev.bellman.diffusion.reliability;

import ai.djl.ndarray.NDManager;
import dev.bellman.control.engine.BellmanEngine;
import dev.bellman.data.DataSource;
import dev.bellman.diffusion.checkpoint.CheckpointFile;
import dev.bellman.diffusion.train.ScoreMatchingTrainer;
import dev.bellman.diffusion.train.TrainListener;
import java.nio.file.Path;

/**
 * Test support (child JVM): trains {@link ReliabilityRuns#config} into RUNDIR, resuming from
 * RUNDIR's checkpoint when there is one, checkpointing every EVERY steps through the production
 * writer {@link CheckpointFile#write}. Prints {@code READY step} after this session's first step
 * (the slow first step is behind it) and {@code DONE step} at the end, so the parent can kill it
 * inside the training loop.
 *
 * <p>Arguments: RUNDIR STEPS EVERY BATCH [THROTTLE_MS]. THROTTLE_MS sleeps after every step (it changes
 * no number, only the pace), so that a killed session makes a bounded amount of progress however
 * fast the machine is and the run cannot finish before the parent has killed it often enough.
 */
public final class CrashTrainMain {
    private CrashTrainMain() {}

    public static void main(String[] args) throws Exception {
        Path runDir = Path.of(args[0]);
        long steps = Long.parseLong(args[1]);
        long every = Long.parseLong(args[2]);
        int batch = Integer.parseInt(args[3]);
        long throttleMs = args.length > 4 ? Long.parseLong(args[4]) : 0;
        BellmanEngine engine = ReliabilityRuns.engine();
        DataSource data = ReliabilityRuns.data();
        try (NDManager manager = engine.newManager();
                ScoreMatchingTrainer trainer = CheckpointFile.exists(runDir)
                        ? ScoreMatchingTrainer.resume(CheckpointFile.read(runDir), data, manager)
                        : ScoreMatchingTrainer.start(ReliabilityRuns.config(steps, batch, 1e-3, every), data, manager)) {
            long first = trainer.step() + 1;
            trainer.train(c -> CheckpointFile.write(runDir, c), new TrainListener() {
                @Override
                public void onStep(long step, double loss, double stepsPerSecond) {
                    if (step == first) {
                        System.out.println("READY " + step);
                        System.out.flush();
                    }
                    if (throttleMs > 0) {
                        try {
                            Thread.sleep(throttleMs);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }
            });
            System.out.println("DONE " + trainer.step());
            System.out.flush();
        }
        System.exit(0);
    }
}
