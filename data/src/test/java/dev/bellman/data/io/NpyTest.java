package dev.bellman.data.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bellman.data.DataException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {
    @TempDir
    Path dir;

    /** A .npy file built by hand, independently of {@link Npy#write}. */
    static byte[] handMade(int major, String dict, byte[] data) {
        int lenBytes = major == 1 ? 2 : 4;
        int unpadded = 6 + 2 + lenBytes + dict.length() + 1;
        String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        ByteBuffer b = ByteBuffer.allocate(6 + 2 + lenBytes + header.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (lenBytes == 2) {
            b.putShort((short) header.length());
        } else {
            b.putInt(header.length());
        }
        b.put(header.getBytes(StandardCharsets.US_ASCII)).put(data);
        return b.array();
    }

    static byte[] doubles(double... v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double x : v) {
            b.putDouble(x);
        }
        return b.array();
    }

    static byte[] floats(float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : v) {
            b.putFloat(x);
        }
        return b.array();
    }

    @Test
    void writtenFilesReadBackExactly() {
        double[] v = new double[2 * 3 * 4 * 5];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.scalb(Math.sin(i * 1.37), i % 7 - 3);
        }
        for (int[] shape : new int[][] {{120}, {40, 3}, {2, 12, 5}, {2, 3, 4, 5}}) {
            NpyArray a = new NpyArray(shape, v, false);
            Path f = dir.resolve("f64-" + shape.length + ".npy");
            Npy.write(f, a);
            assertThat(Npy.read(f)).isEqualTo(a);
            double[] rounded = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                rounded[i] = (float) v[i];
            }
            NpyArray b = new NpyArray(shape, rounded, true);
            Path g = dir.resolve("f32-" + shape.length + ".npy");
            Npy.write(g, b);
            assertThat(Npy.read(g)).isEqualTo(b);
        }
    }

    @Test
    void writtenHeaderFollowsTheFormat() throws IOException {
        Path f = dir.resolve("h.npy");
        Npy.write(f, new NpyArray(new int[] {2, 3}, new double[6], true));
        byte[] bytes = Files.readAllBytes(f);
        int headerLen = (bytes[8] & 0xFF) | (bytes[9] & 0xFF) << 8;
        assertThat((10 + headerLen) % 64).isZero();
        String header = new String(bytes, 10, headerLen, StandardCharsets.US_ASCII);
        assertThat(header).startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }").endsWith("\n");
        assertThat(bytes.length).isEqualTo(10 + headerLen + 24);
    }

    @Test
    void handMadeVersion1And2FilesRead() throws IOException {
        Path v1 = dir.resolve("v1.npy");
        Files.write(v1, handMade(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }", doubles(1, 2.5, -3)));
        assertThat(Npy.read(v1).data()).containsExactly(1, 2.5, -3);
        Path v2 = dir.resolve("v2.npy");
        Files.write(v2, handMade(2, "{'shape': (1, 2), 'fortran_order': False, 'descr': '<f4'}", floats(0.5f, -0.25f)));
        NpyArray a = Npy.read(v2);
        assertThat(a.shape()).containsExactly(1, 2);
        assertThat(a.data()).containsExactly(0.5, -0.25);
        assertThat(a.float32()).isTrue();
    }

    @Test
    void numpyLoadsWrittenFilesWhenPythonIsPresent() throws Exception {
        Path f = dir.resolve("np.npy");
        Npy.write(f, new NpyArray(new int[] {2, 2}, new double[] {1.5, -2, 3.25, 4}, false));
        Process p;
        try {
            p = new ProcessBuilder("python3", "-c",
                    "import numpy,sys; a=numpy.load(sys.argv[1]); print(a.dtype, a.shape, a.sum())", f.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            org.junit.jupiter.api.Assumptions.abort("python3 is not installed: " + e.getMessage());
            return;
        }
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        org.junit.jupiter.api.Assumptions.assumeFalse(out.contains("No module named"), "numpy is not installed");
        assertThat(out).isEqualTo("float64 (2, 2) 6.75");
    }

    @Test
    void badFilesAreRefusedNamingTheFile() throws IOException {
        String ok = "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }";
        Object[][] cases = {
            {"fortran.npy", handMade(1, "{'descr': '<f8', 'fortran_order': True, 'shape': (2,), }", doubles(1, 2)), "fortran"},
            {"int.npy", handMade(1, "{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }", doubles(1, 2)), "<i8"},
            {"bigendian.npy", handMade(1, "{'descr': '>f8', 'fortran_order': False, 'shape': (2,), }", doubles(1, 2)), ">f8"},
            {"shape.npy", handMade(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }", doubles(1, 2)), "truncated"},
            {"extra.npy", handMade(1, ok, doubles(1, 2, 3)), "trailing"},
            {"absurd.npy", handMade(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999,), }", doubles(1)), "absurd"},
            {"huge.npy", handMade(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2000000000, 2000000000), }", doubles(1)), "needs"},
            {"nan.npy", handMade(1, ok, doubles(1, Double.NaN)), "NaN"},
            {"inf.npy", handMade(2, ok, doubles(Double.NEGATIVE_INFINITY, 1)), "Infinity"},
            {"noshape.npy", handMade(1, "{'descr': '<f8', 'fortran_order': False}", doubles(1, 2)), "shape"},
            {"version.npy", patchVersion(handMade(1, ok, doubles(1, 2))), "version"},
            {"notnpy.npy", "hello, world, 1, 2".getBytes(StandardCharsets.US_ASCII), "magic"},
        };
        for (Object[] c : cases) {
            Path f = dir.resolve((String) c[0]);
            Files.write(f, (byte[]) c[1]);
            assertThatThrownBy(() -> Npy.read(f)).as((String) c[0]).isInstanceOf(DataException.class)
                    .hasMessageContaining((String) c[0]).hasMessageContaining((String) c[2]);
        }
    }

    private static byte[] patchVersion(byte[] b) {
        b[6] = 9;
        return b;
    }
}
