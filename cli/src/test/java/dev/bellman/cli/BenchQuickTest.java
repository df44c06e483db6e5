package dev.bellman.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bellman.control.run.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bellman bench --quick --json} runs the harness end to end (every suite that has landed, in
 * child JVMs) and prints exactly one JSON object in the layout of DESIGN.md §4; bench.md and
 * bench.json land in the run directory.
 */
class BenchQuickTest {

    @Test
    void quickBenchPrintsOneParsableReport(@TempDir Path dir) throws Exception {
        PrintStream saved = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            code = Main.run("bench", "--quick", "--json", "--out", dir.resolve("bench").toString());
        } finally {
            System.setOut(saved);
        }
        assertThat(code).isZero();
        JsonNode report = Json.mapper().readTree(buf.toString(StandardCharsets.UTF_8));
        assertThat(report.has("machine")).isTrue();
        assertThat(report.get("rows").isArray()).isTrue();
        assertThat(report.get("rows").size()).isPositive();
        for (JsonNode row : report.get("rows")) {
            for (String key : new String[] {"name", "value", "unit", "peer_value", "ratio", "runs", "spread"}) {
                assertThat(row.has(key)).as("row %s has %s", row.get("name"), key).isTrue();
            }
            assertThat(row.get("value").isNumber()).as("row %s measured", row.get("name")).isTrue();
        }
        assertThat(Files.readString(dir.resolve("bench/bench.md"))).contains("| benchmark |");
        assertThat(Json.mapper().readTree(dir.resolve("bench/result.json").toFile()).get("rows").size())
                .isEqualTo(report.get("rows").size());
    }
}
