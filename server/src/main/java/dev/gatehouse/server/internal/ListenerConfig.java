package dev.gatehouse.server.internal;

import dev.gatehouse.config.install.EntryPointSpec;
import dev.gatehouse.core.ExchangeObserver;
import dev.gatehouse.core.HttpHandler;
import dev.gatehouse.server.TlsStore;
import java.net.InetAddress;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * What every connection of one listener needs, resolved once from the entry point's spec with Traefik's
 * defaults applied.
 *
 * @param name           the entry point's name
 * @param handler        called for every request
 * @param observer       told about connections and exchanges
 * @param tls            the current TLS store, or null for a listener without TLS
 * @param readTimeoutMs  time to receive a request head, 0 for none
 * @param writeTimeoutMs time to write a response, 0 for none
 * @param idleTimeoutMs  time an idle keep-alive connection stays open, 0 for none
 * @param trusted        peers whose forwarded headers are kept
 * @param insecure       trust every peer's forwarded headers
 * @param serverName     this host's name, for {@code X-Forwarded-Server}
 * @param limits         protocol limits
 */
public record ListenerConfig(String name, HttpHandler handler, ExchangeObserver observer, Supplier<TlsStore> tls,
                             long readTimeoutMs, long writeTimeoutMs, long idleTimeoutMs, IpMatcher trusted,
                             boolean insecure, String serverName, Limits limits) {
    /** Traefik's default {@code readTimeout}. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);
    /** Traefik's default {@code idleTimeout}. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(180);

    /**
     * Resolves a spec.
     *
     * @param name     the entry point's name
     * @param spec     the spec
     * @param handler  the handler
     * @param tls      the TLS store supplier, or null
     * @param observer the observer, or null
     * @return the config
     * @throws IllegalArgumentException when {@code forwardedHeaders.trustedIPs} has an invalid entry
     */
    public static ListenerConfig of(String name, EntryPointSpec spec, HttpHandler handler, Supplier<TlsStore> tls,
                                    ExchangeObserver observer) {
        Duration read = DEFAULT_READ_TIMEOUT;
        Duration write = Duration.ZERO;
        Duration idle = DEFAULT_IDLE_TIMEOUT;
        EntryPointSpec.TransportSpec t = spec.transport();
        if (t != null && t.respondingTimeouts() != null) {
            EntryPointSpec.RespondingTimeoutsSpec r = t.respondingTimeouts();
            read = r.readTimeout() != null ? r.readTimeout() : read;
            write = r.writeTimeout() != null ? r.writeTimeout() : write;
            idle = r.idleTimeout() != null ? r.idleTimeout() : idle;
        }
        EntryPointSpec.ForwardedHeadersSpec fh = spec.forwardedHeaders();
        IpMatcher trusted;
        try {
            trusted = IpMatcher.of(fh == null ? null : fh.trustedIPs());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("entryPoints." + name + ".forwardedHeaders.trustedIPs: "
                    + e.getMessage(), e);
        }
        boolean insecure = fh != null && Boolean.TRUE.equals(fh.insecure());
        return new ListenerConfig(name, handler, observer == null ? ExchangeObserver.NONE : observer, tls,
                read.toMillis(), write.toMillis(), idle.toMillis(), trusted, insecure, hostName(), Limits.DEFAULT);
    }

    /** @return true when the peer's forwarded headers are kept */
    public boolean trusts(InetAddress peer) {
        return insecure || trusted.matches(peer);
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "localhost";
        }
    }
}
