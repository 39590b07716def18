package dev.gatehouse.config.dynamic;

import java.util.List;

/**
 * {@code http.routers.NAME.tls}.
 *
 * @param options      the TLS options name (under {@code tls.options})
 * @param certResolver an ACME resolver name; not supported yet
 * @param domains      the domains certificates are for
 */
public record RouterTlsSpec(String options, String certResolver, List<DomainSpec> domains) {
}
