package dev.bellman.control.problemfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.bellman.control.BadInputException;
import dev.bellman.control.reference.LqrFiniteParameters;
import dev.bellman.control.reference.LqrParameters;
import dev.bellman.control.reference.LqrSolution;
import dev.bellman.control.reference.MertonParameters;
import dev.bellman.control.reference.ReferenceValues;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProblemFileTest {
    @TempDir
    Path dir;

    /** lqr_matrix[2] (d = 10) from values.json as a problem file, keeping only the problem keys. */
    private ObjectNode benchmarkProblem() {
        JsonNode p = ReferenceValues.get("lqr_matrix").get(2);
        ObjectNode o = new ObjectMapper().createObjectNode();
        for (String k : List.of("A", "B", "Q", "R", "D", "rho")) {
            o.set(k, p.get(k));
        }
        return o;
    }

    @Test
    void benchmarkProblemReadsFromYamlAndJsonAndSolvesToValuesJson() throws Exception {
        JsonNode expected = ReferenceValues.get("lqr_matrix").get(2);
        Path yaml = dir.resolve("lqr10.yaml");
        Files.writeString(yaml, new YAMLMapper().writeValueAsString(benchmarkProblem()));
        Path json = dir.resolve("lqr10.json");
        Files.writeString(json, new ObjectMapper().writeValueAsString(benchmarkProblem()));
        Path sniffed = dir.resolve("lqr10.problem");
        Files.writeString(sniffed, new ObjectMapper().writeValueAsString(benchmarkProblem()));
        LqrParameters fromYaml = ProblemFile.lqr(yaml);
        assertThat(ProblemFile.lqr(json)).isEqualTo(fromYaml);
        assertThat(ProblemFile.lqr(sniffed)).isEqualTo(fromYaml);
        assertThat(fromYaml.stateDimension()).isEqualTo(10);
        assertThat(fromYaml.actionDimension()).isEqualTo(4);
        LqrSolution s = LqrSolution.of(fromYaml);
        double[][] p = ReferenceValues.matrix(expected.get("P"));
        for (int i = 0; i < 10; i++) {
            for (int j = 0; j < 10; j++) {
                assertThat(s.P()[i][j]).isCloseTo(p[i][j], within(1e-8));
            }
        }
        assertThat(s.c()).isCloseTo(expected.get("c").asDouble(), within(1e-8));
    }

    @Test
    void lqrFiniteAndMertonFilesRead() throws Exception {
        Path f = dir.resolve("finite.yml");
        Files.writeString(f, "A: -0.5\nB: 1\nQ: 1\nR: 0.1\nD: 0.3\nrho: 0.1\nQ_T: [[1]]\nT: 2\n");
        LqrFiniteParameters lf = ProblemFile.lqrFinite(f);
        assertThat(lf.dynamics()).isEqualTo(LqrParameters.reference());
        assertThat(lf.T()).isEqualTo(2.0);
        Path m = dir.resolve("merton.json");
        Files.writeString(m, "{\"mu\": [0.08, 0.06], \"C\": [[0.04, 0.01], [0.01, 0.09]], \"r_f\": 0.03, \"gamma\": 2, \"rho\": 0.05}");
        MertonParameters mp = ProblemFile.merton(m);
        assertThat(mp.assets()).isEqualTo(2);
        assertThat(mp.C()[1][0]).isEqualTo(0.01);
    }

    @Test
    void badFilesAreRefusedNamingTheFileAndTheProblem() throws Exception {
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"A\": [[1, 2]");
        assertThatThrownBy(() -> ProblemFile.lqr(broken)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(broken.toString()).hasMessageContaining("malformed JSON");
        Path typo = dir.resolve("typo.yaml");
        Files.writeString(typo, "A: 1\nB: 1\nQ: 1\nR: 1\nD: 1\nrh0: 0.1\n");
        assertThatThrownBy(() -> ProblemFile.lqr(typo)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("typo.yaml").hasMessageContaining("unknown key(s) [rh0]");
        Path missing = dir.resolve("missing.yaml");
        Files.writeString(missing, "A: 1\nB: 1\nQ: 1\nR: 1\nD: 1\n");
        assertThatThrownBy(() -> ProblemFile.lqr(missing)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("key rho is missing");
        Path invalid = dir.resolve("invalid.yaml");
        Files.writeString(invalid, "A: 1\nB: 1\nQ: 1\nR: -1\nD: 1\nrho: 0.1\n");
        assertThatThrownBy(() -> ProblemFile.lqr(invalid)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("invalid.yaml (lqr)").hasMessageContaining("R must be symmetric positive definite");
        assertThatThrownBy(() -> ProblemFile.lqr(dir.resolve("absent.yaml"))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("cannot be read");
    }

    @Test
    void overridesApplyAndRefuseUnknownKeysAndNonNumbers() {
        LqrParameters p = ParameterOverrides.lqr(3, List.of("alpha=0.2", "rho=0.5", "alpha=-0.7"));
        assertThat(p.A()[2][2]).isEqualTo(-0.7);
        assertThat(p.rho()).isEqualTo(0.5);
        assertThat(ParameterOverrides.lqr(1, List.of())).isEqualTo(LqrParameters.reference());
        assertThatThrownBy(() -> ParameterOverrides.lqr(1, List.of("gamma=2"))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("--set gamma: unknown parameter for problem lqr");
        assertThatThrownBy(() -> ParameterOverrides.lqr(1, List.of("sigma=abc"))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("--set sigma: 'abc' is not a number");
        assertThatThrownBy(() -> ParameterOverrides.lqr(1, List.of("sigma"))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("key=value");
        assertThat(ParameterOverrides.merton(List.of("gamma=3")).gamma()).isEqualTo(3.0);
        assertThatThrownBy(() -> ParameterOverrides.merton(List.of("rho=NaN"))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("--set rho");
        assertThat(ParameterOverrides.hjbLq(10, List.of("lambda=2")).lambda()).isEqualTo(2.0);
        assertThatThrownBy(() -> ParameterOverrides.hjbLq(10, List.of("alpha=2"))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("--set alpha");
        assertThat(ParameterOverrides.lqrFinite(2, List.of("T=3", "q_T=0")).T()).isEqualTo(3.0);
        assertThat(ParameterOverrides.mertonFinite(List.of()).problem().rho()).isZero();
        assertThatThrownBy(() -> ParameterOverrides.lqr(LqrParameters.reference(), List.of("alpha=1")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("--set alpha");
        assertThat(ParameterOverrides.lqr(LqrParameters.reference(), List.of("rho=0.2")).rho()).isEqualTo(0.2);
    }
}
