package dev.gatehouse.redis.internal;

import dev.gatehouse.redis.RedisSpec;
import dev.gatehouse.redis.RedisTlsSpec;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.SslVerifyMode;
import io.lettuce.core.TimeoutOptions;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Maps a {@link RedisSpec} to Lettuce's URI and client options. */
final class ClientSettings {
    private ClientSettings() {
    }

    static RedisURI uri(RedisSpec s, String endpoint) {
        SharedClient.HostPort hp = SharedClient.parseEndpoint(endpoint, "endpoints");
        RedisURI.Builder b = RedisURI.builder().withHost(hp.host()).withPort(hp.port()).withDatabase(s.db())
                // A whole command (written, then answered) is bounded by both of Traefik's socket timeouts.
                .withTimeout(s.writeTimeout().plus(s.readTimeout()));
        if (s.password() != null) {
            b.withAuthentication(s.username() == null ? "default" : s.username(), s.password().toCharArray());
        }
        RedisTlsSpec tls = s.tls();
        if (tls != null) {
            b.withSsl(true).withVerifyPeer(Boolean.TRUE.equals(tls.insecureSkipVerify())
                    ? SslVerifyMode.NONE : SslVerifyMode.FULL);
        }
        return b.build();
    }

    static ClientOptions options(RedisSpec s, Path baseDir) {
        ClientOptions.Builder b = ClientOptions.builder()
                .autoReconnect(true)
                // Fail at once while disconnected: a rate limit must decide now, not after a reconnect.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(s.dialTimeout()).keepAlive(true).build())
                .timeoutOptions(TimeoutOptions.enabled(s.writeTimeout().plus(s.readTimeout())));
        if (s.tls() != null) {
            b.sslOptions(ssl(s.tls(), baseDir));
        }
        return b.build();
    }

    private static SslOptions ssl(RedisTlsSpec tls, Path baseDir) {
        SslOptions.Builder b = SslOptions.builder().jdkSslProvider();
        if (tls.ca() != null) {
            b.trustManager(resource(tls.ca(), baseDir));
        }
        if (tls.cert() != null && tls.key() != null) {
            b.keyManager(resource(tls.cert(), baseDir), resource(tls.key(), baseDir), null);
        }
        return b.build();
    }

    /** Traefik takes either a file path or the PEM text itself. */
    private static SslOptions.Resource resource(String pathOrPem, Path baseDir) {
        if (pathOrPem.startsWith("-----BEGIN")) {
            byte[] pem = pathOrPem.getBytes(StandardCharsets.US_ASCII);
            return () -> new ByteArrayInputStream(pem);
        }
        Path p = baseDir == null ? Path.of(pathOrPem) : baseDir.resolve(pathOrPem);
        return SslOptions.Resource.from(p.toFile());
    }
}
