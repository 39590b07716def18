package dev.gatehouse.identity.jwt;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.gatehouse.core.Consumer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Derives the {@link Consumer} from verified claims.
 *
 * @param consumerClaim the claim giving the id; when not configured, {@code sub}, then {@code client_id},
 *                      then {@code azp}
 * @param explicitId    whether {@code consumerClaim} was configured (then no fallback)
 * @param groupsClaim   the claim giving groups (a list, or one string)
 * @param planClaim     the claim giving the plan, or null
 */
record ConsumerMapping(String consumerClaim, boolean explicitId, String groupsClaim, String planClaim) {
    private static final List<String> ID_FALLBACKS = List.of("client_id", "azp");

    /**
     * @param claims the verified claims
     * @return the consumer, or null when no claim names the caller
     */
    Consumer toConsumer(JWTClaimsSet claims) {
        Map<String, Object> json = claims.toJSONObject();
        String id = text(ClaimPaths.lookup(json, consumerClaim));
        if (id == null && !explicitId) {
            for (String c : ID_FALLBACKS) {
                id = text(json.get(c));
                if (id != null) {
                    break;
                }
            }
        }
        if (id == null || id.isEmpty()) {
            return null;
        }
        String plan = planClaim == null ? null : text(ClaimPaths.lookup(json, planClaim));
        return new Consumer(id, strings(ClaimPaths.lookup(json, groupsClaim), false), scopes(json), json, plan,
                "jwt");
    }

    private static List<String> scopes(Map<String, Object> json) {
        Object scope = json.get("scope");
        if (scope != null) {
            return strings(scope, true);
        }
        return strings(json.get("scp"), true);
    }

    /** A list of strings from a JSON array, or from one string (split on spaces when asked). */
    private static List<String> strings(Object value, boolean splitSpaces) {
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object o : list) {
                String s = text(o);
                if (s != null && !s.isEmpty()) {
                    out.add(s);
                }
            }
        } else if (value instanceof String s) {
            if (splitSpaces) {
                for (String part : s.split(" ")) {
                    if (!part.isEmpty()) {
                        out.add(part);
                    }
                }
            } else if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    private static String text(Object value) {
        return value instanceof String || value instanceof Number || value instanceof Boolean
                ? String.valueOf(value) : null;
    }
}
