package dev.gatehouse.identity.oidc;

import java.time.Duration;
import java.util.Map;

/**
 * An {@code oidc} middleware's resolved settings: the spec with defaults applied and URLs split into what the
 * request path is matched against.
 *
 * @param issuer                the issuer
 * @param clientId              the client id
 * @param scope                 the {@code scope} parameter (space-separated, with {@code openid})
 * @param authParams            extra authorization-request parameters
 * @param pkce                  whether PKCE (S256) is used
 * @param redirectUrl           the callback as configured: absolute, or a path on the request's host
 * @param callbackPath          the callback's path
 * @param logoutPath            the logout path, or null
 * @param postLogoutRedirectUrl where the provider sends the browser after logout, or null
 * @param sessionExpiry         how long a session lasts
 * @param refresh               whether expired logins are refreshed
 * @param claimHeaders          {@code forwardHeaders}
 * @param consumerClaims        which claims make the Consumer
 */
record OidcSettings(String issuer, String clientId, String scope, Map<String, String> authParams, boolean pkce,
                    String redirectUrl, String callbackPath, String logoutPath, String postLogoutRedirectUrl,
                    Duration sessionExpiry, boolean refresh, ClaimHeaders claimHeaders,
                    ConsumerClaims consumerClaims) {
}
