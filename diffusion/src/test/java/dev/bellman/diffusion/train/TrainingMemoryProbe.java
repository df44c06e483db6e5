package dev.bellman.diffusion.train;

import ai.djl.ndarray.NDManager;
import dev.bellman.control.engine.BellmanEngine;
import dev.bellman.control.engine.DeviceKind;
import dev.bellman.control.engine.EngineConfig;
import dev.bellman.control.engine.Precision;
import dev.bellman.data.DataSpec;
import dev.bellman.diffusion.net.ControlNetConfig;
import dev.bellman.diffusion.sde.SdeKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Child-JVM main for {@link TrainingMemoryTest}: trains WARMUP + STEPS score-matching steps and prints
 * {@code RSS_WARM kB}, {@code RSS_AT step kB} every 100 steps, {@code RSS_END kB} and {@code LOSS first last}.
 */
public final class TrainingMemoryProbe {
    private TrainingMemoryProbe() {}

    public static void main(String[] args) throws Exception {
        int warm = Integer.parseInt(args[0]);
        int steps = Integer.parseInt(args[1]);
        int batch = Integer.parseInt(args[2]);
        BellmanEngine engine = BellmanEngine.start(new EngineConfig(0, 1, Precision.FLOAT32, DeviceKind.CPU));
        TrainConfig c = new TrainConfig("8gaussians", 28, List.of(2L), SdeSpec.defaults(SdeKind.VP),
                ControlNetConfig.defaults(2, Precision.FLOAT32, 0), Weighting.EPS, warm + steps, batch, 1e-3, 10, 0.0, 0.999,
                1_000_000, 0);
        try (NDManager m = engine.newManager();
                ScoreMatchingTrainer t = ScoreMatchingTrainer.start(c, DataSpec.parse("8gaussians").open(), m)) {
            for (int i = 0; i < warm; i++) {
                t.trainStep();
            }
            System.out.println("RSS_WARM " + rss());
            for (int i = 1; i <= steps; i++) {
                t.trainStep();
                if (i % 100 == 0) {
                    System.out.println("RSS_AT " + (warm + i) + " " + rss());
                }
            }
            System.out.println("RSS_END " + rss());
            float[] l = t.losses();
            System.out.println("LOSS " + l[0] + " " + t.finalLoss());
        }
    }

    static long rss() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
