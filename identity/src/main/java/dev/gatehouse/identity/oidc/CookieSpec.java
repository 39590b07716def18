package dev.gatehouse.identity.oidc;

import java.time.Duration;

/**
 * The attributes of a cookie the middleware sets ({@code session} or {@code stateCookie}), resolved from config.
 *
 * @param name     the cookie name
 * @param path     the {@code Path}
 * @param domain   the {@code Domain}, or null for a host-only cookie
 * @param secure   {@code Secure}: true, false, or null for "when the request came over HTTPS"
 * @param httpOnly {@code HttpOnly}
 * @param sameSite {@code SameSite}: {@code lax}, {@code strict} or {@code none}
 * @param maxAge   the lifetime
 */
record CookieSpec(String name, String path, String domain, Boolean secure, boolean httpOnly, String sameSite,
                  Duration maxAge) {
    /**
     * Formats a {@code Set-Cookie} value.
     *
     * @param cookieName the cookie name (a chunk name for split sessions)
     * @param value      the value (base64url or JWE compact text: no quoting needed)
     * @param https      whether the request came over HTTPS
     * @param clear      true to delete the cookie
     * @return the header value
     */
    String format(String cookieName, String value, boolean https, boolean clear) {
        StringBuilder b = new StringBuilder(cookieName.length() + value.length() + 96);
        b.append(cookieName).append('=').append(clear ? "" : value).append("; Path=").append(path);
        if (domain != null) {
            b.append("; Domain=").append(domain);
        }
        b.append("; Max-Age=").append(clear ? 0 : maxAge.toSeconds());
        if (secure == null ? https || "none".equals(sameSite) : secure) {
            b.append("; Secure");
        }
        if (httpOnly) {
            b.append("; HttpOnly");
        }
        b.append("; SameSite=").append(Character.toUpperCase(sameSite.charAt(0))).append(sameSite.substring(1));
        return b.toString();
    }
}
