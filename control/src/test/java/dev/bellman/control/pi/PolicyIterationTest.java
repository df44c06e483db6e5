package dev.bellman.control.pi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.BadInputException;
import dev.bellman.control.TestSupport;
import dev.bellman.control.engine.Precision;
import dev.bellman.control.field.Derivatives;
import dev.bellman.control.field.Jet;
import dev.bellman.control.field.ScalarField;
import dev.bellman.control.nn.MlpConfig;
import dev.bellman.control.random.StepRandom;
import dev.bellman.control.reference.LqrParameters;
import dev.bellman.control.reference.LqrSolution;
import dev.bellman.control.reference.MertonParameters;
import dev.bellman.control.reference.MertonSolution;
import dev.bellman.control.reference.Metrics;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Policy iteration against the closed forms of DESIGN.md §1.3, with small budgets. */
class PolicyIterationTest {

    private static PolicyIterationConfig quick(ReferenceCase c, int iterations) {
        return PolicyIterationConfig.forCase(c).withIterations(iterations);
    }

    @Test
    void scalarLqrGainWithinFivePercentAfterAShortRun() {
        ReferenceCase c = ReferenceCase.lqr(LqrParameters.reference());
        try (NDManager m = TestSupport.manager();
                PolicyIterationRun.Outcome o = PolicyIterationRun.run(c, quick(c, 3), m, PolicyIterationListener.none())) {
            // the start is K₀ = 0 (100 % off); three iterations must get within 5 %
            assertThat(o.history().get(0).kRelErr()).isGreaterThan(0.05);
            assertThat(o.result().kRelErr()).isLessThan(0.05);
            assertThat(o.result().kHat().get(0).get(0)).isCloseTo(2.659750769, org.assertj.core.data.Percentage.withPercentage(5));
        }
    }

    @Test
    void mertonFractionsWithinAFewPercent() {
        ReferenceCase c = ReferenceCase.merton(MertonParameters.reference());
        try (NDManager m = TestSupport.manager();
                PolicyIterationRun.Outcome o = PolicyIterationRun.run(c, quick(c, 3), m, PolicyIterationListener.none())) {
            MertonSolution s = MertonSolution.reference();
            assertThat((Double) o.result().piHat()).isCloseTo(s.piScalar(), org.assertj.core.data.Percentage.withPercentage(3));
            assertThat(o.result().consumptionHat()).isCloseTo(s.k(), org.assertj.core.data.Percentage.withPercentage(5));
        }
    }

