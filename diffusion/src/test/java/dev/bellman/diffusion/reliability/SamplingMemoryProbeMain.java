package dev.bellman.diffusion.reliability;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.engine.BellmanEngine;
import dev.bellman.control.random.StepRandom;
import dev.bellman.control.sde.EulerMaruyama;
import dev.bellman.control.sde.TimeGrid;
import dev.bellman.diffusion.checkpoint.TrainedModel;
import dev.bellman.diffusion.reverse.ReverseSde;
import dev.bellman.diffusion.train.CheckpointSink;
import dev.bellman.diffusion.train.ScoreMatchingTrainer;
import dev.bellman.diffusion.train.TrainListener;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;

/**
 * Test support (child JVM): the resident memory of a long Euler–Maruyama sampling run, and where it
 * goes. Trains the reliability model for a few steps, then integrates the reverse SDE of SAMPLES
 * points over a grid of GRID steps, PASSES times in a row (a fresh start each pass, so that growth
 * tied to the step count and growth tied to the time τ within a pass separate), and prints every
 * EVERY steps one line {@code MEM pass step rss anon file} (VmRSS, RssAnon, RssFile in kB, from
 * /proc/self/status).
 *
 * <p>Options (system properties): {@code probe.settleAt=S} — at total step S, sleep
 * {@code probe.settleSeconds} (default 6) and print {@code SETTLED S rss}: the JVM hands the memory of
 * its compiler arenas back to glibc from a periodic task (every 5 s), so a measurement window that
 * starts after the sleep does not see that one-off release. {@code probe.detail=true} appends the RSS
 * of glibc's {@code [heap]} mapping (kB, /proc/self/smaps), the JVM's committed native memory (kB,
 * NativeMemoryTracking, 0 without {@code -XX:NativeMemoryTracking=summary}), the used Java heap (kB)
 * and the NMT categories that moved by ≥ 256 kB since the last line. {@code probe.pauseAt} (below)
 * stops for a debugger. {@code probe.leakBytesPerStep=N} leaks N bytes of native memory (a direct
 * buffer, malloc'd) every step: the check that a per-step leak shows.
 *
 * <p>Arguments: SAMPLES GRID PASSES EVERY [TRAIN_STEPS (default 200)].
 */
public final class SamplingMemoryProbeMain {
    private SamplingMemoryProbeMain() {}

    public static void main(String[] args) throws Exception {
        int samples = Integer.parseInt(args[0]);
        int gridSteps = Integer.parseInt(args[1]);
        int passes = Integer.parseInt(args[2]);
        int every = Integer.parseInt(args[3]);
        long trainSteps = args.length > 4 ? Long.parseLong(args[4]) : 200;
        long settleAt = Long.getLong("probe.settleAt", -1);
        long settleSeconds = Long.getLong("probe.settleSeconds", 6);
        int leakBytes = Integer.getInteger("probe.leakBytesPerStep", 0);
        BellmanEngine engine = ReliabilityRuns.engine();
        TrainedModel model;
        try (NDManager manager = engine.newManager();
                ScoreMatchingTrainer trainer = ScoreMatchingTrainer.start(ReliabilityRuns.config(trainSteps, 256, 1e-3, trainSteps),
                        ReliabilityRuns.data(), manager)) {
            trainer.train(CheckpointSink.NONE, TrainListener.NONE);
            model = trainer.emaModel();
        }
        print(0, 0);
        try (model; NDManager m = engine.newManager()) {
            ReverseSde reverse = new ReverseSde(model.sde(), 2);
            TimeGrid grid = TimeGrid.uniform(0, model.sde().horizon() - model.sde().epsilon(), gridSteps);
            boolean finite = true;
            for (int pass = 1; pass <= passes; pass++) {
                int p = pass;
                try (NDManager pm = m.newSubManager()) {
                    NDArray x0 = pm.randomNormal(new Shape(samples, 2)).toType(DataType.FLOAT32, false);
                    NDArray x = new EulerMaruyama(grid).integrate(reverse, reverse.policy(model.control()), x0,
                            StepRandom.of(pass), List.of(e -> {
                                long total = (long) (p - 1) * gridSteps + e.index() + 1;
                                if (leakBytes > 0) {
                                    LEAK.add(java.nio.ByteBuffer.allocateDirect(leakBytes)); // malloc'd, never freed
                                }
                                if (total == settleAt) {
                                    settle(total, settleSeconds);
                                }
                                if ((e.index() + 1) % every == 0) {
                                    print(p, e.index() + 1);
                                    pauseIfAsked(total);
                                }
                            }));
                    finite &= !x.isInfinite().any().getBoolean() && !x.isNaN().any().getBoolean();
                }
            }
            System.out.println("SAMPLE_FINITE " + finite);
        }
        System.out.flush();
        System.exit(0);
    }

