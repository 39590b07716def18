package dev.gatehouse.identity.jwt;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code jwt} (also {@code plugin: {jwt: ...}}): verifies a JSON Web Token and sets the Consumer from its claims.
 * Traefik Hub's keys come first; Gatehouse's own follow. See {@code docs/middlewares/jwt.md}.
 *
 * @param signingSecret              an HMAC secret (HS256/384/512)
 * @param signingSecretBase64Encoded the secret is base64; default false
 * @param publicKey                  a PEM public key or certificate (RSA, EC or Ed25519)
 * @param jwksFile                   a JWK set file (relative to the config directory) or the JWK set JSON itself
 * @param jwksUrl                    an http(s) URL serving a JWK set
 * @param forwardAuthorization       Hub: keep {@code Authorization} on the forwarded request; default false
 * @param stripAuthorizationHeader   older spelling: remove {@code Authorization}; the opposite of the above
 * @param tokenKey                   Hub: a query parameter that may carry the token when no header does
 * @param tokenQueryKey              older spelling of {@code tokenKey} (query only)
 * @param claims                     a claims expression that must hold
 * @param usernameClaim              Hub: the claim naming the user in the access log
 * @param forwardHeaders             request header name to claim name
 * @param clientConfig               Hub: how the JWKS URL is fetched
 * @param trustedIssuers             Hub: not supported yet
 * @param issuers                    trusted issuers: strings (allowed {@code iss} values) or objects
 * @param audiences                  accepted {@code aud} values; the token must name one
 * @param algorithms                 accepted {@code alg} values; default derived from the key type
 * @param leeway                     clock skew allowed for exp, nbf and iat; default 0s
 * @param consumerClaim              the claim giving the Consumer id; default sub
 * @param groupsClaim                the claim giving groups; default groups
 * @param planClaim                  the claim giving the plan; default none
 * @param maxTokenBytes              longest accepted token; default 16384
 */
public record JwtSpec(String signingSecret, Boolean signingSecretBase64Encoded, String publicKey, String jwksFile,
                      String jwksUrl, Boolean forwardAuthorization, Boolean stripAuthorizationHeader,
                      String tokenKey, String tokenQueryKey, String claims, String usernameClaim,
                      Map<String, String> forwardHeaders, JwtClientConfigSpec clientConfig,
                      JsonNode trustedIssuers, List<JsonNode> issuers, List<String> audiences,
                      List<String> algorithms, Duration leeway, String consumerClaim, String groupsClaim,
                      String planClaim, Integer maxTokenBytes) {
}
