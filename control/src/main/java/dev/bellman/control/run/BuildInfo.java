package dev.bellman.control.run;

import dev.bellman.control.engine.BellmanEngine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** Versions, git commit and machine description recorded beside every result. */
public final class BuildInfo {
    private static volatile String commit;

    private BuildInfo() {}

    /** The project's version, from the build. */
    public static String version() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/dev/bellman/control/bellman-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // fall through to "unknown": provenance must never stop a run
        }
        return p.getProperty("version", "unknown");
    }

    /**
     * The git commit of the sources: {@code BELLMAN_COMMIT} if the launcher set it, else
     * {@code git rev-parse HEAD} in the working directory, else {@code unknown}. A trailing
     * {@code -dirty} marks uncommitted changes.
     */
    public static String commit() {
        String c = commit;
        if (c != null) {
            return c;
        }
        String env = System.getenv("BELLMAN_COMMIT");
        if (env != null && !env.isBlank()) {
            c = env.trim();
        } else {
            c = git("rev-parse", "HEAD");
            if (c == null) {
                c = "unknown";
            } else {
                String status = git("status", "--porcelain", "--untracked-files=no");
                if (status != null && !status.isBlank()) {
                    c = c + "-dirty";
                }
            }
        }
        commit = c;
        return c;
    }

    private static String git(String... args) {
        try {
            String[] cmd = new String[args.length + 1];
            cmd[0] = "git";
            System.arraycopy(args, 0, cmd, 1, args.length);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return null;
            }
            return new String(out, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Project, DJL and libtorch versions (starting the engine if it is not started). */
    public static Map<String, Object> versions() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("bellman", version());
        v.put("commit", commit());
        v.put("djl", BellmanEngine.djlVersion());
        v.put("libtorch", BellmanEngine.current().libtorchVersion());
        v.put("java", System.getProperty("java.version"));
        return v;
    }

    /** The machine a result was obtained on. */
    public static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put("arch", System.getProperty("os.arch"));
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        m.put("cpu", cpuModel());
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        return m;
    }

    private static String cpuModel() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: leave it out
        }
        return null;
    }
}
