package dev.bellman.samplers.sde;

import ai.djl.ndarray.NDArray;
import dev.bellman.samplers.ControlCalls;

/**
 * The reverse-diffusion predictor (Song et al. 2021, Alg. 2 / App. E): with the forward step written
 * x_t = x_{t'} + f_i + G_i z where f_i = (r − 1)x and G_i² = v (the exact transition
 * {@link LinearTransition}), the reverse step is
 *
 * <pre>  x_{t'} = x_t − f_i + G_i² s(t, x_t) + G_i z = (2 − r) x + v u/g + √v z,</pre>
 *
 * with the score s = u/g(t) recovered from the control (u = Σᵀs, Σ = g).
 */
public final class ReverseDiffusionPredictor implements Predictor {

    @Override
    public NDArray step(ControlCalls calls, NDArray x, double tau, double tauNext, boolean noise) {
        double t = calls.sde().horizon() - tau;
        LinearTransition tr = LinearTransition.of(calls.sde(), tau, tauNext);
        NDArray u = calls.control(t, x);
        NDArray shift = u.mul(tr.variance() / calls.sde().diffusion(t));
        x.muli(2 - tr.ratio()).addi(shift);
        if (noise) {
            x.addi(x.getManager().randomNormal(0f, (float) Math.sqrt(tr.variance()), x.getShape(), x.getDataType()));
        }
        return x;
    }
}
