package dev.bellman.control.riccati;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bellman.control.BadInputException;
import dev.bellman.control.reference.ReferenceValues;
import org.junit.jupiter.api.Test;

class StabilisingGainTest {
    @Test
    void zeroPolicyIsAdmissibleForTheStableProblemAndOpenLoopUnstableOnesGetAStabilisingGain() {
        JsonNode problems = ReferenceValues.get("lqr_matrix");
        for (JsonNode p : problems) {
            double[][] a = ReferenceValues.matrix(p.get("A"));
            double[][] b = ReferenceValues.matrix(p.get("B"));
            double rho = p.get("rho").asDouble();
            StabilisingGain g = StabilisingGain.find(a, b, ReferenceValues.matrix(p.get("R")), rho);
            boolean openLoopStable = p.get("open_loop_max_real_eig").asDouble() - rho / 2 < 0;
            assertThat(g.zeroPolicyAdmissible()).isEqualTo(openLoopStable);
            assertThat(g.closedLoopMaxRealEig()).isNegative();
            // independent check of admissibility
            double abscissa = Matrices.maxRealEigenvalue(Matrices.shift(
                    Matrices.matrix(a).subtract(Matrices.matrix(b).multiply(Matrices.matrix(g.K0()))), rho / 2));
            assertThat(abscissa).isNegative();
            if (!openLoopStable) {
                // a start, not the answer: far from the optimal gain
                double[][] k = ReferenceValues.matrix(p.get("K"));
                double rel = Matrices.matrix(g.K0()).subtract(Matrices.matrix(k)).getFrobeniusNorm() / Matrices.frobenius(k);
                assertThat(rel).isGreaterThan(0.2);
            }
        }
    }

    @Test
    void noAdmissiblePolicyIsRefused() {
        assertThatThrownBy(() -> StabilisingGain.find(new double[][] {{0.5, 0}, {0, -1}}, new double[][] {{0}, {1}},
                new double[][] {{1}}, 0.1))
                .isInstanceOf(BadInputException.class).hasMessageContaining("no admissible policy");
    }

    @Test
    void userGainIsChecked() {
        double[][] a = {{1}};
        double[][] b = {{1}};
        assertThat(StabilisingGain.check(a, b, new double[][] {{2}}, 0.1).closedLoopMaxRealEig()).isNegative();
        assertThatThrownBy(() -> StabilisingGain.check(a, b, new double[][] {{0.5}}, 0.1))
                .isInstanceOf(BadInputException.class).hasMessageContaining("not admissible");
    }
}
