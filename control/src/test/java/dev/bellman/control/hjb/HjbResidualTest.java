package dev.bellman.control.hjb;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.TestSupport;
import dev.bellman.control.field.ScalarField;
import dev.bellman.control.field.TraceMode;
import dev.bellman.control.generator.Policy;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The HJB residual of the scalar discounted LQR of DESIGN.md §1.3 at its closed form
 * V = −½Px² − c, a* = −Kx vanishes; a wrong gain does not.
 */
class HjbResidualTest {
    static final double ALPHA = -0.5;
    static final double BETA = 1;
    static final double Q = 1;
    static final double RA = 0.1;
    static final double SIGMA = 0.3;
    static final double RHO = 0.1;
    static final double P = 0.2659750769;
    static final double K = 2.659750769;
    static final double C = 0.1196887846;

    static final ControlProblem LQR = new ControlProblem() {
        @Override
        public int stateDim() {
            return 1;
        }

        @Override
        public int actionDim() {
            return 1;
        }

        @Override
        public int noiseDim() {
            return 1;
        }

        @Override
        public NDArray drift(NDArray t, NDArray x, NDArray a) {
            return x.mul(ALPHA).add(a.mul(BETA));
        }

        @Override
        public NDArray diffusion(NDArray t, NDArray x, NDArray a) {
            return x.onesLike().mul(SIGMA).expandDims(2);
        }

        @Override
        public NDArray reward(NDArray t, NDArray x, NDArray a) {
            return x.square().mul(Q).add(a.square().mul(RA)).mul(-0.5);
        }

        @Override
        public double discountRate() {
            return RHO;
        }

        @Override
        public OptionalDouble horizon() {
            return OptionalDouble.empty();
        }

        @Override
        public ActionSpace actionSpace() {
            return ActionSpace.unbounded(1);
        }

        @Override
        public StateSampler trainingStates() {
            return StateSampler.gaussian(new double[] {0}, new double[] {1});
        }

        @Override
        public StateSampler evaluationStates() {
            return StateSampler.grid(-2, 2, 201);
        }
    };

    static final ScalarField VALUE = new ScalarField() {
        @Override
        public int dim() {
            return 1;
        }

        @Override
        public boolean stationary() {
            return true;
        }

        @Override
        public NDArray value(NDArray t, NDArray x) {
            return x.square().mul(-0.5 * P).sub(C);
        }

        @Override
        public NDArray gradient(NDArray t, NDArray x) {
            return x.mul(-P);
        }

        @Override
        public NDArray hessian(NDArray t, NDArray x) {
            return x.onesLike().mul(-P).expandDims(2);
        }

        @Override
        public NDArray timeDerivative(NDArray t, NDArray x) {
            return x.zerosLike();
        }
    };

    @Test
    void vanishesAtTheClosedFormAndNotAtAWrongGain() {
        try (NDManager m = TestSupport.manager()) {
            NDArray x = LQR.evaluationStates().sample(0, new SplittableRandom(0), m, DataType.FLOAT64);
            NDArray t = m.zeros(new Shape(x.getShape().get(0), 1), DataType.FLOAT64);
            for (TraceMode mode : new TraceMode[] {TraceMode.EXACT_HESSIAN, TraceMode.EXACT_COLUMNS}) {
                HjbResidualReport exact = HjbResidual.evaluate(LQR, VALUE, (tt, xx) -> xx.mul(-K), t, x, mode);
                assertThat(exact.relative()).isLessThan(1e-8);
                assertThat(exact.residuals()).hasSize(201);
                HjbResidualReport wrong = HjbResidual.evaluate(LQR, VALUE, (tt, xx) -> xx.mul(-0.5 * K), t, x, mode);
                assertThat(wrong.relative()).isGreaterThan(0.1);
            }
            HjbResidualReport zero = HjbResidual.evaluate(LQR, VALUE, Policy.zero(1), t, x, TraceMode.EXACT_HESSIAN);
            assertThat(zero.rmsResidual()).isGreaterThan(0.1);
        }
    }

    @Test
    void boxActionsSquashAndClip() {
        try (NDManager m = TestSupport.manager()) {
            ActionSpace box = ActionSpace.box(new double[] {-1, 0}, new double[] {1, 2});
            NDArray raw = m.create(new double[] {-100, 100, 0, 0}, new Shape(2, 2));
            assertThat(TestSupport.d(box.fromUnconstrained(raw))).containsExactly(-1, 2, 0, 1);
            assertThat(TestSupport.d(box.clip(m.create(new double[] {-3, 5, 0.5, 1}, new Shape(2, 2)))))
                    .containsExactly(-1, 2, 0.5, 1);
        }
    }
}
