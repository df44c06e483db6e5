package dev.bellman.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.bellman.data.io.Csv;
import dev.bellman.data.io.Npy;
import dev.bellman.data.io.NpyArray;
import dev.bellman.data.mixture.MixtureFile;
import dev.bellman.data.toy.ToyDistribution;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataSpecTest {
    @TempDir
    Path dir;

    @Test
    void everyToyNameParsesToAnEndlessSource() {
        for (ToyDistribution toy : ToyDistribution.values()) {
            DataSpec spec = DataSpec.parse(toy.specName());
            assertThat(spec).isEqualTo(new DataSpec.Toy(toy));
            assertThat(spec.toString()).isEqualTo(toy.specName());
            DataSource source = spec.open();
            assertThat(source.split()).isEmpty();
            assertThat(source.isImage()).isFalse();
            assertThat(source.sampleShape()).isEqualTo(new Shape(2));
            assertThat(source.exactMixture().isPresent())
                    .isEqualTo(toy == ToyDistribution.EIGHT_GAUSSIANS || toy == ToyDistribution.TWENTY_FIVE_GAUSSIANS);
        }
    }

    @Test
    void unknownNamesAndPrefixesListTheValidForms() {
        for (String bad : new String[] {"9gaussians", "hdf5:x.h5", "", "gmm:"}) {
            assertThatThrownBy(() -> DataSpec.parse(bad)).as(bad).isInstanceOf(DataException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
        assertThatThrownBy(() -> DataSpec.parse("9gaussians")).hasMessageContaining("9gaussians")
                .hasMessageContaining("8gaussians").hasMessageContaining("npy:FILE").hasMessageContaining("mnist:DIR");
        assertThatThrownBy(() -> DataSpec.parse("npy:" + dir.resolve("missing.npy")).open())
                .isInstanceOf(DataException.class).hasMessageContaining("missing.npy");
    }

    @Test
    void fileSpecsOpenIntoSplitsOrMixtures() throws IOException {
        double[] v = new double[20 * 3];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        Path csv = dir.resolve("d.csv");
        Csv.write(csv, v, 3, List.of("a", "b", "c"));
        DataSource c = DataSpec.parse("csv:" + csv).open();
        assertThat(c.split().orElseThrow().train().size()).isEqualTo(18);
        assertThat(c.split().orElseThrow().heldOut().size()).isEqualTo(2);
        assertThat(c.sampleShape()).isEqualTo(new Shape(3));
        assertThat(c.exactMixture()).isEmpty();

        Path npy = dir.resolve("img.npy");
        Npy.write(npy, new NpyArray(new int[] {10, 2, 3}, new double[60], true));
        DataSource n = DataSpec.parse("npy:" + npy).open();
        assertThat(n.isImage()).isTrue();
        assertThat(n.sampleShape()).isEqualTo(new Shape(1, 2, 3));
        Path bad = dir.resolve("bad.npy");
        Npy.write(bad, new NpyArray(new int[] {60}, new double[60], true));
        assertThatThrownBy(() -> DataSpec.parse("npy:" + bad).open()).isInstanceOf(DataException.class).hasMessageContaining("bad.npy");

        Path gmm = dir.resolve("m.json");
        MixtureFile.write(gmm, ToyDistribution.EIGHT_GAUSSIANS.mixture().orElseThrow());
        DataSource g = DataSpec.parse("gmm:" + gmm).open();
        assertThat(g.exactMixture()).isPresent();
        assertThat(g.toString()).contains("m.json");

        try (NDManager manager = TestSupport.manager()) {
            NDArray x = c.sample(manager, DataType.FLOAT32, 5, new SplittableRandom(1));
            assertThat(x.getShape()).isEqualTo(new Shape(5, 3));
            // Samples come from the training rows 0..17 only: their first column is 3·row ≤ 51.
            for (float f : x.toFloatArray()) {
                assertThat(f).isBetween(0f, 53f);
            }
            NDArray y = g.sample(manager, DataType.FLOAT64, 7, new SplittableRandom(1));
            assertThat(y.getShape()).isEqualTo(new Shape(7, 2));
        }
    }

    @Test
    void sharedMnistOpensAsImages() {
        DataSource m = DataSpec.parse("mnist:" + TestSupport.shared().resolve("datasets/mnist10k")).open();
        assertThat(m.isImage()).isTrue();
        assertThat(m.sampleShape()).isEqualTo(new Shape(1, 28, 28));
        try (NDManager manager = TestSupport.manager()) {
            NDArray x = m.sample(manager, DataType.FLOAT32, 16, new SplittableRandom(2));
            assertThat(x.getShape()).isEqualTo(new Shape(16, 1, 28, 28));
            assertThat(x.min().getFloat()).isGreaterThanOrEqualTo(-1f);
            assertThat(x.max().getFloat()).isLessThan(1f);
        }
    }
}
