package dev.bellman.samplers.sde;

import ai.djl.ndarray.NDArray;
import dev.bellman.control.BadInputException;
import dev.bellman.diffusion.sde.ForwardSde;
import dev.bellman.diffusion.sde.VpSde;
import dev.bellman.samplers.ControlCalls;

/**
 * Langevin corrector (Song et al. 2021, Alg. 5 and their {@code LangevinCorrector}): at forward
 * time t = T − τ, M steps of
 *
 * <pre>  ε = 2α (r ‖z‖ / ‖s‖)²,   x ← x + ε s(t, x) + √(2ε) z,   s = u/g(t),</pre>
 *
 * with ‖·‖ the per-sample Euclidean norm averaged over the batch, r the signal-to-noise ratio
 * (default 0.16) and α = 1 − β_i = m(t)²/m(t')² for VP (1 for other SDEs, as in their code).
 */
public final class LangevinCorrector implements Corrector {
    private final double snr;
    private final int steps;

    public LangevinCorrector(double snr, int steps) {
        if (!(snr > 0) || steps < 0) {
            throw new BadInputException("the Langevin corrector needs snr > 0 and steps ≥ 0, got " + snr + ", " + steps);
        }
        this.snr = snr;
        this.steps = steps;
    }

    @Override
    public NDArray correct(ControlCalls calls, NDArray x, double tau, double tauNext) {
        ForwardSde sde = calls.sde();
        double t = sde.horizon() - tau;
        double alpha = 1.0;
        if (sde instanceof VpSde) {
            double r = LinearTransition.of(sde, tau, tauNext).ratio();
            alpha = r * r;
        }
        double g = sde.diffusion(t);
        for (int i = 0; i < steps; i++) {
            NDArray u = calls.control(t, x);
            NDArray z = x.getManager().randomNormal(0f, 1f, x.getShape(), x.getDataType());
            double gradNorm = meanNorm(u) / g;
            double noiseNorm = meanNorm(z);
            if (!(gradNorm > 0) || !Double.isFinite(gradNorm)) {
                continue; // a zero score: Langevin has nothing to correct towards
            }
            double ratio = snr * noiseNorm / gradNorm;
            double eps = 2 * alpha * ratio * ratio;
            x.addi(u.mul(eps / g)).addi(z.mul(Math.sqrt(2 * eps)));
        }
        return x;
    }

    /** Mean over the batch of the per-row Euclidean norm. */
    static double meanNorm(NDArray a) {
        return a.square().sum(new int[] {1}).sqrt().mean().toType(ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble();
    }
}
