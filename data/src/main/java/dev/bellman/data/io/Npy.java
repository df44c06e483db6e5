package dev.bellman.data.io;

import dev.bellman.data.DataException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes NumPy {@code .npy} files of little-endian float32 or float64 in C order.
 *
 * <p>Format (numpy.lib.format): the magic {@code \x93NUMPY}, a major and minor version byte, the
 * header length (uint16 in version 1.0, uint32 in 2.0 and 3.0, little-endian), an ASCII (3.0: UTF-8)
 * Python dict literal {@code {'descr': '<f4', 'fortran_order': False, 'shape': (N, d), }} padded with
 * spaces and a newline so that the data start on a multiple of 64 bytes, then the data. Written files
 * use version 1.0 (2.0 only for a header beyond 65,535 bytes).
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int MAX_HEADER = 1 << 20;
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {}

    /**
     * Reads a .npy file.
     *
     * @throws DataException naming the file: not a .npy file, an unsupported version, dtype other than
     *     little-endian float32/float64, Fortran order, a shape that does not match the byte count,
     *     NaN or infinite values
     */
    public static NpyArray read(Path file) {
        try {
            long fileSize = Files.size(file);
            try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                byte[] pre = Idx.readExactly(in, 8, file, "the .npy magic and version");
                for (int i = 0; i < MAGIC.length; i++) {
                    if (pre[i] != MAGIC[i]) {
                        throw new DataException(file + ": not a .npy file (no \\x93NUMPY magic)");
                    }
                }
                int major = pre[6] & 0xFF;
                int minor = pre[7] & 0xFF;
                long headerLen;
                int lenBytes;
                if (major == 1) {
                    lenBytes = 2;
                } else if (major == 2 || major == 3) {
                    lenBytes = 4;
                } else {
                    throw new DataException(file + ": .npy version " + major + "." + minor + " is not supported (1.0, 2.0, 3.0 are)");
                }
                ByteBuffer lb = ByteBuffer.wrap(Idx.readExactly(in, lenBytes, file, "the header length")).order(ByteOrder.LITTLE_ENDIAN);
                headerLen = lenBytes == 2 ? lb.getShort() & 0xFFFF : lb.getInt() & 0xFFFFFFFFL;
                long dataStart = 8 + lenBytes + headerLen;
                if (headerLen > MAX_HEADER || dataStart > fileSize) {
                    throw new DataException(file + ": header length " + headerLen + " exceeds the file (" + fileSize + " bytes): truncated or corrupt");
                }
                String header = new String(Idx.readExactly(in, (int) headerLen, file, "the header"),
                        major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
                String descr = group(DESCR, header, file, "descr");
                boolean float32;
                if (descr.equals("<f4")) {
                    float32 = true;
                } else if (descr.equals("<f8")) {
                    float32 = false;
                } else {
                    throw new DataException(file + ": dtype '" + descr + "' is not supported: use little-endian float32 ('<f4') or float64 ('<f8')");
                }
                if (group(FORTRAN, header, file, "fortran_order").equals("True")) {
                    throw new DataException(file + ": fortran_order is True; save a C-ordered array (numpy.ascontiguousarray)");
                }
                int[] shape = parseShape(group(SHAPE, header, file, "shape"), file);
                int itemSize = float32 ? 4 : 8;
                long count = 1;
                for (int d : shape) {
                    count *= d;
                    if (count * itemSize > fileSize) {
                        break; // already too large for the file; reported below without overflow
                    }
                }
                if (count * itemSize != fileSize - dataStart) {
                    throw new DataException(file + ": shape " + shapeText(shape) + " of " + descr + " needs " + count * itemSize
                            + " data bytes but the file has " + (fileSize - dataStart)
                            + (count * itemSize > fileSize - dataStart ? " (truncated)" : " (trailing data)"));
                }
                byte[] raw = Idx.readExactly(in, (int) (count * itemSize), file, "the data");
                ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
                double[] data = new double[(int) count];
                for (int i = 0; i < data.length; i++) {
                    double v = float32 ? b.getFloat() : b.getDouble();
                    if (!Double.isFinite(v)) {
                        throw new DataException(file + ": value " + i + " is " + v + "; data must be finite");
                    }
                    data[i] = v;
                }
                return new NpyArray(shape, data, float32);
            }
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": no such file", e);
        } catch (IOException e) {
            throw AtomicFiles.unreadable(file, e);
        }
    }

    /** Writes a .npy file (version 1.0, or 2.0 for a very long header), atomically. */
    public static void write(Path file, NpyArray array) {
        String dict = "{'descr': '" + (array.float32() ? "<f4" : "<f8") + "', 'fortran_order': False, 'shape': "
                + shapeText(array.shape()) + ", }";
        int lenBytes = 2;
        int major = 1;
        int total = MAGIC.length + 2 + lenBytes + dict.length() + 1;
        if (total + 64 > 0xFFFF) {
            lenBytes = 4;
            major = 2;
            total = MAGIC.length + 2 + lenBytes + dict.length() + 1;
        }
        // Pad with spaces so that the data start on a 64-byte boundary; the header ends with '\n'.
        int pad = (64 - total % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        byte[] h = header.getBytes(StandardCharsets.ISO_8859_1);
        double[] data = array.data();
        int itemSize = array.float32() ? 4 : 8;
        ByteBuffer buf = ByteBuffer.allocate(MAGIC.length + 2 + lenBytes + h.length + data.length * itemSize)
                .order(ByteOrder.LITTLE_ENDIAN);
        buf.put(MAGIC).put((byte) major).put((byte) 0);
        if (lenBytes == 2) {
            buf.putShort((short) h.length);
        } else {
            buf.putInt(h.length);
        }
        buf.put(h);
        for (double v : data) {
            if (array.float32()) {
                buf.putFloat((float) v);
            } else {
                buf.putDouble(v);
            }
        }
        AtomicFiles.write(file, buf.array());
    }

    private static String group(Pattern p, String header, Path file, String key) {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new DataException(file + ": the header has no valid '" + key + "' entry: " + header.strip().replaceAll("\\s+", " "));
        }
        return m.group(1);
    }

    private static int[] parseShape(String text, Path file) {
        List<Integer> dims = new ArrayList<>();
        for (String part : text.split(",")) {
            String s = part.strip();
            if (s.isEmpty()) {
                continue;
            }
            try {
                long v = Long.parseLong(s.endsWith("L") ? s.substring(0, s.length() - 1) : s);
                if (v < 0 || v > Integer.MAX_VALUE) {
                    throw new DataException(file + ": shape (" + text + ") has an absurd dimension " + v);
                }
                dims.add((int) v);
            } catch (NumberFormatException e) {
                throw new DataException(file + ": shape (" + text + ") is not a tuple of integers", e);
            }
        }
        return dims.stream().mapToInt(Integer::intValue).toArray();
    }

    static String shapeText(int[] shape) {
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            s.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return s.append(shape.length == 1 ? ",)" : ")").toString();
    }
}
