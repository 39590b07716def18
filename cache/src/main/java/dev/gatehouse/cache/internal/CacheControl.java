package dev.gatehouse.cache.internal;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The directives of {@code Cache-Control} fields (RFC 9111 §5.2), names lower-cased, argument unquoted.
 * Several field lines combine as one comma-separated list; a directive seen twice keeps its first value.
 */
public final class CacheControl {
    /** No directives. */
    public static final CacheControl NONE = new CacheControl(Map.of());

    /** A delta-seconds argument past this is read as this (RFC 9111 §1.2.2: 2^31). */
    static final long MAX_DELTA = 2147483648L;

    private final Map<String, String> directives;

    private CacheControl(Map<String, String> directives) {
        this.directives = directives;
    }

    /**
     * Parses every {@code Cache-Control} field of a message.
     *
     * @param headers the message's headers
     * @return the directives
     */
    public static CacheControl of(HttpHeaders headers) {
        List<String> lines = headers.getAll(HttpHeaderNames.CACHE_CONTROL);
        if (lines.isEmpty()) {
            return NONE;
        }
        Map<String, String> out = new HashMap<>();
        for (String line : lines) {
            parseInto(line, out);
        }
        return new CacheControl(out);
    }

    /**
     * Parses one field value.
     *
     * @param value the value, such as {@code max-age=60, public}
     * @return the directives
     */
    public static CacheControl parse(String value) {
        Map<String, String> out = new HashMap<>();
        parseInto(value, out);
        return new CacheControl(out);
    }

    private static void parseInto(String line, Map<String, String> out) {
        int i = 0;
        int n = line.length();
        while (i < n) {
            int end = i;
            boolean quoted = false;
            while (end < n && (quoted || line.charAt(end) != ',')) {
                char c = line.charAt(end);
                if (c == '"') {
                    quoted = !quoted;
                } else if (c == '\\' && quoted) {
                    end++;
                }
                end++;
            }
            addDirective(line.substring(i, Math.min(end, n)).strip(), out);
            i = end + 1;
        }
    }

    private static void addDirective(String d, Map<String, String> out) {
        if (d.isEmpty()) {
            return;
        }
        int eq = d.indexOf('=');
        String name = (eq < 0 ? d : d.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
        String arg = eq < 0 ? "" : unquote(d.substring(eq + 1).strip());
        out.putIfAbsent(name, arg);
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && s.charAt(0) == '"' && s.charAt(s.length() - 1) == '"') {
            return s.substring(1, s.length() - 1).replace("\\", "");
        }
        return s;
    }

    /**
     * @param name a directive name, lower case
     * @return true when the directive is present, with or without an argument
     */
    public boolean has(String name) {
        return directives.containsKey(name);
    }

    /**
     * A delta-seconds argument.
     *
     * @param name a directive name, lower case
     * @return the seconds; -1 when the directive is absent; 0 when its argument is not a valid delta-seconds
     *         (RFC 9111 §4.2.1: invalid freshness information is read as stale)
     */
    public long seconds(String name) {
        String v = directives.get(name);
        if (v == null) {
            return -1;
        }
        if (v.isEmpty()) {
            return 0;
        }
        long total = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return 0;
            }
            total = Math.min(MAX_DELTA, total * 10 + (c - '0'));
        }
        return total;
    }

    /**
     * @param name a directive name, lower case
     * @return the raw argument, an empty string when it has none, or null when absent
     */
    public String argument(String name) {
        return directives.get(name);
    }

    @Override
    public String toString() {
        return directives.toString();
    }
}