    /** The deliberate leak of {@code probe.leakBytesPerStep} (a check that the memory test can fail). */
    private static final List<java.nio.ByteBuffer> LEAK = new java.util.ArrayList<>();

    private static void settle(long total, long seconds) {
        try {
            Thread.sleep(seconds * 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.out.println("SETTLED " + total + " " + status()[0]);
        System.out.flush();
    }

    /**
     * With {@code -Dprobe.pauseAt=S1,S2,…} (total steps), prints {@code PAUSE pid} there and waits for a
     * line on stdin: time for a debugger to ask glibc for its arena statistics ({@code malloc_stats()})
     * between steps.
     */
    private static void pauseIfAsked(long total) {
        String at = System.getProperty("probe.pauseAt", "");
        if (java.util.Arrays.stream(at.split(",")).anyMatch(s -> s.strip().equals(Long.toString(total)))) {
            System.out.println("PAUSE " + ProcessHandle.current().pid() + " at " + total);
            System.out.flush();
            try {
                new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private static final java.util.Map<String, Long> LAST = new java.util.HashMap<>();

    private static void print(int pass, int step) {
        long[] status = status();
        if (!Boolean.getBoolean("probe.detail")) {
            System.out.printf(Locale.ROOT, "MEM %d %d %d %d %d%n", pass, step, status[0], status[1], status[2]);
            System.out.flush();
            return;
        }
        Runtime rt = Runtime.getRuntime();
        String nmt = nmtSummary();
        Matcher t = TOTAL.matcher(nmt);
        long total = t.find() ? Long.parseLong(t.group(2)) : 0;
        StringBuilder changed = new StringBuilder();
        Matcher c = CATEGORY.matcher(nmt);
        while (c.find()) {
            long v = Long.parseLong(c.group(2));
            Long before = LAST.put(c.group(1).strip(), v);
            if (before != null && Math.abs(v - before) >= 256) {
                changed.append(' ').append(c.group(1).strip().replace(' ', '_')).append(v - before > 0 ? "+" : "").append(v - before);
            }
        }
        System.out.printf(Locale.ROOT, "MEM %d %d %d %d %d %d %d %d%s%n", pass, step, status[0], status[1], status[2], heapRss(),
                total, (rt.totalMemory() - rt.freeMemory()) / 1024, changed);
        System.out.flush();
    }

    private static final Pattern CATEGORY = Pattern.compile("-\\s+([A-Za-z ]+?) \\(reserved=(?:\\d+)KB, committed=(\\d+)KB\\)");

    /** VmRSS, RssAnon, RssFile in kB. */
    static long[] status() {
        long[] r = new long[3];
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                String[] keys = {"VmRSS:", "RssAnon:", "RssFile:"};
                for (int i = 0; i < keys.length; i++) {
                    if (line.startsWith(keys[i])) {
                        r[i] = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return r;
    }

    /** The RSS of the {@code [heap]} mapping (glibc's main arena, grown by brk) in kB. */
    static long heapRss() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/self/smaps"));
            boolean inHeap = false;
            for (String line : lines) {
                if (MAPPING.matcher(line).lookingAt()) {
                    inHeap = line.endsWith("[heap]");
                } else if (inHeap && line.startsWith("Rss:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            return 0;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static final Pattern MAPPING = Pattern.compile("[0-9a-f]+-[0-9a-f]+ ");
    private static final Pattern TOTAL = Pattern.compile("Total: reserved=(\\d+)KB, committed=(\\d+)KB");

    /** The JVM's NativeMemoryTracking summary ("" when NMT is off). */
    static String nmtSummary() {
        try {
            return String.valueOf(ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "vmNativeMemory",
                    new Object[] {new String[] {"summary"}}, new String[] {String[].class.getName()}));
        } catch (Exception e) {
            return "";
        }
    }
}
