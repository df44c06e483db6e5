package dev.bellman.samplers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.bellman.control.engine.BellmanEngine;
import dev.bellman.control.field.DivergenceMode;
import dev.bellman.control.field.Probes;
import dev.bellman.diffusion.sde.VpSde;
import dev.bellman.samplers.likelihood.BitsPerDim;
import dev.bellman.samplers.likelihood.Likelihood;
import dev.bellman.samplers.likelihood.LikelihoodConfig;
import dev.bellman.samplers.likelihood.LikelihoodResult;
import dev.bellman.samplers.likelihood.PriorDensity;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The probability-flow ODE against the closed form of Gaussian data N(μ, σ²I) under VP: the flow map
 * x_ε = m_ε μ + √(v_ε/v_T)(x_T − m_T μ) and log p_ε. Float64 throughout, so that the solvers' own
 * errors, not rounding, are what the tests see.
 */
class ProbabilityFlowTest {
    static final VpSde SDE = VpSde.defaults();
    static final GaussianOracle ORACLE = new GaussianOracle(SDE, new double[] {1.0, -0.5}, 0.25);

    /** max |x̂ − x_ε| of a sampler started from 200 draws of p_T. */
    static double endpointError(SamplerConfig config, NDManager m, long[] nfe) {
        NDArray xT = ORACLE.sample(m, SDE.horizon(), 200, new Random(7));
        SampleResult r = config.create().integrate(new ControlCalls(ORACLE, TimeInput.PER_ROW), xT, 0L, SamplerListener.NONE);
        nfe[0] = r.evaluations();
        double eps = SDE.epsilon();
        double scale = Math.sqrt(ORACLE.variance(eps) / ORACLE.variance(SDE.horizon()));
        double[] a = xT.toDoubleArray();
        double[] b = r.samples().toDoubleArray();
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            int c = i % 2;
            double exact = ORACLE.mean(eps, c) + scale * (a[i] - ORACLE.mean(SDE.horizon(), c));
            max = Math.max(max, Math.abs(b[i] - exact));
        }
        return max;
    }

    @Test
    void heunConvergesAtOrderTwoAndEulerAtOrderOne() {
        try (NDManager m = BellmanEngine.current().newManager()) {
            long[] nfe = new long[1];
            int[] steps = {25, 50, 100, 200};
            double[] heun = new double[steps.length];
            double[] euler = new double[steps.length];
            for (int i = 0; i < steps.length; i++) {
                heun[i] = endpointError(SamplerConfig.defaults(SamplerKind.ODE_HEUN).withSteps(steps[i]), m, nfe);
                assertThat(nfe[0]).isEqualTo(2L * steps[i]);
                euler[i] = endpointError(SamplerConfig.defaults(SamplerKind.EM).withEta(1.0).withSteps(steps[i]), m, nfe);
                assertThat(nfe[0]).isEqualTo(steps[i]);
            }
            for (int i = 1; i < steps.length; i++) {
                double heunOrder = Math.log(heun[i - 1] / heun[i]) / Math.log(2);
                double eulerOrder = Math.log(euler[i - 1] / euler[i]) / Math.log(2);
                System.out.printf("steps %d: heun %.3e (order %.2f), euler %.3e (order %.2f)%n", steps[i], heun[i], heunOrder, euler[i], eulerOrder);
                assertThat(heunOrder).as("Heun order at %d steps", steps[i]).isBetween(1.8, 2.3);
                assertThat(eulerOrder).as("Euler order at %d steps", steps[i]).isBetween(0.85, 1.2);
            }
        }
    }

    @Test
    void rk45MeetsItsToleranceWithFewEvaluations() {
        try (NDManager m = BellmanEngine.current().newManager()) {
            long[] nfe = new long[1];
            double err = endpointError(SamplerConfig.defaults(SamplerKind.ODE_RK45), m, nfe);
            System.out.printf("rk45: error %.3e, nfe %d%n", err, nfe[0]);
            // global error of a tolerance-1e-5 solve on an O(1) state: well below 1e-3
            assertThat(err).isLessThan(1e-3);
            assertThat(nfe[0]).isLessThan(200);
            double tight = endpointError(SamplerConfig.defaults(SamplerKind.ODE_RK45).withTolerances(1e-8, 1e-8), m, nfe);
            assertThat(tight).isLessThan(err / 10);
        }
    }

    @Test
    void likelihoodMatchesTheClosedFormLogDensityAtEpsilon() {
        try (NDManager m = BellmanEngine.current().newManager()) {
            double eps = SDE.epsilon();
            NDArray x = ORACLE.sample(m, eps, 300, new Random(11));
            double[] xs = x.toDoubleArray();
            // close with the exact p_T so that only the ODE and its divergence integral are tested
            double tEnd = SDE.horizon();
            PriorDensity exactPT = xT -> {
                double[] p = xT.toDoubleArray();
                double[] lp = new double[p.length / 2];
                for (int i = 0; i < lp.length; i++) {
                    lp[i] = ORACLE.logDensity(tEnd, new double[] {p[2 * i], p[2 * i + 1]});
                }
                return xT.getManager().create(lp, new ai.djl.ndarray.types.Shape(lp.length, 1));
            };
            LikelihoodResult r = new Likelihood(ORACLE, LikelihoodConfig.defaults(2, 0L), exactPT).logDensity(x);
            double[] lp = r.logDensity();
            double maxErr = 0;
            for (int i = 0; i < lp.length; i++) {
                double exact = ORACLE.logDensity(eps, new double[] {xs[2 * i], xs[2 * i + 1]});
                maxErr = Math.max(maxErr, Math.abs(lp[i] - exact));
            }
            System.out.printf("likelihood: max error %.3e nats, nfe %d%n", maxErr, r.evaluations());
            assertThat(maxErr).isLessThan(1e-3);
            assertThat(r.evaluations()).isGreaterThan(10);

            // Hutchinson with fixed Rademacher probes is exact for this field (J = cI, vᵀv = D)
            LikelihoodConfig hutch = LikelihoodConfig.defaults(2, 0L).withDivergence(DivergenceMode.hutchinson(Probes.rademacher(1, 2, 3L)));
            double[] lpH = new Likelihood(ORACLE, hutch, exactPT).logDensity(x).logDensity();
            for (int i = 0; i < lp.length; i++) {
                assertThat(lpH[i]).isCloseTo(lp[i], within(1e-9));
            }

            // with the N(0, I) prior the result moves by about log p_T − log N(0, I), which is known
            double[] lpN = new Likelihood(ORACLE, LikelihoodConfig.defaults(2, 0L)).logDensity(x).logDensity();
            assertThat(Math.abs(lpN[0] - lp[0])).isGreaterThan(0).isLessThan(0.1);
        }
    }

    @Test
    void bitsPerDimOfAUniformDensityOnTheScaledCubeIsEight() {
        // uniform on [−1, 1]^D: log p = −D ln 2, so bits/dim = 1 + 7 = 8 bits for 256 levels
        assertThat(BitsPerDim.of(-784 * Math.log(2), 784)).isCloseTo(8.0, within(1e-12));
    }
}
