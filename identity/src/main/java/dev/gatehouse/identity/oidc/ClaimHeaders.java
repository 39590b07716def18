package dev.gatehouse.identity.oidc;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.gatehouse.core.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code forwardHeaders}: request headers set from claims (header name to claim name). Headers of these names
 * that the client sent are always removed first, so a client cannot pose as someone else.
 *
 * @param mapping header name to claim name, in config order
 */
public record ClaimHeaders(Map<String, String> mapping) {
    /**
     * Copies the mapping.
     *
     * @param mapping header name to claim name; null for none
     */
    public ClaimHeaders {
        mapping = mapping == null ? Map.of() : Map.copyOf(mapping);
    }

    /**
     * Removes the client's own copies of the headers and sets them from the claims.
     *
     * @param req    the request about to go on
     * @param claims the verified claims
     */
    public void apply(HttpRequest req, Map<String, Object> claims) {
        for (Map.Entry<String, String> e : mapping.entrySet()) {
            req.headers().remove(e.getKey());
            String value = render(claims.get(e.getValue()));
            if (value != null) {
                req.headers().set(e.getKey(), value);
            }
        }
    }

    /**
     * Renders a claim as a header value: strings as they are, lists joined with commas, objects as JSON.
     *
     * @param value the claim value
     * @return the header value, or null when the claim is absent
     */
    static String render(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof List<?> list) {
            List<String> parts = new ArrayList<>(list.size());
            for (Object o : list) {
                parts.add(String.valueOf(o));
            }
            return String.join(",", parts);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> json = new java.util.LinkedHashMap<>();
            map.forEach((k, v) -> json.put(String.valueOf(k), v));
            return JSONObjectUtils.toJSONString(json);
        }
        String s = value.toString();
        // Header values must not carry line breaks; a claim that has them is dropped rather than split.
        return s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0 ? null : s;
    }
}
