package dev.bellman.data.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bellman.data.DataException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {
    @TempDir
    Path dir;

    static byte[] idx(int magic, int[] dims, int payload) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + payload);
        b.putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        for (int i = 0; i < payload; i++) {
            b.put((byte) (i * 7));
        }
        return b.array();
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(bytes)) {
            g.write(raw);
        }
        return bytes.toByteArray();
    }

    private void refused(String name, byte[] content, int dims, String... fragments) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, content);
        var assertion = assertThatThrownBy(() -> Idx.read(f, dims)).as(name).isInstanceOf(DataException.class)
                .hasMessageContaining(name);
        for (String s : fragments) {
            assertion.hasMessageContaining(s);
        }
        assertion.satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void plainAndGzipFilesReadBackTheirBytes() throws IOException {
        byte[] raw = idx(0x803, new int[] {3, 4, 5}, 60);
        Path plain = dir.resolve("a-images-idx3-ubyte");
        Files.write(plain, raw);
        Path gz = dir.resolve("a-images-idx3-ubyte.gz");
        Files.write(gz, gzip(raw));
        for (Path f : new Path[] {plain, gz}) {
            IdxArray a = Idx.read(f, 3);
            assertThat(a.dims()).containsExactly(3, 4, 5);
            assertThat(a.data()).containsExactly(Arrays.copyOfRange(raw, 16, 76));
        }
        Path written = dir.resolve("w.gz");
        Idx.write(written, new IdxArray(new int[] {3, 4, 5}, Arrays.copyOfRange(raw, 16, 76)));
        assertThat(Idx.read(written, 3).data()).containsExactly(Arrays.copyOfRange(raw, 16, 76));
    }

    @Test
    void badFilesAreRefusedNamingTheFile() throws IOException {
        refused("wrongmagic", idx(0x12345678, new int[] {2}, 2), 1, "magic");
        refused("floattype", idx(0x0D01, new int[] {2}, 8), 1, "type");
        refused("labels-as-images", idx(0x801, new int[] {4}, 4), 3, "0x00000803");
        refused("short", idx(0x803, new int[] {10, 28, 28}, 100), 3, "truncated");
        refused("long", idx(0x801, new int[] {3}, 5), 1, "trailing");
        refused("absurd", idx(0x803, new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE, 28}, 10), 3, "absurd");
        refused("negative", idx(0x801, new int[] {-5}, 10), 1, "absurd");
        refused("empty", new byte[0], 1, "truncated");
        refused("header-only", Arrays.copyOf(idx(0x803, new int[] {1, 2, 2}, 0), 9), 3, "truncated");
        // gzip: cut in the middle, a flipped byte in the compressed stream, a lying trailer.
        byte[] gz = gzip(idx(0x803, new int[] {20, 28, 28}, 20 * 784));
        refused("cut.gz", Arrays.copyOf(gz, gz.length / 2), 3);
        byte[] flipped = gz.clone();
        flipped[gz.length / 2] ^= 0x5A;
        refused("flipped.gz", flipped, 3);
        byte[] huge = gzip(idx(0x803, new int[] {60000, 28, 28}, 100));
        refused("huge.gz", huge, 3);
    }
}
