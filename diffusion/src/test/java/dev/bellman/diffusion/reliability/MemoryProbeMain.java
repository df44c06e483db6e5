package dev.bellman.diffusion.reliability;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.engine.BellmanEngine;
import dev.bellman.control.random.StepRandom;
import dev.bellman.control.sde.EulerMaruyama;
import dev.bellman.control.sde.TimeGrid;
import dev.bellman.diffusion.checkpoint.CheckpointFile;
import dev.bellman.diffusion.checkpoint.TrainedModel;
import dev.bellman.diffusion.reverse.ReverseSde;
import dev.bellman.diffusion.train.ScoreMatchingTrainer;
import dev.bellman.diffusion.train.TrainListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Test support (child JVM): resident memory over a long training run (checkpoints included) and a
 * long Euler–Maruyama sampling run of the trained model. Prints {@code TRAIN_RSS a b} (kB after
 * the warm-up steps, at the end) and {@code SAMPLE_RSS a b}, read from {@code /proc/self/status}.
 *
 * <p>Arguments: TRAIN_STEPS TRAIN_WARMUP TRAIN_BATCH SAMPLE_STEPS SAMPLE_WARMUP SAMPLES RUNDIR (SAMPLE_STEPS 0:
 * training only; {@link SamplingMemoryProbeMain} measures sampling).
 */
public final class MemoryProbeMain {
    private MemoryProbeMain() {}

    public static void main(String[] args) throws Exception {
        long trainSteps = Long.parseLong(args[0]);
        long trainWarm = Long.parseLong(args[1]);
        int batch = Integer.parseInt(args[2]);
        int sampleSteps = Integer.parseInt(args[3]);
        int sampleWarm = Integer.parseInt(args[4]);
        int samples = Integer.parseInt(args[5]);
        Path runDir = Path.of(args[6]);
        BellmanEngine engine = ReliabilityRuns.engine();
        long[] train = new long[2];
        try (NDManager manager = engine.newManager();
                ScoreMatchingTrainer trainer = ScoreMatchingTrainer.start(ReliabilityRuns.config(trainSteps, batch, 1e-3, 500),
                        ReliabilityRuns.data(), manager)) {
            trainer.train(c -> CheckpointFile.write(runDir, c), new TrainListener() {
                @Override
                public void onStep(long step, double loss, double stepsPerSecond) {
                    if (step == trainWarm) {
                        train[0] = rssKb();
                    }
                }
            });
            train[1] = rssKb();
        }
        System.out.println("TRAIN_RSS " + train[0] + " " + train[1]);
        if (sampleSteps == 0) {
            System.out.flush();
            System.exit(0);
        }
        long[] sample = new long[3];
        try (TrainedModel model = TrainedModel.load(runDir); NDManager m = engine.newManager()) {
            ReverseSde reverse = new ReverseSde(model.sde(), 2);
            TimeGrid grid = TimeGrid.uniform(0, model.sde().horizon() - model.sde().epsilon(), sampleSteps);
            NDArray x0 = m.randomNormal(new Shape(samples, 2)).toType(DataType.FLOAT32, false);
            NDArray x = new EulerMaruyama(grid).integrate(reverse, reverse.policy(model.control()), x0, StepRandom.of(3),
                    List.of(e -> {
                        if (e.index() == sampleWarm) {
                            sample[0] = rssKb();
                        }
                        if (e.index() == (sampleWarm + sampleSteps) / 2) {
                            sample[2] = rssKb();
                        }
                    }));
            sample[1] = rssKb();
            System.out.println("SAMPLE_FINITE " + x.isInfinite().any().logicalNot().getBoolean());
        }
        System.out.println("SAMPLE_RSS " + sample[0] + " " + sample[1] + " " + sample[2]);
        System.out.flush();
        System.exit(0);
    }

    /** VmRSS of this process in kB. */
    static long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
