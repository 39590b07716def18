package dev.gatehouse.config.dynamic;

/**
 * {@code tls.stores.default}.
 *
 * @param defaultCertificate the certificate served when no SNI name matches; null means a generated one
 */
public record TlsStoreSpec(CertificateSpec defaultCertificate) {
}
