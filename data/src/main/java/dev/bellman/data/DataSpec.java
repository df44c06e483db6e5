package dev.bellman.data;

import dev.bellman.data.dataset.Split;
import dev.bellman.data.dataset.VectorDataset;
import dev.bellman.data.io.Csv;
import dev.bellman.data.io.CsvTable;
import dev.bellman.data.io.ImageFolder;
import dev.bellman.data.io.Mnist;
import dev.bellman.data.io.Npy;
import dev.bellman.data.io.NpyArray;
import dev.bellman.data.mixture.MixtureFile;
import dev.bellman.data.toy.ToyDistribution;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A data specification as the command line takes it (DESIGN.md §4): a toy name ({@code 8gaussians},
 * …), {@code gmm:FILE}, {@code mnist:DIR}, {@code images:DIR}, {@code csv:FILE} or {@code npy:FILE}.
 * {@link #parse} checks only the syntax; {@link #open} reads the data.
 */
public sealed interface DataSpec {
    /** The kinds of file-backed specification, by prefix. */
    enum Kind {
        GMM("gmm"), MNIST("mnist"), IMAGES("images"), CSV("csv"), NPY("npy");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }

        /** The prefix before the colon, e.g. {@code gmm}. */
        public String prefix() {
            return prefix;
        }

        static Optional<Kind> of(String prefix) {
            return Arrays.stream(values()).filter(k -> k.prefix.equals(prefix.toLowerCase(Locale.ROOT))).findFirst();
        }
    }

    /** Every accepted form, for error messages and help. */
    static String validForms() {
        return ToyDistribution.validNames() + ", gmm:FILE, mnist:DIR, images:DIR, csv:FILE, npy:FILE";
    }

    /**
     * Parses a specification.
     *
     * @throws DataException naming the specification and listing the valid forms
     */
    static DataSpec parse(String text) {
        if (text == null || text.isBlank()) {
            throw new DataException("empty data specification: valid are " + validForms());
        }
        String s = text.strip();
        int colon = s.indexOf(':');
        if (colon < 0) {
            return ToyDistribution.find(s).<DataSpec>map(Toy::new).orElseThrow(() -> new DataException(
                    "unknown data set '" + s + "': valid are " + validForms()));
        }
        String prefix = s.substring(0, colon);
        String rest = s.substring(colon + 1);
        Kind kind = Kind.of(prefix).orElseThrow(() -> new DataException(
                "unknown data specification '" + s + "' (prefix '" + prefix + "'): valid are " + validForms()));
        if (rest.isBlank()) {
            throw new DataException("data specification '" + s + "' names no " + (kind == Kind.MNIST || kind == Kind.IMAGES ? "directory" : "file"));
        }
        Path path;
        try {
            path = Paths.get(rest);
        } catch (java.nio.file.InvalidPathException e) {
            throw new DataException("data specification '" + s + "': invalid path (" + e.getMessage() + ")", e);
        }
        return new FileBacked(kind, path);
    }

    /** Reads the data with the default image size (28). */
    default DataSource open() {
        return open(ImageFolder.DEFAULT_SIZE);
    }

    /**
     * Reads the data.
     *
     * @param imageSize the side of the square images of {@code images:DIR} (ignored otherwise)
     * @throws DataException naming the file or directory if the data cannot be used
     */
    DataSource open(int imageSize);

    /** A toy distribution: an endless sampler. */
    record Toy(ToyDistribution distribution) implements DataSpec {
        public Toy {
            if (distribution == null) {
                throw new IllegalArgumentException("distribution is required");
            }
        }

        @Override
        public DataSource open(int imageSize) {
            return new DataSource.Infinite(this, distribution, distribution.mixture());
        }

        @Override
        public String toString() {
            return distribution.specName();
        }
    }

    /** A specification naming a file or directory. */
    record FileBacked(Kind kind, Path path) implements DataSpec {
        public FileBacked {
            if (kind == null || path == null) {
                throw new IllegalArgumentException("kind and path are required");
            }
        }

        @Override
        public DataSource open(int imageSize) {
            switch (kind) {
                case GMM: {
                    var mixture = MixtureFile.read(path);
                    return new DataSource.Infinite(this, mixture, Optional.of(mixture));
                }
                case MNIST:
                    return new DataSource.Finite(this, Mnist.load(path));
                case IMAGES:
                    return new DataSource.Finite(this, Split.lastTenth(ImageFolder.read(path, imageSize)));
                case CSV: {
                    CsvTable t = Csv.read(path);
                    return new DataSource.Finite(this, Split.lastTenth(VectorDataset.of(t.values(), t.columns())));
                }
                case NPY:
                    return new DataSource.Finite(this, Split.lastTenth(fromNpy(Npy.read(path))));
                default:
                    throw new AssertionError(kind);
            }
        }

        private VectorDataset fromNpy(NpyArray a) {
            int[] s = a.shape();
            if (s.length < 2 || s.length > 4 || s[0] == 0) {
                throw new DataException(path + ": shape " + Arrays.toString(s) + " is not (N, d), (N, H, W) or (N, C, H, W) with N ≥ 1");
            }
            switch (s.length) {
                case 2:
                    return new VectorDataset(a.data(), 0, s[0], new Shape(s[1]), false);
                case 3:
                    return new VectorDataset(a.data(), 0, s[0], new Shape(1, s[1], s[2]), true);
                default:
                    return new VectorDataset(a.data(), 0, s[0], new Shape(s[1], s[2], s[3]), true);
            }
        }

        @Override
        public String toString() {
            return kind.prefix() + ":" + path;
        }
    }
}
