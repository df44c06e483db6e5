package dev.bellman.benchmarks.diffusion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bellman.diffusion.gap.ReverseTimeGrid;
import dev.bellman.diffusion.sde.VpSde;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A reduced IdentityCheck: the anisotropic 5-D mixture, n = 4,000 paths, 100 and 200 steps, under a
 * gentler VP (β_max = 5, so that Euler's bias stays below the Monte Carlo error at these step
 * counts; the full benchmark uses β_max = 20). At 2N steps |E[J] − E[V] − G| ≤ 4 SE for u*, 0.7u*
 * and u* + 0.5, and the control variate's Euler-bias estimate agrees with the plain residual at a
 * fraction of its standard error.
 */
class IdentityCheckTest {

    @Test
    void identityHoldsOnTheFiveDimensionalMixture() {
        IdentityCheck.Config config = new IdentityCheck.Config(100, 0.02, 0, 0, ReverseTimeGrid.uniform(), 4000,
                new VpSde(0.1, 5.0, 1.0, 1e-3));
        List<IdentityCheck.Row> rows = IdentityCheck.run(config, Map.of("aniso5d", IdentityCheck.anisotropic5d()),
                System.out::println);
        assertThat(rows).hasSize(3);
        for (IdentityCheck.Row r : rows) {
            assertThat(Math.abs(r.residualFine())).as(r.control()).isLessThanOrEqualTo(4 * r.residualFineSe());
            // the control variate's bias estimate: the same expectation, a fraction of the standard error
            assertThat(Math.abs(r.biasFine() - r.residualFine())).as(r.control()).isLessThanOrEqualTo(4 * r.residualFineSe());
            assertThat(r.biasFineSe()).as(r.control()).isLessThan(0.5 * r.residualFineSe());
        }
    }
}
