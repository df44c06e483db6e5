package dev.bellman.diffusion.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Resident memory stays flat over thousands of training steps (DESIGN.md §3, the memory trap: a
 * training step that leaked into a long-lived manager grew 3.7 MB a step). In a child JVM with a
 * small pre-touched heap, so that first-touch of the Java heap neither hides nor fakes native growth.
 */
class TrainingMemoryTest {

    @Test
    void rssStaysFlatOverTwoThousandStepsAfterWarmUp() throws Exception {
        assumeThat(Files.exists(Path.of("/proc/self/status"))).as("needs Linux /proc").isTrue();
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms128m", "-Xmx128m", "-XX:+AlwaysPreTouch", "-Dai.djl.offline=true",
                "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1",
                "-cp", System.getProperty("java.class.path"), TrainingMemoryProbe.class.getName(), "2000", "2000", "256");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("DJL_OFFLINE", "true");
        pb.environment().put("OPT_OUT_TRACKING", "true");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        List<Long> samples = new java.util.ArrayList<>();
        double first = Double.NaN;
        double last = Double.NaN;
        for (String line : out.split("\n")) {
            String[] f = line.trim().split(" ");
            switch (f[0]) {
                case "RSS_WARM" -> samples.add(Long.parseLong(f[1]));
                case "RSS_AT" -> samples.add(Long.parseLong(f[2]));
                case "LOSS" -> {
                    first = Double.parseDouble(f[1]);
                    last = Double.parseDouble(f[2]);
                }
                default -> { }
            }
        }
        assertThat(samples).as(out).hasSize(21);
        long[] inc = new long[samples.size() - 1];
        for (int i = 0; i < inc.length; i++) {
            inc[i] = samples.get(i + 1) - samples.get(i);
        }
        long[] sorted = inc.clone();
        java.util.Arrays.sort(sorted);
        long median = sorted[sorted.length / 2];
        long total = samples.get(samples.size() - 1) - samples.get(0);
        long withoutLargestJump = total - sorted[sorted.length - 1];
        System.out.println("RSS increments per 100 steps, kB: " + java.util.Arrays.toString(inc));
        // Warm-up is 2,000 steps: RSS grows ~9 MB over the first 1,500 (JIT compilation, glibc arenas;
        // measured 2026-11-28: +3.3 MB by step 1,000, +8.9 MB by 1,500, then +0.4 MB from 1,500 to
        // 2,500). After warm-up glibc may still map one more arena chunk: CI on 2026-11-28 saw a single
        // +4,012 kB jump between steps 2,500 and 3,000 and 0-92 kB in every other 500-step interval.
        // A leak is growth in every interval, an arena chunk is one jump, so the test bounds both:
        // the median 100-step increment (a steady leak of 1 kB a step gives 100 kB in every interval;
        // the trap of DESIGN.md §3 leaked 3.7 MB a step) and the growth outside the largest single
        // jump (a leak of 2 kB a step shows as 4 MB over 2,000 steps).
        assertThat(median).as("median RSS growth per 100 steps, kB\n" + out).isLessThan(100);
        assertThat(withoutLargestJump).as("RSS growth over 2,000 steps outside the largest jump, kB\n" + out)
                .isLessThan(4_000);
        assertThat(last).as("the loop trains").isLessThan(first);
    }
}
