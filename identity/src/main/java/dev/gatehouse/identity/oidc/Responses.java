package dev.gatehouse.identity.oidc;

import dev.gatehouse.core.Body;
import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.HttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;

/** The responses the {@code oidc} middleware answers with by itself. */
final class Responses {
    private Responses() {
    }

    /**
     * A {@code 302 Found} that no cache keeps.
     *
     * @param location   the target
     * @param setCookies {@code Set-Cookie} values
     * @return the response
     */
    static HttpResponse redirect(String location, List<String> setCookies) {
        HttpHeaders h = new DefaultHttpHeaders();
        h.set(HttpHeaderNames.LOCATION, location);
        h.set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        for (String c : setCookies) {
            h.add(HttpHeaderNames.SET_COOKIE, c);
        }
        return HttpResponse.of(302, h, Body.empty());
    }

    /**
     * A plain-text error that clears cookies.
     *
     * @param status     the status
     * @param text       the body
     * @param setCookies {@code Set-Cookie} values
     * @return the response
     */
    static HttpResponse error(int status, String text, List<String> setCookies) {
        HttpResponse r = HttpResponse.text(status, text);
        r.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        for (String c : setCookies) {
            r.headers().add(HttpHeaderNames.SET_COOKIE, c);
        }
        return r;
    }

    /**
     * Resolves a configured URL against the request: an absolute URL stays, a path gets the request's scheme
     * and host.
     *
     * @param url the configured URL
     * @param req the request
     * @return the absolute URL
     */
    static String absolute(String url, HttpRequest req) {
        if (url.startsWith("http://") || url.startsWith("https://")) {
            return url;
        }
        return req.scheme() + "://" + req.authority() + (url.startsWith("/") ? url : "/" + url);
    }

    /**
     * Whether a request comes from a browser that can follow a login redirect: a GET or HEAD whose
     * {@code Accept} is absent or names HTML, and which is not an XHR.
     *
     * @param req the request
     * @return true to redirect, false to answer 401
     */
    static boolean browserNavigation(HttpRequest req) {
        String method = req.method().name();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return false;
        }
        if ("XMLHttpRequest".equalsIgnoreCase(req.headers().get("X-Requested-With"))) {
            return false;
        }
        String accept = req.headers().get(HttpHeaderNames.ACCEPT);
        return accept == null || accept.contains("text/html") || accept.contains("application/xhtml+xml");
    }

    /**
     * Whether the request came over HTTPS, for the cookies' default {@code Secure}.
     *
     * @param req the request
     * @return true for https
     */
    static boolean https(HttpRequest req) {
        return "https".equalsIgnoreCase(req.scheme());
    }
}
