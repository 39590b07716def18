package dev.gatehouse.router.internal;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** The matchers of the rule language, their argument counts and how users may spell their names. */
public enum MatcherKind {
    /** {@code Host(`example.com`)}. */
    HOST("Host", 1, 1, "Host(`example.com`)"),
    /** {@code HostRegexp(`regexp`)}. */
    HOST_REGEXP("HostRegexp", 1, 1, "HostRegexp(`regexp`)"),
    /** {@code Path(`/path`)}. */
    PATH("Path", 1, 1, "Path(`/path`)"),
    /** {@code PathPrefix(`/prefix`)}. */
    PATH_PREFIX("PathPrefix", 1, 1, "PathPrefix(`/prefix`)"),
    /** {@code PathRegexp(`regexp`)}. */
    PATH_REGEXP("PathRegexp", 1, 1, "PathRegexp(`regexp`)"),
    /** {@code Method(`GET`)}. */
    METHOD("Method", 1, 1, "Method(`GET`)"),
    /** {@code Header(`name`, `value`)}. */
    HEADER("Header", 2, 2, "Header(`name`, `value`)"),
    /** {@code HeaderRegexp(`name`, `regexp`)}. */
    HEADER_REGEXP("HeaderRegexp", 2, 2, "HeaderRegexp(`name`, `regexp`)"),
    /** {@code Query(`key`)} or {@code Query(`key`, `value`)}. */
    QUERY("Query", 1, 2, "Query(`key`) or Query(`key`, `value`)"),
    /** {@code QueryRegexp(`key`)} or {@code QueryRegexp(`key`, `regexp`)}. */
    QUERY_REGEXP("QueryRegexp", 1, 2, "QueryRegexp(`key`) or QueryRegexp(`key`, `regexp`)"),
    /** {@code ClientIP(`10.0.0.0/8`)}. */
    CLIENT_IP("ClientIP", 1, 1, "ClientIP(`10.0.0.0/8`)");

    private static final Map<String, MatcherKind> BY_SPELLING = new HashMap<>();
    private static final String ALL;

    static {
        StringBuilder all = new StringBuilder("one of ");
        for (MatcherKind k : values()) {
            // Traefik registers each matcher under four spellings: as documented, lower case, upper case, and
            // title case of the lower-case form (Pathprefix). Other spellings are unknown matchers.
            String lower = k.canonical.toLowerCase(Locale.ROOT);
            BY_SPELLING.put(k.canonical, k);
            BY_SPELLING.put(lower, k);
            BY_SPELLING.put(k.canonical.toUpperCase(Locale.ROOT), k);
            BY_SPELLING.put(Character.toUpperCase(lower.charAt(0)) + lower.substring(1), k);
            if (k.ordinal() > 0) {
                all.append(", ");
            }
            all.append(k.canonical);
        }
        ALL = all.toString();
    }

    private final String canonical;
    private final int minArgs;
    private final int maxArgs;
    private final String usage;

    MatcherKind(String canonical, int minArgs, int maxArgs, String usage) {
        this.canonical = canonical;
        this.minArgs = minArgs;
        this.maxArgs = maxArgs;
        this.usage = usage;
    }

    /**
     * Looks a matcher up by the name written in a rule.
     *
     * @param spelling the name as written
     * @return the matcher, or null when unknown
     */
    public static MatcherKind of(String spelling) {
        return BY_SPELLING.get(spelling);
    }

    /** @return "one of Host, HostRegexp, ..." for error messages */
    public static String allNames() {
        return ALL;
    }

    /** @return the documented name */
    public String canonical() {
        return canonical;
    }

    /** @return the fewest arguments accepted */
    public int minArgs() {
        return minArgs;
    }

    /** @return the most arguments accepted */
    public int maxArgs() {
        return maxArgs;
    }

    /** @return an example of correct use, for error messages */
    public String usage() {
        return usage;
    }
}
