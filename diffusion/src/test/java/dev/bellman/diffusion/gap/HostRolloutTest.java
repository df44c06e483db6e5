package dev.bellman.diffusion.gap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.engine.BellmanEngine;
import dev.bellman.control.field.DivergenceMode;
import dev.bellman.control.field.HostVectorField;
import dev.bellman.control.field.VectorField;
import dev.bellman.diffusion.ControlModel;
import dev.bellman.diffusion.exact.ExactModel;
import dev.bellman.diffusion.exact.Mixtures;
import dev.bellman.diffusion.exact.PerturbedControl;
import dev.bellman.diffusion.sde.VpSde;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The host rollout ({@link HostRollout}) against the engine path it replaces for closed-form controls:
 * the host u* equals {@code ExactControl.value} pointwise, and whole estimates (G, J, V, the identity
 * residual and their standard errors) agree to rounding, because both paths draw the same prior and
 * noise. The engine path is forced by hiding the control's host form.
 */
class HostRolloutTest {

    @Test
    void hostExactControlEqualsTheEnginesAtEveryTime() {
        ExactModel exact = new ExactModel(VpSde.defaults(), Mixtures.anisotropic3d());
        VectorField u = exact.control();
        HostVectorField host = u.onHost().orElseThrow();
        int n = 64;
        int d = 3;
        double[] x = new SplittableRandom(1).doubles(n * d, -3, 3).toArray();
        try (NDManager mgr = BellmanEngine.current().newManager()) {
            for (double tf : new double[] {1e-3, 0.05, 0.3, 1.0}) {
                double[] engine = u.value(mgr.ones(new Shape(n, 1), DataType.FLOAT64).muli(tf), mgr.create(x, new Shape(n, d)))
                        .toDoubleArray();
                double[] mine = new double[n * d];
                host.at(tf).value(x, mine, 0, n);
                for (int i = 0; i < n * d; i++) {
                    assertThat(mine[i]).as("t_f = %s, entry %d", tf, i).isCloseTo(engine[i], within(1e-10 * (1 + Math.abs(engine[i]))));
                }
            }
        }
    }

    @Test
    void estimatesEqualTheEnginePathForExactAndMovedOffControls() {
        ExactModel exact = new ExactModel(VpSde.defaults(), Mixtures.anisotropic3d());
        GapTarget target = new GapTarget.Mixture(exact.data());
        // two batches, a ragged second one, so batch streams and block edges are both exercised
        GapConfig config = GapConfig.of(500, 40).withBatchSize(300).withSeed(11);
        for (double[] p : new double[][] {{1, 0}, {0.7, 0}, {1, 0.5}}) {
            ControlModel model = PerturbedControl.model(exact, p[0], p[1]);
            assertThat(model.control().onHost()).isPresent();
            GapResult host = VerificationGap.estimate(model, target, config, GapListener.none());
            GapResult engine = VerificationGap.estimate(engineOnly(model), target, config, GapListener.none());
            String what = p[0] + "u* + " + p[1];
            same(what + " G", host.gap(), engine.gap());
            same(what + " J", host.cost(), engine.cost());
            same(what + " V", host.value(), engine.value());
            same(what + " residual", host.identityResidual(), engine.identityResidual());
            assertThat(engine.eulerBias()).as("the engine path has no control variate").isNull();
        }
    }

    @Test
    void controlVariateKeepsTheResidualsMeanAndMeasuresTheEulerBias() {
        // The default VP (β_max = 20) on 200 steps: a bias of several standard errors of the plain estimator.
        ExactModel exact = new ExactModel(VpSde.defaults(), Mixtures.anisotropic3d());
        GapTarget target = new GapTarget.Mixture(exact.data());
        for (double[] p : new double[][] {{1, 0}, {0.7, 0}, {1, 0.5}}) {
            ControlModel model = PerturbedControl.model(exact, p[0], p[1]);
            EulerBias both = VerificationGap.eulerBias(model, target, GapConfig.of(2000, 200).withSeed(5), GapListener.none());
            String what = p[0] + "u* + " + p[1];
            for (GapResult r : new GapResult[] {both.coarse(), both.fine()}) {
                Estimate plain = r.identityResidual();
                Estimate bias = r.eulerBias();
                System.out.printf("%s N=%d: residual %+.4f ± %.4f, control variate %+.5f ± %.5f%n", what, r.steps(), plain.mean(),
                        plain.standardError(), bias.mean(), bias.standardError());
                // same expectation: the control variate has mean zero
                assertThat(Math.abs(bias.mean() - plain.mean())).as(what).isLessThanOrEqualTo(4 * plain.standardError());
                assertThat(bias.standardError()).as(what).isLessThan(0.2 * plain.standardError());
            }
            // Euler–Maruyama's weak order 1: the bias about halves with the step
            double ratio = both.coarse().eulerBias().mean() / both.fine().eulerBias().mean();
            assertThat(ratio).as(what + " bias(N)/bias(2N)").isBetween(1.4, 2.8);
        }
    }

    private static void same(String what, Estimate host, Estimate engine) {
        assertThat(host.mean()).as(what).isCloseTo(engine.mean(), within(1e-9 * (1 + Math.abs(engine.mean()))));
        assertThat(host.standardError()).as(what + " se").isCloseTo(engine.standardError(), within(1e-9 * (1 + engine.standardError())));
    }

    /** The same model with a control that has no host form, so {@link VerificationGap} takes the engine path. */
    private static ControlModel engineOnly(ControlModel model) {
        VectorField c = model.control();
        VectorField hidden = new VectorField() {
            @Override
            public int dim() {
                return c.dim();
            }

            @Override
            public NDArray value(NDArray t, NDArray x) {
                return c.value(t, x);
            }

            @Override
            public NDArray divergence(NDArray t, NDArray x, DivergenceMode mode) {
                return c.divergence(t, x, mode);
            }
        };
        return ControlModel.withControl(model, hidden);
    }
}
