package dev.bellman.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bellman.control.field.DivergenceMode;
import dev.bellman.control.field.VectorField;
import dev.bellman.data.DataSpec;
import dev.bellman.diffusion.ControlModel;
import dev.bellman.diffusion.sde.ForwardSde;
import dev.bellman.diffusion.sde.VpSde;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code bellman sample} and {@code eval}: bad values are one-line usage errors; the JSON keys of DESIGN.md §4. */
class SampleCommandTest {
    @TempDir
    Path tmp;

    private record Outcome(int code, String out, String err) {}

    private static Outcome run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            int code = cl.execute(args);
            return new Outcome(code, buf.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(old);
        }
    }

    @AfterEach
    void reset() {
        ModelLoader.install(ModelLoader.TRAINED);
    }

    /** Data N(0, ¼I) under VP: p_t = N(0, v I), v = m²/4 + s², u* = −g x / v. */
    static ControlModel gaussianModel() {
        ForwardSde sde = VpSde.defaults();
        return new ControlModel() {
            @Override
            public ForwardSde sde() {
                return sde;
            }

            @Override
            public Shape sampleShape() {
                return new Shape(2);
            }

            @Override
            public VectorField control() {
                return new VectorField() {
                    @Override
                    public int dim() {
                        return 2;
                    }

                    @Override
                    public NDArray value(NDArray t, NDArray x) {
                        NDArray m = sde.meanScale(t);
                        NDArray v = m.square().mul(0.25).add(sde.std(t).square());
                        return x.mul(sde.diffusion(t)).div(v).neg();
                    }

                    @Override
                    public NDArray divergence(NDArray t, NDArray x, DivergenceMode mode) {
                        NDArray m = sde.meanScale(t);
                        NDArray v = m.square().mul(0.25).add(sde.std(t).square());
                        return x.getManager().ones(new Shape(x.getShape().get(0), 1)).mul(sde.diffusion(t).div(v).mul(-2));
                    }
                };
            }
        };
    }

    @Test
    void badValuesAreOneLineUsageErrors() throws Exception {
        Path model = Files.createDirectories(tmp.resolve("model"));
        String[][] bad = {
            {"sample", model.toString(), "--steps", "-5"},
            {"sample", model.toString(), "--eta", "1.5"},
            {"sample", model.toString(), "--sampler", "leapfrog"},
            {"sample", model.toString(), "-o", tmp.resolve("s.txt").toString()},
            {"sample", model.toString(), "--sampler", "pc", "--eta", "0.5"},
            {"sample", model.toString(), "--sampler", "ode-rk45", "--rtol", "0"},
            {"sample", tmp.resolve("missing").toString()},
            {"eval", model.toString(), "--n", "1"},
        };
        for (String[] args : bad) {
            Outcome o = run(args);
            assertThat(o.code()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(o.err().strip().lines()).as(o.err()).hasSize(1);
            assertThat(o.err()).doesNotContain("\tat ");
        }
    }

    @Test
    void sampleWritesCsvAndReportsTheContractKeys() throws Exception {
        Path model = Files.createDirectories(tmp.resolve("model"));
        ModelLoader.install(dir -> new ModelLoader.Loaded(gaussianModel(), DataSpec.parse("8gaussians").open(28)));
        Path csv = tmp.resolve("samples.csv");
        Outcome o = run("sample", model.toString(), "--steps", "100", "--n", "500", "-o", csv.toString(), "--json", "--threads", "1",
                "--out", tmp.resolve("run").toString());
        assertThat(o.code()).as(o.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(o.out());
        assertThat(j.get("n").asInt()).isEqualTo(500);
        assertThat(j.get("steps").asInt()).isEqualTo(100);
        assertThat(j.get("nfe").asLong()).isEqualTo(100);
        assertThat(j.get("sampler").asText()).isEqualTo("em");
        assertThat(j.get("wall_s").asDouble()).isPositive();
        assertThat(j.get("sample_steps_per_s").asDouble()).isPositive();
        assertThat(j.get("output").asText()).isEqualTo(csv.toString());
        assertThat(Files.readAllLines(csv)).hasSize(501);
        Outcome png = run("sample", model.toString(), "--sampler", "ode-rk45", "--n", "200", "-o", tmp.resolve("s.png").toString(),
                "--json", "--threads", "1", "--out", tmp.resolve("run2").toString());
        assertThat(png.code()).as(png.err()).isZero();
        assertThat(Files.size(tmp.resolve("s.png"))).isPositive();
    }

    @Test
    void evalReportsMetricsWithFloorsAndLikelihood() throws Exception {
        Path model = Files.createDirectories(tmp.resolve("model"));
        ModelLoader.install(dir -> new ModelLoader.Loaded(gaussianModel(), DataSpec.parse("8gaussians").open(28)));
        Outcome o = run("eval", model.toString(), "--n", "300", "--json", "--threads", "1", "--out", tmp.resolve("run").toString());
        assertThat(o.code()).as(o.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(o.out());
        for (String key : new String[] {"mmd2", "mmd2_floor", "mmd2_floor_sd", "sw2", "sw2_floor", "energy", "energy_floor", "nll", "entropy", "nfe"}) {
            assertThat(j.get(key).isNumber()).as(key).isTrue();
        }
        assertThat(j.get("bpd").isNull()).isTrue();
        assertThat(j.get("n").asInt()).isEqualTo(300);
        // a single Gaussian is a poor model of 8gaussians: every metric is far above its floor
        assertThat(j.get("mmd2").asDouble()).isGreaterThan(j.get("mmd2_floor").asDouble() + 5 * j.get("mmd2_floor_sd").asDouble());
        assertThat(j.get("sw2").asDouble()).isGreaterThan(2 * j.get("sw2_floor").asDouble());
        assertThat(j.get("nll").asDouble()).isGreaterThan(j.get("entropy").asDouble());
    }
}
