package dev.bellman.cli.reliability;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A generated corpus of bad user files: each case is a data specification or a problem file plus the
 * path a good error message must name. Valid files are built first and then broken: truncated at
 * many offsets, wrong magic, dimensions that overflow or ask for terabytes, wrong element types,
 * NaN and infinite values, empty files, folders without images.
 */
final class BadFiles {
    /** One bad input: {@code spec} for {@code --data} (or a problem file path), and the path to name. */
    record Case(String label, String spec, Path named) {
        @Override
        public String toString() {
            return label;
        }
    }

    private BadFiles() {}

    /** Offsets to cut a file of {@code length} bytes at: every byte of the header, then spread out. */
    static int[] cuts(int length, int header) {
        return java.util.stream.IntStream.concat(java.util.stream.IntStream.range(0, Math.min(header, length)),
                java.util.stream.IntStream.of(length / 3, length / 2, length - 7, length - 1)).filter(i -> i >= 0 && i < length)
                .distinct().toArray();
    }

    static List<Case> data(Path root) throws IOException {
        List<Case> cases = new ArrayList<>();
        // --- NumPy
        byte[] npy = npy("<f4", "(6, 2)", floats(12, 0.5f));
        for (int cut : cuts(npy.length, 24)) {
            cases.add(file(root, "npy truncated at " + cut, "npy", "npy-cut" + cut + ".npy", Arrays.copyOf(npy, cut)));
        }
        byte[] badMagic = npy.clone();
        badMagic[1] = 'X';
        cases.add(file(root, "npy wrong magic", "npy", "npy-magic.npy", badMagic));
        cases.add(file(root, "npy shape asks for terabytes", "npy", "npy-tb.npy", npy("<f4", "(1000000000000, 1000000)", floats(2, 1))));
        cases.add(file(root, "npy shape overflows int", "npy", "npy-overflow.npy", npy("<f8", "(4294967297, 2)", floats(2, 1))));
        cases.add(file(root, "npy negative dimension", "npy", "npy-negative.npy", npy("<f4", "(-6, 2)", floats(12, 1))));
        cases.add(file(root, "npy string dtype", "npy", "npy-str.npy", npy("|S4", "(6, 2)", floats(12, 1))));
        cases.add(file(root, "npy complex dtype", "npy", "npy-complex.npy", npy("<c8", "(3, 2)", floats(12, 1))));
        cases.add(file(root, "npy object dtype", "npy", "npy-object.npy", npy("|O", "(6, 2)", floats(12, 1))));
        cases.add(file(root, "npy 1-D", "npy", "npy-1d.npy", npy("<f4", "(12,)", floats(12, 1))));
        cases.add(file(root, "npy zero rows", "npy", "npy-empty-rows.npy", npy("<f4", "(0, 2)", new byte[0])));
        float[] nan = {1, 2, Float.NaN, 4};
        cases.add(file(root, "npy NaN", "npy", "npy-nan.npy", npy("<f4", "(2, 2)", floats(nan))));
        cases.add(file(root, "npy Inf", "npy", "npy-inf.npy", npy("<f4", "(2, 2)", floats(new float[] {1, Float.POSITIVE_INFINITY, 3, 4}))));
        cases.add(file(root, "npy empty file", "npy", "npy-zero.npy", new byte[0]));
        cases.add(file(root, "npy header garbage", "npy", "npy-garbage.npy", npyRaw("{'descr': '<f4', 'fortran_order': False, 'shape': (6, 2), ")));
        // --- CSV
        cases.add(file(root, "csv empty", "csv", "empty.csv", new byte[0]));
        cases.add(file(root, "csv header only", "csv", "header.csv", "x,y\n".getBytes(StandardCharsets.UTF_8)));
        cases.add(file(root, "csv ragged", "csv", "ragged.csv", "1,2\n3,4\n5\n".getBytes(StandardCharsets.UTF_8)));
        cases.add(file(root, "csv words", "csv", "words.csv", "1,2\n3,four\n".getBytes(StandardCharsets.UTF_8)));
        cases.add(file(root, "csv NaN", "csv", "nan.csv", "1,2\nNaN,4\n".getBytes(StandardCharsets.UTF_8)));
        cases.add(file(root, "csv Inf", "csv", "inf.csv", "1,2\n1e999,4\n".getBytes(StandardCharsets.UTF_8)));
        cases.add(file(root, "csv binary", "csv", "binary.csv", new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2, (byte) 0xc3}));
        // --- gmm JSON
        String gmm = "{\"weights\": [0.5, 0.5], \"means\": [[0, 0], [1, 1]], \"covariances\": [[[1, 0], [0, 1]], [[1, 0], [0, 1]]]}";
        byte[] g = gmm.getBytes(StandardCharsets.UTF_8);
        for (int cut : new int[] {0, 1, 12, g.length / 2, g.length - 1}) {
            cases.add(file(root, "gmm truncated at " + cut, "gmm", "gmm-cut" + cut + ".json", Arrays.copyOf(g, cut)));
        }
        cases.add(json(root, "gmm negative weight", "gmm-negw.json", gmm.replace("[0.5, 0.5]", "[-0.5, 1.5]")));
        cases.add(json(root, "gmm weights as text", "gmm-type.json", gmm.replace("[0.5, 0.5]", "\"half\"")));
        cases.add(json(root, "gmm infinite mean", "gmm-inf.json", gmm.replace("[1, 1]", "[1e999, 1]")));
        cases.add(json(root, "gmm dimension mismatch", "gmm-dim.json", gmm.replace("[1, 1]", "[1, 1, 1]")));
        cases.add(json(root, "gmm covariance not positive definite", "gmm-pd.json",
                gmm.replace("[[1, 0], [0, 1]]]}", "[[1, 2], [2, 1]]]}")));
        cases.add(json(root, "gmm missing key", "gmm-key.json", "{\"weights\": [1], \"means\": [[0, 0]]}"));
        cases.add(json(root, "gmm array root", "gmm-root.json", "[1, 2, 3]"));
        // --- MNIST IDX
        byte[] images = idx(0x0803, new int[] {3, 4, 4}, 48);
        byte[] labels = idx(0x0801, new int[] {3}, 3);
        for (int cut : cuts(images.length, 16)) {
            cases.add(mnist(root, "idx images truncated at " + cut, "cut" + cut, Arrays.copyOf(images, cut), labels));
        }
        for (int cut : cuts(labels.length, 8)) {
            cases.add(mnist(root, "idx labels truncated at " + cut, "lcut" + cut, images, Arrays.copyOf(labels, cut)));
        }
        byte[] magic = images.clone();
        magic[2] = 0x0d; // element type 0x0d (float) where unsigned bytes are expected
        cases.add(mnist(root, "idx wrong type byte", "type", magic, labels));
        byte[] rank = images.clone();
        rank[3] = 1;
        cases.add(mnist(root, "idx wrong rank", "rank", rank, labels));
        cases.add(mnist(root, "idx asks for terabytes", "tb", idx(0x0803, new int[] {Integer.MAX_VALUE, 65535, 65535}, 48), labels));
        cases.add(mnist(root, "idx negative count", "neg", idx(0x0803, new int[] {-3, 4, 4}, 48), labels));
        cases.add(mnist(root, "idx count mismatch", "count", images, idx(0x0801, new int[] {5}, 5)));
        cases.add(mnist(root, "idx label out of range", "label", images, idxWith(0x0801, new int[] {3}, new byte[] {1, 2, (byte) 200})));
        cases.add(mnist(root, "idx gz that is not gzip", "gz", null, labels));
        Path noImages = Files.createDirectories(root.resolve("mnist-none"));
        Files.writeString(noImages.resolve("README.txt"), "no digits here");
        cases.add(new Case("mnist folder without IDX files", "mnist:" + noImages, noImages));
        // --- images
        Path empty = Files.createDirectories(root.resolve("images-empty"));
        cases.add(new Case("images: empty folder", "images:" + empty, empty));
        Path text = Files.createDirectories(root.resolve("images-text"));
        Files.writeString(text.resolve("notes.txt"), "hello");
        cases.add(new Case("images: folder without images", "images:" + text, text));
        Path broken = Files.createDirectories(root.resolve("images-broken"));
        Files.write(broken.resolve("a.png"), Arrays.copyOf(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13}, 40));
        cases.add(new Case("images: a broken png only", "images:" + broken, broken));
        Path missing = root.resolve("does-not-exist");
        cases.add(new Case("images: missing folder", "images:" + missing, missing));
        cases.add(new Case("csv: missing file", "csv:" + missing, missing));
        Path dir = Files.createDirectories(root.resolve("a-directory.npy"));
        cases.add(new Case("npy: a directory", "npy:" + dir, dir));
        return cases;
    }

    static List<Case> lqrProblemFiles(Path root) throws IOException {
        List<Case> cases = new ArrayList<>();
        String good = "{\"A\": [[-0.5]], \"B\": [[1]], \"Q\": [[1]], \"R\": [[0.1]], \"D\": [[0.3]], \"rho\": 0.1}";
        byte[] g = good.getBytes(StandardCharsets.UTF_8);
        for (int cut : new int[] {0, 1, 5, 20, g.length / 2, g.length - 1}) {
            cases.add(file(root, "lqr truncated at " + cut, null, "lqr-cut" + cut + ".json", Arrays.copyOf(g, cut)));
        }
        cases.add(json(root, "lqr matrix as text", "lqr-type.json", good.replace("[[-0.5]]", "\"minus a half\"")));
        cases.add(json(root, "lqr infinite entry", "lqr-inf.json", good.replace("[[-0.5]]", "[[-1e999]]")));
        cases.add(json(root, "lqr B with wrong rows", "lqr-dim.json", good.replace("\"B\": [[1]]", "\"B\": [[1], [1]]")));
        cases.add(json(root, "lqr ragged matrix", "lqr-ragged.json", good.replace("\"Q\": [[1]]", "\"Q\": [[1, 0], [0]]")));
        cases.add(json(root, "lqr unstabilisable (B = 0, A unstable)", "lqr-unstab.json",
                good.replace("[[-0.5]]", "[[1.0]]").replace("\"B\": [[1]]", "\"B\": [[0]]")));
        cases.add(json(root, "lqr R not positive", "lqr-r.json", good.replace("[[0.1]]", "[[-0.1]]")));
        cases.add(json(root, "lqr negative rho", "lqr-rho.json", good.replace("0.1}", "-0.1}")));
        cases.add(json(root, "lqr huge matrix dimension claim", "lqr-huge.json",
                good.replace("[[-0.5]]", "[" + "[0],".repeat(2000) + "[0]]")));
        cases.add(file(root, "lqr YAML alias bomb", null, "lqr-bomb.yaml", yamlBomb().getBytes(StandardCharsets.UTF_8)));
        cases.add(file(root, "lqr YAML NaN", null, "lqr-nan.yaml",
                "A: [[.nan]]\nB: [[1]]\nQ: [[1]]\nR: [[0.1]]\nD: [[0.3]]\nrho: 0.1\n".getBytes(StandardCharsets.UTF_8)));
        cases.add(file(root, "lqr empty file", null, "lqr-empty.yaml", new byte[0]));
        cases.add(file(root, "lqr binary", null, "lqr-binary.json", new byte[] {0, (byte) 0xff, 0x7f, 0x10}));
        Path dir = Files.createDirectories(root.resolve("lqr-dir.json"));
        cases.add(new Case("lqr a directory", dir.toString(), dir));
        return cases;
    }

    static List<Case> mertonProblemFiles(Path root) throws IOException {
        List<Case> cases = new ArrayList<>();
        String good = "{\"mu\": [0.08], \"C\": [[0.04]], \"r_f\": 0.03, \"gamma\": 2, \"rho\": 0.05}";
        cases.add(json(root, "merton infinite value (rho - (1-gamma) M <= 0)", "merton-inf.json",
                good.replace("\"gamma\": 2", "\"gamma\": 0.5").replace("\"rho\": 0.05", "\"rho\": 0.001")));
        cases.add(json(root, "merton singular covariance", "merton-sing.json",
                "{\"mu\": [0.08, 0.08], \"C\": [[0.04, 0.04], [0.04, 0.04]], \"r_f\": 0.03, \"gamma\": 2, \"rho\": 0.05}"));
        cases.add(json(root, "merton negative gamma", "merton-gamma.json", good.replace("\"gamma\": 2", "\"gamma\": -2")));
        cases.add(json(root, "merton mu size mismatch", "merton-dim.json", good.replace("[0.08]", "[0.08, 0.1]")));
        cases.add(json(root, "merton truncated", "merton-cut.json", good.substring(0, good.length() / 2)));
        return cases;
    }

    private static String yamlBomb() {
        StringBuilder y = new StringBuilder("a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n");
        char prev = 'a';
        for (char c = 'b'; c <= 'j'; c++) {
            y.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                y.append(i == 0 ? "" : ",").append('*').append(prev);
            }
            y.append("]\n");
            prev = c;
        }
        return y.append("A: *j\nB: [[1]]\nQ: [[1]]\nR: [[0.1]]\nD: [[0.3]]\nrho: 0.1\n").toString();
    }

    private static Case file(Path root, String label, String kind, String name, byte[] bytes) throws IOException {
        Path f = root.resolve(name);
        Files.write(f, bytes);
        return new Case(label, kind == null ? f.toString() : kind + ":" + f, f);
    }

    private static Case json(Path root, String label, String name, String text) throws IOException {
        boolean gmm = name.startsWith("gmm");
        return file(root, label, gmm ? "gmm" : null, name, text.getBytes(StandardCharsets.UTF_8));
    }

    private static Case mnist(Path root, String label, String name, byte[] images, byte[] labels) throws IOException {
        Path dir = Files.createDirectories(root.resolve("mnist-" + name));
        Path img;
        if (images == null) {
            img = dir.resolve("train-images-idx3-ubyte.gz");
            Files.write(img, new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3});
        } else {
            img = dir.resolve("train-images-idx3-ubyte");
            Files.write(img, images);
        }
        Files.write(dir.resolve("train-labels-idx1-ubyte"), labels);
        return new Case(label, "mnist:" + dir, dir);
    }

    static byte[] npy(String descr, String shape, byte[] data) {
        return concat(npyRaw("{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }"), data);
    }

    private static byte[] npyRaw(String dict) {
        StringBuilder h = new StringBuilder(dict);
        while ((10 + h.length() + 1) % 64 != 0) {
            h.append(' ');
        }
        h.append('\n');
        byte[] header = h.toString().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(10 + header.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length).put(header);
        return b.array();
    }

    private static byte[] floats(int n, float v) {
        float[] f = new float[n];
        Arrays.fill(f, v);
        return floats(f);
    }

    private static byte[] floats(float[] f) {
        ByteBuffer b = ByteBuffer.allocate(4 * f.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : f) {
            b.putFloat(x);
        }
        return b.array();
    }

    private static byte[] idx(int magic, int[] dims, int n) {
        byte[] data = new byte[n];
        for (int i = 0; i < n; i++) {
            data[i] = (byte) (i % 10);
        }
        return idxWith(magic, dims, data);
    }

    private static byte[] idxWith(int magic, int[] dims, byte[] data) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(magic);
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(data);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
