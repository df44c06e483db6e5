package dev.bellman.data;

import ai.djl.ndarray.NDManager;
import dev.bellman.control.engine.BellmanEngine;
import dev.bellman.control.engine.EngineConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Test helpers: the engine (one thread), and the shared folder with reference values and data sets. */
public final class TestSupport {
    private TestSupport() {}

    /** A new manager on the one-thread test engine; the caller closes it. */
    public static NDManager manager() {
        return BellmanEngine.start(EngineConfig.defaults().withThreads(1)).newManager();
    }

    /**
     * The shared folder: $BELLMAN_SHARED, else the nearest {@code shared} folder holding
     * reference/values.json found walking up from the working directory (it sits beside the
     * repository root). Fails, never skips, when it is missing: a test that needs it must not pass
     * silently.
     */
    public static Path shared() {
        String env = System.getenv("BELLMAN_SHARED");
        if (env != null && !env.isBlank()) {
            Path p = Paths.get(env);
            if (!Files.isRegularFile(p.resolve("reference/values.json"))) {
                throw new AssertionError("BELLMAN_SHARED=" + env + " has no reference/values.json");
            }
            return p;
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared");
            if (Files.isRegularFile(candidate.resolve("reference/values.json"))) {
                return candidate;
            }
        }
        throw new AssertionError("the shared folder (reference/values.json, datasets/) was not found: set BELLMAN_SHARED"
                + " or put it at ../shared beside the repository root (searched upwards from "
                + Paths.get("").toAbsolutePath() + ")");
    }

    /** Simpson's rule for ∫_a^b f on n (even) intervals. */
    public static double simpson(java.util.function.DoubleUnaryOperator f, double a, double b, int n) {
        double h = (b - a) / n;
        double s = f.applyAsDouble(a) + f.applyAsDouble(b);
        for (int i = 1; i < n; i++) {
            s += (i % 2 == 1 ? 4 : 2) * f.applyAsDouble(a + i * h);
        }
        return s * h / 3;
    }
}
