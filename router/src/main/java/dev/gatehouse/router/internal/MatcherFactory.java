package dev.gatehouse.router.internal;

import com.google.re2j.Pattern;
import dev.gatehouse.router.RuleSyntaxException;
import java.util.List;
import java.util.Locale;

/** Validates a matcher's arguments and compiles them, with Traefik v3's checks and our error messages. */
final class MatcherFactory {
    private MatcherFactory() {
    }

    /**
     * Builds a matcher.
     *
     * @param kind    the matcher
     * @param nameCol the 1-based column of the matcher's name
     * @param args    the decoded string arguments
     * @param argCols the 1-based column of each argument
     * @return the matcher
     * @throws RuleSyntaxException when an argument is invalid
     */
    static Matcher create(MatcherKind kind, int nameCol, List<String> args, List<Integer> argCols) {
        String name = kind.canonical();
        int n = args.size();
        if (n < kind.minArgs() || n > kind.maxArgs()) {
            String count = kind.minArgs() == kind.maxArgs()
                    ? kind.minArgs() + " argument" + (kind.minArgs() == 1 ? "" : "s")
                    : kind.minArgs() + " or " + kind.maxArgs() + " arguments";
            throw new RuleSyntaxException(name + " takes " + count + " but got " + n, nameCol, kind.usage());
        }
        for (int i = 0; i < n; i++) {
            if (args.get(i).isEmpty()) {
                throw new RuleSyntaxException("empty argument to " + name, argCols.get(i), "a non-empty string");
            }
        }
        String a0 = args.getFirst();
        int c0 = argCols.getFirst();
        return switch (kind) {
            case HOST -> new Matcher.Host(ascii(name, a0, c0).toLowerCase(Locale.ROOT));
            case HOST_REGEXP -> new Matcher.HostRegexp(regex(name, ascii(name, a0, c0), c0));
            case PATH -> new Matcher.Path(path(name, a0, c0));
            case PATH_PREFIX -> new Matcher.PathPrefix(path(name, a0, c0));
            case PATH_REGEXP -> new Matcher.PathRegexp(regex(name, a0, c0));
            case METHOD -> new Matcher.Method(a0.toUpperCase(Locale.ROOT));
            case HEADER -> new Matcher.Header(a0, args.get(1));
            case HEADER_REGEXP -> new Matcher.HeaderRegexp(a0, regex(name, args.get(1), argCols.get(1)));
            case QUERY -> new Matcher.Query(a0, n == 2 ? args.get(1) : "");
            case QUERY_REGEXP -> n == 1
                    ? new Matcher.Query(a0, "")
                    : new Matcher.QueryRegexp(a0, regex(name, args.get(1), argCols.get(1)));
            case CLIENT_IP -> new Matcher.ClientIp(ipRange(a0, c0));
        };
    }

    private static String ascii(String name, String value, int col) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) >= 0x80) {
                throw new RuleSyntaxException("non-ASCII character in " + name + " value \"" + value + "\"",
                        col, "an ASCII host name; write internationalised names in punycode (xn--...)");
            }
        }
        return value;
    }

    private static String path(String name, String value, int col) {
        if (value.charAt(0) != '/') {
            throw new RuleSyntaxException(name + " value \"" + value + "\" does not start with '/'", col,
                    "a path such as /" + value);
        }
        return value;
    }

    private static Pattern regex(String name, String value, int col) {
        try {
            return Pattern.compile(value);
        } catch (RuntimeException e) {
            // RE2J reports syntax errors as PatternSyntaxException; anything else it throws on odd input is
            // still a bad regex from the user's point of view, and parsing must not throw anything else.
            throw new RuleSyntaxException("invalid regular expression in " + name + ": " + e.getMessage(), col,
                    "RE2 syntax");
        }
    }

    private static IpRange ipRange(String value, int col) {
        IpRange range = IpRange.parse(value);
        if (range == null) {
            throw new RuleSyntaxException("invalid IP or CIDR \"" + value + "\" in ClientIP", col,
                    "an IP such as 10.0.0.1 or 2001:db8::1, or a CIDR such as 10.0.0.0/8");
        }
        return range;
    }
}
