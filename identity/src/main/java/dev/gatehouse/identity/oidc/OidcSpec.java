package dev.gatehouse.identity.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code oidc}: browser login with the OpenID Connect authorization-code flow (PKCE, state, nonce) and an
 * encrypted session cookie. Key names follow Traefik Hub's OIDC middleware; see {@code docs/middlewares/oidc.md}.
 *
 * @param issuer                the provider's issuer URL; its discovery document is
 *                              {@code {issuer}/.well-known/openid-configuration}
 * @param clientId              the client id ({@code clientID} in Traefik Hub's spelling is accepted too)
 * @param clientSecret          the client secret; without it the client is public and relies on PKCE
 * @param secret                the key material for the session and state cookies, at least 32 bytes
 * @param redirectUrl           the callback URL, absolute or a path on the request's host
 * @param logoutUrl             a path (or URL) that ends the session; default none
 * @param postLogoutRedirectUrl where the provider sends the browser after logout
 * @param scopes                the scopes to ask for; default {@code openid}; {@code openid} is always added
 * @param authParams            extra authorization-request parameters (not the ones the flow sets)
 * @param pkce                  PKCE with S256; default true
 * @param session               the session cookie
 * @param stateCookie           the state cookie
 * @param forwardHeaders        request header to claim name, set on forwarded requests
 * @param consumerClaims        which claims make the Consumer (id, groups, scopes)
 * @param timeout               the limit on each call to the provider; default 10s
 * @param claims                a claims expression: not supported yet
 * @param csrf                  CSRF protection: not supported yet
 * @param loginUrl              a login path: not supported yet
 * @param postLoginRedirectUrl  used with {@code loginUrl}: not supported yet
 * @param disableLogin          not supported yet
 * @param backchannelLogoutUrl  back-channel logout: not supported yet
 * @param backchannelLogoutSessionsRequired back-channel logout: not supported yet
 * @param discoveryParams       extra discovery parameters: not supported yet
 */
public record OidcSpec(String issuer, String clientId, String clientSecret, String secret, String redirectUrl,
                       String logoutUrl, String postLogoutRedirectUrl, List<String> scopes,
                       Map<String, String> authParams, Boolean pkce, SessionSpec session,
                       StateCookieSpec stateCookie, Map<String, String> forwardHeaders,
                       ConsumerClaims consumerClaims, Duration timeout, JsonNode claims, JsonNode csrf,
                       JsonNode loginUrl, JsonNode postLoginRedirectUrl, JsonNode disableLogin,
                       JsonNode backchannelLogoutUrl, JsonNode backchannelLogoutSessionsRequired,
                       JsonNode discoveryParams) {
}
