package dev.bellman.control.engine;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.net.InetAddress;
import java.security.Permission;

/**
 * Child-process probe for {@link OfflineEngineTest}: starts the engine under a security manager
 * that reports every attempt to resolve or connect to a non-loopback host on stdout as
 * {@code NETWORK host:port}. Argument {@code offline} starts through {@link BellmanEngine};
 * {@code raw} touches DJL directly without the offline property, as a control that the detector
 * sees DJL's phone-home.
 */
public final class EngineProbe {
    private EngineProbe() {}

    @SuppressWarnings("removal")
    public static void main(String[] args) throws Exception {
        System.setSecurityManager(new SecurityManager() {
            @Override
            public void checkPermission(Permission perm) {
                // allow everything else
            }

            @Override
            public void checkPermission(Permission perm, Object context) {
                // allow everything else
            }

            @Override
            public void checkConnect(String host, int port) {
                report(host, port);
            }

            @Override
            public void checkConnect(String host, int port, Object context) {
                report(host, port);
            }
        });
        Engine engine;
        if (args.length > 0 && args[0].equals("raw")) {
            engine = Engine.getEngine(BellmanEngine.ENGINE_NAME);
        } else {
            engine = BellmanEngine.start(EngineConfig.defaults().withThreads(1)).engine();
        }
        try (NDManager m = engine.newBaseManager()) {
            NDArray a = m.arange(6f).reshape(2, 3);
            float s = a.matMul(a.transpose()).sum().getFloat();
            System.out.println("ENGINE_OK libtorch=" + engine.getVersion() + " sum=" + s);
        }
        // give any background telemetry thread a moment to try
        Thread.sleep(1500);
        System.out.flush();
    }

    private static void report(String host, int port) {
        if (host == null || host.equals("localhost") || host.startsWith("127.") || host.equals("::1")
                || host.equals("0:0:0:0:0:0:0:1")) {
            return;
        }
        try {
            if (Character.isDigit(host.charAt(0)) && InetAddress.getByName(host).isLoopbackAddress()) {
                return;
            }
        } catch (Exception e) {
            // report below
        }
        System.out.println("NETWORK " + host + ":" + port);
    }
}
