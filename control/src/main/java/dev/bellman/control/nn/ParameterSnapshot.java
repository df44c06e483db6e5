package dev.bellman.control.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.bellman.control.BadInputException;
import dev.bellman.control.engine.GradMode;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Parameter values copied out of the engine, in double precision (exact for float32 and float64):
 * for target networks, EMA weights, optimizer moments and checkpoints.
 *
 * <p>Binary form ({@link #write}/{@link #read}): magic {@code BLMP}, version, count, then per
 * parameter its name (UTF), rank, dims, and the values as IEEE doubles, big-endian.
 *
 * @param names parameter names, in order
 * @param shapes their shapes
 * @param values their row-major values
 */
public record ParameterSnapshot(List<String> names, List<long[]> shapes, List<double[]> values) {
    private static final int MAGIC = 0x424C4D50; // "BLMP"
    private static final int VERSION = 1;
    /** Ranks above this are corruption (no network here has parameters of rank above 4). */
    private static final int MAX_RANK = 16;

    public ParameterSnapshot {
        if (names.size() != shapes.size() || names.size() != values.size()) {
            throw new IllegalArgumentException("names, shapes and values must have the same length");
        }
        for (int i = 0; i < names.size(); i++) {
            long n = Arrays.stream(shapes.get(i)).reduce(1L, (a, b) -> a * b);
            if (n != values.get(i).length) {
                throw new IllegalArgumentException("parameter " + names.get(i) + " has shape "
                        + Arrays.toString(shapes.get(i)) + " but " + values.get(i).length + " values");
            }
        }
        names = List.copyOf(names);
        shapes = shapes.stream().map(long[]::clone).toList();
        values = values.stream().map(double[]::clone).toList();
    }

    /** Copies the current values of {@code parameters}. */
    public static ParameterSnapshot capture(List<Parameter> parameters) {
        List<String> names = new ArrayList<>();
        List<long[]> shapes = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        for (Parameter p : parameters) {
            names.add(p.name());
            shapes.add(p.array().getShape().getShape());
            values.add(toDoubles(p.array()));
        }
        return new ParameterSnapshot(names, shapes, values);
    }

    /** The values of one array as doubles (a float32 array is widened exactly). */
    public static double[] toDoubles(NDArray array) {
        if (array.getDataType() == DataType.FLOAT64) {
            return array.toDoubleArray();
        }
        try (NDArray wide = array.toType(DataType.FLOAT64, true)) {
            return wide.toDoubleArray();
        }
    }

    /** Writes {@code values} into {@code array} in place (narrowed to float32 if the array is). */
    public static void assign(NDArray array, double[] values) {
        try (GradMode off = GradMode.disabled()) {
            if (array.getDataType() == DataType.FLOAT64) {
                array.set(values);
            } else {
                float[] f = new float[values.length];
                for (int i = 0; i < f.length; i++) {
                    f[i] = (float) values[i];
                }
                array.set(f);
            }
        }
    }

    /** Writes these values into {@code parameters} in place, matching by position and checking names and shapes. */
    public void restore(List<Parameter> parameters) {
        if (parameters.size() != names.size()) {
            throw new BadInputException("snapshot has " + names.size() + " parameters, the network " + parameters.size());
        }
        for (int i = 0; i < names.size(); i++) {
            Parameter p = parameters.get(i);
            if (!p.name().equals(names.get(i)) || !Arrays.equals(p.array().getShape().getShape(), shapes.get(i))) {
                throw new BadInputException("snapshot parameter " + names.get(i) + " " + Arrays.toString(shapes.get(i))
                        + " does not match " + p.name() + " " + p.array().getShape());
            }
            assign(p.array(), values.get(i));
        }
    }

    /** Writes the binary form. */
    public void write(DataOutput out) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeInt(names.size());
        for (int i = 0; i < names.size(); i++) {
            out.writeUTF(names.get(i));
            long[] s = shapes.get(i);
            out.writeInt(s.length);
            for (long dim : s) {
                out.writeLong(dim);
            }
            for (double v : values.get(i)) {
                out.writeDouble(v);
            }
        }
    }

    /**
     * Reads the binary form written by {@link #write}. A corrupt or foreign stream is refused with a
     * {@link BadInputException} (an {@link java.io.EOFException} if it ends early), never an
     * out-of-memory: counts and dimensions are checked, and values are read into arrays that grow
     * with the bytes actually present, so a header that claims terabytes meets the end of the file
     * first.
     */
    public static ParameterSnapshot read(DataInput in) throws IOException {
        if (in.readInt() != MAGIC) {
            throw new BadInputException("not a Bellman parameter snapshot (bad magic number)");
        }
        int version = in.readInt();
        if (version != VERSION) {
            throw new BadInputException("unsupported parameter snapshot version " + version);
        }
        int count = in.readInt();
        if (count < 0) {
            throw new BadInputException("corrupt parameter snapshot: " + count + " parameters");
        }
        List<String> names = new ArrayList<>();
        List<long[]> shapes = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add(in.readUTF());
            int rank = in.readInt();
            if (rank < 0 || rank > MAX_RANK) {
                throw new BadInputException("corrupt parameter snapshot: parameter " + names.get(i) + " has rank " + rank);
            }
            long[] s = new long[rank];
            long n = 1;
            for (int k = 0; k < s.length; k++) {
                s[k] = in.readLong();
                if (s[k] < 0) {
                    throw new BadInputException("corrupt parameter snapshot: parameter " + names.get(i) + " has dimension " + s[k]);
                }
                n = s[k] == 0 || n == 0 ? 0 : (n > Integer.MAX_VALUE / s[k] ? Long.MAX_VALUE : n * s[k]);
            }
            if (n > Integer.MAX_VALUE) {
                throw new BadInputException("corrupt parameter snapshot: parameter " + names.get(i) + " has shape "
                        + Arrays.toString(s) + ", more values than an array holds");
            }
            double[] v = new double[(int) Math.min(n, 1 << 16)];
            for (int k = 0; k < n; k++) {
                if (k == v.length) {
                    v = Arrays.copyOf(v, (int) Math.min(n, 2L * v.length));
                }
                v[k] = in.readDouble();
            }
            shapes.add(s);
            values.add(v);
        }
        return new ParameterSnapshot(names, shapes, values);
    }

    /** Bitwise equality of the values (names and shapes included). */
    public boolean sameValues(ParameterSnapshot other) {
        if (!names.equals(other.names) || names.size() != other.names.size()) {
            return false;
        }
        for (int i = 0; i < names.size(); i++) {
            if (!Arrays.equals(shapes.get(i), other.shapes.get(i)) || !Arrays.equals(values.get(i), other.values.get(i))) {
                return false;
            }
        }
        return true;
    }
}
