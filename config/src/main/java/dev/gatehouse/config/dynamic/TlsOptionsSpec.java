package dev.gatehouse.config.dynamic;

import java.util.List;

/**
 * {@code tls.options.NAME}.
 *
 * @param minVersion       {@code VersionTLS12} (default) or {@code VersionTLS13}
 * @param maxVersion       the highest version
 * @param cipherSuites     TLS 1.2 cipher suites by Go name
 * @param curvePreferences curves by Go name
 * @param sniStrict        refuse clients without a matching SNI name
 * @param alpnProtocols    ALPN protocols (default h2, http/1.1)
 * @param clientAuth       client certificate checks, or null
 */
public record TlsOptionsSpec(String minVersion, String maxVersion, List<String> cipherSuites,
                             List<String> curvePreferences, Boolean sniStrict, List<String> alpnProtocols,
                             ClientAuthSpec clientAuth) {
    /**
     * {@code clientAuth}.
     *
     * @param caFiles        CA files that client certificates must chain to
     * @param clientAuthType {@code NoClientCert}, {@code RequestClientCert}, {@code RequireAnyClientCert},
     *                       {@code VerifyClientCertIfGiven} or {@code RequireAndVerifyClientCert}
     */
    public record ClientAuthSpec(List<String> caFiles, String clientAuthType) {
    }
}
