package dev.gatehouse.upstream.internal;

import dev.gatehouse.config.dynamic.StickySpec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.cookie.CookieHeaderNames;
import io.netty.handler.codec.http.cookie.DefaultCookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.netty.handler.codec.http.cookie.ServerCookieEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Traefik's sticky cookie. The name defaults to {@code _} plus the first five hex digits of
 * SHA-1({@code "_TRAEFIK_BACKEND_" + service name}); a configured name is sanitised to RFC 2616 token
 * characters. The value is the first 16 hex digits of SHA-256 of the target's name (a server's URL or a child
 * service's name), so it does not reveal internal addresses.
 */
public final class StickyCookie {
    private final String name;
    private final boolean secure;
    private final boolean httpOnly;
    private final CookieHeaderNames.SameSite sameSite;
    private final int maxAge;
    private final String path;
    private final String domain;

    /**
     * @param spec        the cookie settings, or null for the defaults
     * @param serviceName the qualified service name the default name derives from
     */
    public StickyCookie(StickySpec.CookieSpec spec, String serviceName) {
        StickySpec.CookieSpec c = spec == null ? new StickySpec.CookieSpec(null, null, null, null, null, null, null) : spec;
        this.name = c.name() == null || c.name().isEmpty() ? defaultName(serviceName) : sanitize(c.name());
        this.secure = Boolean.TRUE.equals(c.secure());
        this.httpOnly = Boolean.TRUE.equals(c.httpOnly());
        this.sameSite = sameSite(c.sameSite());
        this.maxAge = c.maxAge() == null ? 0 : c.maxAge();
        this.path = c.path() == null ? "/" : c.path();
        this.domain = c.domain();
    }

    /** @return the cookie name */
    public String name() {
        return name;
    }

    /**
     * @param requestHeaders the request's headers
     * @return the cookie's value in the request, or null
     */
    public String valueIn(HttpHeaders requestHeaders) {
        for (String header : requestHeaders.getAll(HttpHeaderNames.COOKIE)) {
            for (var cookie : ServerCookieDecoder.LAX.decode(header)) {
                if (cookie.name().equals(name)) {
                    return cookie.value();
                }
            }
        }
        return null;
    }

    /**
     * Adds the Set-Cookie header that pins the client to a target.
     *
     * @param responseHeaders the response headers
     * @param value           the target's sticky value
     */
    public void set(HttpHeaders responseHeaders, String value) {
        DefaultCookie cookie = new DefaultCookie(name, value);
        cookie.setPath(path);
        if (domain != null && !domain.isEmpty()) {
            cookie.setDomain(domain);
        }
        cookie.setSecure(secure);
        cookie.setHttpOnly(httpOnly);
        cookie.setSameSite(sameSite);
        if (maxAge > 0) {
            cookie.setMaxAge(maxAge);
        } else if (maxAge < 0) {
            // Go writes Max-Age=0 for a negative MaxAge: delete the cookie now.
            cookie.setMaxAge(0);
        }
        responseHeaders.add(HttpHeaderNames.SET_COOKIE, ServerCookieEncoder.LAX.encode(cookie));
    }

    /**
     * @param target a server URL or child service name
     * @return the first 16 hex digits of its SHA-256
     */
    public static String hash(String target) {
        return HexFormat.of().formatHex(digest("SHA-256", target)).substring(0, 16);
    }

    static String defaultName(String serviceName) {
        return ("_" + HexFormat.of().formatHex(digest("SHA-1", "_TRAEFIK_BACKEND_" + serviceName))).substring(0, 6);
    }

    private static byte[] digest(String alg, String in) {
        try {
            return MessageDigest.getInstance(alg).digest(in.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sanitize(String n) {
        StringBuilder b = new StringBuilder(n.length());
        for (char ch : n.toCharArray()) {
            boolean ok = ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9'
                    || "!#$%&'*+-.^`|~".indexOf(ch) >= 0;
            b.append(ok ? ch : '_');
        }
        return b.toString();
    }

    private static CookieHeaderNames.SameSite sameSite(String s) {
        if (s == null) {
            return null;
        }
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "none" -> CookieHeaderNames.SameSite.None;
            case "lax" -> CookieHeaderNames.SameSite.Lax;
            case "strict" -> CookieHeaderNames.SameSite.Strict;
            default -> null;
        };
    }
}
