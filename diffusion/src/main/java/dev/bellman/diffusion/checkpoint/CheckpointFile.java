package dev.bellman.diffusion.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.bellman.control.BadInputException;
import dev.bellman.control.nn.ParameterSnapshot;
import dev.bellman.control.optim.AdamState;
import dev.bellman.control.optim.Ema;
import dev.bellman.control.run.AtomicFiles;
import dev.bellman.control.run.Json;
import dev.bellman.diffusion.train.TrainConfig;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The checkpoint file {@code checkpoint.bin} of a run directory, written atomically (temporary file,
 * fsync, rename: {@link AtomicFiles}), so a reader sees the previous complete checkpoint or the new
 * one, never a half-written file.
 *
 * <p>Binary form, big-endian: magic {@code BLCK}, format version, the configuration as UTF-8 JSON
 * (length-prefixed), step, parameters, EMA update count and weights, Adam step and moments (each a
 * {@link ParameterSnapshot}, values as IEEE doubles: exact for float32 and float64), the losses as
 * floats, and an end marker {@code BLCE}. A file of another format version is refused, and so is a
 * file that is truncated, corrupt (counts, dimensions, markers, configuration) or holds a NaN or an
 * infinity — each with a {@link BadInputException} naming the file, never an out-of-memory.
 */
public final class CheckpointFile {
    /** The file name inside a run directory. */
    public static final String NAME = "checkpoint.bin";
    /** The format version this code writes and reads. */
    public static final int FORMAT_VERSION = 1;

    private static final int MAGIC = 0x424C434B; // "BLCK"
    private static final int END = 0x424C4345; // "BLCE"

    private CheckpointFile() {}

    /** The checkpoint's path in {@code runDir}. */
    public static Path path(Path runDir) {
        return runDir.resolve(NAME);
    }

    /** Whether {@code runDir} holds a checkpoint. */
    public static boolean exists(Path runDir) {
        return Files.isRegularFile(path(runDir));
    }

    /** Atomically replaces the checkpoint in {@code runDir}. */
    public static void write(Path runDir, Checkpoint checkpoint) throws IOException {
        AtomicFiles.write(path(runDir), out -> write(checkpoint, out));
    }

