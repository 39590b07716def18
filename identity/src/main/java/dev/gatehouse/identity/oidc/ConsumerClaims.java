package dev.gatehouse.identity.oidc;

import dev.gatehouse.core.Consumer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which claims make the {@link Consumer}: shared by {@code oidc} and {@code oauth2Introspection}.
 *
 * @param id     the claim holding the consumer id; default {@code sub}
 * @param groups the claim holding the groups (a list, or a space-separated string); default {@code groups}
 * @param scopes the claim holding the scopes (a space-separated string or a list); default {@code scope}, then
 *               {@code scp} when {@code scope} is absent
 */
public record ConsumerClaims(String id, String groups, String scopes) {
    /** The defaults: {@code sub}, {@code groups}, {@code scope}/{@code scp}. */
    public static final ConsumerClaims DEFAULT = new ConsumerClaims(null, null, null);

    /**
     * Makes a consumer from verified claims.
     *
     * @param claims the claims (JSON types)
     * @param method the middleware kind that authenticated the caller
     * @return the consumer, or null when the id claim is missing or not a string
     */
    public Consumer toConsumer(Map<String, Object> claims, String method) {
        Object sub = claims.get(idClaim());
        if (!(sub instanceof String s) || s.isEmpty()) {
            return null;
        }
        return toConsumer(s, claims, method);
    }

    /**
     * Makes a consumer with a given id.
     *
     * @param consumerId the id
     * @param claims     the claims
     * @param method     the middleware kind
     * @return the consumer
     */
    public Consumer toConsumer(String consumerId, Map<String, Object> claims, String method) {
        Object scopeValue;
        if (scopes != null && !scopes.isEmpty()) {
            scopeValue = claims.get(scopes);
        } else {
            scopeValue = claims.containsKey("scope") ? claims.get("scope") : claims.get("scp");
        }
        return new Consumer(consumerId, strings(claims.get(groupsClaim())), strings(scopeValue), claims, null,
                method);
    }

    /** @return the id claim's name */
    public String idClaim() {
        return id == null || id.isEmpty() ? "sub" : id;
    }

    /** @return the groups claim's name */
    public String groupsClaim() {
        return groups == null || groups.isEmpty() ? "groups" : groups;
    }

    private static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof String s) {
            for (String part : s.trim().split("\\s+")) {
                if (!part.isEmpty()) {
                    out.add(part);
                }
            }
        } else if (value instanceof List<?> list) {
            for (Object o : list) {
                if (o != null) {
                    out.add(o.toString());
                }
            }
        }
        return out;
    }
}
