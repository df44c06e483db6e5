package dev.bellman.diffusion.gap;

/** Progress of a gap estimate (the CLI draws a progress bar from it; the library prints nothing). */
@FunctionalInterface
public interface GapListener {

    /** Called after each batch of paths. */
    void onBatch(int pathsDone, int pathsTotal);

    /** A listener that ignores progress. */
    static GapListener none() {
        return (done, total) -> {};
    }
}
