package dev.gatehouse.config.dynamic;

import java.util.List;
import java.util.Map;

/**
 * The {@code tls:} section.
 *
 * @param certificates certificates served by SNI
 * @param options      TLS options by name; {@code default} applies where a router names none
 * @param stores       certificate stores; only {@code default}
 */
public record TlsSection(List<CertificateSpec> certificates, Map<String, TlsOptionsSpec> options,
                         Map<String, TlsStoreSpec> stores) {
    /** @return an empty section */
    public static TlsSection empty() {
        return new TlsSection(List.of(), Map.of(), Map.of());
    }
}
