package dev.gatehouse.config.install;

import java.time.Duration;
import java.util.List;

/**
 * {@code entryPoints.NAME}.
 *
 * @param address          {@code [host]:port}, such as {@code :8080} or {@code 127.0.0.1:8443}
 * @param http             HTTP settings (redirections, default middlewares and TLS), or null
 * @param transport        timeouts and lifecycle, or null
 * @param forwardedHeaders which peers' {@code X-Forwarded-*} headers to trust, or null (trust none)
 */
public record EntryPointSpec(String address, EntryPointHttpSpec http, TransportSpec transport,
                             ForwardedHeadersSpec forwardedHeaders) {
    /**
     * {@code entryPoints.NAME.http}.
     *
     * @param redirections redirect everything to another entry point, or null
     * @param middlewares  middlewares in front of every router on this entry point
     * @param tls          default TLS for routers on this entry point, or null
     */
    public record EntryPointHttpSpec(RedirectionsSpec redirections, List<String> middlewares,
                                     dev.gatehouse.config.dynamic.RouterTlsSpec tls) {
    }

    /**
     * {@code http.redirections}.
     *
     * @param entryPoint the redirect target
     */
    public record RedirectionsSpec(EntryPointRedirectSpec entryPoint) {
    }

    /**
     * {@code http.redirections.entryPoint}.
     *
     * @param to        the target entry point's name, or a port ({@code :443})
     * @param scheme    the target scheme (default https)
     * @param permanent 308/301 instead of 307/302 (default true)
     * @param priority  the generated router's priority (default: the lowest possible, as in Traefik)
     */
    public record EntryPointRedirectSpec(String to, String scheme, Boolean permanent, Integer priority) {
    }

    /**
     * {@code transport}.
     *
     * @param respondingTimeouts timeouts toward clients
     * @param lifeCycle          graceful shutdown
     */
    public record TransportSpec(RespondingTimeoutsSpec respondingTimeouts, LifeCycleSpec lifeCycle) {
    }

    /**
     * {@code transport.respondingTimeouts}.
     *
     * @param readTimeout  the longest time to read a whole request, headers included (default 60s); a slow
     *                     header gets 408
     * @param writeTimeout the longest time to write a response; 0 means none (default)
     * @param idleTimeout  how long an idle keep-alive connection stays open (default 180s)
     */
    public record RespondingTimeoutsSpec(Duration readTimeout, Duration writeTimeout, Duration idleTimeout) {
    }

    /**
     * {@code transport.lifeCycle}.
     *
     * @param requestAcceptGraceTimeout keep accepting requests this long after a stop signal (default 0)
     * @param graceTimeOut              how long in-flight requests may finish (default 10s)
     */
    public record LifeCycleSpec(Duration requestAcceptGraceTimeout, Duration graceTimeOut) {
    }

    /**
     * {@code forwardedHeaders}.
     *
     * @param trustedIPs IPs and CIDRs whose {@code X-Forwarded-*} headers are kept
     * @param insecure   trust every peer
     */
    public record ForwardedHeadersSpec(List<String> trustedIPs, Boolean insecure) {
    }
}
