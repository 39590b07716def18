package dev.gatehouse.identity.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Verifies one compact JWS token against the trusted issuers.
 *
 * <pre>
 *  size and alphabet ─▶ parse ─▶ alg allowed? ─▶ issuer entry by iss ─▶ keys by kid (never jku/x5u/jwk/x5c)
 *    ─▶ signature ─▶ exp / nbf / iat (with leeway) ─▶ aud ─▶ claims expression ─▶ Valid
 *  a token verified before against the same keys ─▶ exp / nbf / iat only ─▶ Valid
 * </pre>
 *
 * <p>The token's own header never chooses where keys come from: {@code jku}, {@code x5u}, {@code jwk} and
 * {@code x5c} are ignored, and {@code kid} is only a map key.
 */
final class TokenVerifier {
    private final Map<String, TrustedIssuer> byIssuer;
    private final TrustedIssuer fallback;
    private final long leewaySeconds;
    private final int maxTokenBytes;
    private final ClaimsCheck claimsCheck;
    private final ConsumerMapping mapping;
    private final VerifiedTokens verified = new VerifiedTokens(10_000);

    /**
     * @param byIssuer      entries chosen by exact {@code iss}
     * @param fallback      the entry for other tokens, or null
     * @param leewaySeconds allowed clock skew
     * @param maxTokenBytes longest token accepted
     * @param claimsCheck   the claims expression, or null
     */
    TokenVerifier(Map<String, TrustedIssuer> byIssuer, TrustedIssuer fallback, long leewaySeconds,
                  int maxTokenBytes, ClaimsCheck claimsCheck) {
        this(byIssuer, fallback, leewaySeconds, maxTokenBytes, claimsCheck, null);
    }

    /**
     * @param byIssuer      entries chosen by exact {@code iss}
     * @param fallback      the entry for other tokens, or null
     * @param leewaySeconds allowed clock skew
     * @param maxTokenBytes longest token accepted
     * @param claimsCheck   the claims expression, or null
     * @param mapping       how claims name the Consumer, or null for verdicts without one
     */
    TokenVerifier(Map<String, TrustedIssuer> byIssuer, TrustedIssuer fallback, long leewaySeconds,
                  int maxTokenBytes, ClaimsCheck claimsCheck, ConsumerMapping mapping) {
        this.mapping = mapping;
        this.byIssuer = Map.copyOf(byIssuer);
        this.fallback = fallback;
        this.leewaySeconds = leewaySeconds;
        this.maxTokenBytes = maxTokenBytes;
        this.claimsCheck = claimsCheck;
    }

    /**
     * Verifies a token.
     *
     * @param token      the compact token
     * @param nowMillis  the current time
     * @param mayRefetch whether an unknown {@code kid} may start a JWKS refetch
     * @return the verdict
     */
    Verdict verify(String token, long nowMillis, boolean mayRefetch) {
        if (token.length() <= maxTokenBytes) {
            VerifiedTokens.Entry hit = verified.get(token);
            if (hit != null) {
                String timing = checkTimes(hit.verdict().claims(), nowMillis);
                return timing == null ? hit.verdict() : new Verdict.Invalid(timing);
            }
        }
        String shape = checkShape(token);
        if (shape != null) {
            return new Verdict.Invalid(shape);
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException | RuntimeException e) {
            return new Verdict.Invalid("malformed token");
        }
        JWSHeader header = jwt.getHeader();
        TrustedIssuer entry = entryFor(claims.getIssuer());
        if (entry == null) {
            return new Verdict.Invalid("untrusted issuer");
        }
        JWSAlgorithm alg = header.getAlgorithm();
        if (alg == null || !entry.algorithms().contains(alg)) {
            return new Verdict.Invalid("algorithm not allowed");
        }
        KeySet keys = entry.keys().keys();
        if (keys == null) {
            return new Verdict.AwaitKeys(entry.keys().ready());
        }
        String kid = header.getKeyID();
        if (kid != null && !keys.hasKid(kid)) {
            CompletableFuture<KeySet> refetch = mayRefetch ? entry.keys().refetchForUnknownKid() : null;
            return refetch == null ? new Verdict.Invalid("unknown key id") : new Verdict.AwaitKeys(refetch);
        }
        if (!signatureValid(jwt, keys.candidates(kid, alg))) {
            return new Verdict.Invalid("bad signature");
        }
        Verdict verdict = checkClaims(entry, claims, nowMillis);
        if (verdict instanceof Verdict.Valid valid) {
            verified.put(token, new VerifiedTokens.Entry(valid, entry, keys));
        }
        return verdict;
    }

    /** The entry for a token's {@code iss}: an exact entry, else the fallback if it accepts that issuer. */
    private TrustedIssuer entryFor(String iss) {
        TrustedIssuer entry = iss == null ? null : byIssuer.get(iss);
        if (entry != null) {
            return entry;
        }
        if (fallback != null && (fallback.issuers().isEmpty() || (iss != null && fallback.issuers().contains(iss)))) {
            return fallback;
        }
        return null;
    }

    /** The checks after the signature: times, audience, the claims expression. */
    private Verdict checkClaims(TrustedIssuer entry, JWTClaimsSet claims, long nowMillis) {
        String timing = checkTimes(claims, nowMillis);
        if (timing != null) {
            return new Verdict.Invalid(timing);
        }
        if (!entry.audiences().isEmpty() && !namesAudience(claims.getAudience(), entry.audiences())) {
            return new Verdict.Invalid("audience not accepted");
        }
        if (claimsCheck != null && !claimsCheck.test(claims)) {
            return new Verdict.Forbidden("claims check failed");
        }
        return new Verdict.Valid(claims, mapping == null ? null : mapping.toConsumer(claims));
    }

    /** Size, exactly three base64url segments, none empty: cheap checks before any parsing. */
    private String checkShape(String token) {
        if (token.length() > maxTokenBytes) {
            return "token too large";
        }
        int dots = 0;
        int segmentStart = 0;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == '.') {
                if (i == segmentStart) {
                    return "malformed token";
                }
                dots++;
                segmentStart = i + 1;
            } else if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_')) {
                return "malformed token";
            }
        }
        return dots != 2 || segmentStart == token.length() ? "malformed token" : null;
    }

    private static boolean signatureValid(SignedJWT jwt, List<VerificationKey> candidates) {
        for (VerificationKey k : candidates) {
            try {
                if (jwt.verify(k.verifier())) {
                    return true;
                }
            } catch (JOSEException | IllegalStateException e) {
                // not this key
            }
        }
        return false;
    }

    private String checkTimes(JWTClaimsSet claims, long nowMillis) {
        long leewayMillis = leewaySeconds * 1000;
        Date exp = claims.getExpirationTime();
        if (exp != null && nowMillis >= exp.getTime() + leewayMillis) {
            return "token expired";
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && nowMillis + leewayMillis < nbf.getTime()) {
            return "token not yet valid";
        }
        Date iat = claims.getIssueTime();
        if (iat != null && nowMillis + leewayMillis < iat.getTime()) {
            return "token issued in the future";
        }
        return null;
    }

    private static boolean namesAudience(List<String> tokenAudiences, List<String> accepted) {
        if (tokenAudiences == null) {
            return false;
        }
        for (String a : tokenAudiences) {
            if (accepted.contains(a)) {
                return true;
            }
        }
        return false;
    }
}
