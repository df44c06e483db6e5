package dev.bellman.benchmarks.diffusion;

import ai.djl.ndarray.types.DataType;
import dev.bellman.control.engine.BellmanEngine;
import dev.bellman.control.engine.EngineConfig;
import dev.bellman.control.run.Json;
import dev.bellman.data.mixture.GaussianMixture;
import dev.bellman.data.toy.ToyDistribution;
import dev.bellman.diffusion.ControlModel;
import dev.bellman.diffusion.checkpoint.TrainedModel;
import dev.bellman.diffusion.exact.ExactModel;
import dev.bellman.diffusion.exact.PerturbedControl;
import dev.bellman.diffusion.gap.Estimate;
import dev.bellman.diffusion.gap.GapConfig;
import dev.bellman.diffusion.gap.GapListener;
import dev.bellman.diffusion.gap.GapResult;
import dev.bellman.diffusion.gap.GapTarget;
import dev.bellman.diffusion.gap.ReverseTimeGrid;
import dev.bellman.diffusion.gap.VerificationGap;
import dev.bellman.diffusion.sde.ForwardSde;
import dev.bellman.diffusion.sde.VpSde;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The verification identity E[J] − E[V] = G (DESIGN.md §1.4) on 8gaussians, 25gaussians and an
 * anisotropic 3-component 5-D mixture under VP, for the exact control u* and for controls moved off it
 * (0.7u*, u* + 0.5), and for trained models u_θ and the same moves off them, with enough paths that
 * identity_se ≤ the target (0.02 by default: a pilot run sets n), at N and 2N steps. Each row also
 * carries the Euler bias measured with the martingale control variate ({@link GapResult#eulerBias}):
 * the identity is checked where that bias is below the plain estimator's standard error. The
 * rollouts run on host arrays ({@code HostRollout}) for u* and for float32 SiLU networks. Prints
 * {@code RESULT {json}}.
 *
 * <p>Usage: {@code IdentityCheck [threads (1)] [steps (400)] [se target (0.02)] [max paths (400000)]
 * [data names, comma-separated, or "all"] [grid power (1: uniform)] [trained models: name=RUNDIR,...
 * or "-"] [families: exact, trained or exact,trained; add ",unperturbed" for the u* and u_θ rows alone or ",movedoff" for the others alone] [single: only the 2N run]}.
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
     * @param coarse whether to run at N as well as at 2N (without it the N columns are NaN: the control
     *     variate measures the bias at 2N directly, and the N run costs half as much again)
     */
    public record Config(int steps, double seTarget, int pilotPaths, int maxPaths, ReverseTimeGrid grid, int fixedPaths,
            ForwardSde sde, boolean coarse) {
        public Config(int steps, double seTarget, int pilotPaths, int maxPaths, ReverseTimeGrid grid, int fixedPaths,
                ForwardSde sde) {
            this(steps, seTarget, pilotPaths, maxPaths, grid, fixedPaths, sde, true);
        }

        public Config withoutCoarse() {
            return new Config(steps, seTarget, pilotPaths, maxPaths, grid, fixedPaths, sde, false);
        }

        public static Config full(int steps, double seTarget, int maxPaths) {
            return full(steps, seTarget, maxPaths, ReverseTimeGrid.uniform());
        }

        public static Config full(int steps, double seTarget, int maxPaths, ReverseTimeGrid grid) {
            return new Config(steps, seTarget, 4000, maxPaths, grid, 0, VpSde.defaults());
        }
    }

    /**
     * One (data, control) row at N and 2N steps (G, J and V at 2N): the plain identity residual E[J] − E[V] − G with its
     * standard error, and the Euler bias (control-variate estimate, NaN where the rollout had none).
     * {@code holds}: at 2N, |residual| ≤ 3 se, se ≤ the target and |bias| below se.
     */
    public record Row(String data, String control, int n, int steps, double gap, double gapSe, double cost, double value,
            double residual, double residualSe, double bias, double biasSe, double residualFine, double residualFineSe,
            double biasFine, double biasFineSe, boolean holds, double seconds) {}

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

    /** Runs the exact-control rows of every data set; progress lines go to {@code log}. */
    public static List<Row> run(Config config, Map<String, GaussianMixture> data, Consumer<String> log) {
        return run(config, data, Map.of(), true, log);
    }

    /**
     * Runs every (data, control) row: u*, 0.7u*, u* + 0.5 when {@code exactRows}, and u_θ, 0.7u_θ,
     * u_θ + 0.5 for each data set with a trained model in {@code trained}.
     */
    public static List<Row> run(Config config, Map<String, GaussianMixture> data, Map<String, ControlModel> trained,
            boolean exactRows, Consumer<String> log) {
        return run(config, data, trained, exactRows, true, log);
    }

    /** As above; without {@code movedOff} only the unperturbed u* and u_θ rows (the costly trained rows one at a time). */
    public static List<Row> run(Config config, Map<String, GaussianMixture> data, Map<String, ControlModel> trained,
            boolean exactRows, boolean movedOff, Consumer<String> log) {
        return run(config, data, trained, exactRows, movedOff ? ALL_ROWS : UNPERTURBED, log);
    }

    /** The (scale, shift) pairs of the rows: u, 0.7u, u + 0.5. */
    static final double[][] ALL_ROWS = {{1.0, 0.0}, {0.7, 0.0}, {1.0, 0.5}};
    /** Only u itself. */
    static final double[][] UNPERTURBED = {{1.0, 0.0}};
    /** Only the controls moved off u: 0.7u and u + 0.5. */
    static final double[][] MOVED_OFF = {{0.7, 0.0}, {1.0, 0.5}};

    /** As above, for the rows (scale, shift) of {@code perturbations} applied to each base control. */
    static List<Row> run(Config config, Map<String, GaussianMixture> data, Map<String, ControlModel> trained,
            boolean exactRows, double[][] perturbations, Consumer<String> log) {
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, GaussianMixture> e : data.entrySet()) {
            GapTarget target = new GapTarget.Mixture(e.getValue());
            Map<String, ControlModel> bases = new LinkedHashMap<>();
            if (exactRows) {
                bases.put("u*", new ExactModel(config.sde(), e.getValue()));
            }
            if (trained.containsKey(e.getKey())) {
                bases.put("u_θ", trained.get(e.getKey()));
            }
            for (Map.Entry<String, ControlModel> b : bases.entrySet()) {
                for (double[] p : perturbations) {
                    rows.add(row(config, e.getKey(), target, b.getKey(), b.getValue(), p[0], p[1], log));
                }
            }
        }
        return rows;
    }

    private static Row row(Config config, String data, GapTarget target, String baseName, ControlModel base, double scale,
            double shift, Consumer<String> log) {
        ControlModel model = PerturbedControl.model(base, scale, shift);
        String name = scale == 1.0 && shift == 0.0 ? baseName : shift == 0.0 ? scale + baseName : baseName + "+" + shift;
        GapConfig gapConfig = GapConfig.of(2, config.steps()).withGrid(config.grid()).withDataType(DataType.FLOAT64)
                .withBatchSize(10_000);
        long t0 = System.nanoTime();
        int n = config.fixedPaths();
        if (n <= 0) {
            GapResult pilot = VerificationGap.estimate(model, target, withPaths(gapConfig, config.pilotPaths()).withSeed(99),
                    GapListener.none());
            double se = pilot.identityResidual().standardError();
            n = (int) Math.min(config.maxPaths(), Math.ceil(1.1 * config.pilotPaths() * Math.pow(se / config.seTarget(), 2)));
            n = Math.max(n, config.pilotPaths());
        }
        GapResult f = VerificationGap.estimate(model, target, withPaths(gapConfig, n).withSteps(2 * config.steps()),
                GapListener.none());
        GapResult c = config.coarse() ? VerificationGap.estimate(model, target, withPaths(gapConfig, n), GapListener.none())
                : new GapResult(nan(), null, nan(), nan(), nan(), nan(), n, config.steps(), f.endEpsilon(), f.grid());
        double fineSe = f.identityResidual().standardError();
        boolean holds = Math.abs(f.identityResidual().mean()) <= 3 * fineSe && fineSe <= config.seTarget()
                && f.eulerBias() != null && Math.abs(f.eulerBias().mean()) < fineSe;
        double seconds = (System.nanoTime() - t0) / 1e9;
        Row row = new Row(data, name, n, config.steps(), f.gap().mean(), f.gap().standardError(), f.cost().mean(),
                f.value().mean(), c.identityResidual().mean(), c.identityResidual().standardError(), mean(c.eulerBias()),
                se(c.eulerBias()), f.identityResidual().mean(), fineSe, mean(f.eulerBias()), se(f.eulerBias()), holds, seconds);
        log.accept(String.format(java.util.Locale.ROOT,
                "%-12s %-10s n=%d G=%.4f | N=%d: residual %+.4f±%.4f bias %+.4f±%.4f | 2N: residual %+.4f±%.4f bias %+.4f±%.4f"
                        + " | %s (%.0f s)",
                data, name, n, row.gap(), config.steps(), row.residual(), row.residualSe(), row.bias(), row.biasSe(),
                row.residualFine(), row.residualFineSe(), row.biasFine(), row.biasFineSe(), holds ? "holds" : "NOT MET", seconds));
        return row;
    }

    private static Estimate nan() {
        return new Estimate(Double.NaN, Double.NaN);
    }

    private static double mean(Estimate e) {
        return e == null ? Double.NaN : e.mean();
    }

    private static double se(Estimate e) {
        return e == null ? Double.NaN : e.standardError();
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
        if (args.length > 4 && !"all".equals(args[4])) {
            List<String> names = List.of(args[4].split(","));
            if (!data.keySet().containsAll(names)) {
                throw new IllegalArgumentException("data names are " + data.keySet() + ", got " + names);
            }
            data.keySet().retainAll(names);
        }
        ReverseTimeGrid grid = args.length > 5 ? ReverseTimeGrid.denserNearData(Double.parseDouble(args[5])) : ReverseTimeGrid.uniform();
        Map<String, Path> modelDirs = new LinkedHashMap<>();
        if (args.length > 6 && !"-".equals(args[6])) {
            for (String pair : args[6].split(",")) {
                String[] kv = pair.split("=", 2);
                if (kv.length != 2 || !mixtures().containsKey(kv[0])) {
                    throw new IllegalArgumentException("trained models are name=RUNDIR with a name in " + mixtures().keySet() + ", got " + pair);
                }
                modelDirs.put(kv[0], Path.of(kv[1]));
            }
        }
        List<String> families = args.length > 7 ? List.of(args[7].split(",")) : List.of("exact", "trained");
        BellmanEngine.start(EngineConfig.defaults().withThreads(threads));
        Map<String, ControlModel> trained = new LinkedHashMap<>();
        if (families.contains("trained")) {
            modelDirs.forEach((name, dir) -> trained.put(name, TrainedModel.load(dir)));
        }
        Config config = Config.full(steps, se, max, grid);
        if (args.length > 8 && "single".equals(args[8])) {
            config = config.withoutCoarse();
        }
        double[][] perturbations = families.contains("unperturbed") ? UNPERTURBED
                : families.contains("movedoff") ? MOVED_OFF : ALL_ROWS;
        List<Row> rows = run(config, data, trained, families.contains("exact"), perturbations, System.err::println);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("benchmark", "identity");
        result.put("threads", threads);
        result.put("config", config);
        result.put("models", modelDirs.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                m -> m.getValue().toString())));
        result.put("rows", rows);
        System.out.println("RESULT " + Json.mapper().copy().disable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                .valueToTree(result).toString());
    }
}
