package dev.bellman.data.mixture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bellman.data.DataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MixtureFileTest {
    @TempDir
    Path dir;

    @Test
    void writtenFileReadsBackTheSameMixture() {
        GaussianMixture g = GaussianMixtureTest.full3d();
        Path file = dir.resolve("mix.json");
        MixtureFile.write(file, g);
        GaussianMixture back = MixtureFile.read(file);
        double[] x = {0.2, -0.1, 0.4};
        assertThat(back.logDensity(x)).isEqualTo(g.logDensity(x));
        assertThat(back.weights()).containsExactly(g.weights());
    }

    @Test
    void unnormalisedWeightsAreNormalised() throws IOException {
        Path file = dir.resolve("w.json");
        Files.writeString(file, "{\"weights\": [2, 6], \"means\": [[0], [1]], \"covariances\": [[[1]], [[2]]]}");
        assertThat(MixtureFile.read(file).weights()).containsExactly(0.25, 0.75);
    }

    @Test
    void badFilesAreRefusedNamingTheFile() throws IOException {
        String valid = "{\"weights\": [1, 1], \"means\": [[0, 0], [1, 1]], \"covariances\": [[[1, 0], [0, 1]], [[1, 0], [0, 1]]]}";
        String[][] cases = {
            {"truncated.json", valid.substring(0, valid.length() / 2)},
            {"garbage.json", "\u0000\u0001 not json"},
            {"array.json", "[1, 2]"},
            {"nomeans.json", "{\"weights\": [1], \"covariances\": [[[1]]]}"},
            {"text.json", "{\"weights\": [\"a\"], \"means\": [[0]], \"covariances\": [[[1]]]}"},
            {"zero.json", "{\"weights\": [0], \"means\": [[0]], \"covariances\": [[[1]]]}"},
            {"dims.json", "{\"weights\": [1, 1], \"means\": [[0, 0], [1]], \"covariances\": [[[1, 0], [0, 1]], [[1]]]}"},
            {"indefinite.json", "{\"weights\": [1], \"means\": [[0, 0]], \"covariances\": [[[1, 3], [3, 1]]]}"},
            {"asymmetric.json", "{\"weights\": [1], \"means\": [[0, 0]], \"covariances\": [[[1, 0.3], [0, 1]]]}"},
            {"empty.json", ""},
        };
        for (String[] c : cases) {
            Path file = dir.resolve(c[0]);
            Files.writeString(file, c[1]);
            assertThatThrownBy(() -> MixtureFile.read(file)).as(c[0])
                    .isInstanceOf(DataException.class).hasMessageContaining(c[0])
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
        assertThatThrownBy(() -> MixtureFile.read(dir.resolve("missing.json")))
                .isInstanceOf(DataException.class).hasMessageContaining("missing.json");
    }
}
