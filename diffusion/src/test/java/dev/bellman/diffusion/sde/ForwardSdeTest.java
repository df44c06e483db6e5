package dev.bellman.diffusion.sde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.BadInputException;
import dev.bellman.control.engine.BellmanEngine;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The closed-form transitions agree with the SDEs they come from: for dY = a(t)Y dt + g(t) dB the
 * mean scale solves m' = a m, m(0) = 1, and the variance solves (s²)' = 2a s² + g², s²(0) = 0.
 * Checked by central finite differences, independently of how m and s² were derived.
 */
class ForwardSdeTest {

    static List<ForwardSde> sdes() {
        return List.of(VpSde.defaults(), SubVpSde.defaults(), VeSde.withSigmaMax(8.0), new VpSde(0.5, 5.0, 2.0, 1e-3));
    }

    @ParameterizedTest
    @MethodSource("sdes")
    void transitionMomentsSolveTheMomentEquations(ForwardSde sde) {
        assertThat(sde.meanScale(0.0)).isCloseTo(1.0, within(1e-15));
        assertThat(sde.variance(0.0)).isCloseTo(0.0, within(1e-15));
        double h = 1e-6;
        for (int i = 1; i < 20; i++) {
            double t = sde.horizon() * i / 20.0;
            double dm = (sde.meanScale(t + h) - sde.meanScale(t - h)) / (2 * h);
            double dv = (sde.variance(t + h) - sde.variance(t - h)) / (2 * h);
            double a = sde.driftRate(t);
            double g = sde.diffusion(t);
            double rhsM = a * sde.meanScale(t);
            double rhsV = 2 * a * sde.variance(t) + g * g;
            assertThat(dm).as("m' at t=%s", t).isCloseTo(rhsM, within(1e-6 * Math.max(1, Math.abs(rhsM))));
            assertThat(dv).as("(s²)' at t=%s", t).isCloseTo(rhsV, within(1e-6 * Math.max(1, Math.abs(rhsV))));
        }
    }

    @ParameterizedTest
    @MethodSource("sdes")
    void batchedCoefficientsEqualScalarOnes(ForwardSde sde) {
        try (NDManager m = BellmanEngine.current().newManager()) {
            double[] ts = {sde.epsilon(), 0.1, 0.37, 0.5, 0.99 * sde.horizon()};
            NDArray t = m.create(ts, new Shape(ts.length, 1));
            double[] a = sde.driftRate(t).toDoubleArray();
            double[] g = sde.diffusion(t).toDoubleArray();
            double[] mean = sde.meanScale(t).toDoubleArray();
            double[] s = sde.std(t).toDoubleArray();
            for (int i = 0; i < ts.length; i++) {
                assertThat(a[i]).isCloseTo(sde.driftRate(ts[i]), within(1e-12));
                assertThat(g[i]).isCloseTo(sde.diffusion(ts[i]), within(1e-12 * Math.max(1, g[i])));
                assertThat(mean[i]).isCloseTo(sde.meanScale(ts[i]), within(1e-12));
                assertThat(s[i]).isCloseTo(sde.std(ts[i]), within(1e-12 * Math.max(1, s[i])));
            }
        }
    }

    @Test
    void vpTerminalMarginalIsNearlyTheStandardPrior() {
        VpSde vp = VpSde.defaults();
        assertThat(vp.meanScale(1.0)).isLessThan(0.01);
        assertThat(vp.variance(1.0)).isCloseTo(1.0, within(1e-4));
    }

    @Test
    void priorLogDensityIsTheStandardNormal() {
        try (NDManager m = BellmanEngine.current().newManager()) {
            NDArray x = m.create(new double[] {0, 0, 1, -2}, new Shape(2, 2));
            double[] lp = VeSde.withSigmaMax(2.0).priorLogDensity(x).toDoubleArray();
            double c = -Math.log(2 * Math.PI * 4);
            assertThat(lp[0]).isCloseTo(c, within(1e-12));
            assertThat(lp[1]).isCloseTo(c - 5.0 / 8.0, within(1e-12));
            NDArray z = VpSde.defaults().samplePrior(m, new Shape(4, 3), DataType.FLOAT32);
            assertThat(z.getShape()).isEqualTo(new Shape(4, 3));
        }
    }

    @Test
    void invalidParametersAreRefused() {
        assertThatThrownBy(() -> new VpSde(-1, 20, 1, 1e-3)).isInstanceOf(BadInputException.class);
        assertThatThrownBy(() -> new VeSde(0.01, 0.001, 1, 1e-5)).isInstanceOf(BadInputException.class);
        assertThatThrownBy(() -> SdeKind.parse("xx")).isInstanceOf(BadInputException.class).hasMessageContaining("vp, subvp or ve");
        assertThat(SdeKind.parse("sub-vp")).isEqualTo(SdeKind.SUBVP);
    }

    @Test
    void batchedExpm1IsFloat64Exact() {
        try (NDManager m = BellmanEngine.current().newManager()) {
            double[] xs = {-0.3, -0.0499, -0.02, -1e-3, -1e-7, 0, 1e-9, 1e-4, 0.01, 0.0499, 0.05, 0.2};
            double[] got = Expm1.of(m.create(xs)).toDoubleArray();
            for (int i = 0; i < xs.length; i++) {
                double want = Math.expm1(xs[i]);
                assertThat(got[i]).as("expm1(%s)", xs[i]).isCloseTo(want, within(4e-16 + 1e-14 * Math.abs(want)));
            }
        }
    }
}
