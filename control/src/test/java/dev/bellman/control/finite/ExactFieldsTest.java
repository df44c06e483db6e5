package dev.bellman.control.finite;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.TestSupport;
import dev.bellman.control.field.ScalarField;
import dev.bellman.control.field.TraceMode;
import dev.bellman.control.hjb.HjbResidual;
import dev.bellman.control.hjb.HjbResidualReport;
import dev.bellman.control.reference.HanJentzenE;
import dev.bellman.control.reference.LqrFiniteParameters;
import dev.bellman.control.reference.LqrParameters;
import dev.bellman.control.reference.MertonFiniteSolution;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The exact finite-horizon values satisfy their HJB ρV − ∂ₜV − max_a{r + L^aV} = 0 under the core's
 * general residual (at the exact policy) and their terminal condition V(T) = g; their gradients and
 * time derivatives agree with finite differences of their values.
 */
class ExactFieldsTest {

    static LqrFiniteProblem lqr3() {
        double[][] a = {{-0.502, 0.3138, 0.2225}, {0.2172, -0.0144, -0.3617}, {-0.1881, -0.3962, -0.5323}};
        double[][] b = {{0.9988, -0.0219}, {0.4959, -1.9108}, {0.1471, -0.9069}};
        double[][] i3 = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        double[][] r = {{0.5, 0}, {0, 0.5}};
        double[][] dd = {{0.2, 0, 0}, {0, 0.2, 0}, {0, 0, 0.2}};
        return new LqrFiniteProblem(new LqrFiniteParameters(new LqrParameters(a, b, i3, r, dd, 0.1), i3, 1.0));
    }

