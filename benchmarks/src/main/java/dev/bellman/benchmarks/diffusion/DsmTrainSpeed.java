package dev.bellman.benchmarks.diffusion;

import ai.djl.ndarray.NDManager;
import dev.bellman.control.engine.BellmanEngine;
import dev.bellman.control.engine.DeviceKind;
import dev.bellman.control.engine.EngineConfig;
import dev.bellman.control.engine.Precision;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.bellman.control.run.Json;
import dev.bellman.data.DataSource;
import dev.bellman.data.DataSpec;
import dev.bellman.diffusion.net.ControlNetConfig;
import dev.bellman.diffusion.sde.SdeKind;
import dev.bellman.diffusion.train.IntraOpThreads;
import dev.bellman.diffusion.train.ScoreMatchingTrainer;
import dev.bellman.diffusion.train.SdeSpec;
import dev.bellman.diffusion.train.TrainConfig;
import dev.bellman.diffusion.train.Weighting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Training speed and resident memory of denoising score matching on the workload of
 * ../shared/peers/torch_dsm_toy.py: 8gaussians, VP (β 0.1..20), u = MLP([x, 16 Fourier features])
 * 3 × 128 SiLU, batch 512, Adam 1e-3, float32 (plus our EMA of the weights, which the peer lacks).
 *
 * <p>Usage: {@code DsmTrainSpeed THREADS [STEPS (2000)] [WARMUP (50)] [all|djl]}; run by
 * {@code dev.bellman.benchmarks.ChildJvm} once per thread count. Prints one line
 * {@code RESULT {json}} with steps/s (wall), the final loss and RSS after warm-up and at the end, and
 * whether the steps ran on the host kernels ({@code host_kernels}; {@code djl} switches them off, so
 * that every step is libtorch's forward, backward and fused Adam).
 */
public final class DsmTrainSpeed {
    private DsmTrainSpeed() {}

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        long steps = args.length > 1 ? Long.parseLong(args[1]) : 2000;
        long warm = args.length > 2 ? Long.parseLong(args[2]) : 50;
        // "all" measures with every intra-op thread instead of the trainer's own limit (one for MLPs).
        boolean allThreads = args.length > 3 && args[3].equals("all");
        if (args.length > 3 && args[3].equals("djl")) {
            System.setProperty(dev.bellman.control.nn.host.HostKernels.PROPERTY, "false");
        }
        BellmanEngine engine = BellmanEngine.start(new EngineConfig(0, threads, Precision.FLOAT32, DeviceKind.CPU));
        DataSource data = DataSpec.parse("8gaussians").open();
        TrainConfig config = new TrainConfig("8gaussians", 28, List.of(2L), SdeSpec.defaults(SdeKind.VP),
                ControlNetConfig.defaults(2, Precision.FLOAT32, 0), Weighting.EPS, warm + steps, 512, 1e-3, 0, 0.0, 0.999,
                Long.MAX_VALUE, 0);
        try (NDManager manager = engine.newManager();
                ScoreMatchingTrainer trainer = ScoreMatchingTrainer.start(config, data, manager);
                IntraOpThreads limit = threads > 1 && !allThreads ? trainer.limitThreads() : null) {
            for (long i = 0; i < warm; i++) {
                trainer.trainStep();
            }
            long rssWarm = rssKb();
            long t0 = System.nanoTime();
            double loss = Double.NaN;
            java.util.List<Long> trace = new java.util.ArrayList<>();
            long every = Math.max(1, steps / 10);
            for (long i = 0; i < steps; i++) {
                loss = trainer.trainStep();
                if ((i + 1) % every == 0) {
                    trace.add(rssKb());
                }
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            long rssEnd = rssKb();
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("workload", "dsm-8gaussians-vp-mlp3x128-b512");
            r.put("threads", threads);
            r.put("training_threads", ai.djl.pytorch.jni.JniUtils.getNumThreads());
            r.put("steps", steps);
            r.put("steps_per_s", steps / wall);
            r.put("wall_s", wall);
            r.put("final_loss", loss);
            r.put("mean_loss_last_100", trainer.finalLoss());
            r.put("rss_kb_after_warmup", rssWarm);
            r.put("rss_kb_end", rssEnd);
            r.put("rss_kb_trace", trace);
            r.put("host_kernels", trainer.onHostKernels());
            System.out.println("RESULT " + Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(r));
        }
    }

    /** VmRSS of this process in kB (-1 where /proc is missing). */
    static long rssKb() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return -1;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
