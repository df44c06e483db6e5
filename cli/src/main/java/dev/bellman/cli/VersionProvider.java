package dev.bellman.cli;

import dev.bellman.control.engine.BellmanEngine;
import dev.bellman.control.engine.EngineConfig;
import dev.bellman.control.run.BuildInfo;
import picocli.CommandLine.IVersionProvider;

/** {@code bellman --version}: project version and commit, DJL and libtorch versions (engine loaded offline). */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        BellmanEngine engine = BellmanEngine.start(EngineConfig.defaults().withThreads(1));
        return new String[] {
            "bellman " + BuildInfo.version() + " (commit " + BuildInfo.commit() + ")",
            "DJL " + BellmanEngine.djlVersion() + ", PyTorch engine, libtorch " + engine.libtorchVersion()
                    + " (" + engine.device() + ")",
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
        };
    }
}
