package dev.gatehouse.identity.jwt;

import java.util.List;

/**
 * One trusted issuer of a {@code jwt} middleware: a token whose {@code iss} equals {@code issuer} is verified with
 * this entry's key and checks. Exactly one key source, or none to use the middleware's top-level one.
 *
 * @param issuer                     the exact {@code iss} value
 * @param signingSecret              an HMAC secret
 * @param signingSecretBase64Encoded the secret is base64; default false
 * @param publicKey                  a PEM public key or certificate
 * @param jwksFile                   a JWK set file or JSON
 * @param jwksUrl                    a JWK set URL
 * @param algorithms                 accepted {@code alg} values; default from the key type
 * @param audiences                  accepted {@code aud} values; default the top-level {@code audiences}
 */
public record JwtIssuerSpec(String issuer, String signingSecret, Boolean signingSecretBase64Encoded,
                            String publicKey, String jwksFile, String jwksUrl, List<String> algorithms,
                            List<String> audiences) {
}
