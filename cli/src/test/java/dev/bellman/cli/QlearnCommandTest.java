package dev.bellman.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bellman.control.BadInputException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code bellman control qlearn}: the --json contract, bad input, and transitions files. */
class QlearnCommandTest {
    static final List<String> KEYS = List.of("problem", "dim", "V_rel_l2", "action_rel_l2", "hjb_residual", "K_hat", "K_rel_err",
            "pi_hat", "k_hat", "pi_rel_err", "k_rel_err", "iterations", "wall_s", "time_to_2pct_s", "horizon", "K_rel_err_discrete", "dt",
            "transitions");

    private record Outcome(int code, String out, String err) {}

    private static synchronized Outcome run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        PrintStream saved = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            int code = cl.execute(args);
            return new Outcome(code, buf.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(saved);
        }
    }

    @Test
    void jsonOutputParsesAndHasEveryKey(@TempDir Path tmp) throws Exception {
        Outcome o = run("control", "qlearn", "--problem", "lqr", "--dt", "0.1", "--steps", "40", "--json", "--threads", "1",
                "--dtype", "float64", "--out", tmp.resolve("run").toString());
        assertThat(o.code()).as(o.err()).isZero();
        JsonNode n = new ObjectMapper().readTree(o.out());
        for (String k : KEYS) {
            assertThat(n.has(k)).as("key %s in %s", k, o.out()).isTrue();
        }
        assertThat(n.get("problem").asText()).isEqualTo("lqr");
        assertThat(n.get("dt").asDouble()).isEqualTo(0.1);
        assertThat(n.get("iterations").asLong()).isEqualTo(40);
        assertThat(n.get("transitions").asLong()).isPositive();
        assertThat(n.get("K_hat").isArray()).isTrue();
        assertThat(n.get("K_rel_err_discrete").isNumber()).isTrue();
        assertThat(n.get("horizon").isNull()).isTrue();
        assertThat(Files.exists(tmp.resolve("run").resolve("result.json"))).isTrue();
        try (var files = Files.list(tmp.resolve("run"))) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".png")).count()).as("trajectory plots").isPositive();
        }
    }

    @Test
    void offlineRunFromCsvReportsItsTransitions(@TempDir Path tmp) throws Exception {
        Path csv = tmp.resolve("log.csv");
        StringBuilder sb = new StringBuilder("x,a,r,x_next,dt\n");
        java.util.SplittableRandom rng = new java.util.SplittableRandom(1);
        for (int i = 0; i < 500; i++) {
            double x = rng.nextDouble(-3, 3);
            double a = 2 * rng.nextGaussian();
            double r = -0.5 * (x * x + 0.1 * a * a);
            double next = x + (-0.5 * x + a) * 0.1 + 0.3 * Math.sqrt(0.1) * rng.nextGaussian();
            sb.append(x).append(',').append(a).append(',').append(r).append(',').append(next).append(",0.1\n");
        }
        Files.writeString(csv, sb.toString());
        Outcome o = run("control", "qlearn", "--problem", "lqr", "--transitions", csv.toString(), "--steps", "20", "--json", "--threads", "1",
                "--out", tmp.resolve("run").toString());
        assertThat(o.code()).as(o.err()).isZero();
        JsonNode n = new ObjectMapper().readTree(o.out());
        assertThat(n.get("transitions").asLong()).isEqualTo(500);
        assertThat(n.get("dt").asDouble()).isEqualTo(0.1);
    }

    @Test
    void badInputExitsTwoWithOneLine(@TempDir Path tmp) {
        for (String[] args : new String[][] {
            {"control", "qlearn", "--problem", "lqr", "--dt", "0"},
            {"control", "qlearn", "--problem", "lqr", "--dt", "-0.1"},
            {"control", "qlearn", "--problem", "lqr", "--steps", "0"},
            {"control", "qlearn", "--problem", "pendulum"},
            {"control", "qlearn", "--problem", "lqr", "--architecture", "quadratic"},
            {"control", "qlearn", "--problem", "lqr", "--transitions", tmp.resolve("missing.csv").toString()},
        }) {
            Outcome o = run(withOut(args, tmp));
            assertThat(o.code()).as(String.join(" ", args) + ": " + o.err()).isEqualTo(2);
            assertThat(o.err().strip().lines()).hasSize(1);
        }
    }

    @Test
    void transitionsFileErrorsAreBadInputNamingTheFile(@TempDir Path tmp) throws Exception {
        Path wrongColumns = tmp.resolve("wrong.csv");
        Files.writeString(wrongColumns, "1,2,3,4\n5,6,7,8\n");
        assertThatThrownBy(() -> QlearnTransitionsFile.read(wrongColumns, 1, 1)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(wrongColumns.toString()).hasMessageContaining("columns");
        Path nan = tmp.resolve("nan.csv");
        Files.writeString(nan, "1,2,3,4,0.1\n1,NaN,3,4,0.1\n");
        assertThatThrownBy(() -> QlearnTransitionsFile.read(nan, 1, 1)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(nan.toString());
        Path zeroDt = tmp.resolve("dt.csv");
        Files.writeString(zeroDt, "1,2,3,4,0.1\n1,2,3,4,0\n");
        assertThatThrownBy(() -> QlearnTransitionsFile.read(zeroDt, 1, 1)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(zeroDt.toString()).hasMessageContaining("dt");
        Path merton = tmp.resolve("merton.csv");
        Files.writeString(merton, "1,2,3,4,0.1\n");
        // merton has two actions (π, k): 6 columns
        assertThatThrownBy(() -> QlearnTransitionsFile.read(merton, 1, 2)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(merton.toString()).hasMessageContaining("6");
        Path other = tmp.resolve("log.txt");
        Files.writeString(other, "1,2,3,4,0.1\n");
        assertThatThrownBy(() -> QlearnTransitionsFile.read(other, 1, 1)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(other.toString());
        Path npy = tmp.resolve("bad.npy");
        Files.writeString(npy, "not numpy");
        assertThatThrownBy(() -> QlearnTransitionsFile.read(npy, 1, 1)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(npy.toString());
    }

    private static String[] withOut(String[] args, Path tmp) {
        String[] out = java.util.Arrays.copyOf(args, args.length + 4);
        out[args.length] = "--out";
        out[args.length + 1] = tmp.resolve("r" + System.nanoTime()).toString();
        out[args.length + 2] = "--threads";
        out[args.length + 3] = "1";
        return out;
    }
}
