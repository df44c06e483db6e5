package dev.bellman.diffusion.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import dev.bellman.control.engine.BellmanEngine;
import dev.bellman.control.engine.GcChurn;
import dev.bellman.control.engine.Precision;
import dev.bellman.data.DataSpec;
import dev.bellman.diffusion.checkpoint.Checkpoint;
import dev.bellman.diffusion.net.ControlNetConfig;
import dev.bellman.diffusion.sde.SdeKind;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Vector training repeats bit for bit while a {@link GcChurn} thread frees and overwrites Java
 * buffers: no tensor autograd keeps for the backward pass lives in GC-managed memory (the U-Net's
 * counterpart is in {@code UNetTest}; see {@link dev.bellman.control.engine.Scalars}).
 */
class GcChurnTrainingTest {
    static NDManager m;
    static IntraOpThreads oneThread;

    @BeforeAll
    static void start() {
        m = BellmanEngine.current().newManager();
        oneThread = IntraOpThreads.atMost(1);
    }

    @AfterAll
    static void stop() {
        oneThread.close();
        m.close();
    }

    @Test
    void trainingRepeatsBitForBitWhileTheGcFreesJavaBuffers() throws InterruptedException {
        for (Precision precision : Precision.values()) {
            SdeKind kind = precision == Precision.FLOAT32 ? SdeKind.VP : SdeKind.VE;
            TrainConfig c = new TrainConfig("8gaussians", 28, List.of(2L), SdeSpec.defaults(kind),
                    ControlNetConfig.defaults(2, precision, 0), Weighting.EPS, 60, 256, 1e-3, 10, 1.0, 0.999, 1_000_000, 0);
            Checkpoint first = null;
            try (GcChurn churn = GcChurn.start(5)) {
                for (int run = 0; run < 3; run++) {
                    try (ScoreMatchingTrainer t = ScoreMatchingTrainer.start(c, DataSpec.parse("8gaussians").open(), m)) {
                        for (int s = 0; s < 60; s++) {
                            t.trainStep();
                            if (s % 10 == 0) {
                                Thread.sleep(2);
                            }
                        }
                        Checkpoint now = t.checkpoint();
                        if (first == null) {
                            first = now;
                        } else {
                            assertThat(now.parameters().sameValues(first.parameters())).as("%s %s run %d", precision, kind, run).isTrue();
                            assertThat(now.losses()).containsExactly(first.losses());
                        }
                    }
                }
            }
        }
    }
}
