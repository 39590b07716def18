package dev.gatehouse.identity.jwt;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Traefik Hub's {@code clientConfig}: how a JWKS URL is fetched.
 *
 * @param tls            client TLS settings: not supported yet (the JDK trust store is used)
 * @param timeoutSeconds the time allowed for one fetch; default 5
 * @param maxRetries     further attempts after a failed fetch; default 3
 */
public record JwtClientConfigSpec(JsonNode tls, Integer timeoutSeconds, Integer maxRetries) {
}
