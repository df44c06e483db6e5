package dev.bellman.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.bellman.control.BadInputException;
import dev.bellman.data.DataException;
import dev.bellman.data.DataSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad files through the user-facing entry points (issue 9): a generated corpus of broken IDX,
 * image, CSV, NumPy and gmm JSON inputs, LQR/Merton problem files, Q-learning transitions files and
 * MODEL run directories (broken checkpoints). Each is refused by the readers with a DataException or
 * BadInputException (the exceptions the CLI maps to exit 2) whose one-line message names the file,
 * within seconds and without an OutOfMemoryError; through the CLI ({@code train --data},
 * {@code control pi --problem-file}, {@code control qlearn --transitions}, {@code sample MODEL},
 * {@code eval MODEL}, {@code gap MODEL}) each exits 2 with one line on stderr naming the file, no
 * stack trace and nothing on stdout. Every command is built now: nothing here is skipped.
 */
class BadInputCorpusTest {
    static Path root;
    static Path out;
    /** A checkpoint written by train, the material of the broken MODEL directories. */
    static byte[] goodCheckpoint;

    @BeforeAll
    static void corpus() throws IOException {
        root = Files.createTempDirectory("bellman-bad-files");
        out = Files.createTempDirectory("bellman-bad-runs");
        Path model = out.resolve("good-model");
        Cli.Outcome o = Cli.run("train", "--steps", "3", "--batch", "16", "--gap-paths", "0", "--out", model.toString());
        assertThat(o.code()).as(o.err()).isZero();
        goodCheckpoint = Files.readAllBytes(model.resolve("checkpoint.bin"));
    }

