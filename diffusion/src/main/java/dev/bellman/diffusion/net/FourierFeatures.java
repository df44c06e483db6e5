package dev.bellman.diffusion.net;

import dev.bellman.control.BadInputException;
import dev.bellman.control.random.StepRandom;
import java.util.SplittableRandom;

/**
 * Random Fourier features of the diffusion time (Tancik et al. 2020; the Gaussian time embedding of
 * Song et al. 2021's score networks): K = F/2 frequencies W_k ~ N(0, σ²) drawn once from a seed and
 * then fixed, and the F features [sin(2πW_k t), cos(2πW_k t)] (sines first, as in
 * ../shared/peers/torch_dsm_toy.py). The features do not train.
 *
 * @param frequencies W_k, k = 1..K
 */
public record FourierFeatures(double[] frequencies) {
    /** The label of the random stream the frequencies come from (independent of the weights'). */
    static final long STREAM = 0x46_4F_55_52L; // "FOUR"

    public FourierFeatures {
        if (frequencies == null || frequencies.length < 1) {
            throw new BadInputException("Fourier features need at least one frequency");
        }
        frequencies = frequencies.clone();
    }

    /** {@code count}/2 frequencies N(0, scale²) from {@code seed}; count must be even and ≥ 2. */
    public static FourierFeatures gaussian(int count, double scale, long seed) {
        if (count < 2 || count % 2 != 0) {
            throw new BadInputException("the number of Fourier features must be even and ≥ 2, got " + count);
        }
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new BadInputException("the Fourier frequency scale must be positive, got " + scale);
        }
        SplittableRandom rng = new SplittableRandom(StepRandom.of(seed).stream(STREAM).seed());
        double[] w = new double[count / 2];
        for (int i = 0; i < w.length; i++) {
            w[i] = scale * rng.nextGaussian();
        }
        return new FourierFeatures(w);
    }

    /** F = 2K, the number of features. */
    public int count() {
        return 2 * frequencies.length;
    }

    /** The features of one time, [sin(2πW t), cos(2πW t)] (F). */
    public double[] at(double t) {
        int k = frequencies.length;
        double[] out = new double[2 * k];
        for (int i = 0; i < k; i++) {
            double a = 2 * Math.PI * frequencies[i] * t;
            out[i] = Math.sin(a);
            out[k + i] = Math.cos(a);
        }
        return out;
    }

    @Override
    public double[] frequencies() {
        return frequencies.clone();
    }
}
