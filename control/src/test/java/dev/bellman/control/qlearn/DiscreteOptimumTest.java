package dev.bellman.control.qlearn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bellman.control.reference.LqrParameters;
import dev.bellman.control.reference.ReferenceValues;
import dev.bellman.control.riccati.DiscretisedLqr;
import dev.bellman.control.riccati.TimeDiscretisation;
import org.junit.jupiter.api.Test;

/**
 * The optimum of the problem the Euler simulator poses (the reference for K_rel_err_discrete) against
 * values.json's lqr_scalar_discrete_euler, read through SharedFolder (fails when the folder is missing).
 */
class DiscreteOptimumTest {

    @Test
    void discreteGainMatchesSharedReferenceAtEachDt() {
        JsonNode optima = ReferenceValues.get("lqr_scalar_discrete_euler").get("optima");
        assertThat(optima.size()).isGreaterThanOrEqualTo(3);
        LqrParameters p = LqrParameters.reference();
        for (JsonNode o : optima) {
            double dt = o.get("dt").asDouble();
            double[][] k = QLearningExperiment.discreteGain(p, dt, TimeDiscretisation.EULER_RECTANGLE);
            assertThat(k[0][0]).as("K at dt %s", dt).isCloseTo(o.get("K_discrete").asDouble(), within(1e-9));
            double pd = DiscretisedLqr.solve(p.A(), p.B(), p.Q(), p.R(), p.D(), p.rho(), dt, TimeDiscretisation.EULER_RECTANGLE).P()[0][0];
            assertThat(pd).as("P at dt %s", dt).isCloseTo(o.get("P_discrete").asDouble(), within(1e-9));
        }
    }

    @Test
    void richardsonCombinationOfDiscreteGainsIsCloserToTheContinuousGain() {
        LqrParameters p = LqrParameters.reference();
        double k = p.rho() > 0 ? dev.bellman.control.reference.LqrSolution.of(p).K()[0][0] : 0;
        double h = 0.01;
        double coarse = QLearningExperiment.discreteGain(p, h, TimeDiscretisation.EULER_RECTANGLE)[0][0];
        double fine = QLearningExperiment.discreteGain(p, h / 2, TimeDiscretisation.EULER_RECTANGLE)[0][0];
        double combined = QLearningExperiment.combine(new double[][] {{fine}}, new double[][] {{coarse}})[0][0];
        // O(Δt) bias of about 1.6 % at Δt = 0.01 (DESIGN.md §1.2), O(Δt²) after combining.
        assertThat(Math.abs(coarse - k) / k).isGreaterThan(0.01);
        assertThat(Math.abs(combined - k) / k).isLessThan(0.001);
    }
}
