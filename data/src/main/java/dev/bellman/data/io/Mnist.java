package dev.bellman.data.io;

import dev.bellman.data.DataException;
import dev.bellman.data.dataset.ImageDataset;
import dev.bellman.data.dataset.Split;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * MNIST-style digit sets in IDX files ({@code mnist:DIR}, DESIGN.md §4): {@code PREFIXimages-idx3-ubyte[.gz]}
 * with its matching {@code PREFIXlabels-idx1-ubyte[.gz]} (the separator before {@code idx} may also be a
 * dot, as in some downloads).
 */
public final class Mnist {
    private static final Pattern IMAGES = Pattern.compile("(.*)images[-.]idx3-ubyte(\\.gz)?");
    private static final Pattern LABELS = Pattern.compile("(.*)labels[-.]idx1-ubyte(\\.gz)?");
    /** MNIST has ten classes; a label above 9 means the file is not a digit label file. */
    private static final int CLASSES = 10;

    private Mnist() {}

    /**
     * Reads the digits of a folder and splits them: where {@code train-} and {@code t10k-} files both
     * exist, train- trains and t10k- is held out; where one pair exists, its last 10 % is held out.
     *
     * @throws DataException naming the folder or file: no pair, several ambiguous pairs, a file error
     */
    public static Split load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new DataException("mnist:" + dir + ": not a directory");
        }
        TreeMap<String, Path> images = new TreeMap<>();
        TreeMap<String, Path> labels = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                String name = f.getFileName().toString();
                Matcher mi = IMAGES.matcher(name);
                Matcher ml = LABELS.matcher(name);
                // An uncompressed copy beside a .gz one wins: it is the same data, read faster.
                if (mi.matches() && (!images.containsKey(mi.group(1)) || mi.group(2) == null)) {
                    images.put(mi.group(1), f);
                } else if (ml.matches() && (!labels.containsKey(ml.group(1)) || ml.group(2) == null)) {
                    labels.put(ml.group(1), f);
                }
            }
        } catch (IOException e) {
            throw new DataException("mnist:" + dir + ": cannot list the directory (" + e.getMessage() + ")", e);
        }
        List<String> prefixes = new ArrayList<>();
        for (String prefix : images.keySet()) {
            if (!labels.containsKey(prefix)) {
                throw new DataException(images.get(prefix) + ": no matching " + prefix + "labels-idx1-ubyte[.gz] file in " + dir);
            }
            prefixes.add(prefix);
        }
        if (prefixes.isEmpty()) {
            throw new DataException("mnist:" + dir + ": no *images-idx3-ubyte[.gz] file with matching *labels-idx1-ubyte[.gz]");
        }
        if (prefixes.contains("train-") && prefixes.contains("t10k-")) {
            ImageDataset train = read(images.get("train-"), labels.get("train-"));
            ImageDataset test = read(images.get("t10k-"), labels.get("t10k-"));
            if (train.height() != test.height() || train.width() != test.width()) {
                throw new DataException(images.get("t10k-") + ": images are " + test.height() + " × " + test.width()
                        + " but the training images are " + train.height() + " × " + train.width());
            }
            return new Split(train, test);
        }
        if (prefixes.size() > 1) {
            throw new DataException("mnist:" + dir + ": several image files (" + prefixes
                    + " prefixes) and not a train-/t10k- pair; keep one set per folder");
        }
        String only = prefixes.get(0);
        return Split.lastTenth(read(images.get(only), labels.get(only)));
    }

    /**
     * Reads one image file and its label file.
     *
     * @throws DataException naming the file: any IDX error, counts that differ, labels above 9
     */
    public static ImageDataset read(Path imagesFile, Path labelsFile) {
        IdxArray img = Idx.read(imagesFile, 3);
        IdxArray lab = Idx.read(labelsFile, 1);
        int[] dims = img.dims();
        if (dims[0] != lab.dims()[0]) {
            throw new DataException(labelsFile + ": " + lab.dims()[0] + " labels but " + imagesFile.getFileName() + " has "
                    + dims[0] + " images");
        }
        if (dims[0] == 0 || dims[1] == 0 || dims[2] == 0) {
            throw new DataException(imagesFile + ": holds no images (" + dims[0] + " × " + dims[1] + " × " + dims[2] + ")");
        }
        int[] labels = new int[dims[0]];
        byte[] raw = lab.data();
        for (int i = 0; i < labels.length; i++) {
            labels[i] = raw[i] & 0xFF;
            if (labels[i] >= CLASSES) {
                throw new DataException(labelsFile + ": label " + i + " is " + labels[i] + ", digits are 0–9");
            }
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < CLASSES; c++) {
            names.add(Integer.toString(c));
        }
        return new ImageDataset(img.data(), 0, dims[0], 1, dims[1], dims[2], labels, names);
    }
}
