package dev.bellman.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a workload's main class in a fresh JVM: libtorch fixes its intra-op thread count once per
 * process, so each thread count of a benchmark needs its own process (DESIGN.md §4). The child
 * inherits this JVM's class path and runs offline; its last stdout line that starts with
 * {@code RESULT } carries the measurement.
 */
public final class ChildJvm {
    private ChildJvm() {}

    /** The outcome of a child: its exit code, the RESULT payload (or null) and its stderr tail. */
    public record Outcome(int exitCode, String result, String stderrTail) {}

    public static Outcome run(Class<?> mainClass, int threads, long timeoutSeconds, String... args)
            throws IOException, InterruptedException {
        return run(mainClass, threads, timeoutSeconds, List.of(), args);
    }

    /** As {@link #run(Class, int, long, String...)}, with extra JVM options (e.g. a fixed, pre-touched heap). */
    public static Outcome run(Class<?> mainClass, int threads, long timeoutSeconds, List<String> jvmOptions, String... args)
            throws IOException, InterruptedException {
        List<String> all = new ArrayList<>();
        all.add(Integer.toString(threads));
        all.addAll(List.of(args));
        return runMain(mainClass.getName(), threads, timeoutSeconds, jvmOptions, all);
    }

    /**
     * Runs {@code mainClass} (a name: the {@code bellman} command itself, {@code dev.bellman.cli.Main},
     * is on the class path of {@code bellman bench} but not a compile-time dependency of this module)
     * with exactly {@code args}. The result is the last {@code RESULT } line, or else the last stdout
     * line that is a JSON object (a command run with {@code --json}).
     */
    public static Outcome runMain(String mainClass, int threads, long timeoutSeconds, List<String> args)
            throws IOException, InterruptedException {
        return runMain(mainClass, threads, timeoutSeconds, List.of(), args);
    }

    private static Outcome runMain(String mainClass, int threads, long timeoutSeconds, List<String> jvmOptions, List<String> args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // as ./bellman starts the JVM: the host kernels (Vector API) on
        cmd.add("--add-modules");
        cmd.add("jdk.incubator.vector");
        cmd.addAll(jvmOptions);
        cmd.add("-Dai.djl.offline=true");
        cmd.add("-Djava.awt.headless=true");
        cmd.add("-Dai.djl.pytorch.num_threads=" + threads);
        cmd.add("-Dai.djl.pytorch.num_interop_threads=1");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("DJL_OFFLINE", "true");
        pb.environment().put("OPT_OUT_TRACKING", "true");
        Path err = Files.createTempFile("bellman-bench", ".err");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean finished = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!finished) {
            p.destroyForcibly();
        }
        String stderr = Files.readString(err);
        Files.deleteIfExists(err);
        String result = null;
        String json = null;
        for (String line : out.split("\\R")) {
            if (line.startsWith("RESULT ")) {
                result = line.substring("RESULT ".length()).trim();
            } else if (line.startsWith("{") && line.endsWith("}")) {
                json = line;
            }
        }
        if (result == null) {
            result = json != null ? json : jsonDocument(out);
        }
        String tail = stderr.length() > 2000 ? stderr.substring(stderr.length() - 2000) : stderr;
        return new Outcome(finished ? p.exitValue() : -1, result, tail);
    }

    /** The stdout as one (possibly indented) JSON object, or null. */
    private static String jsonDocument(String out) {
        String t = out.strip();
        int start = t.indexOf('{');
        return start >= 0 && t.endsWith("}") ? t.substring(start) : null;
    }
}
