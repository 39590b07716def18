package dev.gatehouse.identity.introspection;

import dev.gatehouse.identity.oidc.ConsumerClaims;
import java.time.Duration;
import java.util.Map;

/**
 * {@code oauth2Introspection}: checks a Bearer token with an RFC 7662 introspection endpoint.
 *
 * @param url              the introspection endpoint (http or https)
 * @param clientId         the gateway's client id at the authorization server
 * @param clientSecret     its secret
 * @param authMethod       {@code client_secret_basic} (default) or {@code client_secret_post}
 * @param tokenTypeHint    the {@code token_type_hint} sent, such as {@code access_token}; default none
 * @param forwardHeaders   request header to claim name, set on forwarded requests
 * @param consumerClaims   which claims make the Consumer (id, groups, scopes)
 * @param cacheTtl         the longest an active answer is kept (never past the token's {@code exp}); default 60s;
 *                         0 disables caching
 * @param inactiveCacheTtl how long an inactive answer is kept; default 10s
 * @param timeout          the limit on each introspection call; default 5s
 */
public record IntrospectionSpec(String url, String clientId, String clientSecret, String authMethod,
                                String tokenTypeHint, Map<String, String> forwardHeaders,
                                ConsumerClaims consumerClaims, Duration cacheTtl, Duration inactiveCacheTtl,
                                Duration timeout) {
}
