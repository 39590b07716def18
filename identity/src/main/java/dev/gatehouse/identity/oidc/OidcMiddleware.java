package dev.gatehouse.identity.oidc;

import dev.gatehouse.core.Consumer;
import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.RequestContext;
import dev.gatehouse.core.auth.AuthenticationMiddleware;
import dev.gatehouse.core.auth.AuthResult;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * {@code oidc}: lets a browser in with an OpenID Connect login and an encrypted session cookie.
 *
 * <pre>
 *  callback path ─▶ LoginFlow.callback (answered here, never forwarded)
 *  logout path ──▶ clear session ─▶ 302 end_session_endpoint (or postLogoutRedirectUrl)
 *  session valid ─▶ Success(Consumer from claims; forwardHeaders; session cookies removed)
 *  login expired ─▶ refresh token ─▶ go on; the response carries the new session cookie
 *  no session ───▶ challenge: browser GET 302 to the provider, anything else 401
 * </pre>
 */
public final class OidcMiddleware extends AuthenticationMiddleware {
    /** The Consumer's method. */
    static final String METHOD = "oidc";

    private final OidcSettings settings;
    private final OidcProvider provider;
    private final IdTokenVerifier verifier;
    private final SessionStore sessions;
    private final LoginFlow login;
    private final Set<String> ownCookies;

    OidcMiddleware(OidcSettings settings, OidcProvider provider, SessionStore sessions, LoginFlow login,
                   IdTokenVerifier verifier) {
        this.settings = settings;
        this.provider = provider;
        this.sessions = sessions;
        this.login = login;
        this.verifier = verifier;
        Set<String> names = new java.util.HashSet<>(sessions.cookies().names());
        names.add(login.stateCookie().name());
        this.ownCookies = Set.copyOf(names);
    }

    @Override
    public AuthResult authenticate(RequestContext ctx, HttpRequest req) {
        Map<String, String> cookies = Cookies.parse(req);
        String path = req.path();
        if (path.equals(settings.callbackPath())) {
            return login.callback(req, cookies);
        }
        if (path.equals(settings.logoutPath())) {
            return logout(req, cookies);
        }
        Session session = sessions.read(cookies);
        if (session == null) {
            if (sessions.present(cookies)) {
                // Tampered, foreign or ended: never let it through; drop it and log in again.
                return new AuthResult.Failure("oidc: invalid or expired session cookie",
                        () -> loginOrDeny(ctx, req, sessions.cookies().clear(cookies, Responses.https(req))));
            }
            return AuthResult.ABSENT;
        }
        if (session.accessExpires() > System.currentTimeMillis() / 1000) {
            return success(session);
        }
        if (settings.refresh() && session.refreshToken() != null) {
            return refresh(req, cookies, session);
        }
        return new AuthResult.Failure("oidc: login expired",
                () -> loginOrDeny(ctx, req, sessions.cookies().clear(cookies, Responses.https(req))));
    }

    @Override
    public HttpResponse challenge(RequestContext ctx, HttpRequest req) {
        return loginOrDeny(ctx, req, List.of());
    }

    private HttpResponse loginOrDeny(RequestContext ctx, HttpRequest req, List<String> setCookies) {
        if (!Responses.browserNavigation(req)) {
            return Responses.error(401, "Unauthorized\n", setCookies);
        }
        HttpResponse pending = HttpResponse.pending();
        EventLoop loop = ctx.eventLoop();
        provider.metadata().whenComplete((md, err) -> loop.execute(() -> {
            if (err != null) {
                ctx.errorDetail("oidc provider unavailable: " + rootMessage(err));
                pending.completeWith(Responses.error(503, "Service Unavailable\n", List.of()));
            } else {
                pending.completeWith(login.start(md, req, setCookies));
            }
        }));
        return pending;
    }

    private AuthResult success(Session session) {
        Consumer consumer = settings.consumerClaims().toConsumer(session.claims(), METHOD);
        if (consumer == null) {
            return LoginFlow.deny("session has no " + settings.consumerClaims().idClaim() + " claim", List.of());
        }
        Map<String, Object> claims = session.claims();
        return new AuthResult.Success(consumer, r -> {
            Cookies.remove(r, ownCookies);
            settings.claimHeaders().apply(r, claims);
        });
    }

    private AuthResult refresh(HttpRequest req, Map<String, String> cookies, Session old) {
        CompletableFuture<AuthResult> done = refreshed(old, 0).thenApply(fresh -> {
            // The request goes on with the refreshed claims and its response carries the new session cookie.
            List<String> setCookies = sessions.write(fresh, cookies, req);
            AuthResult result = success(fresh);
            return result instanceof AuthResult.Success s
                    ? (AuthResult) new AuthResult.Success(s.consumer(), s.edit(),
                            resp -> resp.headers().add(HttpHeaderNames.SET_COOKIE, setCookies))
                    : result;
        }).exceptionally(err -> ProviderException.isUnavailable(err)
                ? LoginFlow.failure(err, List.of())
                : new AuthResult.Failure("oidc: refresh refused",
                        () -> Responses.error(401, "Unauthorized\n", sessions.cookies().clear(cookies,
                                Responses.https(req)))));
        return new AuthResult.Pending(done);
    }

    /** Refreshes once per refresh token; a shared outcome that has itself expired is refreshed in turn. */
    private CompletableFuture<Session> refreshed(Session old, int depth) {
        return provider.refreshOnce(old.refreshToken(), () -> exchange(old)).thenCompose(fresh ->
                fresh.accessExpires() > System.currentTimeMillis() / 1000 || depth >= 2
                        || fresh.refreshToken() == null
                        ? CompletableFuture.completedFuture(fresh) : refreshed(fresh, depth + 1));
    }

    private CompletableFuture<Session> exchange(Session old) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", old.refreshToken());
        return provider.token(form).thenCompose(token -> {
            CompletableFuture<Map<String, Object>> claims = token.get("id_token") instanceof String idt
                    ? verifier.verify(idt, null) : CompletableFuture.completedFuture(old.claims());
            return claims.thenApply(c -> {
                if (!java.util.Objects.equals(c.get("sub"), old.claims().get("sub"))) {
                    throw new ProviderException("refreshed id_token is for another subject", false);
                }
                return SessionStore.fromTokens(c, token, old, settings.sessionExpiry());
            });
        });
    }

    private AuthResult logout(HttpRequest req, Map<String, String> cookies) {
        Session session = sessions.read(cookies);
        List<String> clear = new ArrayList<>(sessions.cookies().clear(cookies, Responses.https(req)));
        String after = settings.postLogoutRedirectUrl() == null ? null
                : Responses.absolute(settings.postLogoutRedirectUrl(), req);
        CompletableFuture<AuthResult> done = provider.metadata().handle((md, err) -> {
            String location;
            if (md != null && md.endSessionEndpoint() != null) {
                StringBuilder url = new StringBuilder(md.endSessionEndpoint());
                char sep = md.endSessionEndpoint().indexOf('?') >= 0 ? '&' : '?';
                url.append(sep).append("client_id=").append(enc(settings.clientId()));
                if (session != null && session.idToken() != null) {
                    url.append("&id_token_hint=").append(enc(session.idToken()));
                }
                if (after != null) {
                    url.append("&post_logout_redirect_uri=").append(enc(after));
                }
                location = url.toString();
            } else {
                location = after == null ? "/" : after;
            }
            return new AuthResult.Failure("oidc logout", () -> Responses.redirect(location, clear));
        });
        return new AuthResult.Pending(done);
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null) {
            c = c.getCause();
        }
        return c.getMessage();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
