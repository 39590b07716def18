package dev.gatehouse.policy.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Claim paths: Traefik Hub's dotted keys ({@code user.name}, {@code a\.b} for a key with a dot) and lookup. */
public final class ClaimPath {
    private ClaimPath() {
    }

    /**
     * Splits a Hub claim key on unescaped dots; {@code \.} is a dot inside a key and {@code \\} a backslash.
     *
     * @param key the key as written
     * @return the path, outermost key first
     * @throws IllegalArgumentException on a trailing or unknown escape, or an empty segment
     */
    public static List<String> parse(String key) {
        List<String> path = new ArrayList<>();
        StringBuilder seg = new StringBuilder();
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '\\') {
                if (i + 1 >= key.length() || (key.charAt(i + 1) != '.' && key.charAt(i + 1) != '\\')) {
                    throw new IllegalArgumentException("a backslash in a claim key must be followed by '.' or '\\'");
                }
                seg.append(key.charAt(++i));
            } else if (c == '.') {
                path.add(segment(seg));
                seg.setLength(0);
            } else {
                seg.append(c);
            }
        }
        path.add(segment(seg));
        return path;
    }

    private static String segment(StringBuilder seg) {
        if (seg.isEmpty()) {
            throw new IllegalArgumentException("a claim key has an empty part");
        }
        return seg.toString();
    }

    /**
     * Follows a path through nested objects.
     *
     * @param claims the claims
     * @param path   the keys, outermost first
     * @return the value, or null when a key is missing or an inner value is not an object
     */
    static Object lookup(Map<?, ?> claims, List<?> path) {
        Object cur = claims;
        for (Object key : path) {
            if (!(cur instanceof Map<?, ?> m)) {
                return null;
            }
            cur = m.get(key);
        }
        return cur;
    }
}
