package dev.gatehouse.identity.jwt;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.config.SpecBinder;
import dev.gatehouse.config.SpecBindingException;
import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.spi.BuildContext;
import dev.gatehouse.core.spi.InvalidSpecException;
import dev.gatehouse.core.spi.MiddlewareFactory;
import dev.gatehouse.policy.PolicyExpression;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds {@code jwt} middlewares: checks the spec, parses keys and JWK files, and opens the JWKS caches (kept as
 * resources across reloads). Everything slow happens here, never on the request path.
 */
public final class JwtFactory implements MiddlewareFactory<JwtSpec> {
    /** Default longest token: 16 KiB. */
    static final int DEFAULT_MAX_TOKEN_BYTES = 16 * 1024;

    @Override
    public String kind() {
        return "jwt";
    }

    @Override
    public Class<JwtSpec> specType() {
        return JwtSpec.class;
    }

    @Override
    public Middleware create(JwtSpec spec, BuildContext ctx) {
        rejectUnsupported(spec);
        JwtClientConfigSpec client = spec.clientConfig();
        KeySources sources = new KeySources(ctx,
                Duration.ofSeconds(positive(client == null ? null : client.timeoutSeconds(), 5,
                        "clientConfig.timeoutSeconds")),
                client == null || client.maxRetries() == null ? 3 : nonNegative(client.maxRetries(),
                        "clientConfig.maxRetries"));
        List<String> audiences = spec.audiences() == null ? List.of() : List.copyOf(spec.audiences());
        Set<String> allowedIssuers = new LinkedHashSet<>();
        Map<String, TrustedIssuer> byIssuer = issuerEntries(spec, sources, audiences, allowedIssuers);
        TrustedIssuer fallback = null;
        if (KeySources.count(spec.signingSecret(), spec.publicKey(), spec.jwksFile(), spec.jwksUrl()) > 0) {
            KeySources.Keyed keys = sources.of(spec.signingSecret(),
                    Boolean.TRUE.equals(spec.signingSecretBase64Encoded()), spec.publicKey(), spec.jwksFile(),
                    spec.jwksUrl(), spec.algorithms(), "");
            fallback = new TrustedIssuer(Set.copyOf(allowedIssuers), keys.source(), keys.algorithms(), audiences);
        } else if (byIssuer.isEmpty()) {
            throw new InvalidSpecException("", "set one of signingSecret, publicKey, jwksFile or jwksUrl"
                    + " (or issuers entries with their own key)");
        } else if (!allowedIssuers.isEmpty()) {
            throw new InvalidSpecException("issuers", "an issuer given as a plain string is verified with the"
                    + " top-level key; set signingSecret, publicKey, jwksFile or jwksUrl");
        }
        ConsumerMapping mapping = mapping(spec);
        TokenVerifier verifier = new TokenVerifier(byIssuer, fallback, leewaySeconds(spec.leeway()),
                maxTokenBytes(spec.maxTokenBytes()), claimsCheck(spec.claims()), mapping);
        return new JwtMiddleware(verifier, forwardHeaders(spec.forwardHeaders()), queryKey(spec),
                forwardAuthorization(spec));
    }

    /** Reads {@code issuers}: strings go to {@code allowedIssuers}, objects become entries by issuer. */
    private static Map<String, TrustedIssuer> issuerEntries(JwtSpec spec, KeySources sources, List<String> audiences,
                                                            Set<String> allowedIssuers) {
        Map<String, TrustedIssuer> byIssuer = new HashMap<>();
        List<JsonNode> issuers = spec.issuers() == null ? List.of() : spec.issuers();
        for (int i = 0; i < issuers.size(); i++) {
            JsonNode node = issuers.get(i);
            String path = "issuers[" + i + "]";
            if (node != null && node.isTextual() && !node.asText().isEmpty()) {
                allowedIssuers.add(node.asText());
            } else if (node != null && node.isObject()) {
                JwtIssuerSpec entry = bindIssuer(node, path);
                TrustedIssuer t = issuerEntry(entry, spec, sources, audiences, path);
                if (byIssuer.put(entry.issuer(), t) != null) {
                    throw new InvalidSpecException(path + ".issuer", "issuer \"" + entry.issuer()
                            + "\" is listed twice");
                }
            } else {
                throw new InvalidSpecException(path, "expected an issuer string or an object with \"issuer\"");
            }
        }
        return byIssuer;
    }

