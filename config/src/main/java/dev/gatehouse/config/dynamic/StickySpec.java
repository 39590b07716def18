package dev.gatehouse.config.dynamic;

/**
 * {@code sticky}: keeps a client on one server (or child service) through a cookie.
 *
 * @param cookie the cookie settings
 */
public record StickySpec(CookieSpec cookie) {
    /**
     * {@code sticky.cookie}.
     *
     * @param name     the cookie name (default: a name derived from the service's name)
     * @param secure   the Secure attribute
     * @param httpOnly the HttpOnly attribute
     * @param sameSite {@code none}, {@code lax} or {@code strict}
     * @param maxAge   Max-Age in seconds; 0 means a session cookie, negative means expire now
     * @param path     the Path attribute (default {@code /})
     * @param domain   the Domain attribute
     */
    public record CookieSpec(String name, Boolean secure, Boolean httpOnly, String sameSite, Integer maxAge,
                             String path, String domain) {
    }
}
