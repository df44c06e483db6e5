package dev.bellman.benchmarks.micro;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.bellman.control.engine.BellmanEngine;
import dev.bellman.control.engine.GradMode;
import dev.bellman.control.engine.Precision;
import dev.bellman.control.engine.Scope;
import dev.bellman.control.nn.Activation;
import dev.bellman.control.nn.Mlp;
import dev.bellman.control.nn.MlpConfig;
import dev.bellman.control.nn.Parameter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * MLP forward (no autograd) and forward + backward of the peer's control-net shape (18-128-128-128-2,
 * SiLU, float32) at the training batch (512) and the sampling batch (10,000).
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1"})
public class MlpBench {
    @Param({"512", "10000"})
    public int batch;

    private NDManager manager;
    private Mlp mlp;
    private NDArray input;

    @Setup(Level.Trial)
    public void setUp() {
        manager = BellmanEngine.current().newManager();
        mlp = new Mlp(MlpConfig.of(18, List.of(128, 128, 128), 2, Precision.FLOAT32, 1).withActivation(Activation.SILU),
                manager);
        input = manager.randomNormal(new Shape(batch, 18), DataType.FLOAT32);
    }

    @Benchmark
    public float forward() {
        try (Scope s = Scope.open(); GradMode off = GradMode.disabled()) {
            return mlp.forward(input).getFloat(0, 0);
        }
    }

    @Benchmark
    public float forwardBackward() {
        try (Scope s = Scope.open(); GradientCollector gc = BellmanEngine.current().engine().newGradientCollector()) {
            NDArray loss = mlp.forward(input).square().mean();
            gc.backward(loss);
            float v = loss.getFloat();
            for (Parameter p : mlp.parameters()) {
                p.array().getGradient().subi(p.array().getGradient());
            }
            return v;
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        manager.close();
    }
}
