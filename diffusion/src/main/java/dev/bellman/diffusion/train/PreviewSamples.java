package dev.bellman.diffusion.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.engine.BellmanEngine;
import dev.bellman.diffusion.net.ControlNetwork;
import dev.bellman.control.engine.GradMode;
import dev.bellman.control.random.StepRandom;
import dev.bellman.control.sde.EulerMaruyama;
import dev.bellman.control.sde.TimeGrid;
import dev.bellman.data.HostArrays;
import dev.bellman.diffusion.ControlModel;
import dev.bellman.diffusion.reverse.ReverseSde;

/**
 * Samples of a trained model for the run directory's scatter plot: the reverse-time controlled SDE
 * (generative time τ from 0 to T − ε, {@link ReverseSde#policy} of the control) integrated by the
 * core Euler–Maruyama from the prior. A quick look, not the samplers module's tuned samplers.
 */
public final class PreviewSamples {
    private static final long STREAM = 0x5052_4556L; // "PREV"

    private PreviewSamples() {}

    /**
     * {@code n} samples (row-major (n, D), double precision) in {@code steps} uniform steps.
     *
     * @param seed the run's seed (prior and noise come from its own stream of it)
     */
    public static double[] draw(ControlModel model, int n, int steps, long seed, NDManager manager) {
        ReverseSde reverse = new ReverseSde(model.sde(), model.dim());
        TimeGrid grid = TimeGrid.uniform(0.0, model.sde().horizon() - model.sde().epsilon(), steps);
        StepRandom random = StepRandom.of(seed).stream(STREAM);
        DataType type = model.control() instanceof ControlNetwork c ? c.parameters().get(0).array().getDataType()
                : BellmanEngine.current().dataType();
        try (NDManager m = manager.newSubManager(); GradMode off = GradMode.disabled()) {
            random.forStep(-1).seedEngine();
            NDArray x0 = model.sde().samplePrior(m, new Shape(n, model.dim()), type);
            NDArray x = new EulerMaruyama(grid).integrate(reverse, reverse.policy(model.control()), x0, random);
            return HostArrays.toDoubles(x);
        }
    }
}
