package dev.bellman.cli;

import dev.bellman.control.BadInputException;
import dev.bellman.control.engine.BellmanEngine;
import dev.bellman.data.DataException;
import dev.bellman.diffusion.train.TrainingDivergedException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Entry point of the {@code bellman} command. Exit codes (DESIGN.md §4): 0 success, 1 failure while
 * running, 2 bad usage or bad input. Errors are one line on stderr; {@code -x} adds the stack trace.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        StandardError.restore();
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (used by tests, which must not exit the JVM). */
    public static int run(String... args) {
        // Before any DJL class loads: the engine must never phone home (DESIGN.md §3).
        BellmanEngine.offline();
        System.setProperty("java.awt.headless", "true");
        CommandLine cl = commandLine();
        return cl.execute(args);
    }

    static CommandLine commandLine() {
        BellmanCommand root = new BellmanCommand();
        CommandLine cl = new CommandLine(root);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ParameterException ex, String[] a) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("bellman: " + oneLine(ex.getMessage()) + " (see '"
                    + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            if (root.global.stacktrace) {
                ex.printStackTrace(err);
            }
            err.flush();
            return 2;
        });
        cl.setExecutionExceptionHandler((Exception ex, CommandLine c, CommandLine.ParseResult pr) -> {
            PrintWriter err = c.getErr();
            int code = exitCode(ex);
            err.println("bellman: " + (code == 2 ? "" : "error: ") + describe(ex));
            if (root.global.stacktrace) {
                ex.printStackTrace(err);
            } else if (code == 1 && !expected(ex)) {
                err.println("(run with -x for the stack trace)");
            }
            err.flush();
            return code;
        });
        return cl;
    }

    /** 2 for a user's mistake (bad option value, bad file, ill-posed parameters), 1 for anything else. */
    static int exitCode(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof BadInputException || t instanceof DataException || t instanceof ParameterException) {
                return 2;
            }
        }
        return 1;
    }

    /**
     * A failure while running that is an outcome rather than a bug (a training run that diverged): its
     * message says everything, so it is printed without the exception's name or the -x hint.
     */
    static boolean expected(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof TrainingDivergedException) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof BadInputException || t instanceof DataException || t instanceof TrainingDivergedException) {
                return oneLine(t.getMessage());
            }
        }
        String m = ex.getMessage();
        return oneLine(ex.getClass().getSimpleName() + (m == null ? "" : ": " + m));
    }

    static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        String line = s.strip().replaceAll("\\s*\\R\\s*", "; ");
        return line.length() > 500 ? line.substring(0, 500) + "…" : line;
    }
}
