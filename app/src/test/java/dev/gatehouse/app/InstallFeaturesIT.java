package dev.gatehouse.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.config.ConfigLoader;
import dev.gatehouse.config.LoadResult;
import dev.gatehouse.config.install.InstallConfig;
import dev.gatehouse.testing.Eventually;
import dev.gatehouse.testing.FreePort;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Install-config features end to end: an entry point that redirects to another, and the file provider
 * reading (and watching) a directory of routing files.
 */
class InstallFeaturesIT {
    private static Gateway start(Path dir, String install) throws Exception {
        Path file = dir.resolve("gatehouse.yaml");
        Files.writeString(file, install);
        LoadResult<InstallConfig> r = new ConfigLoader().loadInstall(file);
        assertThat(r.errors()).isEmpty();
        return Gateway.start(r.value(), dir);
    }

    @Test
    void entryPointRedirectionSendsEveryRequestToTheOtherEntryPoint(@TempDir Path dir) throws Exception {
        int web = FreePort.next();
        int secure = FreePort.next();
        Files.writeString(dir.resolve("routes.yaml"), TestGateway.everyPathTo("http://127.0.0.1:9"));
        try (Gateway g = start(dir, """
                entryPoints:
                  web:
                    address: "127.0.0.1:%d"
                    http:
                      redirections:
                        entryPoint:
                          to: websecure
                          scheme: https
                  websecure:
                    address: "127.0.0.1:%d"
                providers:
                  file:
                    filename: routes.yaml
                    watch: false
                """.formatted(web, secure))) {
            HttpResponse<String> get = Http.get("http://127.0.0.1:" + web + "/a/b?c=1");
            assertThat(get.statusCode()).isEqualTo(301);
            assertThat(get.headers().firstValue("Location")).hasValue("https://127.0.0.1:" + secure + "/a/b?c=1");
            HttpResponse<String> post = Http.client().send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://127.0.0.1:" + web + "/form"))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("x")).timeout(Http.TIMEOUT).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).as("non-GET keeps its method").isEqualTo(308);
            assertThat(g.snapshot().status().routers()).extracting(v -> v.name()).containsExactly("app@file");
        }
    }

    @Test
    void directoryProviderMergesFilesAndWatchesNewOnes(@TempDir Path dir) throws Exception {
        try (Backends backends = new Backends()) {
            Backends.Backend a = backends.whoami("a");
            Path routes = Files.createDirectories(dir.resolve("routes"));
            Files.writeString(routes.resolve("services.yaml"), """
                    http:
                      services:
                        a:
                          loadBalancer:
                            servers: [{url: "%s"}]
                    """.formatted(a.url()));
            Files.writeString(routes.resolve("one.yaml"), """
                    http:
                      routers:
                        one:
                          rule: "Path(`/one`)"
                          service: a
                    """);
            try (Gateway g = start(dir, """
                    entryPoints:
                      web:
                        address: "127.0.0.1:0"
                    providers:
                      providersThrottleDuration: 200ms
                      file:
                        directory: routes
                        watch: true
                    """)) {
                String base = "http://127.0.0.1:" + g.port("web");
                assertThat(Http.get(base + "/one").statusCode()).isEqualTo(200);
                assertThat(Http.get(base + "/two").statusCode()).isEqualTo(404);
                TestGateway.writeAtomically(routes.resolve("two.toml"), """
                        [http.routers.two]
                        rule = "Path(`/two`)"
                        service = "a"
                        """);
                Eventually.await(Duration.ofSeconds(5), "a new TOML file in the folder is served",
                        () -> Http.get(base + "/two").statusCode() == 200);
                assertThat(Http.get(base + "/one").statusCode()).isEqualTo(200);
                assertThat(a.requests.get()).isGreaterThanOrEqualTo(3);
            }
        }
    }
}
