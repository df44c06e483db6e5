package dev.bellman.control.finite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.TestSupport;
import dev.bellman.control.field.Derivatives;
import dev.bellman.control.field.Jet;
import dev.bellman.control.field.TraceMode;
import dev.bellman.control.generator.ControlledSde;
import dev.bellman.control.generator.Generator;
import dev.bellman.control.reference.HanJentzenE;
import java.util.SplittableRandom;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.api.Test;

/**
 * The radial pieces against independent computations: {@link RadialValue}'s ∇V, ∂ₜV (central differences
 * of V), ∇²V (central differences of ∇V) and directional second derivatives (the core's
 * {@link Jet#directionalFromHessian}); the {@link RadialGenerator} against the core's generic
 * {@link Generator} on a random radial field, for hjb-lq with non-equivariant actions and for an SDE whose
 * Σ (B, d, n) depends on t, x and a; the rotation invariance hjb-lq declares, checked under random
 * orthogonal maps; and the equivariance of {@link EquivariantPolicy}.
 */
class RadialFieldsTest {

    static RadialValue randomValue(int d, long seed) {
        RadialValue v = new RadialValue(new ChebyshevTimeBasis(5, 1.0), RadialBasis.logChebyshev(6, 3.0, 60.0, 0), d);
        SplittableRandom r = new SplittableRandom(seed);
        double[] theta = new double[v.size()];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = r.nextGaussian() / (1 + i % 7);
        }
        v.assign(theta);
        return v;
    }

    /** n points with t ∈ [0.1, 0.9], x ~ N(0, scale² I). */
    static SpaceTimePoints points(NDManager m, int n, int d, double scale, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = 0.1 + 0.8 * r.nextDouble();
        }
        return new SpaceTimePoints(m.create(t, new Shape(n, 1)), TestSupport.gaussian(m, seed + 1, scale, n, d));
    }

    /** A random orthogonal d × d matrix (QR of a Gaussian matrix). */
    static RealMatrix rotation(int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] g = new double[d][d];
        for (double[] row : g) {
            for (int j = 0; j < d; j++) {
                row[j] = r.nextGaussian();
            }
        }
        return new QRDecomposition(MatrixUtils.createRealMatrix(g)).getQ();
    }

    /** Rows of x (B, d) mapped by R: x Rᵀ. */
    static NDArray rotate(NDArray x, RealMatrix rot) {
        return x.matMul(Host.matrix(x.getManager(), rot.transpose().getData(), x.getDataType()));
    }

    @Test
    void radialValueDerivativesMatchFiniteDifferences() {
        try (NDManager m = TestSupport.manager()) {
            RadialValue v = randomValue(4, 3);
            SpaceTimePoints p = points(m, 6, 4, 1.5, 5);
            ExactFieldsTest.checkDerivatives(v, m, p, 1e-5, 1e-7);
            // ∇²V against central differences of ∇V
            double h = 1e-5;
            double[] hess = TestSupport.d(v.hessian(p.t(), p.x()));
            double[] x = TestSupport.d(p.x());
            int d = 4;
            int n = 6;
            for (int j = 0; j < d; j++) {
                double[] up = x.clone();
                double[] down = x.clone();
                for (int i = 0; i < n; i++) {
                    up[i * d + j] += h;
                    down[i * d + j] -= h;
                }
                double[] gu = TestSupport.d(v.gradient(p.t(), m.create(up, new Shape(n, d))));
                double[] gd = TestSupport.d(v.gradient(p.t(), m.create(down, new Shape(n, d))));
                for (int i = 0; i < n; i++) {
                    for (int k = 0; k < d; k++) {
                        double fd = (gu[i * d + k] - gd[i * d + k]) / (2 * h);
                        assertThat(hess[(i * d + k) * d + j]).isCloseTo(fd, within(1e-6 * (1 + Math.abs(fd))));
                    }
                }
            }
            // directional second derivatives, shared (1, K, d) and per-state (B, K, d) directions
            NDArray hessian = v.hessian(p.t(), p.x());
            for (NDArray w : new NDArray[] {TestSupport.gaussian(m, 8, 1.0, 1, 3, d), TestSupport.gaussian(m, 9, 1.0, n, 3, d)}) {
                Jet jet = v.jet(p.t(), p.x(), Derivatives.valueAndGradient().withDirections(w).withTime());
                double[] expected = TestSupport.d(Jet.directionalFromHessian(hessian, w));
                assertThat(TestSupport.relErr(TestSupport.d(jet.directional()), expected)).isLessThan(1e-12);
                assertThat(TestSupport.relErr(TestSupport.d(jet.gradient()), TestSupport.d(v.gradient(p.t(), p.x())))).isLessThan(1e-15);
                assertThat(TestSupport.relErr(TestSupport.d(jet.timeDerivative()), TestSupport.d(v.timeDerivative(p.t(), p.x()))))
                        .isLessThan(1e-15);
            }
        }
    }

    @Test
    void radialGeneratorAgreesWithTheCoreGeneratorOnHjbLq() {
        try (NDManager m = TestSupport.manager()) {
            int d = 5;
            HjbLqProblem problem = new HjbLqProblem(new HanJentzenE(d, 0.7, 1.0));
            RadialValue v = randomValue(d, 11);
            SpaceTimePoints p = points(m, 16, d, 1.2, 12);
            NDArray a = TestSupport.gaussian(m, 13, 0.8, 16, d); // any action, not only equivariant ones
            double[] core = TestSupport.d(Generator.apply(v, problem, p.t(), p.x(), a, TraceMode.EXACT_HESSIAN));
            assertThat(TestSupport.relErr(radial(v, problem, p, a), core)).isLessThan(1e-12);
        }
    }

    /**
     * An SDE with d = 3, n = 2, m = 2 whose drift and Σ depend on t, x and a (Σ given per state as (B, 3, 2)):
     * the radial generator's contractions must use the per-state Σ.
     */
    static ControlledSde stateDependentNoise() {
        return new ControlledSde() {
            @Override
            public int stateDim() {
                return 3;
            }

            @Override
            public int actionDim() {
                return 2;
            }

            @Override
            public int noiseDim() {
                return 2;
            }

            @Override
            public NDArray drift(NDArray t, NDArray x, NDArray a) {
                double[] ts = TestSupport.d(t);
                double[] xs = TestSupport.d(x);
                double[] as = TestSupport.d(a);
                int b = ts.length;
                double[] f = new double[b * 3];
                for (int i = 0; i < b; i++) {
                    f[i * 3] = as[i * 2] * xs[i * 3 + 1] + ts[i];
                    f[i * 3 + 1] = -xs[i * 3] + as[i * 2 + 1];
                    f[i * 3 + 2] = xs[i * 3 + 2] * xs[i * 3 + 2];
                }
                return x.getManager().create(f, new Shape(b, 3));
            }

            @Override
            public NDArray diffusion(NDArray t, NDArray x, NDArray a) {
                double[] ts = TestSupport.d(t);
                double[] xs = TestSupport.d(x);
                double[] as = TestSupport.d(a);
                int b = ts.length;
                double[] s = new double[b * 6];
                for (int i = 0; i < b; i++) {
                    double[] rows = {1 + as[i * 2] * as[i * 2], xs[i * 3], xs[i * 3 + 1], 0.5, ts[i], as[i * 2 + 1]};
                    System.arraycopy(rows, 0, s, i * 6, 6);
                }
                return x.getManager().create(s, new Shape(b, 3, 2));
            }
        };
    }

    @Test
    void radialGeneratorAgreesWithTheCoreGeneratorForStateAndActionDependentNoise() {
        try (NDManager m = TestSupport.manager()) {
            ControlledSde sde = stateDependentNoise();
            RadialValue v = randomValue(3, 21);
            SpaceTimePoints p = points(m, 16, 3, 1.0, 22);
            NDArray a = TestSupport.gaussian(m, 23, 1.0, 16, 2);
            double[] core = TestSupport.d(Generator.apply(v, sde, p.t(), p.x(), a, TraceMode.EXACT_HESSIAN));
            assertThat(TestSupport.relErr(radial(v, sde, p, a), core)).isLessThan(1e-12);
        }
    }

    private static double[] radial(RadialValue v, ControlledSde sde, SpaceTimePoints p, NDArray a) {
        double[][] parts = v.radialParts(p.t(), p.x());
        NDManager m = p.x().getManager();
        int n = (int) p.size();
        NDArray fs = m.create(parts[2], new Shape(n, 1));
        NDArray fss = m.create(parts[3], new Shape(n, 1));
        RadialGenerator.Contractions c = RadialGenerator.contractions(sde, p.t(), p.x(), a);
        double[] batched = TestSupport.d(RadialGenerator.apply(fs, fss, c));
        double[] xf = TestSupport.d(c.xDrift());
        double[] tr = TestSupport.d(c.trace());
        double[] q = TestSupport.d(c.quadratic());
        for (int i = 0; i < n; i++) {
            assertThat(RadialGenerator.apply(parts[2][i], parts[3][i], xf[i], tr[i], q[i])).isCloseTo(batched[i], within(1e-13));
        }
        return batched;
    }

    @Test
    void hjbLqIsRotationInvariantAsItDeclares() {
        try (NDManager m = TestSupport.manager()) {
            int d = 6;
            HjbLqProblem problem = new HjbLqProblem(new HanJentzenE(d, 1.3, 1.0));
            assertThat(problem.symmetry()).isEqualTo(Symmetry.ROTATION);
            RealMatrix rot = rotation(d, 31);
            SpaceTimePoints p = points(m, 8, d, 1.0, 32);
            NDArray a = TestSupport.gaussian(m, 33, 1.0, 8, d);
            NDArray rx = rotate(p.x(), rot);
            NDArray ra = rotate(a, rot);
            assertThat(TestSupport.relErr(TestSupport.d(problem.drift(p.t(), rx, ra)),
                    TestSupport.d(rotate(problem.drift(p.t(), p.x(), a), rot)))).isLessThan(1e-14);
            assertThat(TestSupport.relErr(TestSupport.d(problem.reward(p.t(), rx, ra)), TestSupport.d(problem.reward(p.t(), p.x(), a))))
                    .isLessThan(1e-14);
            assertThat(TestSupport.relErr(TestSupport.d(problem.terminalReward(rx)), TestSupport.d(problem.terminalReward(p.x()))))
                    .isLessThan(1e-14);
            NDArray s = problem.diffusion(p.t(), rx, ra);
            NDArray s0 = problem.diffusion(p.t(), p.x(), a);
            NDArray r = Host.matrix(m, rot.getData(), DataType.FLOAT64);
            NDArray conj = r.matMul(s0.matMul(s0.transpose(0, 2, 1))).matMul(r.transpose());
            assertThat(TestSupport.relErr(TestSupport.d(s.matMul(s.transpose(0, 2, 1))), TestSupport.d(conj))).isLessThan(1e-14);
            // and so its exact value is radial
            NDArray t = Host.times(m, 8, 0.4, DataType.FLOAT64);
            assertThat(TestSupport.relErr(TestSupport.d(problem.exactValue().value(t, rx)),
                    TestSupport.d(problem.exactValue().value(t, p.x())))).isLessThan(1e-12);
        }
    }

    @Test
    void equivariantPolicyCommutesWithRotations() {
        try (NDManager m = TestSupport.manager()) {
            int d = 5;
            ChebyshevTimeBasis time = new ChebyshevTimeBasis(3, 1.0);
            EquivariantPolicy policy = new EquivariantPolicy(time, RadialBasis.logChebyshev(4, 2.0, 40.0, 1));
            SplittableRandom r = new SplittableRandom(41);
            double[] beta = new double[policy.size()];
            for (int i = 0; i < beta.length; i++) {
                beta[i] = r.nextGaussian();
            }
            policy.assign(beta);
            RealMatrix rot = rotation(d, 42);
            SpaceTimePoints p = points(m, 8, d, 1.5, 43);
            NDArray a = policy.act(p.t(), p.x());
            assertThat(TestSupport.relErr(TestSupport.d(policy.act(p.t(), rotate(p.x(), rot))), TestSupport.d(rotate(a, rot))))
                    .isLessThan(1e-13);
            double[] ts = TestSupport.d(p.t());
            double[] xs = TestSupport.d(p.x());
            double[] as = TestSupport.d(a);
            for (int i = 0; i < 8; i++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += xs[i * d + j] * xs[i * d + j];
                }
                double[] f = policy.features(ts[i], s);
                double h = 0;
                for (int j = 0; j < f.length; j++) {
                    h += beta[j] * f[j];
                }
                for (int j = 0; j < d; j++) {
                    assertThat(as[i * d + j]).isCloseTo(h * xs[i * d + j], within(1e-12));
                }
            }
        }
    }
}
