package dev.bellman.benchmarks;

import dev.bellman.control.reference.SharedFolder;
import dev.bellman.control.run.BuildInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs the selected suites and gathers their rows into one report. Suites whose capability has not
 * landed say so in a note instead of reporting a number.
 */
public final class BenchmarkRunner {
    private final Map<Suite, SuiteRunner> runners = new EnumMap<>(Suite.class);

    /** The runner with every suite that is built. */
    public static BenchmarkRunner standard() {
        BenchmarkRunner r = new BenchmarkRunner();
        return r;
    }

    /** Registers (or replaces) the runner of one suite. */
    public BenchmarkRunner with(Suite suite, SuiteRunner runner) {
        runners.put(suite, runner);
        return this;
    }

    public BenchReport run(BenchConfig config, Path outputDir, Consumer<String> progress) {
        List<String> notes = new ArrayList<>();
        Path shared = null;
        try {
            shared = SharedFolder.resolve();
        } catch (IllegalStateException e) {
            notes.add("shared folder not found (" + e.getMessage() + "): peers and reference values are skipped");
        }
        List<String> whyNoPeer = new ArrayList<>();
        Optional<PythonPeer> peer = PythonPeer.find(shared, whyNoPeer);
        whyNoPeer.forEach(w -> notes.add("peer: " + w));
        notes.add("each thread count runs in its own JVM; values are medians over the runs, spread is min–max;"
                + " ratio > 1 means Bellman is better");
        SuiteContext context = new SuiteContext(config.quick(), config.repeats(), peer, shared, outputDir, notes, progress);
        List<BenchRow> rows = new ArrayList<>();
        List<String> ran = new ArrayList<>();
        for (Suite suite : config.suites()) {
            SuiteRunner runner = runners.get(suite);
            if (runner == null) {
                notes.add("suite " + suite.label() + ": not built yet");
                continue;
            }
            progress.accept("bench: suite " + suite.label() + (config.quick() ? " (quick)" : ""));
            try {
                rows.addAll(runner.run(context));
                ran.add(suite.label());
            } catch (Exception e) {
                notes.add("suite " + suite.label() + " failed: " + e);
            }
        }
        Map<String, Object> machine = BuildInfo.machine();
        machine.put("commit", BuildInfo.commit());
        machine.put("load_average", loadAverage());
        return new BenchReport(machine, rows, ran, config.quick(), notes);
    }

    static String loadAverage() {
        try {
            return java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }
}
