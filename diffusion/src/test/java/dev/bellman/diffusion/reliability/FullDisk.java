package dev.bellman.diffusion.reliability;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a command on a small tmpfs that fills up: in a private mount namespace ({@code unshare -m},
 * so nothing outside sees the mount), mounts a tmpfs of SIZE KiB at the mount point, starts the
 * command, waits for its first {@code checkpoint.bin}, fills the tmpfs with {@code dd} and frees
 * FREE KiB again (so the next write fails halfway), waits for the command, then copies what a
 * caller needs out of the namespace into OUT: {@code rc}, {@code stdout}, {@code stderr},
 * {@code listing} (the mount point's files) and {@code saved/} (the checkpoint and JSON files).
 * Exits {@value #NO_MOUNT} when the tmpfs cannot be mounted.
 */
final class FullDisk {
    static final int NO_MOUNT = 90;

    private static final String SCRIPT = """
            D="$1"; OUT="$2"; SIZE="$3"; FREE="$4"; shift 4
            mount -t tmpfs -o size="${SIZE}k" tmpfs "$D" 2>/dev/null || exit 90
            "$@" > "$OUT/stdout" 2> "$OUT/stderr" &
            pid=$!
            while [ ! -f "$D/checkpoint.bin" ] && kill -0 $pid 2>/dev/null; do sleep 0.05; done
            dd if=/dev/zero of="$D/filler" bs=1k 2>/dev/null
            truncate -s -"${FREE}k" "$D/filler"
            wait $pid; echo $? > "$OUT/rc"
            rm -f "$D/filler"
            ls -a "$D" > "$OUT/listing"
            mkdir -p "$OUT/saved"; cp "$D"/checkpoint.bin "$D"/*.json "$OUT/saved/" 2>/dev/null
            exit 0
            """;

    private FullDisk() {}

    /** The started shell; on a machine without {@code unshare}, a process that exits {@value #NO_MOUNT} at once. */
    static Process run(Path mountPoint, Path out, int sizeKib, int freeKib, List<String> command) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("unshare", "-m", "--propagation", "private", "sh", "-c", SCRIPT, "sh",
                mountPoint.toString(), out.toString(), Integer.toString(sizeKib), Integer.toString(freeKib)));
        cmd.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("DJL_OFFLINE", "true");
        pb.environment().put("OPT_OUT_TRACKING", "true");
        try {
            return pb.start();
        } catch (IOException e) {
            return new ProcessBuilder("sh", "-c", "exit " + NO_MOUNT).start();
        }
    }
}
