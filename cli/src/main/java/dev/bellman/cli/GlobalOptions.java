package dev.bellman.cli;

import dev.bellman.control.engine.DeviceKind;
import dev.bellman.control.engine.EngineConfig;
import dev.bellman.control.engine.Precision;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The global options of DESIGN.md §4, accepted before or after the subcommand: every command mixes
 * this in, and each setter stores into the root command's instance so that the value is the same
 * wherever on the line it was given.
 */
public final class GlobalOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    long seed = 0L;
    Integer threads;
    Precision dtype = Precision.FLOAT32;
    DeviceKind device = DeviceKind.CPU;
    boolean stacktrace;
    boolean json;
    Path out;

    private GlobalOptions root() {
        if (mixee == null) {
            return this;
        }
        Object user = mixee.root().userObject();
        if (user instanceof BellmanCommand b) {
            return b.global;
        }
        return this;
    }

    @Option(names = "--seed", paramLabel = "N", description = "Seed of every random stream of the run (default 0).")
    void setSeed(long v) {
        root().seed = v;
    }

    @Option(names = "--threads", paramLabel = "N", description = "Intra-op threads of the engine (default: the number of cores).")
    void setThreads(int v) {
        root().threads = v;
    }

    @Option(names = "--dtype", paramLabel = "float32|float64", description = "Tensor precision (default float32).",
            converter = Converters.PrecisionConverter.class)
    void setDtype(Precision v) {
        root().dtype = v;
    }

    @Option(names = "--device", paramLabel = "cpu|gpu", description = "Device (default cpu; gpu needs a CUDA libtorch via PYTORCH_LIBRARY_PATH).",
            converter = Converters.DeviceConverter.class)
    void setDevice(DeviceKind v) {
        root().device = v;
    }

    @Option(names = {"-x", "--stacktrace"}, description = "Print the full stack trace of an error.")
    void setStacktrace(boolean v) {
        root().stacktrace = v;
    }

    @Option(names = "--json", description = "Print exactly one JSON object on stdout (diagnostics go to stderr).")
    void setJson(boolean v) {
        root().json = v;
    }

    @Option(names = "--out", paramLabel = "DIR", description = "The run directory (default runs/<command>-<timestamp>/).")
    void setOut(Path v) {
        root().out = v;
    }

    /** The engine configuration these options describe. */
    public EngineConfig engineConfig() {
        GlobalOptions g = root();
        // default: the thread count the process was started with, else one per core (EngineConfig.defaults)
        int t = g.threads != null ? g.threads : EngineConfig.defaults().threads();
        return new EngineConfig(g.seed, t, g.dtype, g.device);
    }

    public GlobalOptions values() {
        return root();
    }
}