    static SpaceTimePoints points(NDManager m, int n, int d, double horizon, double lo, double hi, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] t = new double[n];
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++) {
            t[i] = horizon * (0.02 + 0.96 * rng.nextDouble());
            for (int j = 0; j < d; j++) {
                x[i * d + j] = lo + (hi - lo) * rng.nextDouble();
            }
        }
        return new SpaceTimePoints(m.create(t, new Shape(n, 1)), m.create(x, new Shape(n, d)));
    }

    static double residual(FiniteHorizonProblem p, SpaceTimePoints pts, TraceMode mode) {
        HjbResidualReport r = HjbResidual.evaluate(p, p.exactValue(), p.exactPolicy(), pts.t(), pts.x(), mode);
        return r.relative();
    }

    static double terminalGap(FiniteHorizonProblem p, NDManager m, NDArray x) {
        NDArray t = m.ones(new Shape(x.getShape().get(0), 1), DataType.FLOAT64).mul(p.T());
        double[] v = TestSupport.d(p.exactValue().value(t, x));
        double[] g = TestSupport.d(p.terminalReward(x));
        return TestSupport.relErr(v, g);
    }

    /** ∇V and ∂ₜV against central differences of V. */
    static void checkDerivatives(ScalarField f, NDManager m, SpaceTimePoints pts, double h, double tol) {
        int d = f.dim();
        long n = pts.size();
        double[] grad = TestSupport.d(f.gradient(pts.t(), pts.x()));
        double[] dt = TestSupport.d(f.timeDerivative(pts.t(), pts.x()));
        double[] x = TestSupport.d(pts.x());
        double[] fdGrad = new double[grad.length];
        for (int j = 0; j < d; j++) {
            double[] up = x.clone();
            double[] down = x.clone();
            for (int i = 0; i < n; i++) {
                up[i * d + j] += h;
                down[i * d + j] -= h;
            }
            double[] vu = TestSupport.d(f.value(pts.t(), m.create(up, new Shape(n, d))));
            double[] vd = TestSupport.d(f.value(pts.t(), m.create(down, new Shape(n, d))));
            for (int i = 0; i < n; i++) {
                fdGrad[i * d + j] = (vu[i] - vd[i]) / (2 * h);
            }
        }
        double[] vu = TestSupport.d(f.value(pts.t().add(h), pts.x()));
        double[] vd = TestSupport.d(f.value(pts.t().sub(h), pts.x()));
        double[] fdT = new double[(int) n];
        for (int i = 0; i < n; i++) {
            fdT[i] = (vu[i] - vd[i]) / (2 * h);
        }
        assertThat(TestSupport.relErr(grad, fdGrad)).isLessThan(tol);
        assertThat(TestSupport.relErr(dt, fdT)).isLessThan(tol);
    }

    @Test
    void lqrFiniteScalarAndMatrixSolveTheirHjb() {
        try (NDManager m = TestSupport.manager()) {
            LqrFiniteProblem scalar = new LqrFiniteProblem(LqrFiniteParameters.reference());
            SpaceTimePoints p1 = points(m, 64, 1, 1.0, -2, 2, 1);
            assertThat(residual(scalar, p1, TraceMode.EXACT_HESSIAN)).isLessThan(1e-6);
            assertThat(terminalGap(scalar, m, p1.x())).isLessThan(1e-12);
            checkDerivatives(scalar.exactValue(), m, p1, 1e-5, 1e-6);

            LqrFiniteProblem matrix = lqr3();
            SpaceTimePoints p3 = points(m, 64, 3, 1.0, -2, 2, 2);
            assertThat(residual(matrix, p3, TraceMode.EXACT_HESSIAN)).isLessThan(1e-6);
            assertThat(terminalGap(matrix, m, p3.x())).isLessThan(1e-12);
            checkDerivatives(matrix.exactValue(), m, p3, 1e-5, 1e-6);
            // a wrong policy leaves a clear residual: the check can fail
            double wrong = HjbResidual.evaluate(matrix, matrix.exactValue(), dev.bellman.control.generator.Policy.zero(2),
                    p3.t(), p3.x(), TraceMode.EXACT_HESSIAN).relative();
            assertThat(wrong).isGreaterThan(0.1);
        }
    }

    @Test
    void deterministicLqrHasNoConstantAndSolvesHamiltonJacobi() {
        try (NDManager m = TestSupport.manager()) {
            LqrParameters dyn = LqrParameters.scalar(-0.5, 1, 1, 0.1, 0.0, 0.0);
            LqrFiniteProblem p = new LqrFiniteProblem(LqrFiniteParameters.decoupled(dyn, 1.0, 1.0));
            assertThat(p.solution().c(0.0)).isEqualTo(0.0);
            SpaceTimePoints pts = points(m, 32, 1, 1.0, -2, 2, 3);
            assertThat(residual(p, pts, TraceMode.EXACT_HESSIAN)).isLessThan(1e-6);
            checkDerivatives(p.exactValue(), m, pts, 1e-5, 1e-6);
        }
    }

    @Test
    void mertonFiniteSolvesItsHjb() {
        try (NDManager m = TestSupport.manager()) {
            MertonFiniteProblem p = new MertonFiniteProblem(MertonFiniteSolution.reference());
            SpaceTimePoints pts = points(m, 64, 1, 1.0, 0.5, 5, 4);
            assertThat(residual(p, pts, TraceMode.EXACT_HESSIAN)).isLessThan(1e-10);
            assertThat(terminalGap(p, m, pts.x())).isLessThan(1e-12);
            checkDerivatives(p.exactValue(), m, pts, 1e-5, 1e-6);
            // with a discount too
            MertonFiniteProblem discounted = new MertonFiniteProblem(
                    MertonFiniteSolution.of(MertonFiniteSolution.reference().problem().withRho(0.05), 2.0));
            assertThat(residual(discounted, points(m, 32, 1, 2.0, 0.5, 5, 5), TraceMode.EXACT_HESSIAN)).isLessThan(1e-10);
        }
    }

    @Test
    void hjbLqQuadratureValueSolvesItsHjb() {
        try (NDManager m = TestSupport.manager()) {
            HjbLqProblem p = new HjbLqProblem(new HanJentzenE(3, 1.0, 1.0));
            SpaceTimePoints pts = points(m, 3, 3, 1.0, -1, 1, 6);
            // derivatives are central differences of the quadrature: ~1e-6 relative
            assertThat(residual(p, pts, TraceMode.EXACT_HESSIAN)).isLessThan(1e-4);
            assertThat(terminalGap(p, m, pts.x())).isLessThan(1e-12);
            checkDerivatives(p.exactValue(), m, pts, 1e-3, 1e-5);
            double zero = HjbResidual.evaluate(p, p.exactValue(), dev.bellman.control.generator.Policy.zero(3), pts.t(),
                    pts.x(), TraceMode.EXACT_HESSIAN).relative();
            assertThat(zero).isGreaterThan(1e-2);
        }
    }
}