    /** Writes the binary form to a stream (not closed). */
    public static void write(Checkpoint c, OutputStream stream) throws IOException {
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(stream, 1 << 16));
        out.writeInt(MAGIC);
        out.writeInt(FORMAT_VERSION);
        byte[] config = Json.mapper().writeValueAsBytes(c.config());
        out.writeInt(config.length);
        out.write(config);
        out.writeLong(c.step());
        c.parameters().write(out);
        out.writeLong(c.ema().updates());
        c.ema().shadow().write(out);
        out.writeLong(c.adam().step());
        c.adam().firstMoment().write(out);
        c.adam().secondMoment().write(out);
        float[] losses = c.losses();
        out.writeInt(losses.length);
        for (float l : losses) {
            out.writeFloat(l);
        }
        out.writeInt(END);
        out.flush();
    }

    /**
     * Reads the checkpoint of {@code runDir}.
     *
     * @throws BadInputException if there is none, or it is not a checkpoint, of another format
     *     version, truncated or corrupt
     */
    public static Checkpoint read(Path runDir) {
        Path file = path(runDir);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return read(new DataInputStream(in), file);
        } catch (NoSuchFileException e) {
            throw new BadInputException("no checkpoint in " + runDir + " (expected " + file.getFileName() + " written by 'bellman train')");
        } catch (IOException e) {
            throw new BadInputException("cannot read the checkpoint " + file + ": " + e.getMessage());
        }
    }

    /** Reads only the configuration (no engine needed): for validating a resume before anything starts. */
    public static TrainConfig readConfig(Path runDir) {
        Path file = path(runDir);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            header(in, file);
            return config(in, file);
        } catch (NoSuchFileException e) {
            throw new BadInputException("no checkpoint in " + runDir + " (expected " + file.getFileName() + " written by 'bellman train')");
        } catch (EOFException e) {
            throw new BadInputException("the checkpoint " + file + " is truncated");
        } catch (IOException e) {
            throw new BadInputException("cannot read the checkpoint " + file + ": " + e.getMessage());
        }
    }

    /**
     * Runs {@code restore}, which puts the checkpoint of {@code runDir} into a network built from the
     * checkpoint's configuration; if the weights do not fit that network (their shapes are another
     * model's) or the run's data no longer fits it, the refusal names the file, as every other refusal
     * of a checkpoint does.
     *
     * @throws BadInputException naming the checkpoint file when the weights do not fit
     */
    public static <T> T restoring(Path runDir, java.util.function.Supplier<T> restore) {
        try {
            return restore.get();
        } catch (BadInputException e) {
            Path file = path(runDir);
            String m = e.getMessage();
            if (m != null && m.contains(file.toString())) {
                throw e;
            }
            throw new BadInputException("cannot restore the checkpoint " + file + ": " + m, e);
        }
    }

    static Checkpoint read(DataInputStream in, Path file) throws IOException {
        try {
            header(in, file);
            TrainConfig config = config(in, file);
            long step = in.readLong();
            ParameterSnapshot parameters = ParameterSnapshot.read(in);
            long emaUpdates = in.readLong();
            ParameterSnapshot shadow = ParameterSnapshot.read(in);
            long adamStep = in.readLong();
            ParameterSnapshot m = ParameterSnapshot.read(in);
            ParameterSnapshot v = ParameterSnapshot.read(in);
            int n = in.readInt();
            if (n < 0 || n != step) {
                throw new BadInputException("the checkpoint " + file + " is corrupt: " + n + " losses for step " + step);
            }
            // Grown with the bytes present: a corrupt count meets the end of the file, not an out-of-memory.
            float[] losses = new float[Math.min(n, 1 << 16)];
            for (int i = 0; i < n; i++) {
                if (i == losses.length) {
                    losses = java.util.Arrays.copyOf(losses, (int) Math.min(n, 2L * losses.length));
                }
                losses[i] = in.readFloat();
            }
            if (in.readInt() != END) {
                throw new BadInputException("the checkpoint " + file + " is corrupt (no end marker)");
            }
            // The trainer never writes a NaN or an infinity (ScoreMatchingTrainer's NaN guard): one here is
            // corruption, and a model holding it would only sample NaN.
            finite(file, "weights", parameters);
            finite(file, "EMA weights", shadow);
            finite(file, "Adam first moment", m);
            finite(file, "Adam second moment", v);
            return new Checkpoint(config, step, parameters, new Ema.EmaState(emaUpdates, shadow),
                    new AdamState(adamStep, m, v), losses);
        } catch (EOFException e) {
            throw new BadInputException("the checkpoint " + file + " is truncated");
        } catch (IllegalArgumentException e) {
            if (e instanceof BadInputException && e.getMessage() != null && e.getMessage().contains(file.toString())) {
                throw e; // already says which file and why
            }
            throw new BadInputException("the checkpoint " + file + " is corrupt: " + e.getMessage());
        }
    }

    private static void finite(Path file, String what, ParameterSnapshot s) {
        for (int i = 0; i < s.values().size(); i++) {
            for (double x : s.values().get(i)) {
                if (!Double.isFinite(x)) {
                    throw new BadInputException("the checkpoint " + file + " is corrupt: its " + what + " hold " + x + " (in "
                            + s.names().get(i) + ")");
                }
            }
        }
    }

    private static void header(DataInputStream in, Path file) throws IOException {
        if (in.readInt() != MAGIC) {
            throw new BadInputException(file + " is not a Bellman checkpoint (bad magic number)");
        }
        int version = in.readInt();
        if (version != FORMAT_VERSION) {
            throw new BadInputException("the checkpoint " + file + " has format version " + version
                    + "; this Bellman reads version " + FORMAT_VERSION + " (retrain, or use the Bellman that wrote it)");
        }
    }

    private static TrainConfig config(DataInputStream in, Path file) throws IOException {
        int length = in.readInt();
        if (length < 2 || length > (1 << 24)) {
            throw new BadInputException("the checkpoint " + file + " is corrupt (configuration of " + length + " bytes)");
        }
        byte[] json = new byte[length];
        in.readFully(json);
        try {
            return Json.mapper().readValue(json, TrainConfig.class);
        } catch (JsonProcessingException e) {
            throw new BadInputException("the checkpoint " + file + " has an unreadable configuration: "
                    + e.getOriginalMessage() + " (" + new String(json, 0, Math.min(80, length), StandardCharsets.UTF_8) + "…)");
        }
    }
}
