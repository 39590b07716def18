package dev.gatehouse.app;

import dev.gatehouse.config.ConfigLoader;
import dev.gatehouse.config.Diagnostic;
import dev.gatehouse.config.LoadResult;
import dev.gatehouse.config.install.InstallConfig;
import java.io.PrintStream;
import java.nio.file.Path;

/** Loads an install config for a command, printing its errors one per line. */
final class InstallConfigs {
    private InstallConfigs() {
    }

    /**
     * @param file the install config file
     * @param err  where errors go
     * @return the config, or null when it has errors (printed)
     */
    static InstallConfig load(Path file, PrintStream err) {
        LoadResult<InstallConfig> r = new ConfigLoader().loadInstall(file);
        for (Diagnostic d : r.errors()) {
            err.println(d);
        }
        return r.errors().isEmpty() ? r.value() : null;
    }
}
