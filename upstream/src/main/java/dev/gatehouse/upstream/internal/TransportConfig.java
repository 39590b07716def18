package dev.gatehouse.upstream.internal;

import dev.gatehouse.config.dynamic.ServersTransportSpec;
import dev.gatehouse.config.dynamic.ServersTransportSpec.ForwardingTimeoutsSpec;
import dev.gatehouse.core.spi.InvalidSpecException;
import io.netty.handler.ssl.SslContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * A servers transport with Traefik's defaults applied: timeouts, idle-pool size and, for {@code https}
 * servers, the TLS client contexts. Immutable; built once per spec and shared by every pool that uses it.
 *
 * @param spec                  the spec it came from (the pool key)
 * @param dialTimeoutMillis     connect timeout (default 30s)
 * @param responseHeaderMillis  wait for the response head after the request is written; 0 means none
 * @param idleTimeoutMillis     how long an idle pooled connection is kept (default 90s); 0 means forever
 * @param maxIdlePerHost        idle HTTP/1.1 connections kept per host and event loop share (default 200)
 * @param serverName            SNI and verification name, or null for the server's host
 * @param insecureSkipVerify    skip verification
 * @param tls                   the TLS context without ALPN: HTTP/1.1 only (upgrades, health checks)
 * @param alpnTls               the TLS context offering {@code h2} then {@code http/1.1}, or null when
 *                              {@code disableHTTP2} is set
 * @param readIdleMillis        HTTP/2: send a PING after this long without a frame read; 0 means never
 * @param pingTimeoutMillis     HTTP/2: close the connection when a PING gets no answer within this (default 15s)
 */
public record TransportConfig(ServersTransportSpec spec, long dialTimeoutMillis, long responseHeaderMillis,
                              long idleTimeoutMillis, int maxIdlePerHost, String serverName,
                              boolean insecureSkipVerify, SslContext tls, SslContext alpnTls,
                              long readIdleMillis, long pingTimeoutMillis) {
    /** The default transport: Traefik's defaults, verifying certificates against the system's CAs. */
    public static final ServersTransportSpec DEFAULT_SPEC =
            new ServersTransportSpec(null, null, null, null, null, null, null);

    /**
     * Applies defaults and builds the TLS contexts.
     *
     * @param spec    the spec, or null for the default transport
     * @param baseDir where relative certificate paths are resolved
     * @return the config
     * @throws InvalidSpecException when a field is invalid or a file cannot be read
     */
    public static TransportConfig of(ServersTransportSpec spec, Path baseDir) {
        ServersTransportSpec s = spec == null ? DEFAULT_SPEC : spec;
        ForwardingTimeoutsSpec t = s.forwardingTimeouts();
        long dial = millis(t == null ? null : t.dialTimeout(), Duration.ofSeconds(30), "forwardingTimeouts.dialTimeout");
        long header = millis(t == null ? null : t.responseHeaderTimeout(), Duration.ZERO,
                "forwardingTimeouts.responseHeaderTimeout");
        long idle = millis(t == null ? null : t.idleConnTimeout(), Duration.ofSeconds(90),
                "forwardingTimeouts.idleConnTimeout");
        long readIdle = millis(t == null ? null : t.readIdleTimeout(), Duration.ZERO,
                "forwardingTimeouts.readIdleTimeout");
        long ping = millis(t == null ? null : t.pingTimeout(), Duration.ofSeconds(15),
                "forwardingTimeouts.pingTimeout");
        int maxIdle = s.maxIdleConnsPerHost() == null ? 200 : s.maxIdleConnsPerHost();
        if (maxIdle < 0) {
            throw new InvalidSpecException("maxIdleConnsPerHost", "must be 0 or more, got " + maxIdle);
        }
        boolean insecure = Boolean.TRUE.equals(s.insecureSkipVerify());
        SslContext tls = TlsContexts.client(s, baseDir, false);
        SslContext alpn = Boolean.TRUE.equals(s.disableHTTP2()) ? null : TlsContexts.client(s, baseDir, true);
        return new TransportConfig(s, dial, header, idle, maxIdle, s.serverName(), insecure, tls, alpn, readIdle,
                ping == 0 ? Duration.ofSeconds(15).toMillis() : ping);
    }

    private static long millis(Duration d, Duration dflt, String key) {
        Duration v = d == null ? dflt : d;
        if (v.isNegative()) {
            throw new InvalidSpecException(key, "must not be negative, got " + v);
        }
        return v.toMillis();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransportConfig other && Objects.equals(spec, other.spec);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(spec);
    }
}
