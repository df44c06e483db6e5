package dev.bellman.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bellman.control.nn.ParameterSnapshot;
import dev.bellman.control.optim.AdamState;
import dev.bellman.control.optim.Ema;
import dev.bellman.diffusion.checkpoint.Checkpoint;
import dev.bellman.diffusion.checkpoint.CheckpointFile;
import dev.bellman.diffusion.net.ControlNetConfig;
import dev.bellman.diffusion.train.TrainConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A checkpoint of another format version, or whose weights do not fit the network of its own
 * configuration (another model's shapes), through every command that reads one (issue 9):
 * {@code sample MODEL}, {@code eval MODEL}, {@code gap MODEL} and {@code train --resume DIR} each exit
 * 2 with one line on stderr that names the checkpoint file, no stack trace and nothing on stdout,
 * and leave the checkpoint as it was. The checkpoints are a real one written by {@code train} and
 * then altered the way a file from elsewhere would differ.
 */
class CheckpointRefusalTest {
    static final java.util.concurrent.atomic.AtomicInteger CASE = new java.util.concurrent.atomic.AtomicInteger();
    static Path root;
    static byte[] good;

    @BeforeAll
    static void trainASmallModel() throws IOException {
        root = Files.createTempDirectory("bellman-refusals");
        Path run = root.resolve("good");
        Cli.Outcome o = Cli.run("train", "--steps", "3", "--batch", "16", "--gap-paths", "0", "--out", run.toString());
        assertThat(o.code()).as(o.err()).isZero();
        good = Files.readAllBytes(CheckpointFile.path(run));
    }

    @AfterAll
    static void clean() throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    /** One way a checkpoint can be foreign, and what the refusal must say besides the file. */
    record Variant(String label, String says, UnaryOperator<byte[]> alter) {
        @Override
        public String toString() {
            return label;
        }
    }

    static List<Variant> variants() {
        List<Variant> v = new ArrayList<>();
        v.add(new Variant("format version 2", "format version 2", b -> version(b, 2)));
        v.add(new Variant("format version 0", "format version 0", b -> version(b, 0)));
        v.add(new Variant("format version 70000", "format version 70000", b -> version(b, 70_000)));
        v.add(new Variant("weights of a wider network than its configuration", "does not match", b -> rewrite(b, c -> withHidden(c, 64, 64, 64))));
        v.add(new Variant("weights of a deeper network than its configuration", "8 parameters, the network 6",
                b -> rewrite(b, c -> withHidden(c, 128, 128))));
        v.add(new Variant("EMA weights of another shape", "does not match", b -> rewrite(b, c -> new Checkpoint(c.config(), c.step(),
                c.parameters(), new Ema.EmaState(c.ema().updates(), transposeFirstMatrix(c.ema().shadow())), c.adam(), c.losses()))));
        return v;
    }

    /** The commands that read MODEL; {@code train --resume} continues in the directory itself. */
    static List<List<String>> commands() {
        return List.of(List.of("sample", "MODEL", "--n", "16", "--steps", "5"), List.of("eval", "MODEL", "--n", "16"),
                List.of("gap", "MODEL", "--n", "16", "--steps", "5"), List.of("train", "--resume", "MODEL", "--steps", "6", "--gap-paths", "0"));
    }

    static Stream<Object[]> cases() {
        List<Object[]> cases = new ArrayList<>();
        for (Variant v : variants()) {
            for (List<String> c : commands()) {
                cases.add(new Object[] {v, c});
            }
        }
        // Adam's moments are read only to resume.
        cases.add(new Object[] {new Variant("Adam moments of another shape", "does not match", b -> rewrite(b, c -> new Checkpoint(c.config(),
                c.step(), c.parameters(), c.ema(), new AdamState(c.adam().step(), c.adam().firstMoment(),
                        transposeFirstMatrix(c.adam().secondMoment())), c.losses()))), commands().get(3)});
        return cases.stream();
    }

    @ParameterizedTest(name = "{1} with {0}")
    @MethodSource("cases")
    void eachCommandRefusesTheCheckpointWithExitTwoNamingTheFile(Variant variant, List<String> command) throws IOException {
        Path model = Files.createDirectories(root.resolve("model-" + CASE.incrementAndGet()));
        byte[] bad = variant.alter().apply(good.clone());
        Files.write(CheckpointFile.path(model), bad);
        List<String> args = new ArrayList<>(command.stream().map(a -> a.equals("MODEL") ? model.toString() : a).toList());
        if (!command.contains("--resume")) {
            args.addAll(List.of("--out", root.resolve("out").toString()));
        }
        Cli.Outcome o = Cli.run(args.toArray(String[]::new));
        assertThat(o.code()).as("%s: %s", args, o.err()).isEqualTo(2);
        List<String> lines = o.err().lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).as("one line on stderr: %s", o.err()).hasSize(1);
        assertThat(lines.get(0)).startsWith("bellman: ").contains(CheckpointFile.path(model).toString()).contains(variant.says())
                .doesNotContain("Exception");
        assertThat(o.err()).doesNotContain("\tat ");
        assertThat(o.out()).as("nothing on stdout").isEmpty();
        assertThat(Files.readAllBytes(CheckpointFile.path(model))).as("the checkpoint is left as it was").isEqualTo(bad);
    }

    /** The checkpoint with its format version (bytes 4..7, big-endian, after the magic) replaced. */
    static byte[] version(byte[] b, int version) {
        java.nio.ByteBuffer.wrap(b).putInt(4, version);
        return b;
    }

    /** The checkpoint read, altered and written back in the current format. */
    static byte[] rewrite(byte[] b, UnaryOperator<Checkpoint> alter) {
        try {
            Path dir = Files.createTempDirectory(root, "rewrite");
            Files.write(CheckpointFile.path(dir), b);
            Checkpoint c = alter.apply(CheckpointFile.read(dir));
            CheckpointFile.write(dir, c);
            return Files.readAllBytes(CheckpointFile.path(dir));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The checkpoint with its weights, but a configuration whose network has the given hidden widths. */
    static Checkpoint withHidden(Checkpoint c, Integer... widths) {
        TrainConfig k = c.config();
        ControlNetConfig net = ((ControlNetConfig) k.net()).withHidden(List.of(widths));
        TrainConfig other = new TrainConfig(k.data(), k.imageSize(), k.sampleShape(), k.sde(), net, k.weighting(), k.steps(), k.batch(),
                k.lr(), k.warmup(), k.clipNorm(), k.emaDecay(), k.checkpointEvery(), k.seed(), k.divergence());
        return new Checkpoint(other, c.step(), c.parameters(), c.ema(), c.adam(), c.losses());
    }

    /** The snapshot with its first matrix's shape [r, c] given as [c, r] (same number of values). */
    static ParameterSnapshot transposeFirstMatrix(ParameterSnapshot s) {
        List<long[]> shapes = new ArrayList<>(s.shapes());
        for (int i = 0; i < shapes.size(); i++) {
            long[] shape = shapes.get(i);
            if (shape.length == 2 && shape[0] != shape[1]) {
                shapes.set(i, new long[] {shape[1], shape[0]});
                return new ParameterSnapshot(s.names(), shapes, s.values());
            }
        }
        throw new AssertionError("no non-square matrix among " + s.names());
    }
}
