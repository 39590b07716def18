package dev.gatehouse.identity.jwt;

import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Claim names as Traefik Hub writes them: a top-level name, or a dotted path into nested objects
 * ({@code user.name}); {@code \.} is a literal dot and {@code \\} a backslash.
 */
final class ClaimPaths {
    private ClaimPaths() {
    }

    /**
     * @param claims the claims as JSON types
     * @param name   the claim name or path
     * @return the value, or null
     */
    static Object lookup(Map<String, Object> claims, String name) {
        if (name == null) {
            return null;
        }
        Object direct = claims.get(name);
        if (direct != null || (name.indexOf('.') < 0 && name.indexOf('\\') < 0)) {
            return direct;
        }
        Object cur = claims;
        StringBuilder part = new StringBuilder();
        for (int i = 0; i <= name.length(); i++) {
            char c = i < name.length() ? name.charAt(i) : '.';
            if (c == '\\' && i + 1 < name.length()) {
                part.append(name.charAt(++i));
            } else if (c == '.') {
                if (!(cur instanceof Map<?, ?> m)) {
                    return null;
                }
                cur = m.get(part.toString());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        return cur;
    }

    /**
     * A claim value as a header value: strings as they are, numbers and booleans as text, arrays joined with
     * commas, objects as JSON-like text; null as an empty string.
     *
     * @param value the value
     * @return the text
     */
    static String headerValue(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof List<?> list) {
            StringJoiner j = new StringJoiner(",");
            for (Object o : list) {
                j.add(headerValue(o));
            }
            return j.toString();
        }
        if (value instanceof Map<?, ?> map) {
            return com.nimbusds.jose.util.JSONObjectUtils.toJSONString(castMap(map));
        }
        String s = String.valueOf(value);
        // A claim must not smuggle a header line break into the forwarded request.
        return s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0 ? s.replace('\r', ' ').replace('\n', ' ') : s;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> castMap(Map<?, ?> map) {
        return (Map<String, ?>) map;
    }
}
