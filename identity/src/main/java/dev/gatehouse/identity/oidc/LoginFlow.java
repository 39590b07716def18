package dev.gatehouse.identity.oidc;

import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.auth.AuthResult;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The authorization-code flow: the redirect to the provider and the callback.
 *
 * <pre>
 *  start:    state, nonce, PKCE verifier ─seal─▶ state cookie;  302 ─▶ authorization_endpoint?...&state&nonce
 *  callback: state cookie ─open─▶ compare state, first use ─▶ POST token (code, verifier)
 *            ─▶ verify id_token (JWKS, iss, aud, exp, nonce) ─▶ session cookie; 302 ─▶ the page the login began on
 * </pre>
 */
final class LoginFlow {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final OidcSettings settings;
    private final OidcProvider provider;
    private final IdTokenVerifier verifier;
    private final Sealer stateSealer;
    private final CookieSpec stateCookie;
    private final SessionStore sessions;

    LoginFlow(OidcSettings settings, OidcProvider provider, IdTokenVerifier verifier, Sealer stateSealer,
              CookieSpec stateCookie, SessionStore sessions) {
        this.settings = settings;
        this.provider = provider;
        this.verifier = verifier;
        this.stateSealer = stateSealer;
        this.stateCookie = stateCookie;
        this.sessions = sessions;
    }

    /** @return the state cookie's spec */
    CookieSpec stateCookie() {
        return stateCookie;
    }

    /**
     * Builds the redirect to the provider.
     *
     * @param md      the provider's metadata
     * @param req     the request that needs a login
     * @param cookies {@code Set-Cookie} values to send as well (clearing a bad session)
     * @return the 302
     */
    HttpResponse start(ProviderMetadata md, HttpRequest req, List<String> cookies) {
        String state = random();
        String nonce = random();
        String codeVerifier = random();
        Map<String, Object> sealed = new LinkedHashMap<>();
        sealed.put("iss", settings.issuer());
        sealed.put("st", state);
        sealed.put("n", nonce);
        sealed.put("v", codeVerifier);
        sealed.put("u", req.uri());
        sealed.put("exp", System.currentTimeMillis() / 1000 + stateCookie.maxAge().toSeconds());
        Map<String, String> q = new LinkedHashMap<>();
        q.put("response_type", "code");
        q.put("client_id", settings.clientId());
        q.put("redirect_uri", Responses.absolute(settings.redirectUrl(), req));
        q.put("scope", settings.scope());
        q.put("state", state);
        q.put("nonce", nonce);
        if (settings.pkce()) {
            q.put("code_challenge", challenge(codeVerifier));
            q.put("code_challenge_method", "S256");
        }
        settings.authParams().forEach(q::putIfAbsent);
        StringBuilder url = new StringBuilder(md.authorizationEndpoint());
        char sep = md.authorizationEndpoint().indexOf('?') >= 0 ? '&' : '?';
        for (Map.Entry<String, String> e : q.entrySet()) {
            url.append(sep).append(enc(e.getKey())).append('=').append(enc(e.getValue()));
            sep = '&';
        }
        List<String> setCookies = new ArrayList<>(cookies);
        setCookies.add(stateCookie.format(stateCookie.name(), stateSealer.seal(sealed), Responses.https(req), false));
        return Responses.redirect(url.toString(), setCookies);
    }

    /**
     * Handles the provider's redirect back.
     *
     * @param req     the callback request
     * @param cookies the request's cookies
     * @return a failure whose response is the 302 into the application, or an error
     */
    AuthResult callback(HttpRequest req, Map<String, String> cookies) {
        boolean https = Responses.https(req);
        List<String> clearState = List.of(stateCookie.format(stateCookie.name(), "", https, true));
        Map<String, List<String>> params = new QueryStringDecoder(req.uri()).parameters();
        if (params.containsKey("error")) {
            return deny("provider refused the login: " + printable(first(params, "error")), clearState);
        }
        String code = first(params, "code");
        String state = first(params, "state");
        if (code == null || state == null) {
            return deny("callback without a single code and state", clearState);
        }
        Map<String, Object> sealed = stateSealer.open(cookies.get(stateCookie.name()));
        if (sealed == null || !settings.issuer().equals(sealed.get("iss"))
                || !(sealed.get("exp") instanceof Number exp) || exp.longValue() <= System.currentTimeMillis() / 1000) {
            return deny("missing, foreign or expired state cookie", clearState);
        }
        if (!IdTokenVerifier.constantTimeEquals(state, sealed.get("st"))) {
            return deny("state does not match the login", clearState);
        }
        if (!provider.firstUse(state)) {
            return deny("state already used", clearState);
        }
        return new AuthResult.Pending(complete(req, cookies, code, sealed, clearState));
    }

    /** Exchanges the code, checks the ID token and answers with the session cookie. */
    private CompletableFuture<AuthResult> complete(HttpRequest req, Map<String, String> cookies, String code,
                                                   Map<String, Object> sealed, List<String> clearState) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", Responses.absolute(settings.redirectUrl(), req));
        if (settings.pkce()) {
            form.put("code_verifier", (String) sealed.get("v"));
        }
        String nonce = (String) sealed.get("n");
        String target = safeTarget(sealed.get("u"));
        return provider.token(form)
                .thenCompose(token -> verifier.verify(idToken(token), nonce).thenApply(claims -> {
                    Session session = SessionStore.fromTokens(claims, token, null, settings.sessionExpiry());
                    List<String> setCookies = new ArrayList<>(sessions.write(session, cookies, req));
                    setCookies.addAll(clearState);
                    return (AuthResult) new AuthResult.Failure("oidc login completed",
                            () -> Responses.redirect(target, setCookies));
                }))
                .exceptionally(err -> failure(err, clearState));
    }

    /**
     * Maps a provider failure: unavailable is 503, anything else 401.
     *
     * @param err        the failure
     * @param setCookies cookies to clear
     * @return the result
     */
    static AuthResult failure(Throwable err, List<String> setCookies) {
        Throwable cause = err instanceof java.util.concurrent.CompletionException && err.getCause() != null
                ? err.getCause() : err;
        if (ProviderException.isUnavailable(cause)) {
            return new AuthResult.Failure("oidc provider unavailable: " + cause.getMessage(),
                    () -> Responses.error(503, "Service Unavailable\n", setCookies));
        }
        return deny(cause.getMessage(), setCookies);
    }

    static AuthResult deny(String reason, List<String> setCookies) {
        return new AuthResult.Failure("oidc: " + reason, () -> Responses.error(401, "Unauthorized\n", setCookies));
    }

    static String idToken(Map<String, Object> token) {
        if (token.get("id_token") instanceof String s) {
            return s;
        }
        throw new ProviderException("token response has no id_token", false);
    }

    /** Only a local path goes back into the redirect: never another host (no open redirect). */
    private static String safeTarget(Object uri) {
        if (uri instanceof String s && s.startsWith("/") && !s.startsWith("//") && s.indexOf('\\') < 0) {
            return s;
        }
        return "/";
    }

    /** The provider's error code, as it goes into logs: short and printable ASCII only. */
    private static String printable(String s) {
        if (s == null) {
            return "(several or none)";
        }
        String cut = s.length() > 64 ? s.substring(0, 64) : s;
        return cut.replaceAll("[^\\x21-\\x7e]", "?");
    }

    private static String first(Map<String, List<String>> params, String name) {
        List<String> v = params.get(name);
        return v == null || v.size() != 1 ? null : v.get(0);
    }

    private static String random() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return B64.encodeToString(b);
    }

    static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return B64.encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
