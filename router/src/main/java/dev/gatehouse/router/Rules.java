package dev.gatehouse.router;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Entry points of the rule language that are not tied to one parsed rule. */
public final class Rules {
    /** The matchers of the rule language, in the order error messages list them. */
    public static final List<String> MATCHERS = List.of("Host", "HostRegexp", "Path", "PathPrefix", "PathRegexp",
            "Method", "Header", "HeaderRegexp", "Query", "QueryRegexp", "ClientIP");

    private Rules() {
    }

    /**
     * Parses a rule; same as {@link Rule#parse(String)}.
     *
     * @param rule the rule text, such as {@code Host(`example.com`) && PathPrefix(`/api`)}
     * @return the compiled rule
     * @throws RuleSyntaxException when the rule is invalid
     */
    public static Rule parse(String rule) {
        return Rule.parse(rule);
    }

    /**
     * The priority a router gets when its configuration sets none (or sets 0): the length of its rule, as
     * Traefik computes it. Traefik measures the length in bytes of the UTF-8 text, which is the number of
     * characters for the usual all-ASCII rule; we do the same so that mixed fleets order routers alike.
     *
     * @param rule the rule text
     * @return the default priority
     */
    public static int defaultPriority(String rule) {
        if (rule == null) {
            return 0;
        }
        for (int i = 0; i < rule.length(); i++) {
            if (rule.charAt(i) >= 0x80) {
                return rule.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return rule.length();
    }
}
