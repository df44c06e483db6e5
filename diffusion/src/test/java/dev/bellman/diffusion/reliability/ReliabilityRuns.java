package dev.bellman.diffusion.reliability;

import dev.bellman.control.engine.BellmanEngine;
import dev.bellman.control.engine.DeviceKind;
import dev.bellman.control.engine.EngineConfig;
import dev.bellman.control.engine.Precision;
import dev.bellman.data.DataSource;
import dev.bellman.data.DataSpec;
import dev.bellman.diffusion.net.ControlNetConfig;
import dev.bellman.diffusion.sde.SdeKind;
import dev.bellman.diffusion.train.SdeSpec;
import dev.bellman.diffusion.train.TrainConfig;
import dev.bellman.diffusion.train.Weighting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The small training run the reliability tests crash, starve and corrupt: 8gaussians, VP, an MLP
 * 2 → 32 → 32 → 2 on [x, Fourier(t)], float32, one intra-op thread, and the child-JVM command line
 * that runs a main of this package with the test class path, offline.
 */
final class ReliabilityRuns {
    static final long SEED = 7;

    private ReliabilityRuns() {}

    /** One intra-op thread: libtorch's float32 reductions are then deterministic run to run. */
    static BellmanEngine engine() {
        return BellmanEngine.start(new EngineConfig(SEED, 1, Precision.FLOAT32, DeviceKind.CPU));
    }

    static DataSource data() {
        return DataSpec.parse("8gaussians").open();
    }

    static TrainConfig config(long steps, int batch, double lr, long checkpointEvery) {
        return new TrainConfig("8gaussians", 28, List.of(2L), SdeSpec.defaults(SdeKind.VP),
                ControlNetConfig.defaults(2, Precision.FLOAT32, SEED).withHidden(List.of(32, 32)), Weighting.EPS, steps, batch, lr,
                10, 0.0, 0.99, checkpointEvery, SEED);
    }

    /** {@code java -cp <test class path> main args…} with the engine offline and one intra-op thread. */
    static ProcessBuilder childJvm(Class<?> main, List<String> jvmOptions, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Dai.djl.offline=true");
        cmd.add("-Djava.awt.headless=true");
        cmd.add("-Dai.djl.pytorch.num_threads=1");
        cmd.add("-Dai.djl.pytorch.num_interop_threads=1");
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("DJL_OFFLINE", "true");
        pb.environment().put("OPT_OUT_TRACKING", "true");
        return pb;
    }

    /** Files in {@code dir} whose name marks an unfinished atomic write ({@code .NAME.….tmp}). */
    static List<String> temporaryFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).sorted().toList();
        }
    }

    /** {@link #temporaryFiles} with I/O errors as assertion failures (for lambdas). */
    static List<String> temporaryFilesQuietly(Path dir) {
        try {
            return temporaryFiles(dir);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
