package dev.bellman.diffusion.exact;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.engine.BellmanEngine;
import dev.bellman.control.field.TraceMode;
import dev.bellman.control.generator.Policy;
import dev.bellman.control.hjb.HjbResidual;
import dev.bellman.control.hjb.HjbResidualReport;
import dev.bellman.data.mixture.GaussianMixture;
import dev.bellman.data.toy.ToyDistribution;
import dev.bellman.diffusion.sde.ForwardSde;
import dev.bellman.diffusion.sde.SubVpSde;
import dev.bellman.diffusion.sde.VeSde;
import dev.bellman.diffusion.sde.VpSde;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The proof of the conventions (DESIGN.md §1.0, §1.4): W(τ, x) = log p_{T−τ}(x) solves the core's
 * HJB in reward form for the reverse-time control problem, R = −∂_τW − max_u{r + L^uW} = 0, with the
 * max taken at the exact control u* = Σᵀ∇W, computed by the core's {@link HjbResidual} and
 * generator. The same check with the time flip left out (∂_τ taken as +∂_{t_f}) fails, so the test
 * sees a wrong convention.
 */
class DiffusionHjbTest {

    static List<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (ForwardSde sde : List.of(VpSde.defaults(), SubVpSde.defaults(), VeSde.withSigmaMax(4.0))) {
            out.add(Arguments.of(sde, Mixtures.anisotropic3d()));
            out.add(Arguments.of(sde, ToyDistribution.TWENTY_FIVE_GAUSSIANS.mixture().orElseThrow()));
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("cases")
    void logDensityInGenerativeTimeSolvesTheHjbWithTheExactControl(ForwardSde sde, GaussianMixture data) {
        MixtureLogDensity logDensity = new MixtureLogDensity(data, sde);
        DiffusionControlProblem problem = new DiffusionControlProblem(logDensity);
        int d = data.dimension();
        int count = 64;
        SplittableRandom rng = new SplittableRandom(11);
        double[] tau = new double[count];
        double[] xs = new double[count * d];
        for (int i = 0; i < count; i++) {
            tau[i] = (sde.horizon() - sde.epsilon()) * rng.nextDouble();
            for (int j = 0; j < d; j++) {
                xs[i * d + j] = 1.5 * rng.nextGaussian();
            }
        }
        try (NDManager m = BellmanEngine.current().newManager()) {
            NDArray t = m.create(tau, new Shape(count, 1));
            NDArray x = m.create(xs, new Shape(count, d));
            Policy exact = problem.reverseSde().policy(new ExactControl(logDensity));
            HjbResidualReport report = HjbResidual.evaluate(problem, DiffusionControlProblem.value(logDensity), exact, t, x,
                    TraceMode.EXACT_HESSIAN);
            assertThat(report.relative()).as("relative HJB residual").isLessThanOrEqualTo(1e-6);
            assertThat(report.rmsHamiltonian()).as("the Hamiltonian is not trivially zero").isGreaterThan(1e-2);

            // Without the flip (forward-time field used as if it were in τ) the residual is large.
            HjbResidualReport unflipped = HjbResidual.evaluate(problem, new UnflippedField(logDensity, sde.horizon()), exact,
                    t, x, TraceMode.EXACT_HESSIAN);
            assertThat(unflipped.relative()).isGreaterThan(1e-2);
        }
    }

    /** log p_{T−τ} with x-derivatives right but ∂_τ = +∂_{t_f}: the sign error the flip prevents. */
    private static final class UnflippedField implements dev.bellman.control.field.ScalarField {
        private final GenerativeTimeLogDensity right;
        private final MixtureLogDensity forward;
        private final double horizon;

        UnflippedField(MixtureLogDensity forward, double horizon) {
            this.right = new GenerativeTimeLogDensity(forward);
            this.forward = forward;
            this.horizon = horizon;
        }

        @Override
        public int dim() {
            return right.dim();
        }

        @Override
        public NDArray value(NDArray t, NDArray x) {
            return right.value(t, x);
        }

        @Override
        public NDArray gradient(NDArray t, NDArray x) {
            return right.gradient(t, x);
        }

        @Override
        public NDArray hessian(NDArray t, NDArray x) {
            return right.hessian(t, x);
        }

        @Override
        public NDArray timeDerivative(NDArray t, NDArray x) {
            return forward.timeDerivative(t.neg().add(horizon), x);
        }
    }
}
