package dev.bellman.control.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.bellman.control.TestSupport;
import dev.bellman.control.engine.BellmanEngine;
import dev.bellman.control.engine.Precision;
import dev.bellman.control.engine.Scope;
import dev.bellman.control.field.Derivatives;
import dev.bellman.control.field.Jet;
import dev.bellman.control.optim.Adam;
import dev.bellman.control.optim.AdamConfig;
import dev.bellman.control.random.StepRandom;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A stationary-HJB-like training loop: V_θ(x) tanh MLP, loss mean(ρV − (∇V·(−x) + ½σ²ΔV) + ½|x|²)²
 * trained through value, gradient and Hessian (forward mode), Adam. Used by the memory test and,
 * through {@link #main}, as the speed probe of DESIGN.md §3 (d = 1, 1-64-64-1, float64, batch 512).
 */
public final class HjbTrainingProbe implements AutoCloseable {
    final int dim;
    final int batch;
    final NDManager manager;
    final MlpScalarField field;
    final Adam adam;
    final StepRandom random = StepRandom.of(1);
    final BellmanEngine engine;

    public HjbTrainingProbe(int dim, List<Integer> hidden, int batch) {
        this.engine = TestSupport.engine();
        this.dim = dim;
        this.batch = batch;
        this.manager = engine.newManager();
        this.field = new MlpScalarField(new Mlp(MlpConfig.of(dim, hidden, 1, Precision.FLOAT64, 0), manager), dim, false);
        this.adam = new Adam(field.parameters(), AdamConfig.of(1e-3));
    }

    /** One step: sample states, forward value+gradient+Hessian, residual loss, backward, Adam. */
    public double step(long k, boolean readLoss) {
        double loss = Double.NaN;
        try (Scope scope = Scope.open()) {
            random.forStep(k).seedEngine();
            NDArray x = manager.randomNormal(0, 1, new Shape(batch, dim), ai.djl.ndarray.types.DataType.FLOAT64);
            try (GradientCollector gc = engine.engine().newGradientCollector()) {
                Jet jet = field.jet(null, x, Derivatives.valueGradientHessian());
                NDArray laplacian = jet.hessian().sum(new int[] {1, 2}).reshape(batch, 1);
                NDArray generator = jet.gradient().mul(x).sum(new int[] {1}, true).neg().add(laplacian.mul(0.5 * 0.09));
                NDArray reward = x.square().sum(new int[] {1}, true).mul(-0.5);
                NDArray residual = jet.value().mul(0.1).sub(generator).sub(reward);
                NDArray l = residual.square().mean();
                gc.backward(l);
                if (readLoss) {
                    loss = l.getDouble();
                }
            }
            adam.step();
        }
        return loss;
    }

    /** Resident set size in kB from /proc/self/status. */
    public static long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("no VmRSS");
    }

    private static void memory(int dim, int batch, int steps, int width) {
        try (HjbTrainingProbe probe = new HjbTrainingProbe(dim, List.of(width, width), batch)) {
            int warm = 500;
            for (int k = 0; k < warm; k++) {
                probe.step(k, false);
            }
            System.gc();
            long before = rssKb();
            double first = probe.step(warm, true);
            for (int k = warm + 1; k < warm + steps; k++) {
                probe.step(k, false);
            }
            System.gc();
            long after = rssKb();
            double last = probe.step(warm + steps, true);
            System.out.println("RSS_BEFORE " + before);
            System.out.println("RSS_AFTER " + after);
            System.out.println("LOSS " + first + " " + last);
        }
    }

    @Override
    public void close() {
        adam.close();
        field.mlp().close();
        manager.close();
    }

    /**
     * Speed probe: args [dim=1] [batch=512] [steps=3000] [width=64]; or {@code memory dim batch steps
     * width} for {@link TrainingMemoryTest}, which prints RSS_BEFORE, RSS_AFTER (kB) and LOSS first last.
     */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("memory")) {
            memory(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            return;
        }
        int dim = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 512;
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 3000;
        int width = args.length > 3 ? Integer.parseInt(args[3]) : 64;
        try (HjbTrainingProbe p = new HjbTrainingProbe(dim, List.of(width, width), batch)) {
            for (int k = 0; k < 300; k++) {
                p.step(k, false);
            }
            long rss0 = rssKb();
            List<Double> rates = new ArrayList<>();
            long k = 300;
            for (int rep = 0; rep < 3; rep++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < steps / 3; i++) {
                    p.step(k++, false);
                }
                rates.add((steps / 3) / ((System.nanoTime() - t0) / 1e9));
            }
            System.out.printf("d=%d batch=%d width=%d threads=%s steps/s per rep=%s loss=%.4g rss growth=%d kB over %d steps%n",
                    dim, batch, width, System.getProperty("ai.djl.pytorch.num_threads"), rates, p.step(k, true),
                    rssKb() - rss0, steps);
        }
    }
}
