package dev.bellman.control.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bellman.control.BadInputException;
import java.util.Iterator;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class MertonSolutionTest {
    @Test
    void referenceMatchesValuesJson() {
        JsonNode v = ReferenceValues.get("merton");
        MertonParameters p = MertonParameters.single(v.get("r_f").asDouble(), v.get("mu").asDouble(), v.get("sigma").asDouble(),
                v.get("gamma").asDouble(), v.get("rho").asDouble());
        assertThat(p).isEqualTo(MertonParameters.reference());
        MertonSolution s = MertonSolution.of(p);
        assertThat(s.piScalar()).isCloseTo(v.get("pi").asDouble(), within(1e-14));
        assertThat(s.k()).isCloseTo(v.get("k").asDouble(), within(1e-14));
        assertThat(s.M()).isCloseTo(v.get("M").asDouble(), within(1e-14));
        assertThat(s.A()).isCloseTo(v.get("A").asDouble(), within(1e-10 * v.get("A").asDouble()));
        Iterator<Map.Entry<String, JsonNode>> it = v.get("V_at").fields();
        int n = 0;
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            double expected = e.getValue().asDouble();
            assertThat(s.value(Double.parseDouble(e.getKey()))).isCloseTo(expected, within(1e-10 * Math.abs(expected)));
            n++;
        }
        assertThat(n).isEqualTo(4);
    }

    /**
     * ρV − max_{π,k}{(kx)^{1−γ}/(1−γ) + [r_f + π(μ − r_f) − k]xV' + ½π²σ²x²V''} with V', V'' by 5-point
     * finite differences of V and the maximisers computed from them (π = −(μ−r_f)V'/(σ²xV''), k: U'(kx) = V').
     */
    static double hjbRelativeResidual(MertonParameters p, DoubleUnaryOperator v, double x) {
        double h = 1e-3 * x;
        double f2 = v.applyAsDouble(x + 2 * h);
        double f1 = v.applyAsDouble(x + h);
        double f0 = v.applyAsDouble(x);
        double m1 = v.applyAsDouble(x - h);
        double m2 = v.applyAsDouble(x - 2 * h);
        double d1 = (-f2 + 8 * f1 - 8 * m1 + m2) / (12 * h);
        double d2 = (-f2 + 16 * f1 - 30 * f0 + 16 * m1 - m2) / (12 * h * h);
        double sigma2 = p.C()[0][0];
        double excess = p.mu()[0] - p.r_f();
        double pi = -excess * d1 / (sigma2 * x * d2);
        double k = Math.pow(d1, -1 / p.gamma()) / x; // U'(c) = c^{−γ} = V'
        double max = p.utility(k * x) + (p.r_f() + pi * excess - k) * x * d1 + 0.5 * pi * pi * sigma2 * x * x * d2;
        return (p.rho() * f0 - max) / Math.abs(max);
    }

    @Test
    void valueSatisfiesItsHjbByFiniteDifferences() {
        MertonParameters p = MertonParameters.reference();
        MertonSolution s = MertonSolution.of(p);
        for (double x : EvaluationStates.mertonWealths()) {
            assertThat(Math.abs(hjbRelativeResidual(p, s::value, x))).as("x=%s", x).isLessThan(1e-8);
        }
        // the FD maximisers agree with the closed-form controls
        assertThat(s.derivative(2.0)).isCloseTo(s.A() / 4, within(1e-12));
    }

    @Test
    void logUtilityConstantSatisfiesItsHjb() {
        MertonParameters p = MertonParameters.single(0.03, 0.08, 0.2, 1.0, 0.05);
        MertonSolution s = MertonSolution.of(p);
        assertThat(s.k()).isEqualTo(0.05);
        assertThat(s.piScalar()).isCloseTo(0.05 / 0.04, within(1e-14));
        for (double x : new double[] {0.5, 1.0, 3.0}) {
            assertThat(Math.abs(hjbRelativeResidual(p, s::value, x))).isLessThan(1e-8);
        }
        // the constant as written in the brief, (1/ρ)[ln ρ − 1 + (M − ρ)/ρ], is off by 1/ρ and fails the HJB
        double m = 0.03 + 0.05 * 0.05 / (2 * 0.04);
        double briefConstant = (Math.log(0.05) - 1 + (m - 0.05) / 0.05) / 0.05;
        assertThat(Math.abs(hjbRelativeResidual(p, x -> Math.log(x) / 0.05 + briefConstant, 1.0))).isGreaterThan(1e-3);
    }

    @Test
    void powerUtilityBelowOneAndMultiAssetReduceCorrectly() {
        MertonParameters low = MertonParameters.single(0.03, 0.08, 0.2, 0.5, 0.2);
        MertonSolution s = MertonSolution.of(low);
        for (double x : new double[] {0.5, 2.0}) {
            assertThat(Math.abs(hjbRelativeResidual(low, s::value, x))).isLessThan(1e-8);
        }
        // two uncorrelated identical assets: each gets the single-asset fraction, M uses the summed Sharpe ratio
        MertonParameters two = new MertonParameters(0.03, new double[] {0.08, 0.08}, new double[][] {{0.04, 0}, {0, 0.04}}, 2, 0.05);
        MertonSolution t = MertonSolution.of(two);
        assertThat(t.pi()).containsExactly(new double[] {0.625, 0.625}, within(1e-14));
        assertThat(t.M()).isCloseTo(0.03 + 2 * 0.0025 / 0.04 / 4, within(1e-15));
    }

    @Test
    void infiniteValueIsRefused() {
        assertThatThrownBy(() -> MertonSolution.of(MertonParameters.single(0.03, 0.08, 0.2, 0.5, 0.01)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("infinite value");
        assertThatThrownBy(() -> MertonSolution.of(MertonParameters.single(0.03, 0.08, 0.2, 1.0, 0.0)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("infinite value");
        assertThatThrownBy(() -> MertonParameters.single(0.03, 0.08, 0.0, 2, 0.05))
                .isInstanceOf(BadInputException.class).hasMessageContaining("sigma");
        assertThatThrownBy(() -> MertonParameters.single(0.03, 0.08, 0.2, -1, 0.05))
                .isInstanceOf(BadInputException.class).hasMessageContaining("gamma");
    }

    @Test
    void finiteHorizonSatisfiesItsHjbAndTerminalCondition() {
        for (double gamma : new double[] {2.0, 1.0}) {
            MertonParameters p = MertonParameters.single(0.03, 0.08, 0.2, gamma, gamma == 1.0 ? 0.05 : 0.0);
            MertonFiniteSolution f = MertonFiniteSolution.of(p, 1.0);
            assertThat(f.pi()[0]).isCloseTo(0.05 / (gamma * 0.04), within(1e-14));
            assertThat(f.value(1.0, 2.0)).isCloseTo(p.utility(2.0), within(1e-14));
            for (double t : new double[] {0.0, 0.5}) {
                for (double x : new double[] {0.7, 3.0}) {
                    double vx = f.derivative(t, x);
                    double vxx = f.secondDerivative(t, x);
                    double pi = -0.05 * vx / (0.04 * x * vxx);
                    double max = (0.03 + pi * 0.05) * x * vx + 0.5 * pi * pi * 0.04 * x * x * vxx;
                    double h = 1e-4;
                    double vt = t == 0 // second-order one-sided at the start of the horizon
                            ? (-3 * f.value(t, x) + 4 * f.value(t + h, x) - f.value(t + 2 * h, x)) / (2 * h)
                            : (f.value(t + h, x) - f.value(t - h, x)) / (2 * h);
                    assertThat(f.timeDerivative(t, x)).isCloseTo(vt, within(1e-6 * Math.abs(vt) + 1e-9));
                    double residual = p.rho() * f.value(t, x) - f.timeDerivative(t, x) - max;
                    assertThat(Math.abs(residual)).isLessThan(1e-12 * Math.max(1, Math.abs(max)));
                }
            }
        }
        assertThat(MertonFiniteSolution.reference().problem().rho()).isZero();
    }
}
