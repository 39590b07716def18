package dev.gatehouse.app;

import dev.gatehouse.config.Diagnostic;
import dev.gatehouse.config.install.InstallConfig;
import dev.gatehouse.config.install.ProvidersSpec;
import dev.gatehouse.core.spi.Extensions;
import dev.gatehouse.runtime.CompileOutcome;
import dev.gatehouse.runtime.Compiler;
import dev.gatehouse.runtime.FileProvider;
import dev.gatehouse.runtime.ResourceRegistry;
import dev.gatehouse.server.ServerRuntime;
import dev.gatehouse.upstream.Upstreams;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gatehouse validate -c FILE}: checks the install config and every routing file it points to the
 * way a start would compile them, prints one line per error, and exits 0 only when all is valid.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check the install config and every routing file it points to, then exit (0 = valid).")
final class ValidateCommand implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "the install config")
    Path config;

    @Override
    public Integer call() {
        InstallConfig install = InstallConfigs.load(config, System.out);
        if (install == null) {
            return 1;
        }
        List<Diagnostic> errors = routingErrors(install, config.toAbsolutePath().getParent());
        errors.forEach(System.out::println);
        if (errors.isEmpty()) {
            System.err.println("gatehouse: " + config + " and its routing config are valid");
            return 0;
        }
        return 1;
    }

    static List<Diagnostic> routingErrors(InstallConfig install, Path installDir) {
        ProvidersSpec p = install.providers();
        if (p == null || p.file() == null) {
            return List.of();
        }
        Path file = p.file().filename() == null ? null : installDir.resolve(p.file().filename());
        Path dir = p.file().directory() == null ? null : installDir.resolve(p.file().directory());
        FileProvider provider = new FileProvider(file, dir, false, p.file().filename());
        try (ServerRuntime rt = ServerRuntime.create(1);
             Upstreams upstreams = new Upstreams(rt.workerGroup());
             ResourceRegistry resources = new ResourceRegistry();
             ExecutorService blocking = Executors.newVirtualThreadPerTaskExecutor()) {
            resources.begin();
            Compiler compiler = new Compiler(install, Extensions.middlewareFactories(), upstreams, resources,
                    blocking);
            CompileOutcome out = compiler.compile(Map.of(provider.name(), provider.read()));
            resources.abort();
            if (out.services() != null) {
                upstreams.retire(out.services());
            }
            return out.errors();
        }
    }
}
