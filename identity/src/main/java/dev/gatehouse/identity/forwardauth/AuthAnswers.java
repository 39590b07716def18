package dev.gatehouse.identity.forwardauth;

import dev.gatehouse.core.Body;
import dev.gatehouse.core.Consumer;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.RequestContext;
import dev.gatehouse.core.auth.AuthResult;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns the authentication server's answer into an {@link AuthResult}, the way Traefik reads it. */
final class AuthAnswers {
    /** The method recorded on the Consumer. */
    static final String METHOD = "forwardAuth";

    private final ForwardAuthSettings settings;

    AuthAnswers(ForwardAuthSettings settings) {
        this.settings = settings;
    }

    /**
     * @param ctx  the exchange
     * @param resp the server's answer
     * @return Success for a 2xx, else a Failure that answers with the server's response
     */
    AuthResult of(RequestContext ctx, java.net.http.HttpResponse<byte[]> resp) {
        int status = resp.statusCode();
        if (status < 200 || status >= 300) {
            return denied(resp);
        }
        java.net.http.HttpHeaders from = resp.headers();
        String id = settings.headerField() == null ? null : from.firstValue(settings.headerField()).orElse(null);
        Consumer consumer = new Consumer(id == null || id.isEmpty() ? settings.name() : id, List.of(), List.of(),
                Map.of(), null, METHOD);
        List<String> cookies = from.allValues("Set-Cookie");
        return new AuthResult.Success(consumer, req -> {
            HttpHeaders to = req.headers();
            for (String name : settings.authResponseHeaders()) {
                to.remove(name);
                List<String> values = from.allValues(name);
                if (!values.isEmpty()) {
                    to.add(name, values);
                }
            }
            if (settings.authResponseHeadersRegex() != null) {
                copyMatching(from, to);
            }
        }, cookies.isEmpty() || settings.authCookies().isEmpty() ? null
                : out -> AuthCookies.merge(settings.authCookies(), cookies, out));
    }

    private void copyMatching(java.net.http.HttpHeaders from, HttpHeaders to) {
        for (String name : List.copyOf(to.names())) {
            if (settings.authResponseHeadersRegex().matcher(HeaderNames.canonical(name)).find()) {
                to.remove(name);
            }
        }
        for (Map.Entry<String, List<String>> h : from.map().entrySet()) {
            String name = HeaderNames.canonical(h.getKey());
            if (!name.startsWith(":") && settings.authResponseHeadersRegex().matcher(name).find()) {
                to.set(name, h.getValue());
            }
        }
    }

    private AuthResult denied(java.net.http.HttpResponse<byte[]> resp) {
        HttpHeaders out = new DefaultHttpHeaders();
        for (Map.Entry<String, List<String>> h : resp.headers().map().entrySet()) {
            String lower = h.getKey().toLowerCase(Locale.ROOT);
            // The body is sent again by the gateway, which frames it itself.
            if (!lower.startsWith(":") && !HeaderNames.HOP_BY_HOP.contains(lower) && !lower.equals("content-length")) {
                out.add(HeaderNames.canonical(h.getKey()), h.getValue());
            }
        }
        String location = resp.headers().firstValue("Location").orElse(null);
        if (location != null && !location.isEmpty()) {
            try {
                out.set("Location", settings.preserveLocationHeader() ? new URI(location).toString()
                        : base().resolve(new URI(location)).toString());
            } catch (URISyntaxException | IllegalArgumentException e) {
                return failure("the authentication server's Location cannot be read", 500);
            }
        }
        int status = resp.statusCode();
        byte[] body = resp.body();
        return new AuthResult.Failure("authentication server answered " + status,
                () -> HttpResponse.of(status, out, body == null ? Body.empty() : Body.of(body)));
    }

    /** The address to resolve a relative {@code Location} against; an empty path reads as {@code /}. */
    private URI base() {
        URI a = settings.address();
        return a.getRawPath() == null || a.getRawPath().isEmpty() ? a.resolve("/") : a;
    }

    /**
     * A failure the gateway answers itself, with an empty body as Traefik does.
     *
     * @param reason for logs; never holds a credential
     * @param status the status
     * @return the failure
     */
    static AuthResult failure(String reason, int status) {
        return new AuthResult.Failure("forwardAuth: " + reason, () -> HttpResponse.of(status));
    }
}
