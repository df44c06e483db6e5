package dev.bellman.diffusion.net;

import ai.djl.ndarray.NDArray;
import dev.bellman.control.field.DivergenceMode;
import dev.bellman.control.field.HostVectorField;
import dev.bellman.control.field.ScaledHostField;
import dev.bellman.control.field.VectorField;
import dev.bellman.control.nn.Parameter;
import dev.bellman.diffusion.sde.ForwardSde;
import java.util.List;
import java.util.Optional;

/**
 * A control network whose inner network predicts the noise: u_θ(t_f, x) = −g(t_f)/s(t_f) · ε_θ(t_f, x)
 * ({@link NetOutput#NOISE}). Shapes as every control network: t (B, 1) or (1, 1) in FORWARD time,
 * x (B, D), value (B, D), divergence (B, 1). The factor depends on t alone, so the divergence is the
 * inner divergence times the same factor, and the frozen and host forms are the inner network's
 * scaled. Parameters, spec and lifetime are the inner network's.
 */
public final class NoisePredictionNetwork implements ControlNetwork {
    private final ControlNetwork noise;
    private final Scaled scaled;

    /**
     * @param noise the network ε_θ (its zero-initialised last layer gives u_θ ≡ 0 at the start, as before)
     * @param sde the forward SDE whose g and s define the factor
     */
    public NoisePredictionNetwork(ControlNetwork noise, ForwardSde sde) {
        this.noise = noise;
        this.scaled = new Scaled(noise, new Parameterisation(sde));
    }

    /** The inner noise-predicting network ε_θ. */
    public ControlNetwork noiseNetwork() {
        return noise;
    }

    /** The factor −g(t)/s(t) that maps ε_θ to u_θ at forward time t. */
    public double controlPerNoise(double t) {
        return -scaled.parameterisation.noiseToControl(t);
    }

    @Override
    public int dim() {
        return noise.dim();
    }

    @Override
    public NDArray value(NDArray t, NDArray x) {
        return scaled.value(t, x);
    }

    @Override
    public NDArray divergence(NDArray t, NDArray x, DivergenceMode mode) {
        return scaled.divergence(t, x, mode);
    }

    @Override
    public boolean broadcastsTime() {
        return noise.broadcastsTime();
    }

    /** The inner network's frozen form (host kernels for a float32 MLP), scaled. */
    @Override
    public VectorField frozen() {
        VectorField f = noise.frozen();
        return f == noise ? this : new Scaled(f, scaled.parameterisation);
    }

    @Override
    public Optional<HostVectorField> onHost() {
        return scaled.onHost();
    }

    @Override
    public List<Parameter> parameters() {
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

    /** −g/s times a noise field (the network or its frozen form). */
    private record Scaled(VectorField noise, Parameterisation parameterisation) implements VectorField {
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
        public Optional<HostVectorField> onHost() {
            return noise.onHost().map(h -> new ScaledHostField(h, t -> -parameterisation.noiseToControl(t)));
        }
    }
}
