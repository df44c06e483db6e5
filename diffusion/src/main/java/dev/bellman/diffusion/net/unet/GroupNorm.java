package dev.bellman.diffusion.net.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.engine.Scalars;

/**
 * Group normalisation (Wu &amp; He 2018) as an op sequence, since DJL 0.36 has no GroupNorm: for
 * x (B, C, H, W) split into G groups of C/G channels,
 * <pre>  y = γ_c (x − μ_{b,g}) / √(σ²_{b,g} + ε) + β_c,</pre>
 * μ and σ² (biased) taken over the C/G · H · W entries of each (sample, group). Each sample is
 * normalised on its own, so rows of a batch stay independent (the Hutchinson divergence relies on it).
 */
public final class GroupNorm {
    /** ε, PyTorch's default. */
    public static final double EPSILON = 1e-5;

    private GroupNorm() {}

    /**
     * @param x (B, C, H, W)
     * @param groups G, dividing C
     * @param gamma (C) scale
     * @param beta (C) shift
     * @return (B, C, H, W)
     */
    public static NDArray apply(NDArray x, int groups, NDArray gamma, NDArray beta) {
        Shape s = x.getShape();
        long c = s.get(1);
        if (c % groups != 0) {
            throw new IllegalArgumentException(c + " channels do not split into " + groups + " groups");
        }
        NDArray g = x.reshape(s.get(0), groups, -1);
        NDArray centred = g.sub(g.mean(new int[] {2}, true));
        NDArray var = centred.square().mean(new int[] {2}, true);
        // Scalars.pow, not pow(Number): autograd keeps the exponent for the backward pass (see Scalars).
        NDArray normalised = centred.mul(Scalars.pow(var.add(EPSILON), -0.5)).reshape(s);
        // Normalised array first: the result belongs to the step, not to the parameters' manager.
        return normalised.mul(gamma.reshape(1, c, 1, 1)).add(beta.reshape(1, c, 1, 1));
    }
}
