package dev.gatehouse.identity.oidc;

import java.time.Duration;

/**
 * {@code oidc.stateCookie}: the short-lived encrypted cookie that carries a login's state, nonce and PKCE verifier
 * from the redirect to the callback.
 *
 * @param name     the cookie name; default {@code gatehouse_oidc_state}
 * @param path     the cookie path; default {@code /}
 * @param domain   the cookie domain; default none (host-only)
 * @param secure   the {@code Secure} attribute; default: set when the request came over HTTPS
 * @param httpOnly the {@code HttpOnly} attribute; default true
 * @param sameSite {@code lax} or {@code none} ({@code strict} would not come back from the provider); default
 *                 {@code lax}
 * @param maxAge   how long a login may take; default 10m (a number is seconds)
 */
public record StateCookieSpec(String name, String path, String domain, Boolean secure, Boolean httpOnly,
                              String sameSite, Duration maxAge) {
}
