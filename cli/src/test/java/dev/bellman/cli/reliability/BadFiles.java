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

    /**
     * Broken run directories for MODEL, made from a good checkpoint ({@code good}, the bytes of a
     * checkpoint.bin written by train): truncated at many offsets, bad magic, end marker and
     * configuration, counts and dimensions that are negative, overflow or ask for terabytes, non-finite
     * weights, an empty file, a directory in its place, and directories without a checkpoint. The spec
     * is the MODEL directory; the named path is the checkpoint file (or the directory when there is
     * no file).
     */
    static List<Case> checkpoints(Path root, byte[] good) throws IOException {
        List<Case> cases = new ArrayList<>();
        ByteBuffer g = ByteBuffer.wrap(good);
        int json = g.getInt(8);
        int snapshot = 12 + json + 8; // after the configuration and the step
        int nameLength = g.getShort(snapshot + 12) & 0xffff;
        int rank = snapshot + 12 + 2 + nameLength;
        int firstDim = rank + 4;
        long step = g.getLong(12 + json);
        int lossCount = good.length - 4 - 4 * (int) step - 4;
        int[] cuts = java.util.stream.IntStream.concat(java.util.stream.IntStream.of(cuts(good.length, 16)),
                java.util.stream.IntStream.of(12 + json / 2, snapshot + 2, snapshot + 14, rank + 2, good.length / 4, 3 * good.length / 4))
                .distinct().sorted().toArray();
        for (int cut : cuts) {
            cases.add(model(root, "checkpoint truncated at " + cut, Arrays.copyOf(good, cut)));
        }
        cases.add(model(root, "checkpoint bad magic", with(good, b -> b.putInt(0, 0x12345678))));
        cases.add(model(root, "checkpoint configuration length negative", with(good, b -> b.putInt(8, -5))));
        cases.add(model(root, "checkpoint configuration length 2^31-1", with(good, b -> b.putInt(8, Integer.MAX_VALUE))));
        cases.add(model(root, "checkpoint configuration garbage", with(good, b -> {
            for (int i = 12; i < 12 + json; i++) {
                b.put(i, (byte) '{');
            }
        })));
        String config = new String(good, 12, json, StandardCharsets.UTF_8);
        cases.add(model(root, "checkpoint configuration with a negative batch",
                withConfig(good, config.replaceFirst("\"batch\"\\s*:\\s*(\\d+)", "\"batch\" : -$1"))));
        cases.add(model(root, "checkpoint configuration of an unknown network kind",
                withConfig(good, config.replaceFirst("\"kind\"\\s*:\\s*\"mlp\"", "\"kind\" : \"transformer\""))));
        cases.add(model(root, "checkpoint configuration as a JSON array", withConfig(good, "[1, 2, 3]")));
        cases.add(model(root, "checkpoint parameter count -1", with(good, b -> b.putInt(snapshot + 8, -1))));
        cases.add(model(root, "checkpoint parameter count 2^31-1", with(good, b -> b.putInt(snapshot + 8, Integer.MAX_VALUE))));
        cases.add(model(root, "checkpoint parameter rank 2^31-1", with(good, b -> b.putInt(rank, Integer.MAX_VALUE))));
        cases.add(model(root, "checkpoint parameter rank -3", with(good, b -> b.putInt(rank, -3))));
        cases.add(model(root, "checkpoint dimension 2^40 (terabytes)", with(good, b -> b.putLong(firstDim, 1L << 40))));
        cases.add(model(root, "checkpoint dimension -5", with(good, b -> b.putLong(firstDim, -5))));
        cases.add(model(root, "checkpoint dimension claiming 2^31-2 values", with(good, b -> {
            b.putLong(firstDim, Integer.MAX_VALUE - 1);
            for (int k = 1; k < b.getInt(rank); k++) {
                b.putLong(firstDim + 8 * k, 1);
            }
        })));
        cases.add(model(root, "checkpoint loss count 2^31-1", with(good, b -> b.putInt(lossCount, Integer.MAX_VALUE))));
        cases.add(model(root, "checkpoint bad end marker", with(good, b -> b.putInt(good.length - 4, 0))));
        int firstValue = firstDim + 8 * g.getInt(rank);
        cases.add(model(root, "checkpoint NaN weight", with(good, b -> b.putDouble(firstValue, Double.NaN))));
        cases.add(model(root, "checkpoint infinite weight", with(good, b -> b.putDouble(firstValue, Double.NEGATIVE_INFINITY))));
        cases.add(model(root, "checkpoint empty file", new byte[0]));
        cases.add(model(root, "checkpoint random bytes", randomBytes(good.length, 11)));
        Path dirInstead = Files.createDirectories(root.resolve("model-dir-instead").resolve("checkpoint.bin"));
        cases.add(new Case("checkpoint.bin is a directory", dirInstead.getParent().toString(), dirInstead));
        Path none = Files.createDirectories(root.resolve("model-without-checkpoint"));
        Files.writeString(none.resolve("run.json"), "{}");
        cases.add(new Case("run directory without a checkpoint", none.toString(), none));
        Path file = Files.writeString(root.resolve("model-a-file"), "not a directory");
        cases.add(new Case("MODEL is a regular file", file.toString(), file));
        Path missing = root.resolve("model-missing");
        cases.add(new Case("MODEL does not exist", missing.toString(), missing));
        return cases;
    }

    /**
     * Broken transitions files for {@code control qlearn --problem lqr --transitions} (scalar LQR: 5
     * columns x, a, r, x', dt): CSV and NumPy files broken the ways the data corpus breaks them, plus
     * the wrong number of columns, Δt ≤ 0, a wrong extension, a directory and a missing file.
     */
    static List<Case> transitions(Path root) throws IOException {
        List<Case> cases = new ArrayList<>();
        String ok = "0.5,-1.0,-0.2,0.49,0.01\n-0.3,0.6,-0.1,-0.29,0.01\n";
        cases.add(text(root, "transitions csv empty", "t-empty.csv", ""));
        cases.add(text(root, "transitions csv header only", "t-header.csv", "x,a,r,x2,dt\n"));
        cases.add(text(root, "transitions csv ragged", "t-ragged.csv", ok + "1,2,3\n"));
        cases.add(text(root, "transitions csv words", "t-words.csv", ok.replace("-0.2", "minus")));
        cases.add(text(root, "transitions csv NaN", "t-nan.csv", ok.replace("-0.2", "NaN")));
        cases.add(text(root, "transitions csv Inf", "t-inf.csv", ok.replace("-0.2", "1e999")));
        cases.add(text(root, "transitions csv 4 columns", "t-four.csv", "0.5,-1.0,-0.2,0.49\n-0.3,0.6,-0.1,-0.29\n"));
        cases.add(text(root, "transitions csv 6 columns", "t-six.csv", "0.5,-1.0,-0.2,0.49,0.01,7\n-0.3,0.6,-0.1,-0.29,0.01,7\n"));
        cases.add(text(root, "transitions csv dt 0", "t-dt0.csv", ok.replace("0.01\n-0.3", "0\n-0.3")));
        cases.add(text(root, "transitions csv dt negative", "t-dtneg.csv", ok.replace("0.01\n-0.3", "-0.01\n-0.3")));
        cases.add(file(root, "transitions csv binary", null, "t-binary.csv", new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2, (byte) 0xc3}));
        float[] rows = {0.5f, -1f, -0.2f, 0.49f, 0.01f, -0.3f, 0.6f, -0.1f, -0.29f, 0.01f};
        byte[] npy = npy("<f4", "(2, 5)", floats(rows));
        for (int cut : cuts(npy.length, 24)) {
            cases.add(file(root, "transitions npy truncated at " + cut, null, "t-cut" + cut + ".npy", Arrays.copyOf(npy, cut)));
        }
        byte[] badMagic = npy.clone();
        badMagic[1] = 'X';
        cases.add(file(root, "transitions npy wrong magic", null, "t-magic.npy", badMagic));
        cases.add(file(root, "transitions npy 1-D", null, "t-1d.npy", npy("<f4", "(10,)", floats(rows))));
        cases.add(file(root, "transitions npy 3-D", null, "t-3d.npy", npy("<f4", "(2, 5, 1)", floats(rows))));
        cases.add(file(root, "transitions npy 2 columns", null, "t-2col.npy", npy("<f4", "(5, 2)", floats(rows))));
        float[] nan = rows.clone();
        nan[2] = Float.NaN;
        cases.add(file(root, "transitions npy NaN", null, "t-nan.npy", npy("<f4", "(2, 5)", floats(nan))));
        float[] dt = rows.clone();
        dt[9] = -0.01f;
        cases.add(file(root, "transitions npy dt negative", null, "t-dt.npy", npy("<f4", "(2, 5)", floats(dt))));
        cases.add(file(root, "transitions npy asks for terabytes", null, "t-tb.npy", npy("<f4", "(1000000000000, 5)", floats(rows))));
        cases.add(file(root, "transitions npy string dtype", null, "t-str.npy", npy("|S4", "(2, 5)", floats(rows))));
        cases.add(file(root, "transitions npy zero rows", null, "t-zero.npy", npy("<f4", "(0, 5)", new byte[0])));
        cases.add(text(root, "transitions with a .txt extension", "t-rows.txt", ok));
        Path dir = Files.createDirectories(root.resolve("t-a-directory.csv"));
        cases.add(new Case("transitions: a directory", dir.toString(), dir));
        Path missing = root.resolve("t-missing.csv");
        cases.add(new Case("transitions: missing file", missing.toString(), missing));
        return cases;
    }

    private static Case text(Path root, String label, String name, String text) throws IOException {
        return file(root, label, null, name, text.getBytes(StandardCharsets.UTF_8));
    }

    private static Case model(Path root, String label, byte[] checkpoint) throws IOException {
        Path dir = Files.createDirectories(root.resolve("model-" + label.replaceAll("\\W+", "-")));
        Path f = dir.resolve("checkpoint.bin");
        Files.write(f, checkpoint);
        return new Case(label, dir.toString(), f);
    }

    private static byte[] with(byte[] good, java.util.function.Consumer<ByteBuffer> change) {
        byte[] b = good.clone();
        change.accept(ByteBuffer.wrap(b));
        return b;
    }

    /** The checkpoint with its configuration JSON replaced (length prefix updated). */
    private static byte[] withConfig(byte[] good, String json) {
        int old = ByteBuffer.wrap(good).getInt(8);
        byte[] j = json.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(good.length - old + j.length);
        b.put(good, 0, 8).putInt(j.length).put(j).put(good, 12 + old, good.length - 12 - old);
        return b.array();
    }

    private static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new java.util.Random(seed).nextBytes(b);
        return b;
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
