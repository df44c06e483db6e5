package dev.bellman.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/** {@code bellman control pi}: the JSON contract of DESIGN.md §4, run-directory files, and one-line refusals. */
class ControlPiCommandTest {
    private static final List<String> KEYS = List.of("problem", "dim", "V_rel_l2", "action_rel_l2", "hjb_residual", "K_hat",
            "K_rel_err", "pi_hat", "k_hat", "pi_rel_err", "k_rel_err", "iterations", "wall_s", "time_to_2pct_s", "horizon");

    private record Outcome(int code, String out, String err) {}

    private static Outcome run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = cl.execute(args);
        } finally {
            System.setOut(old);
        }
        return new Outcome(code, buf.toString(StandardCharsets.UTF_8), err.toString());
    }

    @Test
    void lqrJsonHasEveryKeyAndTheRunDirectoryHasHistoryAndPlots(@TempDir Path dir) throws Exception {
        Outcome o = run("control", "pi", "--problem", "lqr", "--iterations", "2", "--json", "--threads", "1", "--out", dir.toString());
        assertThat(o.code()).as(o.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(o.out());
        for (String k : KEYS) {
            assertThat(j.has(k)).as(k).isTrue();
        }
        assertThat(j.get("problem").asText()).isEqualTo("lqr");
        assertThat(j.get("K_hat").get(0).get(0).asDouble()).isPositive();
        assertThat(j.get("pi_hat").isNull()).isTrue();
        assertThat(j.get("horizon").isNull()).isTrue();
        assertThat(Files.readAllLines(dir.resolve("history.csv"))).hasSize(3);
        for (String png : List.of("value.png", "policy.png", "trajectories.png", "cumulative_reward.png", "convergence.png")) {
            assertThat(dir.resolve(png)).isRegularFile();
        }
    }

    private static final List<String> FINITE_KEYS = List.of("problem", "dim", "horizon", "V_rel_l2", "action_rel_l2",
            "hjb_residual", "iterations", "wall_s", "time_to_2pct_s", "K_hat", "K_rel_err", "pi_hat", "pi_rel_err", "u0",
            "u0_exact", "u0_rel_err", "u0_uncontrolled", "off_origin_rel_err", "history");

    @Test
    void lqrFiniteJsonHasEveryKeyAndHistory(@TempDir Path dir) throws Exception {
        Outcome o = run("control", "pi", "--problem", "lqr-finite", "--horizon", "0.5", "--iterations", "2", "--json",
                "--threads", "1", "--out", dir.toString());
        assertThat(o.code()).as(o.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(o.out());
        for (String k : FINITE_KEYS) {
            assertThat(j.has(k)).as(k).isTrue();
        }
        assertThat(j.get("problem").asText()).isEqualTo("lqr-finite");
        assertThat(j.get("horizon").asDouble()).isEqualTo(0.5);
        assertThat(j.get("iterations").asInt()).isEqualTo(2);
        assertThat(j.get("K_hat").get(0).get(0).asDouble()).isPositive();
        assertThat(j.get("u0").isNull()).isTrue();
        assertThat(j.get("pi_hat").isNull()).isTrue();
        assertThat(Files.readAllLines(dir.resolve("history.csv"))).hasSize(3);
        for (String png : List.of("trajectories.png", "convergence.png")) {
            assertThat(dir.resolve(png)).isRegularFile();
        }
    }

    @Test
    void hjbLqJsonReportsTheValueAtTheOriginAndOffIt(@TempDir Path dir) throws Exception {
        Outcome o = run("control", "pi", "--problem", "hjb-lq", "--dim", "3", "--iterations", "2", "--json", "--threads", "1",
                "--out", dir.toString());
        assertThat(o.code()).as(o.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(o.out());
        for (String k : FINITE_KEYS) {
            assertThat(j.has(k)).as(k).isTrue();
        }
        assertThat(j.get("problem").asText()).isEqualTo("hjb-lq");
        assertThat(j.get("dim").asInt()).isEqualTo(3);
        assertThat(j.get("horizon").asDouble()).isEqualTo(1.0);
        assertThat(j.get("u0_rel_err").asDouble()).isLessThan(0.005);
        assertThat(j.get("off_origin_rel_err").asDouble()).isLessThan(0.01);
        assertThat(j.get("u0_uncontrolled").asDouble()).isGreaterThan(j.get("u0_exact").asDouble());
        assertThat(j.get("K_hat").isNull()).isTrue();
        assertThat(Files.readString(dir.resolve("history.csv"))).contains("least-squares");
    }

    @Test
    void finiteHorizonRefusalsExitTwo(@TempDir Path dir) {
        Outcome h = run("control", "pi", "--problem", "lqr-finite", "--horizon", "-1", "--out", dir.toString());
        assertThat(h.code()).isEqualTo(2);
        assertThat(h.err().strip().lines()).hasSize(1);
        Outcome m = run("control", "pi", "--problem", "merton-finite", "--dim", "2", "--out", dir.resolve("m").toString());
        assertThat(m.code()).isEqualTo(2);
        assertThat(m.err()).contains("--dim");
    }

    @Test
    void mertonWithInfiniteValueExitsTwoWithOneLine(@TempDir Path dir) {
        Outcome o = run("control", "pi", "--problem", "merton", "--set", "gamma=0.5", "--set", "rho=0.001", "--out", dir.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err().strip().lines()).hasSize(1);
        assertThat(o.err()).contains("infinite").doesNotContain("\tat ");
    }

    @Test
    void unknownSetKeyAndUnstabilisableLqrExitTwo(@TempDir Path dir) throws Exception {
        Outcome bad = run("control", "pi", "--problem", "lqr", "--set", "bogus=1", "--out", dir.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err().strip().lines()).hasSize(1);
        assertThat(bad.err()).contains("bogus");
        Path file = dir.resolve("unstab.yaml");
        Files.writeString(file, "A: [[0.5]]\nB: [[0.0]]\nQ: [[1]]\nR: [[0.1]]\nD: [[0.3]]\nrho: 0.1\n");
        Outcome u = run("control", "pi", "--problem", "lqr", "--problem-file", file.toString(), "--out", dir.resolve("o").toString());
        assertThat(u.code()).isEqualTo(2);
        assertThat(u.err().strip().lines()).hasSize(1);
    }
}
