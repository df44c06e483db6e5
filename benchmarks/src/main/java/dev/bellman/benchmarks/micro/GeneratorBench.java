package dev.bellman.benchmarks.micro;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.engine.BellmanEngine;
import dev.bellman.control.engine.Precision;
import dev.bellman.control.engine.Scope;
import dev.bellman.control.field.Probes;
import dev.bellman.control.field.TraceMode;
import dev.bellman.control.generator.Generator;
import dev.bellman.control.nn.Mlp;
import dev.bellman.control.nn.MlpConfig;
import dev.bellman.control.nn.MlpScalarField;
import dev.bellman.control.problems.LqrProblem;
import dev.bellman.control.reference.LqrParameters;
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
 * The exact generator L^aV = ∇V·f + ½Tr(ΣΣᵀ∇²V) of a tanh MLP value network (d-64-64-1, float64,
 * batch 256) on the decoupled LQR of dimension d: full Hessian versus the exact column trace versus
 * Hutchinson with 8 fixed probes, as d grows. Full Hessian cost grows like d², Hutchinson stays flat.
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1"})
public class GeneratorBench {
    @Param({"1", "10", "30", "100"})
    public int dim;

    @Param({"EXACT_HESSIAN", "EXACT_COLUMNS", "HUTCHINSON"})
    public String mode;

    private NDManager manager;
    private MlpScalarField value;
    private LqrProblem problem;
    private NDArray t;
    private NDArray x;
    private NDArray a;
    private TraceMode traceMode;

    @Setup(Level.Trial)
    public void setUp() {
        BellmanEngine engine = BellmanEngine.current();
        manager = engine.newManager();
        Mlp mlp = new Mlp(MlpConfig.of(dim, List.of(64, 64), 1, Precision.FLOAT64, 1), manager);
        value = new MlpScalarField(mlp, dim, false);
        problem = new LqrProblem(LqrParameters.decoupled(dim));
        t = manager.zeros(new Shape(256, 1), DataType.FLOAT64);
        x = manager.randomNormal(new Shape(256, dim), DataType.FLOAT64);
        a = manager.randomNormal(new Shape(256, dim), DataType.FLOAT64);
        traceMode = switch (mode) {
            case "EXACT_HESSIAN" -> TraceMode.EXACT_HESSIAN;
            case "EXACT_COLUMNS" -> TraceMode.EXACT_COLUMNS;
            default -> TraceMode.hutchinson(Probes.rademacher(8, dim, 7));
        };
    }

    @Benchmark
    public double generator() {
        try (Scope s = Scope.open()) {
            return Generator.apply(value, problem, t, x, a, traceMode).sum().getDouble();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        manager.close();
    }
}
