package dev.bellman.diffusion.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import dev.bellman.control.engine.BellmanEngine;
import dev.bellman.control.nn.host.HostKernels;
import dev.bellman.data.DataSource;
import dev.bellman.data.DataSpec;
import dev.bellman.diffusion.checkpoint.Checkpoint;
import dev.bellman.diffusion.net.ControlNetConfig;
import dev.bellman.diffusion.net.NetOutput;
import dev.bellman.diffusion.sde.SdeKind;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The float32 control net trains on the host kernels ({@link HostTraining}) with the libtorch path's
 * losses and weights up to float32 rounding, and the libtorch path (kernels off) still resumes bit for
 * bit (TrainerTest covers the host path's resume).
 */
class HostTrainingTest {
    static NDManager m;
    static IntraOpThreads oneThread;
    static DataSource gaussians;

    @BeforeAll
    static void start() {
        m = BellmanEngine.current().newManager();
        oneThread = IntraOpThreads.atMost(1);
        gaussians = DataSpec.parse("8gaussians").open();
    }

    @AfterAll
    static void stop() {
        oneThread.close();
        m.close();
    }

    @AfterEach
    void kernelsBackOn() {
        System.clearProperty(HostKernels.PROPERTY);
    }

    private static Checkpoint run(TrainConfig c, boolean host) {
        if (host) {
            System.clearProperty(HostKernels.PROPERTY);
        } else {
            System.setProperty(HostKernels.PROPERTY, "false");
        }
        try (ScoreMatchingTrainer t = ScoreMatchingTrainer.start(c, gaussians, m)) {
            assertThat(t.onHostKernels()).as("host kernels %s", HostKernels.status()).isEqualTo(host);
            t.train(CheckpointSink.NONE, TrainListener.NONE);
            return t.checkpoint();
        }
    }

    @Test
    void hostStepsFollowTheLibtorchSteps() {
        hostFollowsLibtorch(TrainerTest.config(SdeKind.VP, Weighting.EPS, 30, 1e-3, 5));
    }

    /** A net whose MLP predicts the noise (u = −g/s·ε_θ) trains on the host kernels too, with the same steps. */
    @Test
    void noiseOutputHostStepsFollowTheLibtorchSteps() {
        TrainConfig c = TrainerTest.config(SdeKind.VP, Weighting.LIKELIHOOD, 30, 1e-3, 6);
        hostFollowsLibtorch(c.withNet(((ControlNetConfig) c.net()).withOutput(NetOutput.NOISE)));
    }

    private static void hostFollowsLibtorch(TrainConfig c) {
        Checkpoint host = run(c, true);
        Checkpoint djl = run(c, false);
        float[] a = host.losses();
        float[] b = djl.losses();
        // Step 1: the same weights on the same batch, so the same loss up to float32 sums.
        assertThat((double) a[0]).isCloseTo(b[0], org.assertj.core.api.Assertions.within(1e-5 * b[0]));
        // Later steps: Adam's normalised updates amplify rounding in near-zero gradient entries, but the
        // trajectories stay together (a wrong gradient or update would part them at step 2).
        for (int k = 1; k < a.length; k++) {
            assertThat((double) a[k]).as("loss at step %d", k + 1).isCloseTo(b[k], org.assertj.core.api.Assertions.within(1e-3 * b[k]));
        }
        List<double[]> pa = host.parameters().values();
        List<double[]> pb = djl.parameters().values();
        for (int i = 0; i < pa.size(); i++) {
            double num = 0;
            double den = 0;
            for (int j = 0; j < pa.get(i).length; j++) {
                double d = pa.get(i)[j] - pb.get(i)[j];
                num += d * d;
                den += pb.get(i)[j] * pb.get(i)[j];
            }
            assertThat(Math.sqrt(num / den)).as("weights %s after 30 steps", host.parameters().names().get(i)).isLessThan(1e-3);
        }
        assertThat(host.adam().step()).isEqualTo(30);
        assertThat(host.ema().updates()).isEqualTo(djl.ema().updates());
    }

    @Test
    void libtorchPathResumesBitForBit() {
        TrainConfig c = TrainerTest.config(SdeKind.VP, Weighting.EPS, 20, 1e-3, 9);
        System.setProperty(HostKernels.PROPERTY, "false");
        Checkpoint straight = run(c, false);
        Checkpoint half = run(c.withSteps(10), false);
        Checkpoint extended = new Checkpoint(half.config().withSteps(20), half.step(), half.parameters(), half.ema(), half.adam(),
                half.losses());
        Checkpoint end;
        try (ScoreMatchingTrainer t = ScoreMatchingTrainer.resume(extended, gaussians, m)) {
            assertThat(t.onHostKernels()).isFalse();
            t.train(CheckpointSink.NONE, TrainListener.NONE);
            end = t.checkpoint();
        }
        assertThat(end.parameters().sameValues(straight.parameters())).isTrue();
        assertThat(end.losses()).containsExactly(straight.losses());
    }
}
