package dev.bellman.benchmarks.diffusion;

import ai.djl.ndarray.types.DataType;
import dev.bellman.control.engine.BellmanEngine;
import dev.bellman.control.engine.EngineConfig;
import dev.bellman.control.run.Json;
import dev.bellman.data.mixture.GaussianMixture;
import dev.bellman.data.toy.ToyDistribution;
import dev.bellman.diffusion.ControlModel;
import dev.bellman.diffusion.exact.ExactModel;
import dev.bellman.diffusion.exact.PerturbedControl;
import dev.bellman.diffusion.gap.EulerBias;
import dev.bellman.diffusion.gap.GapConfig;
import dev.bellman.diffusion.gap.GapListener;
import dev.bellman.diffusion.gap.GapResult;
import dev.bellman.diffusion.gap.GapTarget;
import dev.bellman.diffusion.gap.ReverseTimeGrid;
import dev.bellman.diffusion.gap.VerificationGap;
import dev.bellman.diffusion.sde.ForwardSde;
import dev.bellman.diffusion.sde.VpSde;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The verification identity E[J] − E[V] = G (DESIGN.md §1.4) on 8gaussians, 25gaussians and an
 * anisotropic 3-component 5-D mixture under VP, for the exact control u* and for controls moved off
 * it (0.7u*, u* + 0.5), with enough paths that identity_se ≤ the target (0.02 by default: a pilot run
 * sets n), at N and 2N steps to show the Euler bias. Prints {@code RESULT {json}}.
 *
 * <p>Usage: {@code IdentityCheck [threads (1)] [steps (400)] [se target (0.02)] [max paths (400000)]
 * [data names, comma-separated (all three)] [grid power (1: uniform)]}; the last two let a long check
 * run one data set at a time, with a grid denser near the data for the sharp 25gaussians.
 */
public final class IdentityCheck {
    private IdentityCheck() {}

    /**
     * @param steps N (also run at 2N)
     * @param seTarget the identity standard error to reach
     * @param pilotPaths paths of the pilot run that sets n
     * @param maxPaths a cap on n
     * @param grid the time grid (denser near the data for the sharp 25gaussians)
     * @param fixedPaths if positive, skip the pilot and use this n (the reduced test)
     * @param sde the forward SDE (VP with DESIGN's defaults in the full run)
     */
    public record Config(int steps, double seTarget, int pilotPaths, int maxPaths, ReverseTimeGrid grid, int fixedPaths,
            ForwardSde sde) {
        public static Config full(int steps, double seTarget, int maxPaths) {
            return full(steps, seTarget, maxPaths, ReverseTimeGrid.uniform());
        }

        public static Config full(int steps, double seTarget, int maxPaths, ReverseTimeGrid grid) {
            return new Config(steps, seTarget, 4000, maxPaths, grid, 0, VpSde.defaults());
        }
    }

    /** One (data, control) row at N and 2N steps. */
    public record Row(String data, String control, int n, int steps, double gap, double gapSe, double cost, double value,
            double residual, double residualSe, double residualFine, double residualFineSe, boolean withinFourSe) {}

    /** The three data sets. */
    public static Map<String, GaussianMixture> mixtures() {
        Map<String, GaussianMixture> out = new LinkedHashMap<>();
        out.put("8gaussians", ToyDistribution.EIGHT_GAUSSIANS.mixture().orElseThrow());
        out.put("25gaussians", ToyDistribution.TWENTY_FIVE_GAUSSIANS.mixture().orElseThrow());
        out.put("aniso5d", anisotropic5d());
        return out;
    }

