package dev.bellman.samplers.sde;

import ai.djl.ndarray.NDArray;
import dev.bellman.control.BadInputException;
import dev.bellman.diffusion.sde.ForwardSde;
import dev.bellman.diffusion.sde.VpSde;
import dev.bellman.samplers.ControlCalls;

/**
 * Ancestral sampling for the VP SDE (Ho et al. 2020, Alg. 2; Song et al. 2021, App. F): with
 * 1 − β_i = r² and β_i = v (the exact transition {@link LinearTransition} over the step),
 *
 * <pre>  x_{t'} = (x_t + β_i s(t, x_t)) / √(1 − β_i) + √β_i z,   s = u/g(t),</pre>
 *
 * DDPM's σ_t² = β_t choice of the step's noise variance. Refuses other SDEs (use reverse-diffusion).
 */
public final class AncestralPredictor implements Predictor {

    @Override
    public void check(ForwardSde sde) {
        if (!(sde instanceof VpSde)) {
            throw new BadInputException("ancestral sampling is defined for the VP SDE; use --sampler reverse-diffusion or pc");
        }
    }

    @Override
    public NDArray step(ControlCalls calls, NDArray x, double tau, double tauNext, boolean noise) {
        double t = calls.sde().horizon() - tau;
        LinearTransition tr = LinearTransition.of(calls.sde(), tau, tauNext);
        NDArray u = calls.control(t, x);
        x.addi(u.mul(tr.variance() / calls.sde().diffusion(t))).muli(1 / tr.ratio());
        if (noise) {
            x.addi(x.getManager().randomNormal(0f, (float) Math.sqrt(tr.variance()), x.getShape(), x.getDataType()));
        }
        return x;
    }
}
