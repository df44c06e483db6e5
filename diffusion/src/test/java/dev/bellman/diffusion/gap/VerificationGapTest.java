package dev.bellman.diffusion.gap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bellman.diffusion.ControlModel;
import dev.bellman.diffusion.exact.ExactModel;
import dev.bellman.diffusion.exact.PerturbedControl;
import dev.bellman.diffusion.sde.VpSde;
import org.junit.jupiter.api.Test;

/**
 * The verification identity E[J] − E[V] = G on the peer's 2-D mixture under VP, for u* and for
 * controls moved off it, within 4 standard errors of the per-path J − V − G.
 */
class VerificationGapTest {

    private static void report(String name, GapResult r) {
        System.out.printf("%s: G=%.4f±%.4f J=%.4f±%.4f V=%.4f±%.4f residual=%+.4f±%.4f%n", name, r.gap().mean(),
                r.gap().standardError(), r.cost().mean(), r.cost().standardError(), r.value().mean(),
                r.value().standardError(), r.identityResidual().mean(), r.identityResidual().standardError());
    }

    @Test
    void identityHoldsForTheExactAndMovedOffControls() {
        ExactModel exact = new ExactModel(VpSde.defaults(), Mixtures.peer2d());
        GapTarget target = GapTarget.mixture(exact.data());
        GapConfig config = GapConfig.of(4000, 200).withBatchSize(4000);
        for (double[] p : new double[][] {{1, 0}, {0.7, 0}, {1, 0.5}}) {
            ControlModel model = PerturbedControl.model(exact, p[0], p[1]);
            long t0 = System.nanoTime();
            GapResult r = VerificationGap.estimate(model, target, config, GapListener.none());
            report(p[0] + "u*+" + p[1] + " (" + (System.nanoTime() - t0) / 1e9 + " s)", r);
            assertThat(Math.abs(r.identityResidual().mean())).isLessThanOrEqualTo(4 * r.identityResidual().standardError());
        }
    }
}
