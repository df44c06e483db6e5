package dev.bellman.diffusion.exact;

import ai.djl.ndarray.types.Shape;
import dev.bellman.data.mixture.GaussianMixture;
import dev.bellman.diffusion.ControlModel;
import dev.bellman.diffusion.sde.ForwardSde;

/**
 * The oracle generative model for Gaussian-mixture data: the forward SDE with the exact optimal
 * control u* = g ∇log p_{t_f} ({@link ExactControl}). Samplers driven by it reproduce p_data up to
 * discretisation and prior error; its verification gap is zero. Immutable and thread-safe.
 */
public final class ExactModel implements ControlModel {
    private final ForwardSde sde;
    private final GaussianMixture data;
    private final MixtureLogDensity logDensity;
    private final ExactControl control;

    /**
     * @param sde the forward SDE
     * @param data the data mixture p_0
     */
    public ExactModel(ForwardSde sde, GaussianMixture data) {
        if (sde == null || data == null) {
            throw new IllegalArgumentException("an exact model needs a forward SDE and a data mixture");
        }
        this.sde = sde;
        this.data = data;
        this.logDensity = new MixtureLogDensity(data, sde);
        this.control = new ExactControl(logDensity);
    }

    @Override
    public ForwardSde sde() {
        return sde;
    }

    /** The data mixture p_0. */
    public GaussianMixture data() {
        return data;
    }

    /** log p_{t_f} of this model's marginals (forward time). */
    public MixtureLogDensity logDensity() {
        return logDensity;
    }

    /** u*(t_f, x) = g(t_f) ∇log p_{t_f}(x). */
    @Override
    public ExactControl control() {
        return control;
    }

    @Override
    public Shape sampleShape() {
        return new Shape(data.dimension());
    }
}
