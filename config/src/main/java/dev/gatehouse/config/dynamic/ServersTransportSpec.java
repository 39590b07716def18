package dev.gatehouse.config.dynamic;

import java.time.Duration;
import java.util.List;

/**
 * {@code http.serversTransports.NAME}: how Gatehouse talks to upstream servers.
 *
 * @param serverName          the SNI name sent to upstreams
 * @param insecureSkipVerify  skip verifying upstream certificates
 * @param rootCAs             PEM files of CAs trusted for upstreams (added to the system's)
 * @param certificates        client certificates for mTLS to upstreams
 * @param maxIdleConnsPerHost idle connections kept per host (default 200)
 * @param forwardingTimeouts  timeouts
 * @param disableHTTP2        do not use HTTP/2 to TLS upstreams
 */
public record ServersTransportSpec(String serverName, Boolean insecureSkipVerify, List<String> rootCAs,
                                   List<CertificateSpec> certificates, Integer maxIdleConnsPerHost,
                                   ForwardingTimeoutsSpec forwardingTimeouts, Boolean disableHTTP2) {
    /**
     * {@code forwardingTimeouts}.
     *
     * @param dialTimeout           connect timeout (default 30s)
     * @param responseHeaderTimeout time to wait for response headers once the request is sent; 0 means none
     * @param idleConnTimeout       how long an idle pooled connection is kept (default 90s)
     * @param readIdleTimeout       HTTP/2 ping after this much read idleness; 0 means none
     * @param pingTimeout           HTTP/2 ping timeout (default 15s)
     */
    public record ForwardingTimeoutsSpec(Duration dialTimeout, Duration responseHeaderTimeout,
                                         Duration idleConnTimeout, Duration readIdleTimeout,
                                         Duration pingTimeout) {
    }
}
