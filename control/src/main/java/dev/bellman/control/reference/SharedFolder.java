package dev.bellman.control.reference;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the project's shared folder (test data, peers, reference values; DESIGN.md 4): the environment
 * variable {@code BELLMAN_SHARED}, else a folder named {@code shared} beside the working directory or any
 * of its ancestors (the repository sits at …/wt/reference or …/repo, shared at …/shared). Callers that
 * need it fail with {@link IllegalStateException} saying it is missing, rather than pass silently.
 */
public final class SharedFolder {
    public static final String ENVIRONMENT_VARIABLE = "BELLMAN_SHARED";
    private static final String MARKER = "reference/values.json";

    private SharedFolder() {}

    /** The shared folder, or an exception saying where it was looked for. */
    public static Path resolve() {
        String env = System.getenv(ENVIRONMENT_VARIABLE);
        if (env != null && !env.isBlank()) {
            Path p = Path.of(env).toAbsolutePath().normalize();
            if (Files.isDirectory(p)) {
                return p;
            }
            throw new IllegalStateException(ENVIRONMENT_VARIABLE + "=" + env + " is not a directory");
        }
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared");
            if (Files.isRegularFile(candidate.resolve(MARKER))) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared folder is missing: set " + ENVIRONMENT_VARIABLE
                + " or place a folder 'shared' (with " + MARKER + ") beside an ancestor of " + start);
    }

    /** shared/reference/values.json, or an exception saying it is missing. */
    public static Path referenceValues() {
        Path p = resolve().resolve(MARKER);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("reference values are missing: " + p);
        }
        return p;
    }
}
