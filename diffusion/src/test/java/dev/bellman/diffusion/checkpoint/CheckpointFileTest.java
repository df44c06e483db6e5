package dev.bellman.diffusion.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import dev.bellman.control.BadInputException;
import dev.bellman.control.engine.BellmanEngine;
import dev.bellman.control.engine.Precision;
import dev.bellman.control.run.AtomicFiles;
import dev.bellman.data.DataSource;
import dev.bellman.data.DataSpec;
import dev.bellman.diffusion.net.ControlNetConfig;
import dev.bellman.diffusion.sde.SdeKind;
import dev.bellman.diffusion.train.CheckpointSink;
import dev.bellman.diffusion.train.IntraOpThreads;
import dev.bellman.diffusion.train.ScoreMatchingTrainer;
import dev.bellman.diffusion.train.SdeSpec;
import dev.bellman.diffusion.train.TrainConfig;
import dev.bellman.diffusion.train.TrainListener;
import dev.bellman.diffusion.train.Weighting;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoint files: round trip, atomic replacement, refusal of other versions, shapes, truncation. */
class CheckpointFileTest {
    static NDManager m;
    static IntraOpThreads oneThread;
    static Checkpoint early;
    static Checkpoint late;

    @BeforeAll
    static void start() {
        m = BellmanEngine.current().newManager();
        oneThread = IntraOpThreads.atMost(1);
        DataSource data = DataSpec.parse("8gaussians").open();
        TrainConfig c = new TrainConfig("8gaussians", 28, List.of(2L), SdeSpec.defaults(SdeKind.VP),
                ControlNetConfig.defaults(2, Precision.FLOAT32, 1).withHidden(List.of(16, 16)), Weighting.EPS, 6, 64, 1e-3, 0, 1.0,
                0.9, 3, 1);
        try (ScoreMatchingTrainer t = ScoreMatchingTrainer.start(c, data, m)) {
            for (int i = 0; i < 3; i++) {
                t.trainStep();
            }
            early = t.checkpoint();
            t.train(CheckpointSink.NONE, TrainListener.NONE);
            late = t.checkpoint();
        }
    }

    @AfterAll
    static void stop() {
        oneThread.close();
        m.close();
    }

    @Test
    void roundTripsEveryField(@TempDir Path dir) throws IOException {
        CheckpointFile.write(dir, late);
        Checkpoint back = CheckpointFile.read(dir);
        assertThat(back.config()).isEqualTo(late.config());
        assertThat(back.step()).isEqualTo(6);
        assertThat(back.parameters().sameValues(late.parameters())).isTrue();
        assertThat(back.ema().updates()).isEqualTo(6);
        assertThat(back.ema().shadow().sameValues(late.ema().shadow())).isTrue();
        assertThat(back.adam().step()).isEqualTo(6);
        assertThat(back.adam().firstMoment().sameValues(late.adam().firstMoment())).isTrue();
        assertThat(back.adam().secondMoment().sameValues(late.adam().secondMoment())).isTrue();
        assertThat(back.losses()).containsExactly(late.losses());
        assertThat(CheckpointFile.readConfig(dir)).isEqualTo(late.config());
    }

    /** A stream that passes {@code limit} bytes through and then fails, like a kill or a full disk mid-write. */
    static final class FailingStream extends FilterOutputStream {
        private long left;

        FailingStream(OutputStream out, long limit) {
            super(out);
            left = limit;
        }

        @Override
        public void write(int b) throws IOException {
            if (left-- <= 0) {
                throw new IOException("simulated failure mid-write");
            }
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            for (int i = 0; i < len; i++) {
                write(b[off + i]);
            }
        }
    }

