package dev.bellman.control.run;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes files so that a reader sees either the old content or the complete new content, never a
 * half-written file: the bytes go to a temporary file in the same directory, are forced to disk,
 * and the temporary file is renamed over the target atomically. A failure (a full disk, a kill)
 * leaves the previous file untouched.
 *
 * <p>A process killed with SIGKILL mid-write cannot delete its temporary file, so temporary files
 * carry their writer's process id ({@code .NAME.PID.RANDOM.tmp}) and every write first removes
 * the temporary files of the same target whose writer is gone (a dead process, or this process
 * when it has no write of that file under way): a run killed and resumed any number of times keeps
 * at most the one temporary file of its last killed write.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Writes something to an output stream. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /** Temporary files this process is writing now (never removed as stale). */
    private static final Set<Path> IN_PROGRESS = ConcurrentHashMap.newKeySet();
    private static final long PID = ProcessHandle.current().pid();
    /** The tail of a temporary file's name after {@code .NAME.}: the writer's process id, random digits. */
    private static final Pattern TEMP_TAIL = Pattern.compile("(\\d{1,18})\\.\\d+\\.tmp");

    /** Atomically replaces {@code target} with what {@code writer} writes. */
    public static void write(Path target, Writer writer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        String prefix = "." + target.getFileName() + ".";
        removeStale(dir, prefix);
        Path tmp = Files.createTempFile(dir, prefix + PID + ".", ".tmp");
        IN_PROGRESS.add(tmp);
        boolean done = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                    OutputStream out = Channels.newOutputStream(ch)) {
                writer.write(out);
                out.flush();
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        } finally {
            IN_PROGRESS.remove(tmp);
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** Deletes {@code dir/PREFIX PID.….tmp} files whose writer is no longer writing them. */
    private static void removeStale(Path dir, String prefix) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, glob(prefix) + "*.tmp")) {
            for (Path f : files) {
                // Only names of exactly this form are ours: another target sharing the prefix
                // (.NAME.x.PID.R.tmp) or a foreign file never matches.
                Matcher m = TEMP_TAIL.matcher(f.getFileName().toString().substring(prefix.length()));
                if (!m.matches()) {
                    continue;
                }
                long pid = Long.parseLong(m.group(1));
                boolean stale = pid == PID ? !IN_PROGRESS.contains(f)
                        : ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
                if (stale) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException | DirectoryIteratorException e) {
            // Best effort: a directory that cannot be listed fails the write itself just below.
        }
    }

    private static String glob(String literal) {
        return literal.replaceAll("([\\\\*?\\[\\]{}])", "\\\\$1");
    }

    /** Atomically replaces {@code target} with {@code bytes}. */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }
}
