package dev.bellman.control.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/** values.json of the shared folder, read once per test JVM (fails, never skips, when it is missing). */
public final class ReferenceValues {
    private static JsonNode root;

    private ReferenceValues() {}

    public static synchronized JsonNode get(String key) {
        if (root == null) {
            try {
                root = new ObjectMapper().readTree(SharedFolder.referenceValues().toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        JsonNode node = root.get(key);
        if (node == null) {
            throw new IllegalStateException("values.json has no key " + key);
        }
        return node;
    }

    public static double[][] matrix(JsonNode node) {
        double[][] m = new double[node.size()][];
        for (int i = 0; i < node.size(); i++) {
            m[i] = new double[node.get(i).size()];
            for (int j = 0; j < m[i].length; j++) {
                m[i][j] = node.get(i).get(j).asDouble();
            }
        }
        return m;
    }
}
