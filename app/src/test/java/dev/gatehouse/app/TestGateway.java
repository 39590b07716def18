package dev.gatehouse.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.config.ConfigLoader;
import dev.gatehouse.config.LoadResult;
import dev.gatehouse.config.install.InstallConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Starts a real gateway from config files written into a test folder. */
final class TestGateway {
    static final String ROUTES = "routes.yaml";

    private TestGateway() {
    }

    /**
     * The install config most tests use: one {@code web} entry point and the admin listener on free loopback
     * ports, the file provider on {@code routes.yaml}, ping and Prometheus metrics.
     *
     * @param watch    whether the routing file is watched
     * @param throttle the providers throttle, such as {@code 1s}
     * @param extra    more top-level YAML (an access log, say), or an empty string
     * @return the YAML
     */
    static String install(boolean watch, String throttle, String extra) {
        return """
                entryPoints:
                  web:
                    address: "127.0.0.1:0"
                    transport:
                      lifeCycle:
                        graceTimeOut: 5s
                providers:
                  providersThrottleDuration: %s
                  file:
                    filename: routes.yaml
                    watch: %s
                api:
                  address: "127.0.0.1:0"
                ping: {}
                metrics:
                  prometheus: {}
                log:
                  level: ERROR
                %s
                """.formatted(throttle, watch, extra);
    }

    /** @return the default install config: no watching */
    static String install() {
        return install(false, "1s", "");
    }

    /**
     * @param serverUrl the one server
     * @return a routing config whose one router sends every path to that server
     */
    static String everyPathTo(String serverUrl) {
        return """
                http:
                  routers:
                    app:
                      rule: "PathPrefix(`/`)"
                      service: app
                  services:
                    app:
                      loadBalancer:
                        servers:
                          - url: "%s"
                """.formatted(serverUrl);
    }

    /**
     * Writes both files and starts the gateway; the install config must load without errors.
     *
     * @param dir     the folder
     * @param install the install config YAML
     * @param routes  the routing config YAML
     * @return the running gateway
     * @throws IOException when a file cannot be written or a listener cannot bind
     */
    static Gateway start(Path dir, String install, String routes) throws IOException {
        Path installFile = dir.resolve("gatehouse.yaml");
        Files.writeString(installFile, install);
        writeAtomically(dir.resolve(ROUTES), routes);
        LoadResult<InstallConfig> r = new ConfigLoader().loadInstall(installFile);
        assertThat(r.errors()).as("install config errors").isEmpty();
        return Gateway.start(r.value(), dir);
    }

    /**
     * Replaces a file in one step, so a watcher never reads half of it.
     *
     * @param file    the file
     * @param content its new content
     */
    static void writeAtomically(Path file, String content) {
        try {
            Path tmp = Files.createTempFile(file.getParent(), ".tmp-", ".part");
            Files.writeString(tmp, content);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Closes what a test started, skipping nulls (a start that failed half-way), closing every one even when
     * one fails, and rethrowing the first failure.
     *
     * @param things gateways, backends, servers
     */
    static void closeAll(AutoCloseable... things) {
        RuntimeException first = null;
        for (AutoCloseable c : things) {
            if (c == null) {
                continue;
            }
            try {
                c.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e instanceof RuntimeException re ? re : new IllegalStateException(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