    @AfterAll
    static void clean() throws IOException {
        for (Path p : List.of(root, out)) {
            try (Stream<Path> s = Files.walk(p)) {
                s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    static List<BadFiles.Case> dataCases() throws IOException {
        return BadFiles.data(Files.createDirectories(root.resolve("data")));
    }

    static List<BadFiles.Case> lqrCases() throws IOException {
        return BadFiles.lqrProblemFiles(Files.createDirectories(root.resolve("lqr")));
    }

    static List<BadFiles.Case> mertonCases() throws IOException {
        return BadFiles.mertonProblemFiles(Files.createDirectories(root.resolve("merton")));
    }

    static List<BadFiles.Case> transitionCases() throws IOException {
        return BadFiles.transitions(Files.createDirectories(root.resolve("transitions")));
    }

    static List<BadFiles.Case> modelCases() throws IOException {
        return BadFiles.checkpoints(Files.createDirectories(root.resolve("models")), goodCheckpoint);
    }

    /** The MODEL cases that are not truncations (every truncation takes the same path as the first few). */
    static List<BadFiles.Case> modelCasesButTruncations() throws IOException {
        return modelCases().stream().filter(c -> !c.label().contains("truncated")).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dataCases")
    void theReadersRefuseEachBadDataFileNamingIt(BadFiles.Case c) {
        Throwable t = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> catchThrowable(() -> DataSpec.parse(c.spec()).open(28)));
        assertThat(t).as("%s must be refused", c).isNotNull();
        assertThat(t).as("%s: a user's bad file is exit 2, not a crash", c).isInstanceOfAny(DataException.class, BadInputException.class);
        assertThat(t.getMessage()).as("names the file").contains(c.named().getFileName().toString());
        assertThat(t.getMessage().strip()).as("one line").doesNotContain("\n");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dataCases")
    void trainRefusesEachBadDataFileWithExitTwo(BadFiles.Case c) {
        Cli.Outcome o = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> Cli.run("train", "--data", c.spec(), "--steps", "2", "--out", out.resolve("train").toString()));
        assertRefused(c, o);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lqrCases")
    void controlPiRefusesEachBadLqrFileWithExitTwo(BadFiles.Case c) {
        Cli.Outcome o = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> Cli.run("control", "pi", "--problem", "lqr",
                "--problem-file", c.spec(), "--iterations", "1", "--out", out.resolve("pi").toString()));
        assertRefused(c, o);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mertonCases")
    void controlPiRefusesEachBadMertonFileWithExitTwo(BadFiles.Case c) {
        Cli.Outcome o = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> Cli.run("control", "pi", "--problem", "merton",
                "--problem-file", c.spec(), "--iterations", "1", "--out", out.resolve("pi").toString()));
        assertRefused(c, o);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transitionCases")
    void controlQlearnRefusesEachBadTransitionsFileWithExitTwo(BadFiles.Case c) {
        Cli.Outcome o = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> Cli.run("control", "qlearn", "--problem", "lqr",
                "--transitions", c.spec(), "--steps", "1", "--out", out.resolve("ql").toString()));
        assertRefused(c, o);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modelCases")
    void sampleRefusesEachBrokenModelWithExitTwo(BadFiles.Case c) {
        Cli.Outcome o = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> Cli.run("sample", c.spec(), "--n", "16", "--steps", "5", "--out", out.resolve("sample").toString()));
        assertRefused(c, o);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modelCasesButTruncations")
    void evalRefusesEachBrokenModelWithExitTwo(BadFiles.Case c) {
        Cli.Outcome o = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> Cli.run("eval", c.spec(), "--n", "16", "--out", out.resolve("eval").toString()));
        assertRefused(c, o);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modelCasesButTruncations")
    void gapRefusesEachBrokenModelWithExitTwo(BadFiles.Case c) {
        Cli.Outcome o = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> Cli.run("gap", c.spec(), "--n", "16", "--steps", "5", "--out", out.resolve("gap").toString()));
        assertRefused(c, o);
    }

    static void assertRefused(BadFiles.Case c, Cli.Outcome o) {
        assertThat(o.code()).as("%s: exit code; stderr: %s", c, o.err()).isEqualTo(2);
        assertOneLine(c, o);
        assertThat(o.err()).as("%s names the file", c).contains(c.named().getFileName().toString());
    }

    static void assertOneLine(BadFiles.Case c, Cli.Outcome o) {
        assertThat(o.err().strip().lines().count()).as("%s: one line on stderr: %s", c, o.err()).isEqualTo(1);
        assertThat(o.err()).doesNotContain("\tat ").doesNotContain("OutOfMemoryError").startsWith("bellman: ");
        assertThat(o.out()).as("nothing on stdout").isEmpty();
    }

    /** Parameters a user gets wrong: each is exit 2 with one line naming the option or the problem. */
    static List<List<String>> badParameters() {
        List<List<String>> cases = new ArrayList<>();
        for (String steps : List.of("0", "-5")) {
            cases.add(List.of("train", "--steps", steps));
            cases.add(List.of("sample", "MODEL", "--steps", steps));
            cases.add(List.of("gap", "MODEL", "--steps", steps));
            cases.add(List.of("control", "qlearn", "--problem", "lqr", "--steps", steps));
        }
        cases.add(List.of("train", "--batch", "0"));
        cases.add(List.of("train", "--batch", "-1"));
        cases.add(List.of("train", "--lr", "-0.001"));
        cases.add(List.of("train", "--lr", "NaN"));
        cases.add(List.of("train", "--ema", "1.5"));
        cases.add(List.of("train", "--data", "9gaussians"));
        cases.add(List.of("train", "--data", "xyz:somefile"));
        cases.add(List.of("train", "--sde", "ou"));
        cases.add(List.of("train", "--weighting", "flat"));
        cases.add(List.of("train", "--image-size", "0"));
        cases.add(List.of("train", "--lr-schedule", "linear"));
        cases.add(List.of("train", "--channels", "48")); // vector data: no U-Net to widen
        cases.add(List.of("train", "--data", "mnist:/nonexistent", "--channels", "0"));
        cases.add(List.of("train", "--net-output", "epsilon"));
        cases.add(List.of("train", "--data", "mnist:/nonexistent", "--net-output", "score"));
        cases.add(List.of("sample", "MODEL", "--sampler", "leapfrog"));
        cases.add(List.of("sample", "MODEL", "--n", "0"));
        cases.add(List.of("sample", "MODEL", "--eta", "2"));
        cases.add(List.of("gap", "MODEL", "--n", "0"));
        cases.add(List.of("eval", "MODEL", "--n", "-1"));
        cases.add(List.of("control", "qlearn", "--problem", "lqr", "--dt", "0"));
        cases.add(List.of("control", "qlearn", "--problem", "lqr", "--dt", "-0.01"));
        cases.add(List.of("control", "pi", "--problem", "lqr", "--set", "sigma=NaN"));
        cases.add(List.of("control", "pi", "--problem", "lqr", "--set", "rho=0"));
        cases.add(List.of("control", "pi", "--problem", "lqr", "--set", "beta=0", "--set", "alpha=1"));
        cases.add(List.of("control", "pi", "--problem", "merton", "--set", "gamma=0.5", "--set", "rho=0.001"));
        cases.add(List.of("control", "pi", "--problem", "merton", "--set", "sigma=0"));
        cases.add(List.of("control", "pi", "--problem", "pendulum"));
        cases.add(List.of("control", "pi", "--problem", "lqr", "--dim", "0"));
        cases.add(List.of("control", "pi", "--problem", "lqr", "--iterations", "0"));
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badParameters")
    void eachBadParameterIsExitTwoWithOneLine(List<String> args) throws IOException {
        Path model = trainedLookingModel();
        List<String> a = new ArrayList<>(args.stream().map(s -> s.equals("MODEL") ? model.toString() : s).toList());
        a.addAll(List.of("--out", out.resolve("params").toString()));
        Cli.Outcome o = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> Cli.run(a.toArray(String[]::new)));
        assertThat(o.code()).as("%s: %s", args, o.err()).isEqualTo(2);
        assertThat(o.err().strip().lines().count()).as("%s: one line: %s", args, o.err()).isEqualTo(1);
        assertThat(o.err()).doesNotContain("\tat ").startsWith("bellman: ");
    }

    /** A directory that looks like a run directory (the bad option must be refused before the model is read). */
    private static Path trainedLookingModel() throws IOException {
        return Files.createDirectories(out.resolve("model"));
    }

    @Test
    void anUnwritableOutputDirectoryIsExitTwo() throws IOException {
        Path file = Files.writeString(out.resolve("a-regular-file"), "x");
        Cli.Outcome o = Cli.run("control", "pi", "--problem", "lqr", "--iterations", "1", "--out", file.resolve("run").toString());
        assertThat(o.code()).as(o.err()).isEqualTo(2);
        assertThat(o.err().strip().lines().count()).isEqualTo(1);
        assertThat(o.err()).contains("cannot write to the output directory").contains("a-regular-file");
    }
}