    @Test
    void aWriteThatFailsHalfwayLeavesThePreviousCheckpointIntact(@TempDir Path dir) throws IOException {
        CheckpointFile.write(dir, early);
        byte[] before = Files.readAllBytes(CheckpointFile.path(dir));
        ByteArrayOutputStream full = new ByteArrayOutputStream();
        CheckpointFile.write(late, full);
        long half = full.size() / 2;
        assertThatThrownBy(() -> AtomicFiles.write(CheckpointFile.path(dir), out -> CheckpointFile.write(late, new FailingStream(out, half))))
                .isInstanceOf(IOException.class);
        assertThat(Files.readAllBytes(CheckpointFile.path(dir))).isEqualTo(before);
        assertThat(CheckpointFile.read(dir).step()).isEqualTo(3);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(CheckpointFile.NAME);
        }
    }

    @Test
    void refusesAnotherFormatVersionATruncatedFileAndAMissingOne(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> CheckpointFile.read(dir)).isInstanceOf(BadInputException.class).hasMessageContaining("no checkpoint");
        CheckpointFile.write(dir, late);
        byte[] bytes = Files.readAllBytes(CheckpointFile.path(dir));
        byte[] other = bytes.clone();
        other[7] = (byte) (CheckpointFile.FORMAT_VERSION + 1); // the version int, big-endian, bytes 4..7
        Files.write(CheckpointFile.path(dir), other);
        assertThatThrownBy(() -> CheckpointFile.read(dir)).isInstanceOf(BadInputException.class).hasMessageContaining("format version");
        assertThatThrownBy(() -> CheckpointFile.readConfig(dir)).isInstanceOf(BadInputException.class);
        Files.write(CheckpointFile.path(dir), java.util.Arrays.copyOf(bytes, bytes.length - 100));
        assertThatThrownBy(() -> CheckpointFile.read(dir)).isInstanceOf(BadInputException.class).hasMessageContaining("truncated");
        Files.write(CheckpointFile.path(dir), "not a checkpoint".getBytes());
        assertThatThrownBy(() -> CheckpointFile.read(dir)).isInstanceOf(BadInputException.class).hasMessageContaining("not a Bellman checkpoint");
    }

    /**
     * A checkpoint written before {@link TrainConfig#divergence()} existed (its configuration JSON has
     * no such key; the binary format is unchanged, so the file is this one with the key removed) loads
     * with the default policy and resumes.
     */
    @Test
    void aCheckpointWithoutTheDivergencePolicyLoadsWithTheDefault(@TempDir Path dir) throws IOException {
        CheckpointFile.write(dir, late);
        byte[] bytes = Files.readAllBytes(CheckpointFile.path(dir));
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
        int length = in.getInt(8);
        com.fasterxml.jackson.databind.node.ObjectNode json = (com.fasterxml.jackson.databind.node.ObjectNode)
                dev.bellman.control.run.Json.mapper().readTree(java.util.Arrays.copyOfRange(bytes, 12, 12 + length));
        assertThat(json.has("divergence")).as("the policy is recorded").isTrue();
        json.remove("divergence");
        byte[] old = dev.bellman.control.run.Json.mapper().writeValueAsBytes(json);
        java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(bytes.length - length + old.length);
        out.put(bytes, 0, 8).putInt(old.length).put(old).put(bytes, 12 + length, bytes.length - 12 - length);
        Files.write(CheckpointFile.path(dir), out.array());

        assertThat(new String(old, java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("divergence");
        Checkpoint back = CheckpointFile.read(dir);
        assertThat(back.config().divergence()).isEqualTo(dev.bellman.diffusion.train.DivergencePolicy.DEFAULT);
        assertThat(back.config()).isEqualTo(late.config());
        assertThat(CheckpointFile.readConfig(dir)).isEqualTo(late.config());
        assertThat(back.parameters().sameValues(late.parameters())).isTrue();
        try (ScoreMatchingTrainer t = ScoreMatchingTrainer.resume(new Checkpoint(back.config().withSteps(8), back.step(), back.parameters(),
                back.ema(), back.adam(), back.losses()), DataSpec.parse("8gaussians").open(), m)) {
            t.train(CheckpointSink.NONE, TrainListener.NONE);
            assertThat(t.step()).isEqualTo(8);
        }
    }

    @Test
    void weightsOfAnotherModelShapeAreRefused(@TempDir Path dir) throws IOException {
        ControlNetConfig wider = ((ControlNetConfig) late.config().net()).withHidden(List.of(32, 16));
        TrainConfig c = late.config();
        TrainConfig other = new TrainConfig(c.data(), c.imageSize(), c.sampleShape(), c.sde(), wider, c.weighting(), c.steps(), c.batch(),
                c.lr(), c.warmup(), c.clipNorm(), c.emaDecay(), c.checkpointEvery(), c.seed());
        CheckpointFile.write(dir, new Checkpoint(other, late.step(), late.parameters(), late.ema(), late.adam(), late.losses()));
        assertThatThrownBy(() -> TrainedModel.load(dir)).isInstanceOf(BadInputException.class).hasMessageContaining("does not match")
                .hasMessageContaining(CheckpointFile.path(dir).toString());
        DataSource data = DataSpec.parse("8gaussians").open();
        assertThatThrownBy(() -> ScoreMatchingTrainer.resume(CheckpointFile.read(dir), data, m)).isInstanceOf(BadInputException.class);
    }

    @Test
    void trainedModelCarriesTheEmaWeightsAndTheRunsSde(@TempDir Path dir) throws IOException {
        CheckpointFile.write(dir, late);
        try (TrainedModel model = TrainedModel.load(dir)) {
            assertThat(dev.bellman.control.nn.ParameterSnapshot.capture(model.control().parameters()).sameValues(late.ema().shadow()))
                    .isTrue();
            assertThat(model.sde()).isEqualTo(late.config().sde().create());
            assertThat(model.dim()).isEqualTo(2);
            assertThat(model.step()).isEqualTo(6);
        }
    }
}
