package dev.gatehouse.router.internal;

import com.google.re2j.Pattern;
import java.util.List;

/**
 * One matcher of the rule language with its compiled arguments. The semantics follow Traefik v3; each record
 * says where it differs from a naive reading. Regular expressions are RE2 (linear time) and, as in Traefik,
 * unanchored: {@code PathRegexp(`/api`)} matches {@code /v1/api/x}; write {@code ^} and {@code $} to anchor.
 */
public sealed interface Matcher {
    /**
     * Tests the request.
     *
     * @param in the request view
     * @return true when the request matches
     */
    boolean test(MatchInput in);

    /**
     * {@code Host(`example.com`)}: the request host, lower-case and without port, equals the (lower-cased)
     * argument. A single trailing dot on either side is ignored, as in Traefik. No host never matches.
     *
     * @param host the lower-case host
     */
    record Host(String host) implements Matcher {
        @Override
        public boolean test(MatchInput in) {
            return hostMatches(host, in.host());
        }

        /**
         * The Host comparison, shared with the index so both agree.
         *
         * @param host    the rule's lower-case host
         * @param reqHost the request's lower-case host
         * @return true when they match
         */
        public static boolean hostMatches(String host, String reqHost) {
            if (reqHost.isEmpty()) {
                return false;
            }
            if (reqHost.equals(host)) {
                return true;
            }
            int h = host.length() - 1;
            if (h >= 0 && host.charAt(h) == '.' && reqHost.length() == h && host.startsWith(reqHost)) {
                return true;
            }
            int r = reqHost.length() - 1;
            return reqHost.charAt(r) == '.' && host.length() == r && reqHost.startsWith(host);
        }
    }

    /**
     * {@code HostRegexp(`^.+\.example\.com$`)}: the regex finds a match in the lower-case, port-less host.
     *
     * @param regex the compiled regex
     */
    record HostRegexp(Pattern regex) implements Matcher {
        @Override
        public boolean test(MatchInput in) {
            return regex.matcher(in.host()).find();
        }
    }

    /**
     * {@code Path(`/css`)}: the routing path equals the argument.
     *
     * @param path the path
     */
    record Path(String path) implements Matcher {
        @Override
        public boolean test(MatchInput in) {
            return in.path().equals(path);
        }
    }

    /**
     * {@code PathPrefix(`/css`)}: the routing path starts with the argument (character-wise: {@code /css}
     * also matches {@code /cssx}).
     *
     * @param prefix the prefix
     */
    record PathPrefix(String prefix) implements Matcher {
        @Override
        public boolean test(MatchInput in) {
            return in.path().startsWith(prefix);
        }
    }

    /**
     * {@code PathRegexp(`^/(css|js)/`)}: the regex finds a match in the routing path.
     *
     * @param regex the compiled regex
     */
    record PathRegexp(Pattern regex) implements Matcher {
        @Override
        public boolean test(MatchInput in) {
            return regex.matcher(in.path()).find();
        }
    }

    /**
     * {@code Method(`GET`)}: the request method equals the upper-cased argument (the request's method is not
     * upper-cased: a request with method {@code get} does not match).
     *
     * @param method the upper-case method
     */
    record Method(String method) implements Matcher {
        @Override
        public boolean test(MatchInput in) {
            return in.method().equals(method);
        }
    }

    /**
     * {@code Header(`X-Forwarded-Proto`, `https`)}: one of the header's values equals the argument exactly.
     * Header names compare case-insensitively. {@code Host} is not a header here, as in Traefik.
     *
     * @param name  the header name
     * @param value the expected value
     */
    record Header(String name, String value) implements Matcher {
        @Override
        public boolean test(MatchInput in) {
            for (String v : in.headerValues(name)) {
                if (v.equals(value)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * {@code HeaderRegexp(`X-Forwarded-Proto`, `^https?$`)}: the regex finds a match in one of the values.
     *
     * @param name  the header name
     * @param regex the compiled regex
     */
    record HeaderRegexp(String name, Pattern regex) implements Matcher {
        @Override
        public boolean test(MatchInput in) {
            for (String v : in.headerValues(name)) {
                if (regex.matcher(v).find()) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * {@code Query(`q`, `traefik`)}: the decoded parameter has the value among its values.
     * {@code Query(`mobile`)} means value "" ({@code ?mobile} or {@code ?mobile=}).
     *
     * @param key   the decoded key
     * @param value the decoded value, "" for the one-argument form
     */
    record Query(String key, String value) implements Matcher {
        @Override
        public boolean test(MatchInput in) {
            List<String> values = in.query().values(key);
            return values != null && values.contains(value);
        }
    }

    /**
     * {@code QueryRegexp(`q`, `^(a|b)$`)}: the regex finds a match in one of the parameter's decoded values.
     *
     * @param key   the decoded key
     * @param regex the compiled regex
     */
    record QueryRegexp(String key, Pattern regex) implements Matcher {
        @Override
        public boolean test(MatchInput in) {
            List<String> values = in.query().values(key);
            if (values == null) {
                return false;
            }
            for (String v : values) {
                if (regex.matcher(v).find()) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * {@code ClientIP(`10.0.0.0/8`)}: the TCP peer's address is the IP or inside the CIDR. Like Traefik v3, the
     * peer address is used, never {@code X-Forwarded-For}.
     *
     * @param range the IP or network
     */
    record ClientIp(IpRange range) implements Matcher {
        @Override
        public boolean test(MatchInput in) {
            byte[] addr = in.clientAddress();
            return addr != null && range.contains(addr);
        }
    }
}
