package dev.gatehouse.identity.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/**
 * {@code oidc.session}: the encrypted session cookie.
 *
 * @param name     the cookie name (chunks add {@code _1}, {@code _2}, ...); default {@code gatehouse_session}
 * @param path     the cookie path; default {@code /}
 * @param domain   the cookie domain; default none (host-only)
 * @param secure   the {@code Secure} attribute; default: set when the request came over HTTPS
 * @param httpOnly the {@code HttpOnly} attribute; default true
 * @param sameSite {@code lax}, {@code strict} or {@code none}; default {@code lax}
 * @param expiry   how long a session lasts from login; default 24h (a number is seconds)
 * @param refresh  whether an expired login is renewed with the refresh token; default true
 * @param sliding  extending the session on use: only {@code false} is supported yet
 * @param store    a server-side session store: not supported yet
 */
public record SessionSpec(String name, String path, String domain, Boolean secure, Boolean httpOnly,
                          String sameSite, Duration expiry, Boolean refresh, Boolean sliding, JsonNode store) {
}
