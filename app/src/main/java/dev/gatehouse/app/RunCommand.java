package dev.gatehouse.app;

import dev.gatehouse.config.install.InstallConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gatehouse run -c FILE}. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Start with an install config file (Traefik's static-config shape, YAML or TOML).")
final class RunCommand implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "the install config")
    Path config;

    @Override
    public Integer call() throws Exception {
        InstallConfig install = InstallConfigs.load(config, System.err);
        if (install == null) {
            return 2;
        }
        Gateway g;
        try {
            g = Gateway.start(install, config.toAbsolutePath().getParent());
        } catch (IllegalArgumentException e) {
            System.err.println("gatehouse: " + e.getMessage());
            return 1;
        }
        for (String ep : install.entryPoints().keySet()) {
            System.err.println("gatehouse: entry point " + ep + " listening on port " + g.port(ep));
        }
        if (g.adminPort() > 0) {
            System.err.println("gatehouse: admin API on port " + g.adminPort());
        }
        Foreground.run(g, null);
        return 0;
    }
}
