package dev.bellman.cli;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;

/**
 * Gives the process its own stderr back after JVM start-up (the {@code bellman} launcher's half of a
 * two-part arrangement).
 *
 * <p>The launcher starts the JVM with the Vector API for the host kernels
 * ({@code --add-modules jdk.incubator.vector}), and the JVM then prints "WARNING: Using incubator
 * modules: …" on stderr before any code of ours runs; a user would see it above every result and every
 * one-line error. So the launcher keeps the real stderr as a spare descriptor (its number in
 * {@code BELLMAN_STDERR_FD}, as {@code FD:PID} with the launcher's own process id, which the JVM keeps
 * because the launcher execs it) and starts the JVM with stderr into a small filter that drops exactly that
 * line. Here, first thing in {@code main}, dup2(spare, 2) points stderr straight back at the real one
 * (the filter sees end-of-file and exits), so nothing we print later passes through a pipe that could
 * still hold it when the process has exited. Any failure leaves the filter in place, which passes
 * everything else through unchanged. A process with another id (a JVM that a benchmark or a test
 * started with this environment inherited, where that descriptor number means something else) leaves
 * its descriptors alone.
 */
final class StandardError {
    static final String ENV = "BELLMAN_STDERR_FD";

    private StandardError() {}

    /** dup2(FD, 2) and close FD, when the launcher asked this very process to; false otherwise. */
    static boolean restore() {
        String spare = System.getenv(ENV);
        if (spare == null || !ModuleLayer.boot().findModule("jdk.incubator.foreign").isPresent()) {
            return false;
        }
        try {
            String[] parts = spare.trim().split(":");
            if (parts.length != 2 || Long.parseLong(parts[1]) != ProcessHandle.current().pid()) {
                return false;
            }
            int fd = Integer.parseInt(parts[0]);
            if (fd <= 2) {
                return false;
            }
            return Native.dup2AndClose(fd, 2);
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** The libc calls, in their own class so that nothing loads the foreign-function API unless asked. */
    private static final class Native {
        static boolean dup2AndClose(int from, int to) {
            var linker = jdk.incubator.foreign.CLinker.getInstance();
            var lookup = jdk.incubator.foreign.CLinker.systemLookup();
            var cInt = jdk.incubator.foreign.CLinker.C_INT;
            MethodHandle dup2 = linker.downcallHandle(lookup.lookup("dup2").orElseThrow(),
                    MethodType.methodType(int.class, int.class, int.class),
                    jdk.incubator.foreign.FunctionDescriptor.of(cInt, cInt, cInt));
            MethodHandle close = linker.downcallHandle(lookup.lookup("close").orElseThrow(),
                    MethodType.methodType(int.class, int.class), jdk.incubator.foreign.FunctionDescriptor.of(cInt, cInt));
            System.err.flush();
            try {
                if ((int) dup2.invokeExact(from, to) != to) {
                    return false;
                }
                int ignored = (int) close.invokeExact(from);
                return true;
            } catch (Throwable t) {
                return false;
            }
        }
    }
}
