package dev.bellman.control.problemfile;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.bellman.control.BadInputException;
import dev.bellman.control.reference.LqrFiniteParameters;
import dev.bellman.control.reference.LqrParameters;
import dev.bellman.control.reference.MertonParameters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a problem file ({@code --problem-file F}, DESIGN.md 4) into the parameter records. YAML or JSON,
 * chosen by extension (.json; .yaml/.yml) or else by content (a leading '{' means JSON). Keys:
 * <ul>
 *   <li>lqr: matrices A, B, Q, R, D and the number rho; lqr-finite adds the matrix Q_T and the number T.
 *       A matrix is a list of rows; a bare number stands for a 1 × 1 matrix.</li>
 *   <li>merton: the vector mu (or a number), the covariance C (list of rows, or a number for one asset),
 *       numbers r_f, gamma, rho.</li>
 * </ul>
 * Unknown keys, missing keys, wrong types and invalid parameters are refused with a
 * {@link BadInputException} naming the file and the problem.
 */
public final class ProblemFile {
    static final Set<String> LQR_KEYS = Set.of("A", "B", "Q", "R", "D", "rho");
    static final Set<String> LQR_FINITE_KEYS = Set.of("A", "B", "Q", "R", "D", "rho", "Q_T", "T");
    static final Set<String> MERTON_KEYS = Set.of("mu", "C", "r_f", "gamma", "rho");
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final ObjectMapper YAML = YAMLMapper.builder().build();

    private ProblemFile() {}

    /** The file's tree (an object), or a refusal naming the file. */
    public static JsonNode read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException("problem file " + file + " cannot be read: " + e.getMessage(), e);
        }
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean json = name.endsWith(".json")
                || (!name.endsWith(".yaml") && !name.endsWith(".yml") && text.stripLeading().startsWith("{"));
        JsonNode root;
        try {
            root = (json ? JSON : YAML).readTree(text);
        } catch (JacksonException e) {
            throw new BadInputException("problem file " + file + " is malformed " + (json ? "JSON" : "YAML") + ": "
                    + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new BadInputException("problem file " + file + " must hold a mapping of parameter names to values");
        }
        return root;
    }

    /** An lqr problem file. */
    public static LqrParameters lqr(Path file) {
        JsonNode root = read(file);
        checkKeys(file, "lqr", root, LQR_KEYS);
        return build(file, "lqr", () -> lqrParameters(file, root));
    }

    /** An lqr-finite problem file (lqr keys plus Q_T and T). */
    public static LqrFiniteParameters lqrFinite(Path file) {
        JsonNode root = read(file);
        checkKeys(file, "lqr-finite", root, LQR_FINITE_KEYS);
        return build(file, "lqr-finite", () -> new LqrFiniteParameters(lqrParameters(file, root),
                matrix(file, root, "Q_T"), number(file, root, "T")));
    }

    /** A merton problem file. */
    public static MertonParameters merton(Path file) {
        JsonNode root = read(file);
        checkKeys(file, "merton", root, MERTON_KEYS);
        return build(file, "merton", () -> {
            JsonNode muNode = require(file, root, "mu");
            double[] mu;
            if (muNode.isNumber()) {
                mu = new double[] {muNode.asDouble()};
            } else if (muNode.isArray()) {
                mu = row(file, "mu", muNode);
            } else {
                throw new BadInputException("problem file " + file + ": mu must be a number or a list of numbers");
            }
            return new MertonParameters(number(file, root, "r_f"), mu, matrix(file, root, "C"), number(file, root, "gamma"),
                    number(file, root, "rho"));
        });
    }

    private static LqrParameters lqrParameters(Path file, JsonNode root) {
        return new LqrParameters(matrix(file, root, "A"), matrix(file, root, "B"), matrix(file, root, "Q"),
                matrix(file, root, "R"), matrix(file, root, "D"), number(file, root, "rho"));
    }

    private interface Builder<T> {
        T build();
    }

    /** Runs a record constructor, prefixing its refusal with the file and the problem. */
    private static <T> T build(Path file, String problem, Builder<T> builder) {
        try {
            return builder.build();
        } catch (BadInputException e) {
            String m = e.getMessage();
            throw new BadInputException(m.startsWith("problem file ") ? m
                    : "problem file " + file + " (" + problem + "): " + m, e);
        }
    }

    private static void checkKeys(Path file, String problem, JsonNode root, Set<String> allowed) {
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                unknown.add(k);
            }
        }
        if (!unknown.isEmpty()) {
            throw new BadInputException("problem file " + file + " (" + problem + "): unknown key(s) " + unknown
                    + "; expected " + new TreeSet<>(allowed));
        }
    }

    private static JsonNode require(Path file, JsonNode root, String key) {
        JsonNode n = root.get(key);
        if (n == null || n.isNull()) {
            throw new BadInputException("problem file " + file + ": key " + key + " is missing");
        }
        return n;
    }

    private static double number(Path file, JsonNode root, String key) {
        JsonNode n = require(file, root, key);
        if (!n.isNumber()) {
            throw new BadInputException("problem file " + file + ": " + key + " must be a number, got " + n);
        }
        return n.asDouble();
    }

    private static double[][] matrix(Path file, JsonNode root, String key) {
        JsonNode n = require(file, root, key);
        if (n.isNumber()) {
            return new double[][] {{n.asDouble()}};
        }
        if (!n.isArray() || n.isEmpty()) {
            throw new BadInputException("problem file " + file + ": " + key + " must be a matrix (a list of rows)");
        }
        double[][] m = new double[n.size()][];
        for (int i = 0; i < n.size(); i++) {
            if (!n.get(i).isArray()) {
                throw new BadInputException("problem file " + file + ": " + key + " row " + i + " must be a list of numbers");
            }
            m[i] = row(file, key + " row " + i, n.get(i));
        }
        return m;
    }

    private static double[] row(Path file, String what, JsonNode n) {
        double[] r = new double[n.size()];
        for (int j = 0; j < n.size(); j++) {
            if (!n.get(j).isNumber()) {
                throw new BadInputException("problem file " + file + ": " + what + " entry " + j + " is not a number: " + n.get(j));
            }
            r[j] = n.get(j).asDouble();
        }
        return r;
    }
}
