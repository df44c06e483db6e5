package dev.bellman.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Exit codes and global-option placement of the command line (DESIGN.md §4). */
class MainTest {

    private record Outcome(int code, String out, String err) {}

    private static Outcome run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void unknownOptionIsUsageErrorWithOneLine() {
        Outcome o = run("train", "--bogus");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err().strip().lines()).hasSize(1);
        assertThat(o.err()).contains("--bogus").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void badGlobalValueIsUsageErrorBeforeOrAfterTheCommand() {
        assertThat(run("--dtype", "float16", "train").code()).isEqualTo(2);
        assertThat(run("train", "--dtype", "float16").code()).isEqualTo(2);
        assertThat(run("train", "--threads", "many").code()).isEqualTo(2);
    }

    @Test
    void missingCommandIsUsageError() {
        Outcome o = run();
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("a command is required");
    }

    @Test
    void helpExitsZero() {
        Outcome o = run("--help");
        assertThat(o.code()).isZero();
        assertThat(o.out()).contains("train", "sample", "gap", "eval", "control", "bench");
    }

    @Test
    void versionNamesProjectDjlAndLibtorch() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(new java.io.OutputStreamWriter(buf, StandardCharsets.UTF_8), true));
        assertThat(cl.execute("--version")).isZero();
        String text = buf.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("bellman ").contains("DJL 0.36.0").contains("libtorch 2.");
    }

    @Test
    void globalOptionsAreAcceptedAfterTheSubcommand() {
        CommandLine cl = Main.commandLine();
        cl.parseArgs("control", "pi", "--problem", "lqr", "--seed", "7", "--json", "--threads", "1", "--dtype", "float64");
        BellmanCommand root = cl.getCommand();
        assertThat(root.global.seed).isEqualTo(7L);
        assertThat(root.global.json).isTrue();
        assertThat(root.global.engineConfig().threads()).isEqualTo(1);
        assertThat(root.global.engineConfig().precision()).isEqualTo(dev.bellman.control.engine.Precision.FLOAT64);
    }

    @Test
    void globalOptionsAreAcceptedBeforeTheSubcommand() {
        CommandLine cl = Main.commandLine();
        cl.parseArgs("--seed", "9", "--out", "x", "train", "--steps", "5");
        BellmanCommand root = cl.getCommand();
        assertThat(root.global.seed).isEqualTo(9L);
        assertThat(root.global.out).hasToString("x");
    }

    @Test
    void exitCodeClassifiesUserMistakesAsTwo() {
        assertThat(Main.exitCode(new dev.bellman.control.BadInputException("x"))).isEqualTo(2);
        assertThat(Main.exitCode(new RuntimeException(new dev.bellman.data.DataException("f: bad")))).isEqualTo(2);
        assertThat(Main.exitCode(new IllegalStateException("bug"))).isEqualTo(1);
    }

    @Test
    void unwritableOutputDirectoryIsBadInput(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        // a regular file where a directory must be: cannot be created even as root
        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("occupied"), "x");
        Outcome o = run("bench", "--suite", "control", "--quick", "--out", file.resolve("run").toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("cannot write to the output directory");
        assertThat(o.err().strip().lines()).hasSize(1);
    }
}
