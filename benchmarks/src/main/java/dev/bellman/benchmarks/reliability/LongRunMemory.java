package dev.bellman.benchmarks.reliability;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.engine.BellmanEngine;
import dev.bellman.control.engine.DeviceKind;
import dev.bellman.control.engine.EngineConfig;
import dev.bellman.control.engine.Precision;
import dev.bellman.control.random.StepRandom;
import dev.bellman.control.run.Json;
import dev.bellman.control.sde.EulerMaruyama;
import dev.bellman.control.sde.TimeGrid;
import dev.bellman.data.DataSpec;
import dev.bellman.diffusion.checkpoint.CheckpointFile;
import dev.bellman.diffusion.checkpoint.TrainedModel;
import dev.bellman.diffusion.net.ControlNetConfig;
import dev.bellman.diffusion.reverse.ReverseSde;
import dev.bellman.diffusion.sde.SdeKind;
import dev.bellman.diffusion.train.ScoreMatchingTrainer;
import dev.bellman.diffusion.train.SdeSpec;
import dev.bellman.diffusion.train.TrainConfig;
import dev.bellman.diffusion.train.TrainListener;
import dev.bellman.diffusion.train.Weighting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resident memory over a long training run and a long sampling run at full size (issue 9; the test
 * {@code LongRunMemoryTest} runs a reduced budget): {@code bellman train}'s default workload
 * (8gaussians, VP, MLP 3 × 128 SiLU, batch 512, float32, checkpoints every 1,000 steps) for TRAIN
 * steps, then Euler–Maruyama sampling of SAMPLES points for SAMPLE_STEPS steps with the EMA model.
 * RSS (VmRSS of /proc/self/status) is recorded every tenth of each run; the growth is measured from
 * the end of the first tenth (warm-up) to the end. Prints {@code RESULT {json}}.
 *
 * <pre>
 * java -Xms256m -Xmx256m -XX:+AlwaysPreTouch -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 \
 *   -cp "$(cat cp.txt)" dev.bellman.benchmarks.reliability.LongRunMemory 20000 10000 20000
 * </pre>
 * Arguments (defaults): TRAIN (20000), SAMPLES (10000), SAMPLE_STEPS (20000).
 */
public final class LongRunMemory {
    private LongRunMemory() {}

    public static void main(String[] args) throws Exception {
        long trainSteps = args.length > 0 ? Long.parseLong(args[0]) : 20_000;
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int sampleSteps = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        long seed = 0;
        BellmanEngine engine = BellmanEngine.start(new EngineConfig(seed, 1, Precision.FLOAT32, DeviceKind.CPU));
        Path runDir = Files.createTempDirectory("bellman-long-run");
        var data = DataSpec.parse("8gaussians").open();
        TrainConfig config = new TrainConfig("8gaussians", 28, List.of(2L), SdeSpec.defaults(SdeKind.VP),
                ControlNetConfig.defaults(2, Precision.FLOAT32, seed), Weighting.EPS, trainSteps, 512, 1e-3, 100, 0.0, 0.999,
                1000, seed);
        List<long[]> trainRss = new ArrayList<>();
        long tenth = Math.max(1, trainSteps / 10);
        long t0 = System.nanoTime();
        try (NDManager manager = engine.newManager();
                ScoreMatchingTrainer trainer = ScoreMatchingTrainer.start(config, data, manager)) {
            trainer.train(c -> CheckpointFile.write(runDir, c), new TrainListener() {
                @Override
                public void onStep(long step, double loss, double stepsPerSecond) {
                    if (step % tenth == 0) {
                        trainRss.add(new long[] {step, rssKb()});
                    }
                }
            });
        }
        double trainSeconds = (System.nanoTime() - t0) / 1e9;
        List<long[]> sampleRss = new ArrayList<>();
        int sampleTenth = Math.max(1, sampleSteps / 10);
        long t1 = System.nanoTime();
        boolean finite;
        try (TrainedModel model = TrainedModel.load(runDir); NDManager m = engine.newManager()) {
            ReverseSde reverse = new ReverseSde(model.sde(), 2);
            TimeGrid grid = TimeGrid.uniform(0, model.sde().horizon() - model.sde().epsilon(), sampleSteps);
            NDArray x0 = m.randomNormal(new Shape(samples, 2)).toType(DataType.FLOAT32, false);
            NDArray x = new EulerMaruyama(grid).integrate(reverse, reverse.policy(model.control()), x0, StepRandom.of(seed + 1),
                    List.of(e -> {
                        if ((e.index() + 1) % sampleTenth == 0) {
                            sampleRss.add(new long[] {e.index() + 1, rssKb()});
                        }
                    }));
            finite = !x.isInfinite().any().getBoolean() && !x.isNaN().any().getBoolean();
        }
        double sampleSeconds = (System.nanoTime() - t1) / 1e9;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("train_steps", trainSteps);
        r.put("train_batch", 512);
        r.put("train_seconds", trainSeconds);
        r.put("train_rss_growth_kb", growth(trainRss));
        r.put("train_rss_kb", trainRss);
        r.put("samples", samples);
        r.put("sample_steps", sampleSteps);
        r.put("sample_seconds", sampleSeconds);
        r.put("sample_rss_growth_kb", growth(sampleRss));
        r.put("sample_rss_kb", sampleRss);
        r.put("samples_finite", finite);
        r.put("threads", 1);
        System.out.println("RESULT " + Json.write(r).replace("\n", ""));
        System.exit(0);
    }

    /** RSS at the end minus RSS at the end of the first tenth (warm-up). */
    private static long growth(List<long[]> series) {
        return series.size() < 2 ? 0 : series.get(series.size() - 1)[1] - series.get(0)[1];
    }

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
