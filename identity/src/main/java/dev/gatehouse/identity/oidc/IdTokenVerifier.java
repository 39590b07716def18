package dev.gatehouse.identity.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Checks an ID token: signature against the provider's JWKS (asymmetric algorithms only), {@code iss},
 * {@code aud} (and {@code azp} when there are several audiences), {@code exp}, and the login's {@code nonce}.
 */
final class IdTokenVerifier {
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256,
            JWSAlgorithm.ES384, JWSAlgorithm.ES512, JWSAlgorithm.EdDSA);

    private final OidcProvider provider;
    private final String issuer;
    private final String clientId;

    IdTokenVerifier(OidcProvider provider, String issuer, String clientId) {
        this.provider = provider;
        this.issuer = issuer;
        this.clientId = clientId;
    }

    /**
     * Verifies a token, refetching the keys once when it names a key the cached set lacks.
     *
     * @param idToken the compact JWT
     * @param nonce   the nonce the login sent, or null on a refresh (where none is required)
     * @return the verified claims as JSON types
     */
    CompletableFuture<Map<String, Object>> verify(String idToken, String nonce) {
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(idToken);
        } catch (ParseException e) {
            return CompletableFuture.failedFuture(new ProviderException("id_token is not a signed JWT", false));
        }
        String kid = jwt.getHeader().getKeyID();
        return provider.keys(false).thenCompose(keys -> kid != null && keys.getKeyByKeyId(kid) == null
                ? provider.keys(true) : CompletableFuture.completedFuture(keys))
                .thenApply(keys -> check(jwt, keys, nonce));
    }

    private Map<String, Object> check(SignedJWT jwt, JWKSet keys, String nonce) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, new ImmutableJWKSet<>(keys)));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(clientId,
                new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("sub", "exp", "iat")));
        JWTClaimsSet claims;
        try {
            claims = processor.process(jwt, null);
        } catch (BadJOSEException | JOSEException e) {
            throw new ProviderException("id_token rejected: " + e.getMessage(), false);
        }
        List<String> aud = claims.getAudience();
        if (aud.size() > 1 && !clientId.equals(claims.getClaim("azp"))) {
            throw new ProviderException("id_token has several audiences and azp is not this client", false);
        }
        if (nonce != null && !constantTimeEquals(nonce, claims.getClaim("nonce"))) {
            throw new ProviderException("id_token nonce does not match the login", false);
        }
        return claims.toJSONObject();
    }

    static boolean constantTimeEquals(String expected, Object actual) {
        return actual instanceof String s && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                s.getBytes(StandardCharsets.UTF_8));
    }
}
