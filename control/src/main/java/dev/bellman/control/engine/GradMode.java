package dev.bellman.control.engine;

import ai.djl.pytorch.jni.JniUtils;

/**
 * Switches libtorch's autograd recording off for a block (PyTorch's {@code no_grad}), restoring the
 * previous mode on close.
 *
 * <p>Why: a detached evaluation (policy improvement with ∇V, ∇²V held fixed) or an optimizer update
 * inside an open {@code GradientCollector} would otherwise record a graph nobody back-propagates
 * through, costing time and native memory; and in-place updates of leaf parameters are only legal
 * with recording off. Outside a {@code GradientCollector} recording is already off.
 */
public final class GradMode implements AutoCloseable {
    private final boolean previous;

    private GradMode(boolean enabled) {
        previous = JniUtils.isGradMode();
        JniUtils.setGradMode(enabled);
    }

    /** Turns recording off until {@link #close()}. */
    public static GradMode disabled() {
        return new GradMode(false);
    }

    /** Whether autograd currently records operations on this thread. */
    public static boolean isRecording() {
        return JniUtils.isGradMode();
    }

    @Override
    public void close() {
        JniUtils.setGradMode(previous);
    }
}
