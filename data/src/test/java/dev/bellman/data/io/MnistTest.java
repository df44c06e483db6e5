package dev.bellman.data.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bellman.data.DataException;
import dev.bellman.data.TestSupport;
import dev.bellman.data.dataset.ImageDataset;
import dev.bellman.data.dataset.Split;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistTest {
    @TempDir
    Path dir;

    @Test
    void sharedTenThousandDigitsLoadWithTheirClassCountsAndSplit() {
        Path mnist = TestSupport.shared().resolve("datasets/mnist10k");
        assertThat(mnist).as("the shared MNIST set").isDirectory();
        Split split = Mnist.load(mnist);
        ImageDataset train = (ImageDataset) split.train();
        ImageDataset held = (ImageDataset) split.heldOut();
        assertThat(train.size()).isEqualTo(9000);
        assertThat(held.size()).isEqualTo(1000);
        assertThat(train.sampleShape().getShape()).containsExactly(1, 28, 28);
        ImageDataset all = (ImageDataset) train.range(0, 9000);
        int[] counts = new int[10];
        for (int[] c : new int[][] {train.classCounts(), held.classCounts()}) {
            for (int k = 0; k < c.length; k++) {
                counts[k] += c[k];
            }
        }
        assertThat(counts).containsExactly(1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978);
        // Digits are ink on black: mostly background, some full ink.
        long zeros = 0;
        int max = 0;
        for (int j = 0; j < 784; j++) {
            zeros += all.pixel(0, j) == 0 ? 1 : 0;
            max = Math.max(max, all.pixel(0, j));
        }
        assertThat(zeros).isGreaterThan(400);
        assertThat(max).isGreaterThan(200);
    }

    private void writePair(String prefix, int n, int labelBase) {
        byte[] px = new byte[n * 4 * 3];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) i;
        }
        byte[] lab = new byte[n];
        for (int i = 0; i < n; i++) {
            lab[i] = (byte) ((i + labelBase) % 10);
        }
        Idx.write(dir.resolve(prefix + "images-idx3-ubyte.gz"), new IdxArray(new int[] {n, 4, 3}, px));
        Idx.write(dir.resolve(prefix + "labels-idx1-ubyte"), new IdxArray(new int[] {n}, lab));
    }

    @Test
    void trainAndT10kFilesSplitByFile() {
        writePair("train-", 30, 0);
        writePair("t10k-", 7, 3);
        Split s = Mnist.load(dir);
        assertThat(s.train().size()).isEqualTo(30);
        assertThat(s.heldOut().size()).isEqualTo(7);
        assertThat(s.heldOut().labels().orElseThrow()[0]).isEqualTo(3);
        assertThat(s.train().sampleShape().getShape()).containsExactly(1, 4, 3);
    }

    @Test
    void mismatchedOrMissingFilesAreRefused() throws IOException {
        Idx.write(dir.resolve("images-idx3-ubyte"), new IdxArray(new int[] {5, 2, 2}, new byte[20]));
        assertThatThrownBy(() -> Mnist.load(dir)).isInstanceOf(DataException.class).hasMessageContaining("images-idx3-ubyte")
                .hasMessageContaining("labels");
        Idx.write(dir.resolve("labels-idx1-ubyte"), new IdxArray(new int[] {4}, new byte[4]));
        assertThatThrownBy(() -> Mnist.load(dir)).isInstanceOf(DataException.class).hasMessageContaining("labels-idx1-ubyte")
                .hasMessageContaining("4 labels").hasMessageContaining("5 images");
        Idx.write(dir.resolve("labels-idx1-ubyte"), new IdxArray(new int[] {5}, new byte[] {0, 1, 2, 3, 42}));
        assertThatThrownBy(() -> Mnist.load(dir)).isInstanceOf(DataException.class).hasMessageContaining("label 4 is 42");
        Files.writeString(dir.resolve("labels-idx1-ubyte"), "not idx");
        assertThatThrownBy(() -> Mnist.load(dir)).isInstanceOf(DataException.class).hasMessageContaining("labels-idx1-ubyte");
        Path empty = Files.createDirectory(dir.resolve("empty"));
        assertThatThrownBy(() -> Mnist.load(empty)).isInstanceOf(DataException.class).hasMessageContaining("empty");
    }
}
