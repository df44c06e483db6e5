package dev.bellman.diffusion.net;

import ai.djl.ndarray.NDArray;
import dev.bellman.control.field.DivergenceMode;
import dev.bellman.diffusion.sde.ForwardSde;
import java.util.List;

/**
 * A control network whose inner network predicts the noise: u_θ(t_f, x) = −g(t_f)/s(t_f) · ε_θ(t_f, x)
 * ({@link NetOutput#NOISE}). Shapes as every control network: t (B, 1) or (1, 1) in FORWARD time,
 * x (B, D), value (B, D), divergence (B, 1). The factor depends on t alone, so the divergence is the
 * inner divergence times the same factor. Parameters, spec and lifetime are the inner network's.
 */
public final class NoisePredictionNetwork implements ControlNetwork {
    private final ControlNetwork noise;
    private final Parameterisation parameterisation;

    /**
     * @param noise the network ε_θ (its zero-initialised last layer gives u_θ ≡ 0 at the start, as before)
     * @param sde the forward SDE whose g and s define the factor
     */
    public NoisePredictionNetwork(ControlNetwork noise, ForwardSde sde) {
        this.noise = noise;
        this.parameterisation = new Parameterisation(sde);
    }

    /** The inner noise-predicting network ε_θ. */
    public ControlNetwork noiseNetwork() {
        return noise;
    }

    @Override
    public int dim() {
        return noise.dim();
    }

    @Override
    public NDArray value(NDArray t, NDArray x) {
        return parameterisation.controlFromNoise(noise.value(t, x), t);
    }

    @Override
    public NDArray divergence(NDArray t, NDArray x, DivergenceMode mode) {
        return parameterisation.controlFromNoise(noise.divergence(t, x, mode), t);
    }

    @Override
    public boolean broadcastsTime() {
        return noise.broadcastsTime();
    }

    @Override
    public List<dev.bellman.control.nn.Parameter> parameters() {
        return noise.parameters();
    }

    @Override
    public NetSpec spec() {
        return noise.spec();
    }

    @Override
    public void close() {
        noise.close();
    }
}
