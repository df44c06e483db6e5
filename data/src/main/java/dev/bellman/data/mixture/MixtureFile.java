package dev.bellman.data.mixture;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bellman.data.DataException;
import dev.bellman.data.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code gmm:FILE} format: a JSON object
 * {@code {"weights": [w_k], "means": [[...d...]], "covariances": [[[...d×d...]]]}}.
 */
public final class MixtureFile {
    /** Files above this size are not mixtures a person wrote; refusing them avoids reading gigabytes. */
    private static final long MAX_BYTES = 256L << 20;

    private MixtureFile() {}

    /**
     * Reads and validates a mixture file.
     *
     * @throws DataException naming the file: unreadable, not JSON, missing or non-numeric fields,
     *     mismatched dimensions, weights not positive, covariances not symmetric positive definite
     */
    public static GaussianMixture read(Path file) {
        JsonNode root;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new DataException(file + ": larger than " + (MAX_BYTES >> 20) + " MB, not a mixture file");
            }
            root = new ObjectMapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new DataException(file + ": not valid JSON (" + oneLine(e.getOriginalMessage()) + ")", e);
        } catch (IOException e) {
            throw new DataException(file + ": cannot read (" + e + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new DataException(file + ": expected a JSON object with weights, means and covariances");
        }
        try {
            double[] w = vector(root, "weights");
            JsonNode meansNode = field(root, "means");
            double[][] mu = new double[meansNode.size()][];
            for (int i = 0; i < mu.length; i++) {
                mu[i] = numbers(meansNode.get(i), "means[" + i + "]");
            }
            JsonNode covNode = field(root, "covariances");
            double[][][] cov = new double[covNode.size()][][];
            for (int i = 0; i < cov.length; i++) {
                JsonNode ci = covNode.get(i);
                if (!ci.isArray()) {
                    throw new DataException("covariances[" + i + "] is not an array of rows");
                }
                cov[i] = new double[ci.size()][];
                for (int r = 0; r < ci.size(); r++) {
                    cov[i][r] = numbers(ci.get(r), "covariances[" + i + "][" + r + "]");
                }
            }
            return new GaussianMixture(w, mu, cov);
        } catch (DataException e) {
            throw new DataException(file + ": " + e.getMessage(), e);
        }
    }

    /** Writes a mixture in the format {@link #read} accepts (atomically: temporary file, then rename). */
    public static void write(Path file, GaussianMixture mixture) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        ArrayNode w = root.putArray("weights");
        for (double v : mixture.weights()) {
            w.add(v);
        }
        ArrayNode means = root.putArray("means");
        ArrayNode covs = root.putArray("covariances");
        for (int i = 0; i < mixture.components(); i++) {
            ArrayNode m = means.addArray();
            for (double v : mixture.mean(i)) {
                m.add(v);
            }
            ArrayNode c = covs.addArray();
            for (double[] row : mixture.covariance(i)) {
                ArrayNode r = c.addArray();
                for (double v : row) {
                    r.add(v);
                }
            }
        }
        try {
            AtomicFiles.write(file, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode field(JsonNode root, String name) {
        JsonNode n = root.get(name);
        if (n == null || !n.isArray()) {
            throw new DataException("\"" + name + "\" is missing or not an array");
        }
        return n;
    }

    private static double[] vector(JsonNode root, String name) {
        return numbers(field(root, name), name);
    }

    private static double[] numbers(JsonNode n, String where) {
        if (n == null || !n.isArray()) {
            throw new DataException(where + " is not an array of numbers");
        }
        double[] out = new double[n.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode e = n.get(i);
            if (!e.isNumber()) {
                throw new DataException(where + "[" + i + "] is not a number: " + e);
            }
            out[i] = e.asDouble();
        }
        return out;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").trim();
    }
}
