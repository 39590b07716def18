package dev.gatehouse.identity.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.spi.BuildContext;
import dev.gatehouse.core.spi.InvalidSpecException;
import dev.gatehouse.core.spi.MiddlewareFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Builds {@code oidc} middlewares; validates the spec and keeps the provider client as a resource. */
public final class OidcFactory implements MiddlewareFactory<OidcSpec> {
    /** Parameters the flow sets itself, which {@code authParams} may not replace. */
    static final Set<String> RESERVED_PARAMS = Set.of("response_type", "client_id", "redirect_uri", "scope",
            "state", "nonce", "code_challenge", "code_challenge_method");

    @Override
    public String kind() {
        return "oidc";
    }

    @Override
    public Class<OidcSpec> specType() {
        return OidcSpec.class;
    }

    @Override
    public Middleware create(OidcSpec spec, BuildContext ctx) {
        rejectUnsupported(spec);
        String issuer = required(spec.issuer(), "issuer");
        checkUrl(issuer, "issuer", true);
        String clientId = required(spec.clientId(), "clientID");
        String secret = secret(spec.secret());
        String redirectUrl = required(spec.redirectUrl(), "redirectUrl");
        String callbackPath = pathOf(redirectUrl, "redirectUrl");
        String logoutPath = spec.logoutUrl() == null || spec.logoutUrl().isEmpty() ? null
                : pathOf(spec.logoutUrl(), "logoutUrl");
        if (callbackPath.equals(logoutPath)) {
            throw new InvalidSpecException("logoutUrl", "must differ from redirectUrl");
        }
        Map<String, String> authParams = authParams(spec.authParams());
        SessionSpec s = spec.session() == null
                ? new SessionSpec(null, null, null, null, null, null, null, null, null, null) : spec.session();
        CookieSpec sessionCookie = sessionCookie(s);
        CookieSpec stateCookie = stateCookie(spec.stateCookie());
        if (sessionCookie.name().equals(stateCookie.name())) {
            throw new InvalidSpecException("stateCookie.name", "must differ from session.name");
        }
        Duration expiry = sessionCookie.maxAge();
        Duration stateAge = stateCookie.maxAge();
        Duration timeout = positive(spec.timeout(), Duration.ofSeconds(10), "timeout");
        OidcSettings settings = new OidcSettings(issuer, clientId, scope(spec.scopes()), authParams,
                !Boolean.FALSE.equals(spec.pkce()), redirectUrl, callbackPath, logoutPath,
                blankToNull(spec.postLogoutRedirectUrl()), expiry, !Boolean.FALSE.equals(s.refresh()),
                new ClaimHeaders(spec.forwardHeaders()),
                spec.consumerClaims() == null ? ConsumerClaims.DEFAULT : spec.consumerClaims());
        String clientSecret = blankToNull(spec.clientSecret());
        OidcProvider provider = ctx.resource("oidc-provider",
                List.of(issuer, clientId, String.valueOf(clientSecret), timeout, stateAge),
                () -> new OidcProvider(issuer, clientId, clientSecret, timeout, stateAge, ctx.blockingExecutor()));
        IdTokenVerifier verifier = new IdTokenVerifier(provider, issuer, clientId);
        SessionStore sessions = new SessionStore(new Sealer(secret, "session"), new SessionCookies(sessionCookie),
                issuer, clientId);
        LoginFlow login = new LoginFlow(settings, provider, verifier, new Sealer(secret, "state"), stateCookie,
                sessions);
        return new OidcMiddleware(settings, provider, sessions, login, verifier);
    }

    private static String secret(String value) {
        String secret = required(value, "secret");
        if (secret.getBytes(StandardCharsets.UTF_8).length < Sealer.MIN_SECRET_BYTES) {
            throw new InvalidSpecException("secret", "must be at least " + Sealer.MIN_SECRET_BYTES + " bytes");
        }
        return secret;
    }

    private static Map<String, String> authParams(Map<String, String> params) {
        Map<String, String> authParams = params == null ? Map.of() : Map.copyOf(params);
        for (String k : authParams.keySet()) {
            if (RESERVED_PARAMS.contains(k)) {
                throw new InvalidSpecException("authParams." + k, "is set by the login flow itself");
            }
        }
        return authParams;
    }

