package dev.bellman.diffusion.net;

import ai.djl.ndarray.NDManager;
import dev.bellman.control.BadInputException;
import dev.bellman.control.engine.Precision;
import dev.bellman.control.nn.Activation;
import dev.bellman.control.nn.Init;
import java.util.List;

/**
 * The vector control network u_θ(t_f, x) = MLP([x, Fourier features of t_f]) ({@link ControlNet}).
 *
 * @param dim D, the state dimension (inputs D + F, outputs D)
 * @param hidden hidden widths (default 3 × 128)
 * @param fourierFeatures F, even (default 16: 8 frequencies)
 * @param fourierScale σ of the frequencies W ~ N(0, σ²) (default 16)
 * @param activation hidden activation (default SiLU)
 * @param init weight initialisation of the hidden layers; the output layer starts at zero, so the
 *     untrained control is u = 0 (the uncontrolled reverse SDE)
 * @param precision float32 (default) or float64
 * @param seed seed of the initial weights and of the frequencies
 * @param output what the last layer produces (null, as in checkpoints written before this choice
 *     existed, means {@link NetOutput#CONTROL})
 */
public record ControlNetConfig(int dim, List<Integer> hidden, int fourierFeatures, double fourierScale,
        Activation activation, Init init, Precision precision, long seed, NetOutput output) implements NetSpec {
    public ControlNetConfig {
        if (dim < 1) {
            throw new BadInputException("a control network needs a state dimension ≥ 1, got " + dim);
        }
        if (hidden == null || hidden.isEmpty() || hidden.stream().anyMatch(w -> w == null || w < 1)) {
            throw new BadInputException("a control network needs at least one hidden layer of width ≥ 1, got " + hidden);
        }
        if (fourierFeatures < 2 || fourierFeatures % 2 != 0) {
            throw new BadInputException("the number of Fourier features must be even and ≥ 2, got " + fourierFeatures);
        }
        if (!(fourierScale > 0) || !Double.isFinite(fourierScale)) {
            throw new BadInputException("the Fourier frequency scale must be positive, got " + fourierScale);
        }
        if (activation == null || init == null || precision == null) {
            throw new BadInputException("activation, init and precision must be given");
        }
        hidden = List.copyOf(hidden);
        if (output == null) {
            output = NetOutput.CONTROL;
        }
    }

    /** An MLP whose last layer is the control ({@link NetOutput#CONTROL}). */
    public ControlNetConfig(int dim, List<Integer> hidden, int fourierFeatures, double fourierScale, Activation activation,
            Init init, Precision precision, long seed) {
        this(dim, hidden, fourierFeatures, fourierScale, activation, init, precision, seed, NetOutput.CONTROL);
    }

    /** 3 × 128 SiLU, 16 Fourier features of scale 16, Xavier init: the workload of the PyTorch peer. */
    public static ControlNetConfig defaults(int dim, Precision precision, long seed) {
        return new ControlNetConfig(dim, List.of(128, 128, 128), 16, 16.0, Activation.SILU, Init.XAVIER, precision, seed);
    }

    public ControlNetConfig withHidden(List<Integer> widths) {
        return new ControlNetConfig(dim, widths, fourierFeatures, fourierScale, activation, init, precision, seed, output);
    }

    public ControlNetConfig withOutput(NetOutput o) {
        return new ControlNetConfig(dim, hidden, fourierFeatures, fourierScale, activation, init, precision, seed, o);
    }

    @Override
    public ControlNet build(NDManager manager) {
        return new ControlNet(this, manager);
    }
}
