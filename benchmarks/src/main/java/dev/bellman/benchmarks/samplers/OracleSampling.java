package dev.bellman.benchmarks.samplers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.engine.BellmanEngine;
import dev.bellman.control.engine.EngineConfig;
import dev.bellman.control.engine.Precision;
import dev.bellman.control.engine.Scope;
import dev.bellman.data.mixture.GaussianMixture;
import dev.bellman.data.toy.ToyDistribution;
import dev.bellman.diffusion.exact.ExactModel;
import dev.bellman.diffusion.sde.VpSde;
import dev.bellman.samplers.SampleResult;
import dev.bellman.samplers.SamplerConfig;
import dev.bellman.samplers.SamplerKind;
import dev.bellman.samplers.likelihood.Likelihood;
import dev.bellman.samplers.likelihood.LikelihoodConfig;
import dev.bellman.samplers.likelihood.PriorDensity;
import dev.bellman.samplers.metrics.SampleQuality;
import dev.bellman.samplers.metrics.SlicedWasserstein;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Issue 7's oracle targets at full size, with the exact control u* of a toy mixture under VP
 * (float64): RK45 network evaluations at rtol = atol = 1e-5 on a batch of BATCH (10,000), the
 * probability-flow log-likelihood of LIK points drawn from p_ε against the closed-form log p_ε (max and
 * mean |error|, target 1e-3 nats; the solve is closed at T by the exact mixture p_T, so the error is
 * the ODE solver's and not the N(0, I) prior's), and Euler–Maruyama (1,000 steps) MMD² at n = MMD_N (2,000) against its floor.
 *
 * <p>Usage: {@code OracleSampling THREADS TOY [BATCH=10000] [LIK=1000] [MMD_N=2000] [LIK_TOL=1e-5]}; prints one
 * line {@code RESULT {json}}.
 */
public final class OracleSampling {
    private OracleSampling() {}

    public static void main(String[] args) {
        int threads = Integer.parseInt(args[0]);
        String toyName = args[1];
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        int likN = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        int mmdN = args.length > 4 ? Integer.parseInt(args[4]) : 2000;
        double likTolerance = args.length > 5 ? Double.parseDouble(args[5]) : SamplerConfig.DEFAULT_TOLERANCE;
        BellmanEngine engine = BellmanEngine.start(EngineConfig.defaults().withThreads(threads).withPrecision(Precision.FLOAT64));
        ToyDistribution toy = ToyDistribution.parse(toyName);
        GaussianMixture mixture = toy.mixture().orElseThrow(() -> new IllegalArgumentException(toyName + " is not a mixture"));
        VpSde sde = VpSde.defaults();
        ExactModel oracle = new ExactModel(sde, mixture);
        try (NDManager m = engine.newManager(); Scope s = Scope.open()) {
            long t0 = System.nanoTime();
            SampleResult rk = SamplerConfig.defaults(SamplerKind.ODE_RK45).create().sample(oracle, m, batch, 3L);
            double rkWall = (System.nanoTime() - t0) / 1e9;

            // Points from p_ε itself, so the comparison is with the density the flow transports.
            GaussianMixture pEps = oracle.logDensity().marginal(sde.epsilon());
            SplittableRandom rng = new SplittableRandom(11);
            double[] pts = pEps.sampleFlat(likN, rng);
            NDArray x = m.create(pts, new Shape(likN, mixture.dimension()));
            // Closed at T by the exact p_T (a mixture too), not the N(0, I) stand-in: the error is the solver's.
            GaussianMixture pT = oracle.logDensity().marginal(sde.horizon());
            PriorDensity exactPT = xT -> {
                double[] p = xT.toType(DataType.FLOAT64, false).toDoubleArray();
                int rows = (int) xT.getShape().get(0);
                int d = (int) xT.getShape().get(1);
                double[] lp = new double[rows];
                for (int i = 0; i < rows; i++) {
                    lp[i] = pT.logDensity(java.util.Arrays.copyOfRange(p, i * d, (i + 1) * d));
                }
                return xT.getManager().create(lp, new Shape(rows, 1));
            };
            double[] flow = new Likelihood(oracle, LikelihoodConfig.defaults(mixture.dimension(), 5L).withTolerances(likTolerance, likTolerance), exactPT).logDensity(x)
                    .logDensity();
            double maxErr = 0;
            double meanErr = 0;
            int dim = mixture.dimension();
            for (int i = 0; i < likN; i++) {
                double[] xi = java.util.Arrays.copyOfRange(pts, i * dim, (i + 1) * dim);
                double e = Math.abs(flow[i] - pEps.logDensity(xi));
                maxErr = Math.max(maxErr, e);
                meanErr += e / likN;
            }

            SampleResult em = SamplerConfig.defaults(SamplerKind.EM).withSteps(1000).create().sample(oracle, m, mmdN, 7L);
            SplittableRandom dataRng = new SplittableRandom(13);
            SampleQuality q = SampleQuality.compare(em.samples(), k -> m.create(toy.sampleFlat(k, dataRng), new Shape(k, dim))
                    .toType(DataType.FLOAT64, false), 5, SlicedWasserstein.DEFAULT_PROJECTIONS, 17L);
            System.out.printf(Locale.ROOT,
                    "RESULT {\"toy\":\"%s\",\"threads\":%d,\"rk45_batch\":%d,\"rk45_nfe\":%d,\"rk45_wall_s\":%.2f,"
                            + "\"lik_tol\":%.1e,\"lik_n\":%d,\"lik_max_abs_err\":%.3e,\"lik_mean_abs_err\":%.3e,\"em_n\":%d,"
                            + "\"mmd2\":%.6e,\"mmd2_floor\":%.6e,\"mmd2_floor_sd\":%.6e}%n",
                    toyName, threads, batch, rk.evaluations(), rkWall, likTolerance, likN, maxErr, meanErr, mmdN, q.mmd2(), q.mmd2Floor(),
                    q.mmd2FloorSd());
        }
    }
}
