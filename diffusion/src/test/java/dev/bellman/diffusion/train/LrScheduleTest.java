package dev.bellman.diffusion.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bellman.control.BadInputException;
import dev.bellman.control.optim.LearningRateSchedule;
import dev.bellman.control.run.Json;
import org.junit.jupiter.api.Test;

/**
 * {@link LrSchedule}: the cosine decay's closed-form points, the constant rate, parsing, and the
 * configuration field (stored in checkpoints; old checkpoints without it read as constant).
 */
class LrScheduleTest {

    @Test
    void cosineWarmsUpThenFallsToZeroAtTheLastStep() {
        LearningRateSchedule s = LrSchedule.COSINE.create(1e-3, 100, 1100);
        assertThat(s.at(50)).isCloseTo(5e-4, within(1e-15)); // linear warm-up
        assertThat(s.at(100)).isCloseTo(1e-3, within(1e-15));
        assertThat(s.at(350)).isCloseTo(1e-3 * 0.5 * (1 + Math.cos(Math.PI / 4)), within(1e-15));
        assertThat(s.at(600)).isCloseTo(5e-4, within(1e-15)); // half-way: cos(π/2) = 0
        assertThat(s.at(1100)).isCloseTo(0.0, within(1e-18));
        for (long k = 100; k < 1100; k++) {
            assertThat(s.at(k + 1)).isLessThanOrEqualTo(s.at(k));
        }
        LearningRateSchedule c = LrSchedule.CONSTANT.create(1e-3, 100, 1100);
        assertThat(c.at(50)).isCloseTo(5e-4, within(1e-15));
        assertThat(c.at(1100)).isEqualTo(1e-3);
    }

    @Test
    void parsesItsLabelsAndRefusesOthers() {
        assertThat(LrSchedule.parse(" Cosine ")).isEqualTo(LrSchedule.COSINE);
        assertThat(LrSchedule.parse("constant")).isEqualTo(LrSchedule.CONSTANT);
        assertThatThrownBy(() -> LrSchedule.parse("linear")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("constant, cosine");
    }

    @Test
    void configurationKeepsTheScheduleAndOldCheckpointsReadAsConstant() throws Exception {
        TrainConfig cosine = DivergencePolicyTest.defaultRun(2000).withLrSchedule(LrSchedule.COSINE);
        assertThat(cosine.learningRates().at(2000)).isCloseTo(0.0, within(1e-18));
        byte[] json = Json.mapper().writeValueAsBytes(cosine);
        assertThat(Json.mapper().readValue(json, TrainConfig.class)).isEqualTo(cosine);
        ObjectNode old = (ObjectNode) Json.mapper().readTree(json);
        assertThat(old.remove("lrSchedule")).isNotNull();
        TrainConfig read = Json.mapper().treeToValue(old, TrainConfig.class);
        assertThat(read.lrSchedule()).isEqualTo(LrSchedule.CONSTANT);
        assertThat(read.learningRates().at(2000)).isEqualTo(1e-3);
        assertThat(DivergencePolicyTest.defaultRun(10).lrSchedule()).isEqualTo(LrSchedule.CONSTANT);
    }
}
