package dev.bellman.samplers.ode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.engine.BellmanEngine;
import org.junit.jupiter.api.Test;

/** The two step-acceptance norms against hand computation. */
class ErrorNormTest {

    @Test
    void batchRmsAveragesEveryEntryAndWorstRowTakesTheLargestRowRms() {
        try (NDManager m = BellmanEngine.current().newManager()) {
            // Rows: (3, 4) → row mean square 12.5; (0, 0) → 0; (1, 1) → 1.
            NDArray e = m.create(new double[] {3, 4, 0, 0, 1, 1}, new Shape(3, 2));
            assertThat(ErrorNorm.BATCH_RMS.of(e)).isCloseTo(Math.sqrt((9 + 16 + 1 + 1) / 6.0), within(1e-15));
            assertThat(ErrorNorm.WORST_ROW.of(e)).isCloseTo(Math.sqrt(12.5), within(1e-15));
        }
    }

    @Test
    void theNormsAgreeOnASingleRowAndWorstRowNeverFallsBelowTheBatch() {
        try (NDManager m = BellmanEngine.current().newManager()) {
            NDArray one = m.create(new double[] {0.5, -2, 7}, new Shape(1, 3));
            assertThat(ErrorNorm.WORST_ROW.of(one)).isEqualTo(ErrorNorm.BATCH_RMS.of(one));
            NDArray many = m.randomNormal(new Shape(50, 4)).toType(ai.djl.ndarray.types.DataType.FLOAT64, false);
            assertThat(ErrorNorm.WORST_ROW.of(many)).isGreaterThanOrEqualTo(ErrorNorm.BATCH_RMS.of(many));
        }
    }
}
