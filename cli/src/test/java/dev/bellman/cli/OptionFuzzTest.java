package dev.bellman.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import picocli.CommandLine;

/**
 * Fuzzes the command-line parser: any mixture of real option names, junk tokens and bad values is
 * either accepted or refused as a usage error (exit code 2) with one line on stderr — never an
 * uncaught exception, never a stack trace. Only parsing and the usage-error path run here (every
 * generated line ends in an option that cannot be parsed or a {@code --help}), so no training starts.
 */
class OptionFuzzTest {
    private static final List<String> WORDS = List.of("train", "sample", "gap", "eval", "control", "pi", "qlearn",
            "bench", "--seed", "--threads", "--dtype", "--device", "--json", "--out", "-x", "--steps", "--batch",
            "--lr", "--data", "--sde", "--weighting", "--n", "--sampler", "--eta", "--problem", "--dim", "--set",
            "--dt", "--suite", "float32", "float64", "gpu", "cpu", "-1", "0", "1e309", "NaN", "abc", "k=v", "=",
            "--", "-", "8gaussians", "lqr", "vp");

    @Provide
    Arbitrary<List<String>> lines() {
        Arbitrary<String> token = Arbitraries.oneOf(Arbitraries.of(WORDS),
                Arbitraries.strings().ofMinLength(0).ofMaxLength(12));
        return token.list().ofMaxSize(8);
    }

    @Property(tries = 300)
    void anyLineEndsInUsageErrorOrHelpWithoutStackTrace(@ForAll("lines") List<String> tokens) {
        List<String> args = new ArrayList<>(tokens);
        args.add(args.size() % 2 == 0 ? "--definitely-not-an-option" : "--help");
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args.toArray(new String[0]));
        assertThat(code).as("exit code for %s: %s", args, err).isIn(0, 2);
        boolean traceAsked = args.contains("-x") || args.contains("--stacktrace");
        if (!traceAsked) {
            assertThat(err.toString()).doesNotContain("\tat ").doesNotContain("Exception in");
        }
        if (code == 2 && !traceAsked) {
            assertThat(err.toString().strip().lines().count()).as("one line for %s: %s", args, err).isEqualTo(1);
        }
    }
}
