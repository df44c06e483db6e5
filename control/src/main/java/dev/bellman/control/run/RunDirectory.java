package dev.bellman.control.run;

import dev.bellman.control.BadInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A run's directory: where {@code run.json} (seed, configuration, versions, commit, machine),
 * {@code result.json}, checkpoints, histories and plots go. Every file is written atomically.
 */
public final class RunDirectory {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    private final Path path;

    private RunDirectory(Path path) {
        this.path = path;
    }

    /**
     * Opens (creating it if needed) the run directory {@code out}, or {@code runs/<command>-<timestamp>/}
     * when {@code out} is null, and checks that it can be written.
     *
     * @throws BadInputException if the directory cannot be created or written (exit code 2)
     */
    public static RunDirectory open(Path out, String command) {
        Path dir = out != null ? out : Path.of("runs", command.replace(' ', '-') + "-" + LocalDateTime.now().format(STAMP));
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".write-probe", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new BadInputException("cannot write to the output directory " + dir + ": " + describe(e));
        }
        return new RunDirectory(dir);
    }

    private static String describe(Exception e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : " (" + m + ")");
    }

    public Path path() {
        return path;
    }

    /** A file inside the run directory. */
    public Path resolve(String name) {
        return path.resolve(name);
    }

    /** Atomically writes {@code value} as JSON into {@code name}. */
    public void writeJson(String name, Object value) throws IOException {
        AtomicFiles.write(path.resolve(name), Json.write(value).getBytes(StandardCharsets.UTF_8));
    }

    /** Atomically writes text into {@code name}. */
    public void writeText(String name, String text) throws IOException {
        AtomicFiles.write(path.resolve(name), text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code run.json}: command, seed, configuration, versions, commit, machine. */
    public void writeRunInfo(String command, long seed, Object configuration) throws IOException {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("command", command);
        run.put("seed", seed);
        run.put("configuration", configuration);
        run.put("versions", BuildInfo.versions());
        run.put("commit", BuildInfo.commit());
        run.put("machine", BuildInfo.machine());
        run.put("started", java.time.OffsetDateTime.now().toString());
        writeJson("run.json", run);
    }
}
