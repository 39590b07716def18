package dev.gatehouse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.server.Transport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The gateway serves the same way on every socket transport this machine runs: the default (io_uring where the
 * kernel allows it) and the ones an operator picks with {@code -Dgatehouse.transport}.
 */
class TransportsIT {
    private Backends backends;
    private Gateway gateway;

    @AfterEach
    void stop() {
        System.clearProperty(Transport.PROPERTY);
        TestGateway.closeAll(gateway, backends);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void proxiesRequestsAndBodiesOnEachTransport(Transport transport, @TempDir Path dir) throws Exception {
        assumeTrue(transport.available(), transport.id() + " does not run here");
        backends = new Backends();
        String routes = TestGateway.everyPathTo(backends.whoami("app").url());
        System.setProperty(Transport.PROPERTY, transport.id());
        gateway = TestGateway.start(dir, TestGateway.install(), routes);
        assertThat(gateway.transport()).isEqualTo(transport);

        String base = "http://127.0.0.1:" + gateway.port("web");
        HttpClient client = Http.client();
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> r = Http.send(client, base + "/item/" + i + "?q=" + i);
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode echo = Http.json(r.body());
            assertThat(echo.get("instance").asText()).isEqualTo("app");
            assertThat(echo.get("uri").asText()).isEqualTo("/item/" + i + "?q=" + i);
        }
        String sent = "x".repeat(48 * 1024);
        HttpResponse<String> post = client.send(HttpRequest.newBuilder(URI.create(base + "/upload"))
                .timeout(Http.TIMEOUT).POST(HttpRequest.BodyPublishers.ofString(sent)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(200);
        assertThat(Http.json(post.body()).get("body").asText()).isEqualTo(sent);
    }
}
