package dev.bellman.data.io;

import dev.bellman.data.DataException;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * Reads and writes IDX files of unsigned bytes (the MNIST format), plain or gzip-compressed.
 *
 * <p>Layout: magic 0x0000 08 n (type 0x08 = unsigned byte, n dimensions), n big-endian int32
 * dimensions, then the bytes. Every size is checked against the file before anything is allocated:
 * for a plain file the exact length, for a gzip file the uncompressed length in its trailer and the
 * largest ratio deflate can reach, so that a corrupt header can never cause an OutOfMemoryError.
 */
public final class Idx {
    /** The type byte of unsigned 8-bit values. */
    public static final int UNSIGNED_BYTE = 0x08;
    /** The largest payload we read into one Java array. */
    static final long MAX_BYTES = Integer.MAX_VALUE - 64L;
    /** Deflate cannot compress better than about 1032:1; anything claiming more is corrupt. */
    private static final long MAX_DEFLATE_RATIO = 1100;

    private Idx() {}

    /**
     * Reads an IDX file of unsigned bytes.
     *
     * @param expectedDims the number of dimensions required (1 for labels, 3 for images), or 0 for any
     * @throws DataException naming the file: unreadable, wrong magic or dimension count, sizes that
     *     disagree with the file length, truncated or corrupt gzip data, trailing bytes
     */
    public static IdxArray read(Path file, int expectedDims) {
        try {
            long fileSize = Files.size(file);
            boolean gzip = isGzip(file);
            long gzipSize = gzip ? gzipDeclaredSize(file, fileSize) : -1;
            try (InputStream raw = Files.newInputStream(file);
                    InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : new java.io.BufferedInputStream(raw, 1 << 16)) {
                byte[] magic = readExactly(in, 4, file, "the magic number");
                if (magic[0] != 0 || magic[1] != 0) {
                    throw new DataException(file + ": not an IDX file (magic number 0x" + hex(magic) + ")");
                }
                if ((magic[2] & 0xFF) != UNSIGNED_BYTE) {
                    throw new DataException(file + ": IDX type 0x" + String.format("%02x", magic[2] & 0xFF)
                            + " is not supported, only unsigned bytes (0x08) (magic number 0x" + hex(magic) + ")");
                }
                int n = magic[3] & 0xFF;
                if (n < 1 || n > 4 || (expectedDims > 0 && n != expectedDims)) {
                    throw new DataException(file + ": magic number 0x" + hex(magic) + " declares " + n + " dimensions, expected "
                            + (expectedDims > 0 ? expectedDims : "1 to 4")
                            + (expectedDims == 3 ? " (an image file, magic 0x00000803)" : expectedDims == 1 ? " (a label file, magic 0x00000801)" : ""));
                }
                ByteBuffer header = ByteBuffer.wrap(readExactly(in, 4 * n, file, "the dimensions")).order(ByteOrder.BIG_ENDIAN);
                int[] dims = new int[n];
                long payload = 1;
                StringBuilder shape = new StringBuilder();
                for (int i = 0; i < n; i++) {
                    dims[i] = header.getInt();
                    shape.append(i == 0 ? "" : " × ").append(Integer.toUnsignedString(dims[i]));
                    if (dims[i] < 0) {
                        throw new DataException(file + ": dimension " + i + " is " + Integer.toUnsignedString(dims[i]) + ", absurd");
                    }
                    payload *= dims[i];
                    if (payload > MAX_BYTES) {
                        throw new DataException(file + ": dimensions " + shape + "… need more than " + MAX_BYTES + " bytes, absurd");
                    }
                }
                long headerBytes = 4 + 4L * n;
                if (!gzip && headerBytes + payload != fileSize) {
                    throw new DataException(file + ": dimensions " + shape + " need " + (headerBytes + payload) + " bytes but the file has "
                            + fileSize + (fileSize < headerBytes + payload ? " (truncated)" : " (trailing data)"));
                }
                if (gzip) {
                    if (((headerBytes + payload) & 0xFFFFFFFFL) != gzipSize) {
                        throw new DataException(file + ": dimensions " + shape + " need " + (headerBytes + payload)
                                + " bytes but the gzip trailer records " + gzipSize + " (truncated or corrupt)");
                    }
                    if (payload > fileSize * MAX_DEFLATE_RATIO) {
                        throw new DataException(file + ": dimensions " + shape + " cannot fit in " + fileSize + " compressed bytes");
                    }
                }
                byte[] data = readExactly(in, (int) payload, file, "the " + shape + " values");
                if (in.read() != -1) {
                    throw new DataException(file + ": trailing data after the " + shape + " values");
                }
                return new IdxArray(dims, data);
            }
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": no such file", e);
        } catch (ZipException | EOFException e) {
            throw new DataException(file + ": corrupt or truncated gzip data (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw AtomicFiles.unreadable(file, e);
        }
    }

    /** Writes an IDX file of unsigned bytes, gzip-compressed if the name ends in .gz (atomically). */
    public static void write(Path file, IdxArray array) {
        boolean gzip = file.getFileName().toString().endsWith(".gz");
        AtomicFiles.write(file, out -> {
            java.io.OutputStream o = gzip ? new GZIPOutputStream(out, 1 << 16) : out;
            DataOutputStream data = new DataOutputStream(o);
            int[] dims = array.dims();
            data.writeInt(UNSIGNED_BYTE << 8 | dims.length);
            for (int d : dims) {
                data.writeInt(d);
            }
            data.write(array.data());
            data.flush();
            if (gzip) {
                ((GZIPOutputStream) o).finish();
            }
        });
    }

    static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    /** The uncompressed size mod 2³² recorded in the last four bytes of a gzip file (ISIZE). */
    static long gzipDeclaredSize(Path file, long fileSize) throws IOException {
        if (fileSize < 18) {
            throw new DataException(file + ": gzip file of " + fileSize + " bytes is truncated");
        }
        try (SeekableByteChannel ch = Files.newByteChannel(file)) {
            ch.position(fileSize - 4);
            ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            while (b.hasRemaining()) {
                if (ch.read(b) < 0) {
                    throw new EOFException("end of file in the gzip trailer");
                }
            }
            b.flip();
            return b.getInt() & 0xFFFFFFFFL;
        }
    }

    static byte[] readExactly(InputStream in, int n, Path file, String what) throws IOException {
        byte[] b = new byte[n];
        int off = 0;
        while (off < n) {
            int r = in.read(b, off, n - off);
            if (r < 0) {
                throw new DataException(file + ": truncated: the file ends " + off + " bytes into " + what + " (" + n + " bytes)");
            }
            off += r;
        }
        return b;
    }

    private static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) {
            s.append(String.format("%02x", x & 0xFF));
        }
        return s.toString();
    }
}
