package dev.bellman.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.BadInputException;
import dev.bellman.data.HostArrays;
import dev.bellman.data.io.Csv;
import dev.bellman.data.io.Npy;
import dev.bellman.data.io.NpyArray;
import dev.bellman.data.plot.ImageGrid;
import dev.bellman.data.plot.Plots;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Where samples go, chosen by the file's extension: a PNG (scatter or image grid), CSV or .npy. */
enum SampleOutput {
    PNG, CSV, NPY;

    /** The kind for {@code file}; BadInputException for any other extension. */
    static SampleOutput of(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".png")) {
            return PNG;
        }
        if (name.endsWith(".csv")) {
            return CSV;
        }
        if (name.endsWith(".npy")) {
            return NPY;
        }
        throw new BadInputException("--output must end in .png, .csv or .npy, got " + file);
    }

    /**
     * Writes {@code samples} (n, D) of sample shape {@code shape}: a PNG is a scatter plot for 2-D
     * samples and an image grid for images (at most 64 tiles); CSV one sample a row; .npy (n, ...shape).
     */
    void write(Path file, NDArray samples, Shape shape, boolean image) {
        int n = Math.toIntExact(samples.getShape().get(0));
        double[] flat = HostArrays.toDoubles(samples);
        int dim = Math.toIntExact(shape.size());
        switch (this) {
            case PNG -> {
                if (image) {
                    int tiles = Math.min(n, 64);
                    int c = shape.dimension() == 3 ? (int) shape.get(0) : 1;
                    int h = (int) shape.get(shape.dimension() - 2);
                    int w = (int) shape.get(shape.dimension() - 1);
                    double[] head = java.util.Arrays.copyOf(flat, tiles * dim);
                    ImageGrid.write(file, head, tiles, c, h, w, (int) Math.ceil(Math.sqrt(tiles)));
                } else if (dim == 2) {
                    Plots.scatter(file, List.of("samples"), List.of(flat));
                } else {
                    throw new BadInputException("a PNG of samples needs 2-D samples or images; write .csv or .npy for D = " + dim);
                }
            }
            case CSV -> {
                List<String> header = new ArrayList<>();
                for (int i = 0; i < dim; i++) {
                    header.add("x" + (i + 1));
                }
                Csv.write(file, flat, dim, header);
            }
            case NPY -> {
                int[] dims = new int[shape.dimension() + 1];
                dims[0] = n;
                for (int i = 0; i < shape.dimension(); i++) {
                    dims[i + 1] = (int) shape.get(i);
                }
                Npy.write(file, new NpyArray(dims, flat, true));
            }
            default -> throw new IllegalStateException();
        }
    }
}
