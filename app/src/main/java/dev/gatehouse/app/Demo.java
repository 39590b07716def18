package dev.gatehouse.app;

import dev.gatehouse.config.install.EntryPointSpec;
import dev.gatehouse.core.ExchangeObserver;
import dev.gatehouse.server.EntryPointServer;
import dev.gatehouse.server.ServerRuntime;
import dev.gatehouse.server.TlsStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The built-in demo: two whoami instances on free loopback ports, and a config directory (install config and
 * an editable routing file) that puts them behind {@code /whoami}.
 */
final class Demo implements AutoCloseable {
    private final ServerRuntime backends = ServerRuntime.create(1);
    private final List<EntryPointServer> instances = new ArrayList<>();
    private final Path dir;
    private final DemoCredentials credentials = DemoCredentials.generate();

    private Demo(Path dir) {
        this.dir = dir;
    }

    /** @return this run's API key, JWT secret and demo token */
    DemoCredentials credentials() {
        return credentials;
    }

    /**
     * Starts the backends and writes the config.
     *
     * @param port      the web entry point's port
     * @param adminPort the admin listener's port
     * @return the demo
     * @throws IOException when the config cannot be written
     */
    static Demo start(int port, int adminPort) throws IOException {
        Demo d = new Demo(Files.createTempDirectory("gatehouse-demo"));
        for (int i = 1; i <= 2; i++) {
            // The instances trust the gateway's forwarded headers, so they show what it sent.
            EntryPointSpec spec = new EntryPointSpec("127.0.0.1:0", null, null,
                    new EntryPointSpec.ForwardedHeadersSpec(null, true));
            d.instances.add(d.backends.start("whoami-" + i, spec,
                    new WhoamiHandler("whoami-" + i), TlsStore::defaultOnly, ExchangeObserver.NONE));
        }
        Files.writeString(d.installFile(), installYaml(port, adminPort));
        Files.writeString(d.routesFile(), routesYaml(d.instances.get(0).boundPort(), d.instances.get(1).boundPort(),
                d.credentials));
        return d;
    }

    Path installFile() {
        return dir.resolve("gatehouse.yaml");
    }

    Path routesFile() {
        return dir.resolve("routes.yaml");
    }

    static String installYaml(int port, int adminPort) {
        return """
                # Gatehouse demo install config (Traefik's static-config shape).
                entryPoints:
                  web:
                    address: "127.0.0.1:%d"
                providers:
                  providersThrottleDuration: 1s
                  file:
                    filename: routes.yaml
                    watch: true
                api:
                  address: "127.0.0.1:%d"
                ping: {}
                metrics:
                  prometheus: {}
                accessLog:
                  format: common
                log:
                  level: INFO
                """.formatted(port, adminPort);
    }

    static String routesYaml(int port1, int port2, DemoCredentials creds) {
        return """
                # Gatehouse demo routing config (Traefik v3 dynamic config). Edit it: changes apply live.
                http:
                  routers:
                    whoami:
                      rule: "PathPrefix(`/whoami`)"
                      middlewares: [demo-headers]
                      service: whoami
                    # /api needs an API key (X-Api-Key) or a JWT (Authorization: Bearer); the demo prints both.
                    api:
                      rule: "PathPrefix(`/api`)"
                      middlewares: [demo-auth, demo-limit, demo-headers]
                      service: whoami
                  middlewares:
                    demo-headers:
                      headers:
                        customResponseHeaders:
                          X-Gatehouse-Demo: "true"
                    demo-auth:
                      authAnyOf:
                        middlewares: [demo-apikey, demo-jwt]
                    demo-apikey:
                      apiKey:
                        keySource:
                          header: X-Api-Key
                        keys:
                          - sha256: "%3$s"   # printf %%s "$KEY" | sha256sum
                            consumer: demo-app
                            groups: [demo]
                    demo-jwt:
                      jwt:
                        signingSecret: "%4$s"
                        forwardHeaders:
                          X-Consumer-Id: sub
                    demo-limit:
                      rateLimit:   # per Consumer: 20 requests/s, bursts of 40
                        average: 20
                        burst: 40
                        sourceCriterion:
                          consumer: true
                  services:
                    whoami:
                      loadBalancer:
                        servers:
                          - url: "http://127.0.0.1:%1$d"
                          - url: "http://127.0.0.1:%2$d"
                        healthCheck:
                          path: /health
                          interval: 10s
                """.formatted(port1, port2, creds.apiKeySha256(), creds.jwtSecret());
    }

    @Override
    public void close() {
        Gateway.awaitQuietly(CompletableFuture.allOf(instances.stream().map(i -> i.shutdown(Duration.ZERO))
                .toArray(CompletableFuture<?>[]::new)), Duration.ofSeconds(1));
        backends.close(Duration.ofSeconds(1));
    }
}
