package dev.bellman.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bellman.control.run.Json;
import dev.bellman.data.DataSource;
import dev.bellman.data.DataSpec;
import dev.bellman.diffusion.exact.ExactModel;
import dev.bellman.diffusion.sde.VpSde;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bellman gap} through the model-loader seam: with a fake loader returning the exact model of
 * 8gaussians, {@code --json} prints one object with every key of DESIGN.md §4, the exact control's
 * gap is zero and its identity residual is within 4 standard errors; without a loader the command
 * exits 2 saying model loading is not built.
 */
class GapCommandTest {
    private final PrintStream stdout = System.out;

    @AfterEach
    void restore() {
        System.setOut(stdout);
        GapModelLoader.install(dir -> {
            throw new NotBuiltException("loading a trained model for bellman gap", 6);
        });
    }

    private static String capture(Path out, String... args) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        int code = Main.run(args);
        System.setOut(new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true));
        return code + "\n" + buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void jsonCarriesEveryContractKeyForMixtureData(@TempDir Path tmp) throws Exception {
        DataSource data = DataSpec.parse("8gaussians").open(28);
        ExactModel exact = new ExactModel(VpSde.defaults(), data.exactMixture().orElseThrow());
        GapModelLoader.install(dir -> new GapModelLoader.Loaded(exact, data));
        Path model = Files.createDirectory(tmp.resolve("model"));
        String[] lines = capture(tmp, "gap", model.toString(), "--n", "400", "--steps", "50", "--json", "--dtype", "float64",
                "--threads", "1", "--out", tmp.resolve("run").toString()).split("\n", 2);
        assertThat(lines[0]).isEqualTo("0");
        JsonNode json = Json.mapper().readTree(lines[1]);
        for (String key : new String[] {"gap", "gap_se", "gap_empirical", "J", "J_se", "V", "V_se", "identity_residual",
            "identity_se", "n", "steps"}) {
            assertThat(json.has(key)).as(key).isTrue();
        }
        assertThat(json.get("gap").asDouble()).isEqualTo(0.0);
        assertThat(json.get("gap_empirical").isNull()).isTrue();
        assertThat(json.get("n").asInt()).isEqualTo(400);
        assertThat(json.get("steps").asInt()).isEqualTo(50);
        assertThat(Math.abs(json.get("identity_residual").asDouble())).isLessThanOrEqualTo(4 * json.get("identity_se").asDouble());
        assertThat(Files.exists(tmp.resolve("run").resolve("result.json"))).isTrue();
    }

    @Test
    void withoutALoaderTheCommandSaysSoAndExitsTwo(@TempDir Path tmp) throws Exception {
        Path model = Files.createDirectory(tmp.resolve("model"));
        assertThat(Main.run("gap", model.toString(), "--n", "10", "--out", tmp.resolve("run").toString())).isEqualTo(2);
    }

    @Test
    void badOptionsExitTwoBeforeAnythingRuns(@TempDir Path tmp) throws Exception {
        Path model = Files.createDirectory(tmp.resolve("model"));
        assertThat(Main.run("gap", model.toString(), "--n", "1", "--out", tmp.resolve("a").toString())).isEqualTo(2);
        assertThat(Main.run("gap", model.toString(), "--steps", "0", "--out", tmp.resolve("b").toString())).isEqualTo(2);
        assertThat(Main.run("gap", tmp.resolve("missing").toString(), "--out", tmp.resolve("c").toString())).isEqualTo(2);
    }
}
