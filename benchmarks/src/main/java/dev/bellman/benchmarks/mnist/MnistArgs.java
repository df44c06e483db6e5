package dev.bellman.benchmarks.mnist;

import dev.bellman.control.BadInputException;
import dev.bellman.control.reference.SharedFolder;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** {@code --key value} arguments of the MNIST benchmark mains, with the shared digit set as the default data. */
final class MnistArgs {
    private final Map<String, String> values = new HashMap<>();

    MnistArgs(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new BadInputException("expected --key value pairs, got '" + args[i] + "'");
            }
            values.put(args[i].substring(2), args[++i]);
        }
    }

    String string(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    int integer(String key, int fallback) {
        return values.containsKey(key) ? Integer.parseInt(values.get(key)) : fallback;
    }

    long number(String key, long fallback) {
        return values.containsKey(key) ? Long.parseLong(values.get(key)) : fallback;
    }

    Path path(String key, Path fallback) {
        return values.containsKey(key) ? Path.of(values.get(key)) : fallback;
    }

    /** {@code RESULT } and the value as one line of JSON, for scripts that grep it. */
    static String resultLine(Object value) {
        try {
            return "RESULT " + dev.bellman.control.run.Json.mapper().writer()
                    .without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** --data DIR, else shared/datasets/mnist10k. */
    Path data() {
        return values.containsKey("data") ? Path.of(values.get("data")) : SharedFolder.resolve().resolve("datasets/mnist10k");
    }
}
