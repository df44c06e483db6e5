package dev.bellman.control.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Resident memory stays flat over a long forward(value, ∇, ∇²) + backward + Adam loop (DESIGN.md §3:
 * the memory trap and the create-graph leak): 3,000 steps, batch 256, d = 2, growth below 30 MB.
 *
 * <p>Runs in a child JVM with a small, pre-touched heap: in the test JVM the Java heap's first-touch
 * of fresh young-generation pages (the step's wrapper objects) raises RSS by ~150 MB before it
 * plateaus, which would hide — or fake — a native leak.
 */
class TrainingMemoryTest {

    @Test
    void rssStaysFlatOverThousandsOfSteps() throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms128m", "-Xmx128m", "-XX:+AlwaysPreTouch", "-Dai.djl.offline=true",
                "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1",
                "-cp", System.getProperty("java.class.path"), HjbTrainingProbe.class.getName(),
                "memory", "2", "256", "3000", "32"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("DJL_OFFLINE", "true");
        pb.environment().put("OPT_OUT_TRACKING", "true");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        long before = -1;
        long after = -1;
        double first = Double.NaN;
        double last = Double.NaN;
        for (String line : out.split("\n")) {
            String[] f = line.trim().split(" ");
            switch (f[0]) {
                case "RSS_BEFORE" -> before = Long.parseLong(f[1]);
                case "RSS_AFTER" -> after = Long.parseLong(f[1]);
                case "LOSS" -> {
                    first = Double.parseDouble(f[1]);
                    last = Double.parseDouble(f[2]);
                }
                default -> { }
            }
        }
        System.out.println("RSS growth over 3,000 steps: " + (after - before) + " kB");
        assertThat(after - before).as("RSS growth over 3,000 steps, kB\n" + out).isLessThan(30_000);
        assertThat(last).as("the loop trains").isLessThan(first);
    }
}
