package dev.bellman.diffusion.sde;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import dev.bellman.control.engine.Scalars;

/**
 * e^x − 1 on NDArrays, accurate near 0 where {@code exp(x) − 1} cancels (DJL has no expm1): the
 * Taylor polynomial to x⁸/8! for |x| < 0.05 (truncation below 1e-16 relative, float64-exact), exp − 1
 * elsewhere.
 * Variances such as 1 − m(t)² near t = 0 depend on it.
 */
final class Expm1 {
    private static final double SMALL = 0.05;

    private Expm1() {}

    static NDArray of(NDArray x) {
        // Horner form of x + x²/2! + … + x⁸/8!
        NDArray series = Scalars.mul(x, 1.0 / 40320).add(1.0 / 5040).mul(x).add(1.0 / 720).mul(x).add(1.0 / 120).mul(x)
                .add(1.0 / 24).mul(x).add(1.0 / 6).mul(x).add(0.5).mul(x).add(1.0).mul(x);
        NDArray direct = x.exp().sub(1.0);
        return NDArrays.where(x.abs().lt(SMALL), series, direct);
    }
}
