package dev.bellman.samplers;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.bellman.control.engine.BellmanEngine;
import dev.bellman.control.engine.Scope;
import dev.bellman.data.toy.ToyDistribution;
import dev.bellman.diffusion.sde.VpSde;
import dev.bellman.samplers.metrics.SampleQuality;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Stochastic samplers with an exact control: sample quality on 8gaussians against the data's own
 * floor, and Euler–Maruyama's weak order on Gaussian data, where the law at τ = T − ε is known.
 */
class StochasticSamplersTest {
    static final VpSde SDE = VpSde.defaults();

    @ParameterizedTest(name = "{0} with {1} steps")
    @CsvSource({"em, 1000", "pc, 500", "reverse-diffusion, 500", "ancestral, 500"})
    void exactControlSamplesAreAsCloseToTheDataAsFreshData(String sampler, int steps) {
        ToyDistribution toy = ToyDistribution.EIGHT_GAUSSIANS;
        int n = 2000;
        try (NDManager m = BellmanEngine.current().newManager(); Scope s = Scope.open()) {
            MixtureOracle oracle = MixtureOracle.of(SDE, toy.mixture().orElseThrow(), m);
            SamplerConfig config = SamplerConfig.defaults(SamplerKind.parse(sampler)).withSteps(steps);
            SampleResult r = config.create().sample(oracle, m, n, 5L);
            SplittableRandom rng = new SplittableRandom(99);
            SampleQuality q = SampleQuality.compare(r.samples(), k -> toy.sample(m, DataType.FLOAT32, k, rng), 8, 200, 1L);
            System.out.printf("%s: mmd2 %.2e floor %.2e ± %.2e, sw2 %.4f floor %.4f, energy %.2e floor %.2e, nfe %d%n", sampler,
                    q.mmd2(), q.mmd2Floor(), q.mmd2FloorSd(), q.sw2(), q.sw2Floor(), q.energy(), q.energyFloor(), r.evaluations());
            assertThat(q.mmd2()).isLessThanOrEqualTo(q.mmd2Floor() + 2 * q.mmd2FloorSd());
            long perStep = sampler.equals("pc") ? 2 : 1;
            assertThat(r.evaluations()).isEqualTo(perStep * steps);
        }
    }

    /**
     * E‖X‖² after N Euler–Maruyama steps from X_0 ~ p_T exactly, for Gaussian data: the scheme is
     * linear, x ← (1 + λh)x + c h + g√h z with λ = −a − g²/v and c = g² m μ / v at t_f = T − τ_k, so
     * its mean and variance follow a recursion in doubles (no noise on the last step).
     */
    static double eulerSecondMoment(GaussianOracle o, int steps) {
        VpSde sde = (VpSde) o.sde;
        GenerativeGrid grid = GenerativeGrid.uniform(sde, steps);
        double[] mean = {o.mean(sde.horizon(), 0), o.mean(sde.horizon(), 1)};
        double var = o.variance(sde.horizon());
        for (int k = 0; k < steps; k++) {
            double tf = grid.forwardTime(k);
            double h = grid.dtau(k);
            double g2 = Math.pow(sde.diffusion(tf), 2);
            double v = o.variance(tf);
            double lambda = -sde.driftRate(tf) - g2 / v;
            for (int i = 0; i < 2; i++) {
                mean[i] = (1 + lambda * h) * mean[i] + h * g2 * sde.meanScale(tf) * o.mu[i] / v;
            }
            var = (1 + lambda * h) * (1 + lambda * h) * var + (k < steps - 1 ? g2 * h : 0);
        }
        return mean[0] * mean[0] + mean[1] * mean[1] + 2 * var;
    }

    @Test
    void eulerMaruyamaIsTheSchemeWhoseMomentsConvergeAtWeakOrderOne() {
        GaussianOracle oracle = new GaussianOracle(SDE, new double[] {1.0, -0.5}, 0.25);
        double eps = SDE.epsilon();
        double exact = Math.pow(oracle.mean(eps, 0), 2) + Math.pow(oracle.mean(eps, 1), 2) + 2 * oracle.variance(eps);
        // 1. the sampler is that scheme: its Monte Carlo E‖X‖² matches the recursion
        int n = 200_000;
        for (int steps : new int[] {10, 40}) {
            try (NDManager m = BellmanEngine.current().newManager()) {
                NDArray xT = oracle.sample(m, SDE.horizon(), n, new Random(steps));
                SampleResult r = SamplerConfig.defaults(SamplerKind.EM).withSteps(steps).create()
                        .integrate(new ControlCalls(oracle, TimeInput.PER_ROW), xT, 17L, SamplerListener.NONE);
                NDArray sq = r.samples().square().sum(new int[] {1});
                double mc = sq.mean().getDouble();
                double se = Math.sqrt(sq.sub(mc).square().mean().getDouble() / n);
                double scheme = eulerSecondMoment(oracle, steps);
                System.out.printf("EM %d steps: Monte Carlo %.5f ± %.5f, scheme %.5f, exact %.5f%n", steps, mc, se, scheme, exact);
                assertThat(Math.abs(mc - scheme)).isLessThan(4 * se);
                assertThat(Math.abs(scheme - exact)).as("the bias is visible at %d steps", steps).isGreaterThan(4 * se);
            }
        }
        // 2. the scheme's bias halves as the steps double (weak order 1)
        int[] steps = {500, 1000, 2000, 4000};
        for (int i = 1; i < steps.length; i++) {
            double ratio = (eulerSecondMoment(oracle, steps[i - 1]) - exact) / (eulerSecondMoment(oracle, steps[i]) - exact);
            System.out.printf("EM bias ratio %d → %d steps: %.3f%n", steps[i - 1], steps[i], ratio);
            assertThat(ratio).isBetween(1.8, 2.2);
        }
    }
}
