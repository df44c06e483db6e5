package dev.bellman.control.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.bellman.control.BadInputException;

/**
 * The one entry point that sets up DJL's PyTorch engine for a run: offline mode, intra-op threads,
 * seed, precision and device.
 *
 * <p>Offline mode is mandatory (DESIGN.md §3): without it DJL's engine start contacts a cloud
 * metadata address. {@link #offline()} sets {@code ai.djl.offline=true} and must run before any DJL
 * class that reads it is loaded; {@link #start(EngineConfig)} calls it first. The launcher, the test
 * runner and CI also set {@code DJL_OFFLINE=true} and {@code OPT_OUT_TRACKING=true}.
 *
 * <p>libtorch fixes its thread count once per process, so the first start wins; a later start that
 * asks for another count is refused rather than silently ignored.
 */
public final class BellmanEngine {
    /** The name of DJL's PyTorch engine. */
    public static final String ENGINE_NAME = "PyTorch";

    private static volatile BellmanEngine started;

    private final EngineConfig config;
    private final Engine engine;
    private final Device device;

    private BellmanEngine(EngineConfig config, Engine engine, Device device) {
        this.config = config;
        this.engine = engine;
        this.device = device;
    }

    /** Sets the system properties that keep DJL offline; idempotent, cheap, and safe to call early. */
    public static void offline() {
        System.setProperty("ai.djl.offline", "true");
        // DJL's usage tracking is also disabled through the environment (OPT_OUT_TRACKING) by the
        // launcher; the property form covers embedders that cannot set the environment.
        System.setProperty("OPT_OUT_TRACKING", "true");
    }

    /**
     * Starts (or returns the already started) engine with the given configuration.
     *
     * @throws BadInputException if a GPU is requested but the loaded libtorch has none, or if the
     *     engine was already started with a different thread count
     */
    public static synchronized BellmanEngine start(EngineConfig config) {
        offline();
        if (started != null) {
            if (started.config.threads() != config.threads()) {
                throw new BadInputException("the engine already runs with " + started.config.threads()
                        + " threads in this process; a thread count is fixed once per process");
            }
            started.engine.setRandomSeed(seedInt(config.seed()));
            BellmanEngine again = new BellmanEngine(config, started.engine, started.device(config));
            started = again;
            return again;
        }
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(config.threads()));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        Engine engine = Engine.getEngine(ENGINE_NAME);
        engine.setRandomSeed(seedInt(config.seed()));
        Device device = deviceFor(engine, config.device());
        started = new BellmanEngine(config, engine, device);
        return started;
    }

    /** The engine started in this process, starting it with defaults (seed 0, float32, CPU) if none. */
    public static BellmanEngine current() {
        BellmanEngine e = started;
        if (e != null) {
            return e;
        }
        return start(EngineConfig.defaults());
    }

    private Device device(EngineConfig c) {
        return deviceFor(engine, c.device());
    }

    private static Device deviceFor(Engine engine, DeviceKind kind) {
        if (kind == DeviceKind.GPU) {
            if (engine.getGpuCount() < 1) {
                throw new BadInputException("--device gpu: the loaded libtorch has no CUDA device;"
                        + " point PYTORCH_LIBRARY_PATH at a CUDA build of libtorch " + engine.getVersion());
            }
            return Device.gpu();
        }
        return Device.cpu();
    }

    private static int seedInt(long seed) {
        return (int) (seed ^ (seed >>> 32));
    }

    /** A new manager on this run's device; the caller closes it. */
    public NDManager newManager() {
        return NDManager.newBaseManager(device, ENGINE_NAME);
    }

    public EngineConfig config() {
        return config;
    }

    public Engine engine() {
        return engine;
    }

    public Device device() {
        return device;
    }

    public DataType dataType() {
        return config.precision().dataType();
    }

    /** The libtorch version the engine loaded, for example {@code 2.7.1}. */
    public String libtorchVersion() {
        return engine.getVersion();
    }

    /** DJL's version, for example {@code 0.36.0}. */
    public static String djlVersion() {
        return Engine.getDjlVersion();
    }
}
