package dev.bellman.diffusion.net.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.bellman.control.engine.BellmanEngine;
import dev.bellman.control.engine.Scope;
import dev.bellman.control.optim.Adam;
import dev.bellman.control.optim.AdamConfig;
import dev.bellman.control.random.StepRandom;
import dev.bellman.diffusion.sde.VpSde;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A denoising-score-matching loop in control form on a tiny U-Net (DESIGN.md §1.4, ε-weighting):
 * x_t = m x₀ + s z, loss mean ‖(s/g) u_θ(t, x_t) + z‖², with x₀ a fixed random batch of 8 × 8
 * "images", Adam, one scope per step. {@link #main} prints RSS_BEFORE, RSS_AFTER (kB) and LOSS first
 * last for {@link UNetMemoryTest}.
 */
final class UNetTrainingProbe implements AutoCloseable {
    final BellmanEngine engine = UNetTestSupport.engine();
    final NDManager manager = engine.newManager();
    final UNet net = new UNet(UNetTestSupport.tiny(41), manager);
    final Adam adam = new Adam(net.parameters(), AdamConfig.of(2e-3));
    final VpSde sde = VpSde.defaults();
    final NDArray data;
    final int batch;
    final StepRandom random = StepRandom.of(42);

    UNetTrainingProbe(int batch) {
        this.batch = batch;
        this.data = UNetTestSupport.gaussian(manager, 43, 0.5, batch, 64);
        ai.djl.ndarray.NDScope.unregister(data);
    }

    double step(long k, boolean readLoss) {
        try (Scope scope = Scope.open()) {
            random.forStep(k).seedEngine();
            NDArray t = manager.randomUniform(1e-3f, 1f, new Shape(batch, 1), data.getDataType());
            NDArray z = manager.randomNormal(0f, 1f, new Shape(batch, 64), data.getDataType());
            NDArray s = sde.std(t);
            NDArray xt = sde.meanScale(t).mul(data).add(s.mul(z));
            double loss = Double.NaN;
            try (GradientCollector gc = engine.engine().newGradientCollector()) {
                NDArray l = net.value(t, xt).mul(s.div(sde.diffusion(t))).add(z).square().mean();
                gc.backward(l);
                if (readLoss) {
                    loss = l.getDouble();
                }
            }
            adam.step();
            return loss;
        }
    }

    static long rssKb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS");
    }

    @Override
    public void close() {
        adam.close();
        net.close();
        manager.close();
    }

    /** args: batch steps warm-up. */
    public static void main(String[] args) throws Exception {
        int batch = Integer.parseInt(args[0]);
        int steps = Integer.parseInt(args[1]);
        int warm = Integer.parseInt(args[2]);
        try (UNetTrainingProbe p = new UNetTrainingProbe(batch)) {
            double first = p.step(0, true);
            for (int k = 1; k < warm; k++) {
                p.step(k, false);
            }
            System.gc();
            long before = rssKb();
            for (int k = warm; k < warm + steps; k++) {
                p.step(k, false);
            }
            System.gc();
            long after = rssKb();
            double last = p.step(warm + steps, true);
            System.out.println("RSS_BEFORE " + before);
            System.out.println("RSS_AFTER " + after);
            System.out.println("LOSS " + first + " " + last);
        }
    }
}
