package dev.bellman.samplers.likelihood;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.engine.BellmanEngine;
import dev.bellman.control.engine.Scope;
import dev.bellman.data.mixture.GaussianMixture;
import dev.bellman.data.toy.ToyDistribution;
import dev.bellman.diffusion.exact.ExactModel;
import dev.bellman.diffusion.sde.VpSde;
import dev.bellman.samplers.ode.ErrorNorm;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 7's oracle likelihood target on the toy mixtures: the probability-flow log-likelihood with the
 * exact control u* (float64, exact divergence) of points drawn from p_ε is within 1e-3 nats of the
 * closed-form log p_ε at every point, at the default configuration (rtol = atol = 1e-5, every point's
 * error controlled: {@link ErrorNorm#WORST_ROW}). The solve is closed at T by the exact mixture p_T,
 * so the error is the ODE solver's alone. With the sampler's batch-RMS norm at the same tolerance one
 * point of 1,000 on 25gaussians was off by 2.3e-2 (BENCHMARKS.md); that norm is checked here on the
 * mean only, which is all it promises.
 */
class MixtureLikelihoodTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"8gaussians", "25gaussians"})
    void flowLikelihoodMatchesTheClosedFormAtEveryPoint(String name) {
        GaussianMixture mixture = ToyDistribution.parse(name).mixture().orElseThrow();
        VpSde sde = VpSde.defaults();
        ExactModel oracle = new ExactModel(sde, mixture);
        GaussianMixture pEps = oracle.logDensity().marginal(sde.epsilon());
        GaussianMixture pT = oracle.logDensity().marginal(sde.horizon());
        int n = 1000; // the batch-RMS outlier of BENCHMARKS.md was one point in 1,000
        int d = mixture.dimension();
        double[] pts = pEps.sampleFlat(n, new SplittableRandom(11));
        PriorDensity exactPT = xT -> {
            double[] p = xT.toType(DataType.FLOAT64, false).toDoubleArray();
            int rows = (int) xT.getShape().get(0);
            double[] lp = new double[rows];
            for (int i = 0; i < rows; i++) {
                lp[i] = pT.logDensity(Arrays.copyOfRange(p, i * d, (i + 1) * d));
            }
            return xT.getManager().create(lp, new Shape(rows, 1));
        };
        try (NDManager m = BellmanEngine.current().newManager(); Scope s = Scope.open()) {
            NDArray x = m.create(pts, new Shape(n, d));
            LikelihoodConfig defaults = LikelihoodConfig.defaults(d, 5L);
            LikelihoodResult perPoint = new Likelihood(oracle, defaults, exactPT).logDensity(x);
            LikelihoodResult batchRms = new Likelihood(oracle, defaults.withNorm(ErrorNorm.BATCH_RMS), exactPT).logDensity(x);
            double[] lp = perPoint.logDensity();
            double[] lpBatch = batchRms.logDensity();
            double max = 0;
            double maxBatch = 0;
            double meanBatch = 0;
            for (int i = 0; i < n; i++) {
                double exact = pEps.logDensity(Arrays.copyOfRange(pts, i * d, (i + 1) * d));
                max = Math.max(max, Math.abs(lp[i] - exact));
                maxBatch = Math.max(maxBatch, Math.abs(lpBatch[i] - exact));
                meanBatch += Math.abs(lpBatch[i] - exact) / n;
            }
            System.out.printf("%s: max |error| %.2e at the default (NFE %d); batch RMS: max %.2e, mean %.2e (NFE %d)%n", name, max,
                    perPoint.evaluations(), maxBatch, meanBatch, batchRms.evaluations());
            assertThat(max).isLessThan(1e-3);
            assertThat(meanBatch).isLessThan(1e-3);
        }
    }
}