    private static TrustedIssuer issuerEntry(JwtIssuerSpec e, JwtSpec spec, KeySources sources,
                                             List<String> audiences, String path) {
        if (e.issuer() == null || e.issuer().isEmpty()) {
            throw new InvalidSpecException(path + ".issuer", "is required: the exact iss value of the tokens");
        }
        List<String> aud = e.audiences() == null ? audiences : List.copyOf(e.audiences());
        if (KeySources.count(e.signingSecret(), e.publicKey(), e.jwksFile(), e.jwksUrl()) == 0) {
            if (KeySources.count(spec.signingSecret(), spec.publicKey(), spec.jwksFile(), spec.jwksUrl()) == 0) {
                throw new InvalidSpecException(path, "set one of signingSecret, publicKey, jwksFile or jwksUrl");
            }
            List<String> algs = e.algorithms() != null ? e.algorithms() : spec.algorithms();
            KeySources.Keyed keys = sources.of(spec.signingSecret(),
                    Boolean.TRUE.equals(spec.signingSecretBase64Encoded()), spec.publicKey(), spec.jwksFile(),
                    spec.jwksUrl(), algs, "");
            return new TrustedIssuer(Set.of(e.issuer()), keys.source(), keys.algorithms(), aud);
        }
        KeySources.Keyed keys = sources.of(e.signingSecret(), Boolean.TRUE.equals(e.signingSecretBase64Encoded()),
                e.publicKey(), e.jwksFile(), e.jwksUrl(), e.algorithms(), path + ".");
        return new TrustedIssuer(Set.of(e.issuer()), keys.source(), keys.algorithms(), aud);
    }

    private static JwtIssuerSpec bindIssuer(JsonNode node, String path) {
        try {
            return SpecBinder.bind(node, JwtIssuerSpec.class, path, null);
        } catch (SpecBindingException e) {
            throw new InvalidSpecException(path, e.getMessage());
        }
    }

    private static void rejectUnsupported(JwtSpec spec) {
        if (spec.trustedIssuers() != null && !spec.trustedIssuers().isNull()) {
            throw new InvalidSpecException("trustedIssuers", "not supported yet; list trusted issuers under"
                    + " \"issuers\" (see docs/middlewares/jwt.md)");
        }
        if (spec.clientConfig() != null && spec.clientConfig().tls() != null && !spec.clientConfig().tls().isNull()) {
            throw new InvalidSpecException("clientConfig.tls", "not supported yet; the JWKS URL is fetched with"
                    + " the system trust store");
        }
    }

    private static ClaimsCheck claimsCheck(String source) {
        if (source == null || source.isBlank()) {
            return null;
        }
        PolicyExpression expr = PolicyExpression.compileClaims(source, "claims");
        return claims -> expr.testClaims(claims.toJSONObject());
    }

    private static ConsumerMapping mapping(JwtSpec spec) {
        String consumerClaim = blankToNull(spec.consumerClaim());
        String username = blankToNull(spec.usernameClaim());
        boolean explicit = consumerClaim != null || username != null;
        String id = consumerClaim != null ? consumerClaim : username != null ? username : "sub";
        String groups = blankToNull(spec.groupsClaim());
        return new ConsumerMapping(id, explicit, groups == null ? "groups" : groups, blankToNull(spec.planClaim()));
    }

    private static Map<String, String> forwardHeaders(Map<String, String> headers) {
        if (headers == null) {
            return Map.of();
        }
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey().isBlank() || !e.getKey().chars().allMatch(c -> c > 32 && c < 127 && c != ':')) {
                throw new InvalidSpecException("forwardHeaders", "\"" + e.getKey() + "\" is not a header name");
            }
            if (e.getValue() == null || e.getValue().isBlank()) {
                throw new InvalidSpecException("forwardHeaders." + e.getKey(), "needs a claim name");
            }
        }
        return new HashMap<>(headers);
    }

    private static String queryKey(JwtSpec spec) {
        String a = blankToNull(spec.tokenKey());
        String b = blankToNull(spec.tokenQueryKey());
        if (a != null && b != null && !a.equals(b)) {
            throw new InvalidSpecException("tokenQueryKey", "set tokenKey or tokenQueryKey, not both");
        }
        return a != null ? a : b;
    }

    private static boolean forwardAuthorization(JwtSpec spec) {
        Boolean forward = spec.forwardAuthorization();
        Boolean strip = spec.stripAuthorizationHeader();
        if (forward != null && strip != null && forward == strip) {
            throw new InvalidSpecException("stripAuthorizationHeader", "contradicts forwardAuthorization");
        }
        if (forward != null) {
            return forward;
        }
        return strip != null && !strip;
    }

    private static long leewaySeconds(Duration leeway) {
        if (leeway == null) {
            return 0;
        }
        if (leeway.isNegative() || leeway.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new InvalidSpecException("leeway", "must be between 0s and 10m");
        }
        return leeway.toSeconds();
    }

    private static int maxTokenBytes(Integer max) {
        if (max == null) {
            return DEFAULT_MAX_TOKEN_BYTES;
        }
        if (max < 256 || max > 1 << 20) {
            throw new InvalidSpecException("maxTokenBytes", "must be between 256 and 1048576");
        }
        return max;
    }

    private static int positive(Integer value, int dflt, String key) {
        if (value == null) {
            return dflt;
        }
        if (value <= 0) {
            throw new InvalidSpecException(key, "must be positive");
        }
        return value;
    }

    private static int nonNegative(int value, String key) {
        if (value < 0 || value > 10) {
            throw new InvalidSpecException(key, "must be between 0 and 10");
        }
        return value;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
