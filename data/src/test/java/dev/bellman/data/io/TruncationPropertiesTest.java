package dev.bellman.data.io;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bellman.data.DataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Any truncation of a valid file is refused with a DataException, never another exception. */
class TruncationPropertiesTest {
    private static final byte[] IDX;
    private static final byte[] IDX_GZ;
    private static final byte[] NPY;

    static {
        try {
            IDX = IdxTest.idx(0x803, new int[] {6, 5, 4}, 120);
            IDX_GZ = IdxTest.gzip(IDX);
            Path tmp = Files.createTempFile("bellman-npy", ".npy");
            double[] values = new double[30];
            for (int i = 0; i < values.length; i++) {
                values[i] = Math.sin(i);
            }
            Npy.write(tmp, new NpyArray(new int[] {10, 3}, values, false));
            NPY = Files.readAllBytes(tmp);
            Files.delete(tmp);
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static void truncatedIsRefused(byte[] whole, int cut, String suffix, java.util.function.Consumer<Path> reader)
            throws IOException {
        Path f = Files.createTempFile("truncated", suffix);
        try {
            Files.write(f, Arrays.copyOf(whole, cut % whole.length));
            assertThatThrownBy(() -> reader.accept(f)).isInstanceOf(DataException.class)
                    .hasMessageContaining(f.getFileName().toString());
        } finally {
            Files.delete(f);
        }
    }

    @Property(tries = 150)
    void truncatedIdxIsRefused(@ForAll @IntRange(min = 0, max = 10_000) int cut) throws IOException {
        truncatedIsRefused(IDX, cut, "", f -> Idx.read(f, 3));
    }

    @Property(tries = 150)
    void truncatedGzipIdxIsRefused(@ForAll @IntRange(min = 0, max = 10_000) int cut) throws IOException {
        truncatedIsRefused(IDX_GZ, cut, ".gz", f -> Idx.read(f, 3));
    }

    @Property(tries = 150)
    void truncatedNpyIsRefused(@ForAll @IntRange(min = 0, max = 10_000) int cut) throws IOException {
        truncatedIsRefused(NPY, cut, ".npy", Npy::read);
    }
}
