package dev.gatehouse.identity.forwardauth;

import java.net.http.HttpClient;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * One {@link HttpClient} per {@code forwardAuth} middleware, kept across reloads while its TLS settings stay the
 * same, so its connections to the authentication server are reused. Redirects are never followed: a 3xx from the
 * server is its answer to the client, as in Traefik.
 */
final class AuthClient implements AutoCloseable {
    private final HttpClient client;

    /** @param ssl the TLS context, or null for the JDK's default */
    AuthClient(SSLContext ssl) {
        HttpClient.Builder b = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(30));
        if (ssl != null) {
            b.sslContext(ssl);
        }
        this.client = b.build();
    }

    /** @return the client */
    HttpClient client() {
        return client;
    }

    @Override
    public void close() {
        client.shutdownNow();
    }
}
