package dev.bellman.benchmarks.control;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bellman.benchmarks.PythonPeer;
import dev.bellman.control.engine.BellmanEngine;
import dev.bellman.control.engine.DeviceKind;
import dev.bellman.control.engine.EngineConfig;
import dev.bellman.control.engine.Precision;
import dev.bellman.control.pi.ControlResult;
import dev.bellman.control.pi.PolicyIterationConfig;
import dev.bellman.control.pi.PolicyIterationListener;
import dev.bellman.control.pi.PolicyIterationRun;
import dev.bellman.control.pi.ReferenceCase;
import dev.bellman.control.reference.LqrParameters;
import dev.bellman.control.reference.MertonParameters;
import dev.bellman.control.reference.SharedFolder;
import dev.bellman.control.run.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The policy-iteration accuracy and speed suite of issue 3 (DESIGN.md §1.3 targets), one JVM per thread
 * count (run it through {@link dev.bellman.benchmarks.ChildJvm}): scalar LQR, Merton, the coupled
 * open-loop unstable LQR d = 10 ({@code lqr_matrix[2]} of the shared values.json) and decoupled LQR
 * d = 100 with Hutchinson traces, each with the tuned defaults of {@link PolicyIterationConfig#forCase};
 * then the PyTorch peer {@code torch_pi_lqr.py} on the scalar LQR for time-to-2 %. Prints one line
 * {@code RESULT {json}}.
 *
 * <p>Usage: {@code ControlSuite THREADS [--quick] [--no-peer] [--cases lqr,merton,lqr10,lqr100]}.
 */
public final class ControlSuite {
    private static final Pattern PEER_LINE = Pattern.compile("it\\s+(\\d+) t=\\s*([0-9.]+)s.*V relL2\\s+([0-9.]+)%");

    private ControlSuite() {}

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        boolean quick = List.of(args).contains("--quick");
        boolean peer = !List.of(args).contains("--no-peer");
        List<String> cases = List.of("lqr", "merton", "lqr10", "lqr100");
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--cases")) {
                cases = List.of(args[i + 1].split(","));
            }
        }
        BellmanEngine engine = BellmanEngine.start(new EngineConfig(0L, threads, Precision.FLOAT64, DeviceKind.CPU));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("threads", threads);
        List<Object> rows = new ArrayList<>();
        for (String c : cases) {
            ReferenceCase reference = switch (c) {
                case "lqr" -> ReferenceCase.lqr(LqrParameters.reference());
                case "merton" -> ReferenceCase.merton(MertonParameters.reference());
                case "lqr10" -> ReferenceCase.lqr(lqrMatrix2());
                case "lqr100" -> ReferenceCase.lqr(LqrParameters.decoupled(100));
                default -> throw new IllegalArgumentException("unknown case " + c);
            };
            PolicyIterationConfig cfg = PolicyIterationConfig.forCase(reference);
            if (quick) {
                cfg = cfg.withIterations(Math.max(2, cfg.iterations() / 2));
            }
            long t0 = System.nanoTime();
            try (NDManager m = engine.newManager();
                    PolicyIterationRun.Outcome o = PolicyIterationRun.run(reference, cfg, m, PolicyIterationListener.none())) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("case", c);
                row.put("result", o.result());
                row.put("total_s_with_scoring", (System.nanoTime() - t0) / 1e9);
                row.put("history", o.history());
                rows.add(row);
                System.err.println(c + ": " + Json.write(o.result()).replaceAll("\\s+", " ").replaceAll("\"K_hat\" : \\[.*?\\] \\],", ""));
            }
        }
        out.put("cases", rows);
        if (peer) {
            out.put("peer_torch_pi_lqr", runPeer(threads));
        }
        System.out.println("RESULT " + Json.write(out).replaceAll("\\s*\\n\\s*", " "));
    }

    /** The coupled d = 10 problem lqr_matrix[2] of the shared values.json. */
    static LqrParameters lqrMatrix2() throws Exception {
        Path values = SharedFolder.referenceValues();
        JsonNode m = Json.mapper().readTree(values.toFile()).get("lqr_matrix").get(2);
        return new LqrParameters(matrix(m.get("A")), matrix(m.get("B")), matrix(m.get("Q")), matrix(m.get("R")),
                matrix(m.get("D")), m.get("rho").asDouble());
    }

    private static double[][] matrix(JsonNode n) {
        double[][] a = new double[n.size()][];
        for (int i = 0; i < n.size(); i++) {
            a[i] = new double[n.get(i).size()];
            for (int j = 0; j < a[i].length; j++) {
                a[i][j] = n.get(i).get(j).asDouble();
            }
        }
        return a;
    }

    /** Runs torch_pi_lqr.py and parses its per-iteration wall times and V errors; the first time below 2 %. */
    public static Map<String, Object> runPeer(int threads) {
        Map<String, Object> r = new LinkedHashMap<>();
        List<String> why = new ArrayList<>();
        Optional<PythonPeer> peer = PythonPeer.find(SharedFolder.resolve(), why);
        if (peer.isEmpty()) {
            r.put("skipped", why);
            return r;
        }
        try {
            String text = peer.get().run("torch_pi_lqr.py", 1800, Integer.toString(threads));
            List<double[]> its = new ArrayList<>();
            Double t2 = null;
            for (String line : text.split("\\R")) {
                Matcher mt = PEER_LINE.matcher(line);
                if (mt.find()) {
                    double t = Double.parseDouble(mt.group(2));
                    double err = Double.parseDouble(mt.group(3)) / 100;
                    its.add(new double[] {Integer.parseInt(mt.group(1)), t, err});
                    if (t2 == null && err < 0.02) {
                        t2 = t;
                    }
                }
            }
            r.put("iterations", its);
            r.put("time_to_2pct_s", t2);
        } catch (Exception e) {
            r.put("error", e.getMessage());
        }
        return r;
    }
}
