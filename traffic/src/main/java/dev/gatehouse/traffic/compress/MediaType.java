package dev.gatehouse.traffic.compress;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A parsed {@code Content-Type}: lower-case type and parameters, compared the way Traefik compares them (a
 * configured type without parameters matches any parameters; with parameters, they must all be equal).
 *
 * @param type   such as {@code text/html}
 * @param params parameter names lower-case, values as sent (quotes removed)
 */
record MediaType(String type, Map<String, String> params) {
    private static final String TSPECIALS = "()<>@,;:\\\"/[]?=";

    /**
     * Parses a media type strictly.
     *
     * @param text the header value
     * @return the media type, or null when it does not parse
     */
    static MediaType parse(String text) {
        if (text == null) {
            return null;
        }
        String[] parts = text.split(";", -1);
        String type = baseOf(parts[0]);
        if (type.isEmpty()) {
            return null;
        }
        Map<String, String> params = new TreeMap<>();
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq <= 0) {
                return null;
            }
            String name = p.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = p.substring(eq + 1).trim();
            if (!isToken(name)) {
                return null;
            }
            if (value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"') {
                value = value.substring(1, value.length() - 1);
            } else if (!isToken(value)) {
                return null;
            }
            params.put(name, value);
        }
        return new MediaType(type, Map.copyOf(params));
    }

    /**
     * The type alone, lower-case, ignoring any parameters.
     *
     * @param text a header value
     * @return the type, or an empty string when it is not {@code token} or {@code token/token}
     */
    static String baseOf(String text) {
        if (text == null) {
            return "";
        }
        int semi = text.indexOf(';');
        String t = (semi < 0 ? text : text.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
        int slash = t.indexOf('/');
        boolean ok = slash < 0 ? isToken(t) : isToken(t.substring(0, slash)) && isToken(t.substring(slash + 1));
        return ok ? t : "";
    }

    /**
     * @param other a response's media type
     * @return true when this configured type covers it
     */
    boolean matches(MediaType other) {
        if (!type.equals(other.type)) {
            return false;
        }
        return params.isEmpty() || params.equals(other.params);
    }

    private static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c >= 0x7f || TSPECIALS.indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }
}
