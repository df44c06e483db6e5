package dev.bellman.benchmarks.qlearn;

import ai.djl.ndarray.NDManager;
import dev.bellman.control.engine.BellmanEngine;
import dev.bellman.control.engine.EngineConfig;
import dev.bellman.control.problems.LqrProblem;
import dev.bellman.control.problems.MertonProblem;
import dev.bellman.control.qlearn.QLearnerConfig;
import dev.bellman.control.qlearn.QLearningExperiment;
import dev.bellman.control.qlearn.QLearningReport;
import dev.bellman.control.qlearn.QlearnDefaults;
import dev.bellman.control.reference.LqrParameters;
import dev.bellman.control.reference.MertonParameters;
import dev.bellman.control.riccati.TimeDiscretisation;
import dev.bellman.control.run.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;

/**
 * The Q-learning targets of issue 4 (DESIGN.md §1.2): scalar LQR at Δt = 0.1, 0.01, 0.001 (K_rel_err_discrete),
 * LQR at Δt = 0.01 with and without Richardson (K_rel_err), Merton at Δt = 0.01 (pi_rel_err, k_rel_err).
 * Each case prints {@code RESULT {json}} on stdout: the run's report plus the case name, the target and
 * whether it was met. Run: {@code java -cp … dev.bellman.benchmarks.qlearn.QlearnSuite [case …] [--threads N]
 * [--seed S] [--steps N]}; cases: lqr-0.1, lqr-0.01, lqr-0.001, lqr-0.01-richardson, lqr-0.01-exact,
 * merton-0.01 (default: all; any lqr-h or merton-h parses its Δt). Threads default to 2 (the targets' machine).
 * Each problem is learned with the structure it declares ({@link QLearningExperiment#declaredStructure}); with
 * {@code -Darchitecture=general} with none (the neural learner), for comparison.
 */
public final class QlearnSuite {
    private QlearnSuite() {}

