package dev.gatehouse.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.spi.InvalidSpecException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Traefik Hub's JWT {@code claims} syntax, from the examples its documentation gives. */
class HubClaimsSyntaxTest {
    /** The documented data structure every documented example is true for, plus the nested-claims example. */
    private static Map<String, Object> documented() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("active", true);
        claims.put("grp", "admin");
        claims.put("scope", "reader writer deploy");
        claims.put("referrer", "http://example.com/foo/bar");
        claims.put("areas", List.of("office", "home"));
        claims.put("user", Map.of("name", "John Snow", "status", "undead"));
        return claims;
    }

    private static boolean check(String expr, Map<String, Object> claims) {
        return PolicyExpression.compileClaims(expr, "claims").testClaims(claims);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Equals(`grp`, `admin`)",
        "Prefix(`referrer`, `http://example.com`)",
        "Contains(`referrer`, `/foo/`)",
        "Contains(`areas`, `home`)",
        "SplitContains(`scope`, ` `, `writer`)",
        "OneOf(`areas`, `office`, `lab`)",
        "Equals(`grp`, `admin`) && Equals(`active`, `true`)",
        "Equals(`grp`, `admin`) || Equals(`active`, `true`)",
        "!Equals(`grp`, `testers`)",
        "Equals(`user.name`, `John Snow`)",
    })
    void documentedExamplesAreTrue(String expr) {
        assertThat(check(expr, documented())).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Equals(`grp`, `testers`)",
        "Equals(`grp`, `Admin`)",
        "Prefix(`referrer`, `https://`)",
        "Contains(`referrer`, `/baz/`)",
        "Contains(`areas`, `lab`)",
        "Contains(`areas`, `hom`)",
        "SplitContains(`scope`, ` `, `write`)",
        "SplitContains(`scope`, `,`, `writer`)",
        "OneOf(`areas`, `lab`, `garage`)",
        "Equals(`missing`, `x`)",
        "Equals(`user.missing`, `x`)",
        "Equals(`grp.name`, `admin`)",
        "Equals(`areas`, `office`)",
        "Equals(`user`, `John Snow`)",
        "!Equals(`grp`, `admin`)",
        "Equals(`grp`, `admin`) && Equals(`active`, `false`)",
    })
    void nonMatchesAreFalse(String expr) {
        assertThat(check(expr, documented())).isFalse();
    }

    @Test
    void precedenceAndParentheses() {
        Map<String, Object> c = documented();
        // && binds tighter than ||: true || (false && false)
        assertThat(check("Equals(`grp`, `admin`) || Equals(`grp`, `x`) && Equals(`grp`, `y`)", c)).isTrue();
        assertThat(check("(Equals(`grp`, `admin`) || Equals(`grp`, `x`)) && Equals(`grp`, `y`)", c)).isFalse();
        assertThat(check("!(Equals(`grp`, `x`) || Equals(`grp`, `y`))", c)).isTrue();
        assertThat(check("!!Equals(`grp`, `admin`)", c)).isTrue();
    }

    @Test
    void escapedDotsAndBackslashesInKeys() {
        Map<String, Object> c = Map.of("https://example.com/roles", List.of("editor"),
                "a\\b", "x", "org", Map.of("team.name", "core"));
        assertThat(check("Contains(`https://example\\.com/roles`, `editor`)", c)).isTrue();
        assertThat(check("Equals(`a\\\\b`, `x`)", c)).isTrue();
        assertThat(check("Equals(`org.team\\.name`, `core`)", c)).isTrue();
        assertThat(check("Equals(`org.team.name`, `core`)", c)).isFalse();
    }

    @Test
    void scalarValuesCompareAsText() {
        Map<String, Object> c = Map.of("age", 42, "ratio", 1.5, "big", 7L, "whole", 3.0);
        assertThat(check("Equals(`age`, `42`)", c)).isTrue();
        assertThat(check("Equals(`ratio`, `1.5`)", c)).isTrue();
        assertThat(check("Equals(`big`, `7`)", c)).isTrue();
        assertThat(check("Equals(`whole`, `3`)", c)).isTrue();
        assertThat(check("OneOf(`grp`, `admin`, `ops`)", Map.of("grp", "ops"))).isTrue();
    }

    @Test
    void translatesToCelOverClaimFunctions() {
        PolicyExpression e = PolicyExpression.compileClaims(
                "Equals(`user.name`, `a\"b`) && !OneOf(`areas`, `x`, `y`) || SplitContains(`s`, ` `, `w`)", "claims");
        assertThat(e.celSource()).isEqualTo("claimEquals(claims, [\"user\", \"name\"], \"a\\\"b\")"
                + " && !claimOneOf(claims, [\"areas\"], [\"x\", \"y\"])"
                + " || claimSplitContains(claims, [\"s\"], \" \", \"w\")");
        assertThat(e.source()).startsWith("Equals(");
    }

    @Test
    void doubleQuotedStringsAreAccepted() {
        assertThat(check("Equals(\"grp\", \"admin\")", documented())).isTrue();
    }

    @Test
    void claimFunctionsAreCallableFromCel() {
        assertThat(check("claimContains(claims, ['areas'], 'home') && claims.active", documented())).isTrue();
    }

    @Test
    void syntaxErrorsNameTheColumn() {
        assertError("Equals(`grp`, `admin`", "column 22", "expected ')'");
        assertError("Equals(`grp`)", "column 1", "Equals takes 2 arguments");
        assertError("OneOf(`areas`)", "column 1", "one or more values");
        assertError("Equals(`grp`, `admin`) && Matches(`a`, `b`)", "column 27", "unknown function Matches");
        assertError("Equals(`grp`, admin)", "column 15", "quoted string");
        assertError("Equals(`grp`, `admin`) Equals(`a`, `b`)", "column 24", "unexpected 'E'");
        assertError("Equals(`grp, `admin`)", "expected ')'");
        assertError("Equals(`a..b`, `x`)", "column 8", "empty part");
        assertError("!".repeat(500) + "Equals(`a`, `b`)", "nested deeper than 100");
        assertError("(".repeat(500) + "Equals(`a`, `b`)", "nested deeper than 100");
    }

    private static void assertError(String expr, String... fragments) {
        assertThatThrownBy(() -> PolicyExpression.compileClaims(expr, "claims"))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> {
                    assertThat(e.keyPath()).isEqualTo("claims");
                    assertThat(e.getMessage()).contains(fragments);
                });
    }
}
