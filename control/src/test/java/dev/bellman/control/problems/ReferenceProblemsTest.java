package dev.bellman.control.problems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.engine.BellmanEngine;
import dev.bellman.control.field.ScalarField;
import dev.bellman.control.field.TraceMode;
import dev.bellman.control.generator.Policy;
import dev.bellman.control.hjb.ControlProblem;
import dev.bellman.control.hjb.HjbResidual;
import dev.bellman.control.hjb.HjbResidualReport;
import dev.bellman.control.reference.LqrParameters;
import dev.bellman.control.reference.MertonParameters;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The reference problems in NDArray form are the problems their closed forms solve: the exact value
 * and policy make the core's general HJB residual vanish (a perturbed policy does not), and the
 * fields' derivatives match central finite differences of their values.
 */
class ReferenceProblemsTest {

    private static double residual(ControlProblem problem, ScalarField value, Policy policy, TraceMode mode) {
        try (NDManager m = BellmanEngine.current().newManager()) {
            NDArray x = problem.evaluationStates().sample(0, new SplittableRandom(1), m, DataType.FLOAT64);
            NDArray t = m.zeros(new Shape(x.getShape().get(0), 1), DataType.FLOAT64);
            HjbResidualReport r = HjbResidual.evaluate(problem, value, policy, t, x, mode);
            return r.relative();
        }
    }

    @Test
    void scalarLqrClosedFormSolvesItsHjb() {
        LqrProblem p = new LqrProblem(LqrParameters.reference());
        assertThat(residual(p, p.exactValue(), p.exactPolicy(), TraceMode.EXACT_HESSIAN)).isLessThan(1e-10);
        double[][] k = p.solution().K();
        double[][] wrong = {{k[0][0] * 1.1}};
        assertThat(residual(p, p.exactValue(), LqrProblem.linearPolicy(wrong), TraceMode.EXACT_HESSIAN)).isGreaterThan(1e-3);
    }

    @Test
    void coupledLqrClosedFormSolvesItsHjb() {
        // A coupled, open-loop unstable 3-D problem with two inputs (the shape of lqr_matrix[1]).
        double[][] a = {{-0.502, 0.3138, 0.2225}, {0.2172, -0.0144, -0.3617}, {-0.1881, -0.3962, -0.5323}};
        double[][] b = {{0.9988, -0.0219}, {0.4959, -1.9108}, {0.1471, -0.9069}};
        double[][] q = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        double[][] r = {{0.5, 0}, {0, 0.5}};
        double[][] d = {{0.2, 0, 0}, {0, 0.2, 0}, {0, 0, 0.2}};
        LqrProblem p = new LqrProblem(new LqrParameters(a, b, q, r, d, 0.1));
        assertThat(residual(p, p.exactValue(), p.exactPolicy(), TraceMode.EXACT_COLUMNS)).isLessThan(1e-10);
        assertThat(residual(p, p.exactValue(), p.exactPolicy(), TraceMode.EXACT_HESSIAN)).isLessThan(1e-10);
    }

    @Test
    void mertonClosedFormSolvesItsHjb() {
        MertonProblem p = new MertonProblem(MertonParameters.reference());
        assertThat(residual(p, p.exactValue(), p.exactPolicy(), TraceMode.EXACT_HESSIAN)).isLessThan(1e-10);
        double[] off = {0.7, 0.0478125};
        assertThat(residual(p, p.exactValue(), MertonProblem.constantPolicy(off), TraceMode.EXACT_HESSIAN)).isGreaterThan(1e-4);
    }

    @Test
    void logUtilityAndTwoAssetMertonSolveTheirHjb() {
        MertonProblem log = new MertonProblem(MertonParameters.single(0.03, 0.08, 0.2, 1.0, 0.05));
        assertThat(residual(log, log.exactValue(), log.exactPolicy(), TraceMode.EXACT_HESSIAN)).isLessThan(1e-10);
        MertonParameters two = new MertonParameters(0.02, new double[] {0.07, 0.05},
                new double[][] {{0.04, 0.01}, {0.01, 0.0225}}, 3.0, 0.06);
        MertonProblem p = new MertonProblem(two);
        assertThat(residual(p, p.exactValue(), p.exactPolicy(), TraceMode.EXACT_COLUMNS)).isLessThan(1e-10);
    }

    @Test
    void exactFieldDerivativesMatchFiniteDifferences() {
        LqrProblem lqr = new LqrProblem(LqrParameters.decoupled(3));
        checkDerivatives(lqr.exactValue(), new double[] {0.3, -1.2, 0.8});
        MertonProblem merton = new MertonProblem(MertonParameters.reference());
        checkDerivatives(merton.exactValue(), new double[] {1.7});
    }

    private static void checkDerivatives(ScalarField f, double[] x0) {
        int d = x0.length;
        double h = 1e-4;
        try (NDManager m = BellmanEngine.current().newManager()) {
            NDArray t = m.zeros(new Shape(1, 1), DataType.FLOAT64);
            NDArray x = m.create(x0, new Shape(1, d));
            double[] g = f.gradient(t, x).toDoubleArray();
            double[] hess = f.hessian(t, x).toDoubleArray();
            for (int i = 0; i < d; i++) {
                double[] xp = x0.clone();
                double[] xm = x0.clone();
                xp[i] += h;
                xm[i] -= h;
                double vp = f.value(t, m.create(xp, new Shape(1, d))).getDouble(0, 0);
                double vm = f.value(t, m.create(xm, new Shape(1, d))).getDouble(0, 0);
                assertThat(g[i]).isCloseTo((vp - vm) / (2 * h), within(1e-6 * Math.max(1, Math.abs(g[i]))));
                double[] gp = f.gradient(t, m.create(xp, new Shape(1, d))).toDoubleArray();
                double[] gm = f.gradient(t, m.create(xm, new Shape(1, d))).toDoubleArray();
                for (int j = 0; j < d; j++) {
                    double fd = (gp[j] - gm[j]) / (2 * h);
                    assertThat(hess[j * d + i]).isCloseTo(fd, within(1e-6 * Math.max(1, Math.abs(fd))));
                }
            }
        }
    }
}
