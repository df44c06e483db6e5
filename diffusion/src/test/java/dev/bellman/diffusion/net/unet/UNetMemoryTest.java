package dev.bellman.diffusion.net.unet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Resident memory stays flat while the U-Net trains (DESIGN.md §3, the memory trap): after 50 warm-up
 * steps, 200 score-matching steps at batch 16 on 8 × 8 images grow RSS by less than 12 MB (a leak of
 * one step's activations, ≈ 0.3 MB here, would add 60 MB). In a child JVM with a small pre-touched
 * heap, so that the heap's first touch neither hides nor fakes native growth.
 */
class UNetMemoryTest {

    @Test
    void rssStaysFlatOverTrainingSteps() throws Exception {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms128m", "-Xmx128m", "-XX:+AlwaysPreTouch", "-Dai.djl.offline=true",
                "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1",
                "-cp", System.getProperty("java.class.path"), UNetTrainingProbe.class.getName(), "16", "200", "50");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("DJL_OFFLINE", "true");
        pb.environment().put("OPT_OUT_TRACKING", "true");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
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
        System.out.println("U-Net RSS growth over 200 steps: " + (after - before) + " kB; loss " + first + " → " + last);
        assertThat(before).as(out).isPositive();
        assertThat(after - before).as("RSS growth over 200 steps, kB").isLessThan(12_000);
        assertThat(last).as("the loop trains").isLessThan(first);
    }
}
