package dev.bellman.benchmarks;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a suite gets from the runner: quick or full mode, how often to repeat each measurement, the
 * PyTorch peer (empty when Python with torch is missing), the shared folder, where to write files,
 * a sink for notes that end up under the table, and a progress sink (stderr on the command line).
 */
public record SuiteContext(boolean quick, int repeats, Optional<PythonPeer> peer, Path shared, Path outputDir,
        List<String> notes, Consumer<String> progress) {

    public SuiteContext {
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be at least 1");
        }
    }

    public void note(String note) {
        notes.add(note);
    }
}
