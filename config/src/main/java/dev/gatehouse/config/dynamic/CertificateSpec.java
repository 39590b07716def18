package dev.gatehouse.config.dynamic;

import java.util.List;

/**
 * A certificate and its key, as PEM files or inline PEM text (Traefik accepts both in these fields).
 *
 * @param certFile the certificate chain
 * @param keyFile  the private key
 * @param stores   the stores it goes in (only {@code default} exists)
 */
public record CertificateSpec(String certFile, String keyFile, List<String> stores) {
}