    /** Three components in R⁵ with correlated, unequal covariances. */
    public static GaussianMixture anisotropic5d() {
        int d = 5;
        double[] w = {0.5, 0.3, 0.2};
        double[][] mu = {{1.0, -0.5, 0.3, 0.0, 0.8}, {-1.2, 0.8, 0.0, 0.5, -0.4}, {0.2, 1.5, -1.0, -0.8, 0.0}};
        double[][][] c = new double[3][d][d];
        double[][] scales = {{0.3, 0.2, 0.15, 0.1, 0.25}, {0.05, 0.4, 0.25, 0.2, 0.1}, {0.2, 0.1, 0.08, 0.3, 0.15}};
        double[] rho = {0.4, -0.3, 0.2};
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    double s = Math.sqrt(scales[k][i] * scales[k][j]);
                    c[k][i][j] = i == j ? scales[k][i] : s * Math.pow(rho[k], Math.abs(i - j));
                }
            }
        }
        return new GaussianMixture(w, mu, c);
    }

    /** Runs every (data, control) row; progress lines go to {@code log}. */
    public static List<Row> run(Config config, Map<String, GaussianMixture> data, Consumer<String> log) {
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, GaussianMixture> e : data.entrySet()) {
            ExactModel exact = new ExactModel(config.sde(), e.getValue());
            GapTarget target = new GapTarget.Mixture(e.getValue());
            for (double[] p : new double[][] {{1.0, 0.0}, {0.7, 0.0}, {1.0, 0.5}}) {
                ControlModel model = PerturbedControl.model(exact, p[0], p[1]);
                String name = p[0] == 1.0 && p[1] == 0.0 ? "u*" : p[1] == 0.0 ? p[0] + "u*" : "u*+" + p[1];
                GapConfig base = GapConfig.of(2, config.steps()).withGrid(config.grid()).withDataType(DataType.FLOAT64)
                        .withBatchSize(10_000);
                int n = config.fixedPaths();
                if (n <= 0) {
                    GapResult pilot = VerificationGap.estimate(model, target,
                            withPaths(base, config.pilotPaths()).withSeed(99), GapListener.none());
                    double se = pilot.identityResidual().standardError();
                    n = (int) Math.min(config.maxPaths(), Math.ceil(1.1 * config.pilotPaths() * Math.pow(se / config.seTarget(), 2)));
                    n = Math.max(n, config.pilotPaths());
                }
                long t0 = System.nanoTime();
                EulerBias bias = VerificationGap.eulerBias(model, target, withPaths(base, n), GapListener.none());
                GapResult c = bias.coarse();
                GapResult f = bias.fine();
                Row row = new Row(e.getKey(), name, n, config.steps(), c.gap().mean(), c.gap().standardError(), c.cost().mean(),
                        c.value().mean(), c.identityResidual().mean(), c.identityResidual().standardError(),
                        f.identityResidual().mean(), f.identityResidual().standardError(),
                        Math.abs(f.identityResidual().mean()) <= 4 * f.identityResidual().standardError());
                log.accept(String.format("%-12s %-8s n=%d G=%.4f residual(N=%d)=%+.4f±%.4f residual(2N)=%+.4f±%.4f (%.0f s)",
                        row.data(), row.control(), n, row.gap(), config.steps(), row.residual(), row.residualSe(),
                        row.residualFine(), row.residualFineSe(), (System.nanoTime() - t0) / 1e9));
                rows.add(row);
            }
        }
        return rows;
    }

    private static GapConfig withPaths(GapConfig c, int n) {
        return new GapConfig(n, c.steps(), c.batchSize(), c.seed(), c.endEpsilon(), c.grid(), c.dataType());
    }

    public static void main(String[] args) {
        // THREADS first, like every benchmark main that ChildJvm runs
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 400;
        double se = args.length > 2 ? Double.parseDouble(args[2]) : 0.02;
        int max = args.length > 3 ? Integer.parseInt(args[3]) : 400_000;
        Map<String, GaussianMixture> data = mixtures();
        if (args.length > 4) {
            List<String> names = List.of(args[4].split(","));
            if (!data.keySet().containsAll(names)) {
                throw new IllegalArgumentException("data names are " + data.keySet() + ", got " + names);
            }
            data.keySet().retainAll(names);
        }
        ReverseTimeGrid grid = args.length > 5 ? ReverseTimeGrid.denserNearData(Double.parseDouble(args[5])) : ReverseTimeGrid.uniform();
        BellmanEngine.start(EngineConfig.defaults().withThreads(threads));
        Config config = Config.full(steps, se, max, grid);
        List<Row> rows = run(config, data, System.err::println);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("benchmark", "identity");
        result.put("threads", threads);
        result.put("config", config);
        result.put("rows", rows);
        System.out.println("RESULT " + Json.mapper().copy().disable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                .valueToTree(result).toString());
    }
}