    public static void main(String[] args) {
        List<String> cases = new ArrayList<>();
        int threads = 2;
        long seed = 0;
        Integer steps = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--steps" -> steps = Integer.parseInt(args[++i]);
                default -> {
                    // ChildJvm passes the thread count first, bare
                    if (i == 0 && args[i].matches("\\d+")) {
                        threads = Integer.parseInt(args[i]);
                    } else {
                        cases.add(args[i]);
                    }
                }
            }
        }
        if (cases.isEmpty()) {
            cases = List.of("lqr-0.1", "lqr-0.01", "lqr-0.001", "lqr-0.01-richardson", "lqr-0.01-exact", "merton-0.01");
        }
        BellmanEngine engine = BellmanEngine.start(EngineConfig.defaults().withThreads(threads).withSeed(seed));
        for (String c : cases) {
            try (NDManager manager = engine.newManager()) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("case", c);
                out.put("threads", threads);
                QLearningReport r = run(c, seed, steps, manager);
                out.put("report", r);
                out.put("targets", targets(c, r));
                System.out.println("RESULT " + Json.mapper().valueToTree(out).toString());
                System.out.flush();
            }
        }
    }

    static QLearningReport run(String c, long seed, Integer steps, NDManager manager) {
        String[] parts = c.split("-");
        double dt = Double.parseDouble(parts[1]);
        boolean richardson = c.endsWith("-richardson");
        if (parts[0].equals("merton")) {
            QLearnerConfig cfg = tuned(QlearnDefaults.merton(1, MertonParameters.reference().rho(), dt, seed));
            if (steps != null) {
                cfg = cfg.withSteps(steps);
            }
            MertonProblem merton = new MertonProblem(MertonParameters.reference());
            return QLearningExperiment.merton(merton, cfg, new QLearningExperiment.Simulated(TimeDiscretisation.EULER_RECTANGLE), richardson,
                    (p, l) -> System.err.printf("  step %d  td %.4g  %.1fs%n", p.step(), p.tdRateRms(), p.elapsedSeconds()),
                    Integer.getInteger("every", 500), manager, structure(merton));
        }
        TimeDiscretisation scheme = c.endsWith("-exact") ? TimeDiscretisation.EXACT_TRAPEZOID : TimeDiscretisation.EULER_RECTANGLE;
        QLearnerConfig cfg = tuned(QlearnDefaults.lqr(1, dt, seed));
        if (steps != null) {
            cfg = cfg.withSteps(steps);
        }
        double[][] xs = {{-2}, {0}, {1}, {2}};
        LqrProblem lqr = new LqrProblem(LqrParameters.reference());
        return QLearningExperiment.lqr(lqr, cfg, new QLearningExperiment.Simulated(scheme),
                richardson, (p, l) -> {
                    double[][] a = QLearningExperiment.evaluate(l, xs, false);
                    double[][] v = QLearningExperiment.evaluate(l, xs, true);
                    System.err.printf("  step %d  td %.4g  %.1fs  a(-2,0,1,2)=%.4f %.4f %.4f %.4f  V=%.4f %.4f %.4f %.4f%n", p.step(),
                            p.tdRateRms(), p.elapsedSeconds(), a[0][0], a[1][0], a[2][0], a[3][0], v[0][0], v[1][0], v[2][0], v[3][0]);
                }, Integer.getInteger("every", 500), manager, structure(lqr));
    }

    /** The problem's declared structure, or none with -Darchitecture=general (the neural learner). */
    static dev.bellman.control.qlearn.Structure structure(dev.bellman.control.hjb.ControlProblem problem) {
        return "general".equals(System.getProperty("architecture"))
                ? dev.bellman.control.qlearn.Structure.general(problem.actionSpace().dim())
                : QLearningExperiment.declaredStructure(problem);
    }

    /** Tuning overrides from system properties (-Dpolyak, -Dlr, -Dbatch, -Dfloor, -Davg, -Depisode). */
    static QLearnerConfig tuned(QLearnerConfig c) {
        if (System.getProperty("polyak") != null) {
            c = c.withPolyak(Double.parseDouble(System.getProperty("polyak")));
        }
        if (System.getProperty("lr") != null) {
            double lr = Double.parseDouble(System.getProperty("lr"));
            double lrq = Double.parseDouble(System.getProperty("lrq", System.getProperty("lr")));
            c = c.withLearningRates(lr, lrq, Double.parseDouble(System.getProperty("floor", "" + c.finalLearningRateFraction())));
        }
        if (System.getProperty("batch") != null) {
            int b = Integer.parseInt(System.getProperty("batch"));
            c = c.withBatch(b, Integer.parseInt(System.getProperty("collect", "" + b)));
        }
        if (System.getProperty("avg") != null) {
            c = c.withEvaluationAverage(Double.parseDouble(System.getProperty("avg")));
        }
        if (System.getProperty("episode") != null) {
            c = c.withEpisodeTime(Double.parseDouble(System.getProperty("episode")));
        }
        if (System.getProperty("hidden") != null) {
            c = c.withHidden(java.util.Arrays.stream(System.getProperty("hidden").split(",")).map(Integer::valueOf).toList());
        }
        if (System.getProperty("buffer") != null) {
            c = c.withBufferCapacity(Integer.parseInt(System.getProperty("buffer")));
        }
        if (System.getProperty("headEvery") != null) {
            c = c.withHeadSolve(Integer.parseInt(System.getProperty("headEvery")), Integer.parseInt(System.getProperty("headSample",
                    "" + c.headSample())));
        }
        if (System.getProperty("explore") != null) {
            double[] e = java.util.Arrays.stream(System.getProperty("explore").split(",")).mapToDouble(Double::parseDouble).toArray();
            c = c.withExploration(new dev.bellman.control.qlearn.Exploration(e, Double.parseDouble(System.getProperty("efinal", "1"))));
        }
        System.err.println("config " + c);
        return c;
    }

    static Map<String, Object> targets(String c, QLearningReport r) {
        Map<String, Object> t = new LinkedHashMap<>();
        if (c.startsWith("merton")) {
            t.put("pi_rel_err<=0.02", r.piRelErr() <= 0.02);
            t.put("k_rel_err<=0.03", r.kRelErr2() <= 0.03);
        } else if (c.endsWith("-richardson")) {
            t.put("K_rel_err<=0.005", r.kRelErr() <= 0.005);
        } else if (c.equals("lqr-0.01")) {
            t.put("K_rel_err_discrete<=0.005", r.kRelErrDiscrete() <= 0.005);
            t.put("K_rel_err<=0.025", r.kRelErr() <= 0.025);
            t.put("wall_s<=120", r.wallSeconds() <= 120);
        } else {
            t.put("K_rel_err_discrete<=0.01", r.kRelErrDiscrete() <= 0.01);
        }
        return t;
    }
}
