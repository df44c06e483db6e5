package dev.bellman.control.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The engine starts with no network: a child JVM, in a network namespace that has only a (down)
 * loopback device where {@code unshare -n} is available, starts the engine and multiplies two
 * matrices while a security manager reports any resolve or connect to a non-loopback host. A
 * control run that bypasses offline mode shows that the detector does see DJL's phone-home.
 */
class OfflineEngineTest {

    private static boolean unshareWorks() {
        try {
            Process p = new ProcessBuilder("unshare", "-n", "true").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static List<String> runProbe(boolean isolate, String mode, boolean offlineEnv) throws Exception {
        List<String> cmd = new ArrayList<>();
        if (isolate) {
            cmd.add("unshare");
            cmd.add("-n");
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Djava.security.manager=allow");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(EngineProbe.class.getName());
        cmd.add(mode);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.remove("DJL_OFFLINE");
        env.remove("OPT_OUT_TRACKING");
        if (offlineEnv) {
            env.put("DJL_OFFLINE", "true");
            env.put("OPT_OUT_TRACKING", "true");
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("probe finished").isTrue();
        List<String> lines = new ArrayList<>(out.lines().toList());
        lines.add("EXIT " + p.exitValue());
        return lines;
    }

    @Test
    void engineStartsOfflineInANamespaceWithoutNetwork() throws Exception {
        assumeTrue(unshareWorks(), "unshare -n is not available (needs root); CI runs as root");
        List<String> lines = runProbe(true, "offline", true);
        assertThat(lines).as(String.join("\n", lines)).anyMatch(l -> l.startsWith("ENGINE_OK libtorch="));
        assertThat(lines).contains("EXIT 0");
        assertThat(lines).noneMatch(l -> l.startsWith("NETWORK "));
    }

    @Test
    void offlineStartOpensNoConnectionEvenWhereNetworkExists() throws Exception {
        // Without the namespace a phone-home would succeed silently; the detector must stay quiet.
        List<String> lines = runProbe(false, "offline", false);
        assertThat(lines).as(String.join("\n", lines)).anyMatch(l -> l.startsWith("ENGINE_OK"));
        assertThat(lines).noneMatch(l -> l.startsWith("NETWORK "));
    }

    @Test
    void detectorSeesTheConnectionsOfflineModePrevents() throws Exception {
        assumeTrue(unshareWorks(), "unshare -n is not available (needs root); CI runs as root");
        // Inside the namespace the attempt fails fast instead of reaching anything.
        List<String> lines = runProbe(true, "raw", false);
        assertThat(lines).as(String.join("\n", lines)).anyMatch(l -> l.startsWith("NETWORK "));
    }
}
