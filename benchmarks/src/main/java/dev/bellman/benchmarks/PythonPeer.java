package dev.bellman.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A PyTorch peer script from ../shared/peers, run beside the project on the same machine in the same
 * benchmark run. Needs Debian's {@code python3-torch} under {@code /usr/bin/python3}; with only the
 * reference BLAS installed PyTorch's matmuls are ≈ 15× slower, so the suite also expects
 * {@code libopenblas0-pthread} and runs the peer with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset
 * (they slow a current OpenBLAS; see the environment notes), so that the peer is at its best.
 */
public final class PythonPeer {
    private final Path python;
    private final Path peersDir;

    private PythonPeer(Path python, Path peersDir) {
        this.python = python;
        this.peersDir = peersDir;
    }

    /** The peer runner, or empty with the reason when Python with PyTorch or the peers folder is missing. */
    public static Optional<PythonPeer> find(Path sharedDir, List<String> whyNot) {
        Path py = Path.of("/usr/bin/python3");
        Path peers = sharedDir == null ? null : sharedDir.resolve("peers");
        if (peers == null || !Files.isDirectory(peers)) {
            whyNot.add("no peers folder (set BELLMAN_SHARED to the shared folder)");
            return Optional.empty();
        }
        if (!Files.isExecutable(py)) {
            whyNot.add("/usr/bin/python3 is missing: apt-get install python3-torch libopenblas0-pthread");
            return Optional.empty();
        }
        try {
            Process p = new ProcessBuilder(py.toString(), "-c", "import torch").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                whyNot.add("/usr/bin/python3 has no torch: apt-get install python3-torch libopenblas0-pthread");
                return Optional.empty();
            }
        } catch (IOException e) {
            whyNot.add("cannot run /usr/bin/python3: " + e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        return Optional.of(new PythonPeer(py, peers));
    }

    /** Runs {@code script args...} and returns its stdout (stderr merged), or throws on failure or timeout. */
    public String run(String script, long timeoutSeconds, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(python.toString());
        cmd.add(peersDir.resolve(script).toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("OPENBLAS_CORETYPE");
        pb.environment().remove("OPENBLAS_L2_SIZE");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("peer " + script + " timed out after " + timeoutSeconds + " s");
        }
        if (p.exitValue() != 0) {
            throw new IOException("peer " + script + " exited " + p.exitValue() + ": " + out.strip());
        }
        return out;
    }
}