    @Test
    void anUnstableProblemStartsFromAnAdmissibleGain() {
        // α = +0.5: the zero policy is not admissible (α − ρ/2 > 0), so K₀ must stabilise
        LqrParameters p = LqrParameters.scalar(0.5, 1, 1, 0.1, 0.3, 0.1);
        ReferenceCase.Lqr c = (ReferenceCase.Lqr) ReferenceCase.lqr(p);
        assertThat(c.start().zeroPolicyAdmissible()).isFalse();
        double k0 = c.start().K0()[0][0];
        assertThat(0.5 - k0 - 0.05).isNegative();
        try (NDManager m = TestSupport.manager(); PolicyNetwork policy = c.newPolicyNetwork(List.of(), Precision.FLOAT64, 0, m)) {
            NDArray x = m.create(new double[] {1.0, -2.0}, new Shape(2, 1));
            double[] a = TestSupport.d(policy.act(null, x));
            assertThat(a[0]).isCloseTo(-k0, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(a[1]).isCloseTo(2 * k0, org.assertj.core.data.Offset.offset(1e-12));
        }
        try (NDManager m = TestSupport.manager();
                PolicyIterationRun.Outcome o = PolicyIterationRun.run(c, quick(c, 4), m, PolicyIterationListener.none())) {
            assertThat(o.result().kRelErr()).isLessThan(0.05);
        }
    }

    @Test
    void unstabilisableLqrIsRefused() {
        // B = 0 and A − ρ/2 > 0: no policy can stabilise
        LqrParameters p = new LqrParameters(new double[][] {{0.5}}, new double[][] {{0}}, new double[][] {{1}},
                new double[][] {{0.1}}, new double[][] {{0.3}}, 0.1);
        assertThatThrownBy(() -> ReferenceCase.lqr(p)).isInstanceOf(BadInputException.class);
    }

    @Test
    void mertonWithInfiniteValueIsRefused() {
        // γ = 0.5, ρ = 0.001: ρ − (1 − γ)M = 0.001 − 0.5·0.0925 < 0 (with the reference γ = 2 any ρ > 0 is finite)
        assertThatThrownBy(() -> ReferenceCase.merton(MertonParameters.single(0.03, 0.08, 0.2, 0.5, 0.001)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("infinite");
    }

    /** Improvement alone, with V fixed at the closed form: the policy net must find a* = −Kx. */
    @Test
    void improvementWithTheExactValueRecoversTheExactGain() {
        ReferenceCase.Lqr c = (ReferenceCase.Lqr) ReferenceCase.lqr(LqrParameters.reference());
        PolicyIterationConfig cfg = quick(c, 1).withSteps(0, 0, 200);
        try (NDManager m = TestSupport.manager(); PolicyNetwork policy = c.newPolicyNetwork(List.of(8), Precision.FLOAT64, 3, m);
                ExactValue exact = new ExactValue(c.exactValue())) {
            new PolicyIteration(cfg.withEvaluation(EvaluationMethod.RESIDUAL)).run(c.problem(), exact, policy, m,
                    PolicyIterationListener.none());
            Scores s = Scores.of(c, c.exactValue(), policy, m);
            assertThat(s.kRelErr()).isLessThan(2e-3);
        }
    }

    /** Monte Carlo evaluation of the exact policy, regression onto the quadratic head: recovers V (Euler bias ≈ λΔt/2). */
    @Test
    void monteCarloEvaluationOfTheExactPolicyRecoversTheExactValue() {
        ReferenceCase.Lqr c = (ReferenceCase.Lqr) ReferenceCase.lqr(LqrParameters.reference());
        LqrSolution sol = c.solution();
        try (NDManager m = TestSupport.manager();
                ValueNetwork v = c.newValueNetwork(List.of(), Precision.FLOAT64, 0, m);
                ExactValue exact = new ExactValue(c.exactValue())) {
            FeynmanKacReturns mc = new FeynmanKacReturns(4.0, 0.005, true);
            NDArray starts = c.problem().trainingStates().sample(1024, new java.util.SplittableRandom(5), m, DataType.FLOAT64);
            // the tail bootstraps on the exact value, as a converged critic would
            NDArray g = mc.returns(c.problem(), c.exactPolicy(), exact, mc.pairStarts(starts), StepRandom.of(9));
            NDArray pairMean = g.get("0:1024").add(g.get("1024:")).mul(0.5);
            v.calibrate(starts, pairMean);
            double[] xs = TestSupport.d(starts);
            double[] vHat = TestSupport.d(v.value(null, m.create(new double[] {-2, -1, 0, 1, 2}, new Shape(5, 1))));
            double[] vStar = sol.values(new double[][] {{-2}, {-1}, {0}, {1}, {2}});
            assertThat(Metrics.relativeL2Error(vHat, vStar)).isLessThan(0.03);
            assertThat(xs).hasSize(1024);
        }
    }

    /** Residual evaluation of the exact policy: the head solve recovers P and c to round-off. */
    @Test
    void residualEvaluationOfTheExactPolicyRecoversTheExactValue() {
        ReferenceCase.Lqr c = (ReferenceCase.Lqr) ReferenceCase.lqr(LqrParameters.reference());
        try (NDManager m = TestSupport.manager();
                QuadraticValueNetwork v = (QuadraticValueNetwork) c.newValueNetwork(List.of(), Precision.FLOAT64, 0, m)) {
            NDArray x = c.problem().trainingStates().sample(512, new java.util.SplittableRandom(1), m, DataType.FLOAT64);
            NDArray a = c.exactPolicy().act(null, x);
            assertThat(v.solveResidual(c.problem(), x, a, x.onesLike())).isTrue();
            assertThat(v.quadraticForm()[0][0]).isCloseTo(c.solution().P()[0][0], org.assertj.core.data.Offset.offset(1e-10));
            Scores s = Scores.of(c, v, c.exactPolicy(), m);
            assertThat(s.valueRelL2()).isLessThan(1e-10);
            assertThat(s.hjbResidual()).isLessThan(1e-9);
        }
    }

    /** The homothetic network's derivatives against central finite differences. */
    @Test
    void homotheticDerivativesMatchFiniteDifferences() {
        try (NDManager m = TestSupport.manager();
                HomotheticValueNetwork v = new HomotheticValueNetwork(2.0, MlpConfig.of(1, List.of(8), 1, Precision.FLOAT64, 4)
                        .withZeroLastLayer(false), DataType.FLOAT64, m)) {
            // zeroLastLayer is forced on; perturb the output layer so g is not constant
            v.parameters().forEach(p -> p.array().addi(0.3));
            double x0 = 1.7;
            double h = 1e-4;
            NDArray x = m.create(new double[] {x0 - h, x0, x0 + h}, new Shape(3, 1));
            Jet j = v.jet(null, x, Derivatives.valueGradientHessian().detach());
            double[] val = TestSupport.d(j.value());
            double[] grad = TestSupport.d(j.gradient());
            double[] hess = TestSupport.d(j.hessian());
            assertThat(grad[1]).isCloseTo((val[2] - val[0]) / (2 * h), org.assertj.core.data.Offset.offset(1e-6 * Math.abs(grad[1]) + 1e-8));
            assertThat(hess[1]).isCloseTo((grad[2] - grad[0]) / (2 * h), org.assertj.core.data.Offset.offset(1e-5 * Math.abs(hess[1]) + 1e-8));
            NDArray dirs = m.create(new double[] {2.0}, new Shape(1, 1, 1));
            double[] dd = TestSupport.d(v.jet(null, x, Derivatives.value().withDirections(dirs)).directional());
            assertThat(dd[1]).isCloseTo(4 * hess[1], org.assertj.core.data.Offset.offset(1e-9 * Math.abs(hess[1])));
        }
    }

    @Test
    void configRefusesBadSettings() {
        assertThatThrownBy(() -> PolicyIterationConfig.defaults().withIterations(0)).isInstanceOf(BadInputException.class);
        assertThatThrownBy(() -> PolicyIterationConfig.defaults().withRollouts(3, 1, 0.01)).isInstanceOf(BadInputException.class);
        assertThatThrownBy(() -> PolicyIterationConfig.defaults().withRollouts(4, 0.01, 0.1)).isInstanceOf(BadInputException.class);
    }

    /** A closed-form value as a (parameter-free) value network, to test improvement and rollouts alone. */
    private record ExactValue(ScalarField field) implements ValueNetwork {
        @Override
        public List<dev.bellman.control.nn.Parameter> parameters() {
            return List.of();
        }

        @Override
        public int dim() {
            return field.dim();
        }

        @Override
        public NDArray value(NDArray t, NDArray x) {
            return field.value(t, x);
        }

        @Override
        public NDArray gradient(NDArray t, NDArray x) {
            return field.gradient(t, x);
        }

        @Override
        public NDArray hessian(NDArray t, NDArray x) {
            return field.hessian(t, x);
        }

        @Override
        public NDArray timeDerivative(NDArray t, NDArray x) {
            return field.timeDerivative(t, x);
        }

        @Override
        public void close() {}
    }
}
