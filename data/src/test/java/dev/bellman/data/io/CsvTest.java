package dev.bellman.data.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bellman.data.DataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTest {
    @TempDir
    Path dir;

    @Test
    void writtenFilesReadBackExactlyWithAndWithoutHeader() {
        double[] v = {0.1, -2.5e-300, 1.0 / 3, 7, Math.PI, -0.0};
        Path f = dir.resolve("a.csv");
        Csv.write(f, v, 2, List.of("x1", "x2"));
        CsvTable t = Csv.read(f);
        assertThat(t.rows()).isEqualTo(3);
        assertThat(t.columns()).isEqualTo(2);
        assertThat(t.values()).containsExactly(v);
        assertThat(t.header()).containsExactly("x1", "x2");
        Path g = dir.resolve("b.csv");
        Csv.write(g, v, 3, List.of());
        assertThat(Csv.read(g).header()).isEmpty();
        assertThat(Csv.read(g).values()).containsExactly(v);
    }

    @Test
    void spacesAndBlankLinesAreTolerated() throws IOException {
        Path f = dir.resolve("s.csv");
        Files.writeString(f, " 1, 2\n\n3 ,4\r\n");
        assertThat(Csv.read(f).values()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void badFilesAreRefusedNamingTheFileAndLine() throws IOException {
        String[][] cases = {
            {"ragged.csv", "1,2\n3,4\n5\n", "line 3"},
            {"truncated.csv", "a,b\n1,2\n3,", "line 3"},
            {"word.csv", "1,2\n3,x\n", "not a number"},
            {"nan.csv", "1,2\nNaN,4\n", "finite"},
            {"inf.csv", "1,2\nInfinity,4\n", "finite"},
            {"empty.csv", "", "no data"},
            {"header-only.csv", "x,y\n", "no data"},
        };
        for (String[] c : cases) {
            Path f = dir.resolve(c[0]);
            Files.writeString(f, c[1]);
            assertThatThrownBy(() -> Csv.read(f)).as(c[0]).isInstanceOf(DataException.class)
                    .hasMessageContaining(c[0]).hasMessageContaining(c[2]);
        }
        Path binary = dir.resolve("binary.csv");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, (byte) 0xc3});
        assertThatThrownBy(() -> Csv.read(binary)).isInstanceOf(DataException.class).hasMessageContaining("binary.csv");
    }
}