    private static CookieSpec sessionCookie(SessionSpec s) {
        Duration expiry = positive(s.expiry(), Duration.ofHours(24), "session.expiry");
        return new CookieSpec(or(s.name(), "gatehouse_session"), or(s.path(), "/"), blankToNull(s.domain()),
                s.secure(), !Boolean.FALSE.equals(s.httpOnly()), sameSite(s.sameSite(), "session.sameSite", true),
                expiry);
    }

    private static CookieSpec stateCookie(StateCookieSpec spec) {
        StateCookieSpec st = spec == null ? new StateCookieSpec(null, null, null, null, null, null, null) : spec;
        Duration maxAge = positive(st.maxAge(), Duration.ofMinutes(10), "stateCookie.maxAge");
        return new CookieSpec(or(st.name(), "gatehouse_oidc_state"), or(st.path(), "/"), blankToNull(st.domain()),
                st.secure(), !Boolean.FALSE.equals(st.httpOnly()),
                sameSite(st.sameSite(), "stateCookie.sameSite", false), maxAge);
    }

    private static void rejectUnsupported(OidcSpec spec) {
        Map<String, JsonNode> unsupported = new java.util.LinkedHashMap<>();
        unsupported.put("claims", spec.claims());
        unsupported.put("csrf", spec.csrf());
        unsupported.put("loginUrl", spec.loginUrl());
        unsupported.put("postLoginRedirectUrl", spec.postLoginRedirectUrl());
        unsupported.put("disableLogin", spec.disableLogin());
        unsupported.put("backchannelLogoutUrl", spec.backchannelLogoutUrl());
        unsupported.put("backchannelLogoutSessionsRequired", spec.backchannelLogoutSessionsRequired());
        unsupported.put("discoveryParams", spec.discoveryParams());
        if (spec.session() != null) {
            unsupported.put("session.store", spec.session().store());
            if (Boolean.TRUE.equals(spec.session().sliding())) {
                throw new InvalidSpecException("session.sliding", "not supported yet (only false)");
            }
        }
        for (Map.Entry<String, JsonNode> e : unsupported.entrySet()) {
            if (e.getValue() != null && !e.getValue().isNull()) {
                throw new InvalidSpecException(e.getKey(), "not supported yet");
            }
        }
    }

    private static String scope(List<String> scopes) {
        Set<String> all = new LinkedHashSet<>();
        all.add("openid");
        if (scopes != null) {
            for (String s : scopes) {
                if (s != null && !s.isBlank()) {
                    all.add(s.trim());
                }
            }
        }
        return String.join(" ", all);
    }

    private static String pathOf(String url, String key) {
        if (url.startsWith("/")) {
            return url;
        }
        checkUrl(url, key, false);
        String path = URI.create(url).getRawPath();
        return path == null || path.isEmpty() ? "/" : path;
    }

    private static void checkUrl(String url, String key, boolean mustBeHttp) {
        try {
            URI u = new URI(url);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || u.getHost() == null) {
                throw new InvalidSpecException(key, mustBeHttp ? "expected an http(s) URL"
                        : "expected a path starting with / or an http(s) URL");
            }
        } catch (java.net.URISyntaxException e) {
            throw new InvalidSpecException(key, "not a valid URL");
        }
    }

    private static String sameSite(String value, String key, boolean strictAllowed) {
        String v = value == null || value.isEmpty() ? "lax" : value.toLowerCase(Locale.ROOT);
        if (!v.equals("lax") && !v.equals("none") && !(strictAllowed && v.equals("strict"))) {
            throw new InvalidSpecException(key, strictAllowed ? "expected lax, strict or none"
                    : "expected lax or none (a strict cookie would not come back from the provider)");
        }
        return v;
    }

    private static Duration positive(Duration d, Duration fallback, String key) {
        if (d == null) {
            return fallback;
        }
        if (d.isNegative() || d.isZero()) {
            throw new InvalidSpecException(key, "must be positive");
        }
        return d;
    }

    private static String required(String v, String key) {
        if (v == null || v.isBlank()) {
            throw new InvalidSpecException(key, "is required");
        }
        return v;
    }

    private static String or(String v, String fallback) {
        return v == null || v.isEmpty() ? fallback : v;
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v;
    }
}
