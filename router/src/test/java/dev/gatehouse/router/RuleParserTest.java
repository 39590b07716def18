package dev.gatehouse.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RuleParserTest {

    @Test
    void unknownMatcherNamesTheColumnAndTheChoices() {
        assertThatThrownBy(() -> Rule.parse("Hots(`a`)"))
                .isInstanceOf(RuleSyntaxException.class)
                .hasMessage("unknown matcher \"Hots\" at column 1 (expected one of Host, HostRegexp, Path, "
                        + "PathPrefix, PathRegexp, Method, Header, HeaderRegexp, Query, QueryRegexp, ClientIP)");
        assertError("Host(`a`) && Pat(`/x`)", 14, "unknown matcher \"Pat\"");
    }

    @Test
    void errorsSayWhereAndWhat() {
        assertError("Host(`a)", 6, "unterminated string");
        assertError("Host(\"a)", 6, "unterminated string");
        assertError("Host(`a`, `b`)", 1, "Host takes 1 argument but got 2");
        assertError("Header(`X`)", 1, "Header takes 2 arguments but got 1");
        assertError("Query(`a`, `b`, `c`)", 1, "Query takes 1 or 2 arguments but got 3");
        assertError("Path(`css`)", 6, "Path value \"css\" does not start with '/'");
        assertError("PathRegexp(`(a`)", 12, "invalid regular expression in PathRegexp");
        assertError("Path(`/a`) && ClientIP(`10.0.0.0/33`)", 24, "invalid IP or CIDR \"10.0.0.0/33\"");
        assertError("Host(`a`) & Path(`/`)", 11, "unexpected \"&\"");
        assertError("Host(`a`) Path(`/`)", 11, "unexpected \"Path\"");
        assertError("Host('a')", 6, "single quotes are not accepted");
        assertError("Host(a)", 6, "unexpected \"a\"");
        assertError("Host", 5, "unexpected end of rule");
        assertError("(Host(`a`)", 11, "unexpected end of rule");
        assertError("Host(``)", 6, "empty argument to Host");
        assertError("  ", 1, "empty rule");
        assertError("Host(\"\\q\")", 7, "invalid escape \"\\q\" in string");
        assertError("Host(`a`) && ", 14, "unexpected end of rule");
    }

    @Test
    void acceptsGoStringLiteralsAndSpacing() {
        assertThat(Requests.matches("Path(\"/a\\u00e9\")", "http://x/a%C3%A9")).isTrue();
        assertThat(Requests.matches("Path(\"/\\x41\\102\")", "http://x/AB")).isTrue();
        assertThat(Requests.matches("Path(\"/a\\\"b\")", "http://x/a\"b")).isTrue();
        assertThat(Requests.matches("Path(`/a\\d`)", "http://x/a\\d")).as("raw strings keep backslashes").isTrue();
        assertThat(Requests.matches("Host(`a`,)", "http://a/")).as("Go allows a trailing comma").isTrue();
        assertThat(Requests.matches("\tHost(`a`)\n&&\nPathPrefix(`/`)  ", "http://a/x")).isTrue();
        assertThat(Requests.matches("!!Host(`a`)", "http://a/")).isTrue();
        assertThat(Requests.matches("HOSTREGEXP(`^a$`) && Clientip(`1.2.3.4`) || METHOD(`GET`)", "http://b/"))
                .isTrue();
    }

    @Test
    void andBindsTighterThanOr() {
        // Host(a) || (Host(b) && Path(/p)): a request to host a on any path matches.
        assertThat(Requests.matches("Host(`a`) || Host(`b`) && Path(`/p`)", "http://a/zzz")).isTrue();
        assertThat(Requests.matches("Host(`a`) || Host(`b`) && Path(`/p`)", "http://b/zzz")).isFalse();
        assertThat(Requests.matches("(Host(`a`) || Host(`b`)) && Path(`/p`)", "http://a/zzz")).isFalse();
    }

    @Test
    void deepNestingIsAnErrorNotACrash() {
        String deep = "(".repeat(5000) + "Host(`a`)" + ")".repeat(5000);
        assertThatThrownBy(() -> Rule.parse(deep)).isInstanceOf(RuleSyntaxException.class)
                .hasMessageContaining("nests deeper");
        String nots = "!".repeat(5000) + "Host(`a`)";
        assertThatThrownBy(() -> Rule.parse(nots)).isInstanceOf(RuleSyntaxException.class);
        String longChain = String.join(" && ", java.util.Collections.nCopies(20000, "PathPrefix(`/`)"));
        assertThat(Rule.parse("!(" + longChain + ")").matches(Requests.ctx(), Requests.get("http://a/x")))
                .as("a long chain is flat, so negating and evaluating it does not recurse per operand").isFalse();
    }

    /** Garbage, mutations and truncations of valid rules: a Rule or a RuleSyntaxException, never anything else. */
    @Test
    void randomInputOnlyEverFailsWithRuleSyntaxException() {
        List<String> seeds = List.of("Host(`a.com`) && PathPrefix(`/api`)",
                "!(HostRegexp(`^x\\.(a|b)$`) || Header(\"X-A\", \"\\u00e9\\x41\\101\")) && Query(`q`)",
                "ClientIP(`2001:db8::/32`) || ClientIP(`10.0.0.0/8`) && Method(`GET`)",
                "QueryRegexp(`k`, `^v+$`) && HeaderRegexp(`A`, `.*`) && PathRegexp(`^/x`) && Path(`/x`)");
        String alphabet = "HostPathQueryClientIP()`\"'\\!&|, /.:[]{}*+?^$x0123456789%\n\té🦭";
        Random rnd = new Random(42);
        int parsed = 0;
        for (int i = 0; i < 30_000; i++) {
            String input = switch (i % 3) {
                case 0 -> {
                    String s = seeds.get(rnd.nextInt(seeds.size()));
                    yield s.substring(0, rnd.nextInt(s.length() + 1));
                }
                case 1 -> mutate(seeds.get(rnd.nextInt(seeds.size())), alphabet, rnd);
                default -> randomString(alphabet, rnd, rnd.nextInt(40));
            };
            try {
                Rule r = Rule.parse(input);
                assertThat(r.text()).isEqualTo(input);
                r.matches(Requests.ctx(), Requests.get("http://a.com/api?q"));
                parsed++;
            } catch (RuleSyntaxException e) {
                assertThat(e.column()).as(input).isBetween(1, Math.max(1, input.length() + 1));
                assertThat(e.getMessage()).contains(" at column ");
            } catch (Throwable t) {
                fail("input " + input + " threw " + t, t);
            }
        }
        assertThat(parsed).as("some inputs must parse, or the generator tests nothing").isPositive();
    }

    private static String mutate(String s, String alphabet, Random rnd) {
        StringBuilder b = new StringBuilder(s);
        for (int k = 1 + rnd.nextInt(3); k > 0 && !b.isEmpty(); k--) {
            int at = rnd.nextInt(b.length());
            switch (rnd.nextInt(3)) {
                case 0 -> b.deleteCharAt(at);
                case 1 -> b.insert(at, alphabet.charAt(rnd.nextInt(alphabet.length())));
                default -> b.setCharAt(at, alphabet.charAt(rnd.nextInt(alphabet.length())));
            }
        }
        return b.toString();
    }

    private static String randomString(String alphabet, Random rnd, int len) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < len; i++) {
            b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    private static void assertError(String rule, int column, String reasonStart) {
        assertThatThrownBy(() -> Rule.parse(rule))
                .isInstanceOfSatisfying(RuleSyntaxException.class, e -> {
                    assertThat(e.reason()).as(rule).startsWith(reasonStart);
                    assertThat(e.column()).as(rule + ": " + e.getMessage()).isEqualTo(column);
                });
    }
}
