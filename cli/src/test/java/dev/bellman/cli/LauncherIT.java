package dev.bellman.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The real launcher, end to end, as a user calls it: {@code ./bellman --version} exits 0 and
 * {@code ./bellman train --bogus} prints one line and exits 2. An integration test (failsafe, after
 * {@code package}), run with {@code BELLMAN_NO_BUILD=1} so that the launcher refuses rather than
 * start a nested Maven build inside the test.
 */
class LauncherIT {

    private static Path repositoryRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isRegularFile(p.resolve("bellman"))) {
            p = p.getParent();
        }
        return p;
    }

    private static String[] run(Path root, String... args) throws Exception {
        return runCommand(root, false, args);
    }

    private static boolean unshareWorks() {
        try {
            Process p = new ProcessBuilder("unshare", "-n", "true").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String[] runCommand(Path root, boolean isolate, String... args) throws Exception {
        java.util.List<String> list = new java.util.ArrayList<>();
        if (isolate) {
            list.add("unshare");
            list.add("-n");
        }
        list.add(root.resolve("bellman").toString());
        list.addAll(java.util.List.of(args));
        String[] cmd = list.toArray(new String[0]);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("BELLMAN_NO_BUILD", "1");
        Path err = Files.createTempFile("bellman-err", ".txt");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        String e = Files.readString(err);
        Files.delete(err);
        return new String[] {Integer.toString(p.exitValue()), out, e};
    }

    @Test
    void versionAndBadOptionThroughTheLauncher() throws Exception {
        Path root = repositoryRoot();
        assertThat(root).as("repository root with the bellman launcher").isNotNull();
        assertThat(root.resolve("cli/target/bellman-cli.jar")).as("packaged application").isRegularFile();
        String[] v = run(root, "--version");
        assertThat(v[0]).as(v[2]).isEqualTo("0");
        assertThat(v[1]).contains("DJL 0.36.0").contains("libtorch");
        String[] bad = run(root, "train", "--bogus");
        assertThat(bad[0]).isEqualTo("2");
        assertThat(bad[2].strip().lines()).as(bad[2]).hasSize(1);
    }

    @Test
    void versionWithoutAnyNetwork() throws Exception {
        Path root = repositoryRoot();
        org.junit.jupiter.api.Assumptions.assumeTrue(unshareWorks(), "unshare -n needs root; CI runs as root");
        String[] v = runCommand(root, true, "--version");
        assertThat(v[0]).as(v[2]).isEqualTo("0");
        assertThat(v[1]).contains("libtorch 2.7.1");
    }
}
