package dev.gatehouse.policy.internal;

import dev.gatehouse.core.spi.InvalidSpecException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Translates Traefik Hub's JWT {@code claims} syntax to CEL over the claim functions ({@link ClaimFunctions}).
 *
 * <pre>
 *  expr    := and ( "||" and )*
 *  and     := unary ( "&amp;&amp;" unary )*
 *  unary   := "!" unary | "(" expr ")" | call
 *  call    := Equals(k, v) | Prefix(k, v) | Contains(k, v) | SplitContains(k, sep, v) | OneOf(k, v, v...)
 *  k, v    := `raw text` | "text with \" and \\ escapes"
 * </pre>
 *
 * <p>Keys are claim paths: {@code user.name} reads {@code name} inside the {@code user} object; {@code \.} is a
 * dot within a key and {@code \\} a backslash.
 */
public final class HubClaims {
    private static final Pattern HUB_START =
            Pattern.compile("^[\\s!(]*(Equals|Prefix|Contains|SplitContains|OneOf)\\s*\\(");
    /** Function name to {CEL function, number of arguments after the key; -1 for one or more}. */
    private static final Map<String, Object[]> FUNCTIONS = Map.of(
            "Equals", new Object[] {ClaimFunctions.EQUALS, 1},
            "Prefix", new Object[] {ClaimFunctions.PREFIX, 1},
            "Contains", new Object[] {ClaimFunctions.CONTAINS, 1},
            "SplitContains", new Object[] {ClaimFunctions.SPLIT_CONTAINS, 2},
            "OneOf", new Object[] {ClaimFunctions.ONE_OF, -1});

    /** Deepest nesting of {@code !} and parentheses; deeper input is refused rather than overflowing the stack. */
    static final int MAX_DEPTH = 100;

    private final String src;
    private final String keyPath;
    private int pos;
    private int depth;

    private HubClaims(String src, String keyPath) {
        this.src = src;
        this.keyPath = keyPath;
    }

    /**
     * Tells Hub syntax from CEL: Hub's expressions start with one of its functions (after {@code !} or
     * {@code (}), names CEL does not declare.
     *
     * @param source the configured text
     * @return true when it should be read as Hub syntax
     */
    public static boolean looksLikeHub(String source) {
        return source != null && HUB_START.matcher(source).find();
    }

    /**
     * Translates Hub syntax to CEL.
     *
     * @param source  the Hub expression
     * @param keyPath the config key, for errors
     * @return the CEL source
     * @throws InvalidSpecException naming the column of a syntax error
     */
    public static String toCel(String source, String keyPath) {
        HubClaims p = new HubClaims(source, keyPath);
        String cel = p.or();
        p.skipSpace();
        if (p.pos < source.length()) {
            throw p.error("unexpected '" + source.charAt(p.pos) + "'");
        }
        return cel;
    }

    private String or() {
        StringBuilder out = new StringBuilder(and());
        while (accept("||")) {
            out.append(" || ").append(and());
        }
        return out.toString();
    }

    private String and() {
        StringBuilder out = new StringBuilder(unary());
        while (accept("&&")) {
            out.append(" && ").append(unary());
        }
        return out.toString();
    }

    private String unary() {
        if (++depth > MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH + " levels");
        }
        try {
            if (accept("!")) {
                return "!" + unary();
            }
            if (accept("(")) {
                String inner = or();
                expect(")");
                return "(" + inner + ")";
            }
            return call();
        } finally {
            depth--;
        }
    }

    private String call() {
        skipSpace();
        int start = pos;
        while (pos < src.length() && Character.isLetter(src.charAt(pos))) {
            pos++;
        }
        String name = src.substring(start, pos);
        Object[] fn = FUNCTIONS.get(name);
        if (fn == null) {
            pos = start;
            throw error(name.isEmpty() ? "expected a function such as Equals(`claim`, `value`)"
                    : "unknown function " + name + " (expected Equals, Prefix, Contains, SplitContains or OneOf)");
        }
        expect("(");
        int keyAt = position();
        String key = string();
        List<String> path;
        try {
            path = ClaimPath.parse(key);
        } catch (IllegalArgumentException e) {
            throw new InvalidSpecException(keyPath, "column " + keyAt + ": " + e.getMessage());
        }
        List<String> args = new ArrayList<>();
        while (accept(",")) {
            args.add(string());
        }
        expect(")");
        int arity = (Integer) fn[1];
        if (arity >= 0 ? args.size() != arity : args.isEmpty()) {
            pos = start;
            throw error(name + " takes " + (arity < 0 ? "a claim and one or more values" : (arity + 1) + " arguments"));
        }
        return render((String) fn[0], path, args, arity < 0);
    }

    private static String render(String function, List<String> path, List<String> args, boolean valuesAsList) {
        StringBuilder out = new StringBuilder(function).append("(claims, ").append(list(path));
        if (valuesAsList) {
            out.append(", ").append(list(args));
        } else {
            args.forEach(a -> out.append(", ").append(literal(a)));
        }
        return out.append(')').toString();
    }

    private String string() {
        skipSpace();
        if (pos >= src.length() || (src.charAt(pos) != '`' && src.charAt(pos) != '"')) {
            throw error("expected a quoted string such as `value`");
        }
        char quote = src.charAt(pos++);
        StringBuilder out = new StringBuilder();
        while (pos < src.length() && src.charAt(pos) != quote) {
            char c = src.charAt(pos++);
            if (quote == '"' && c == '\\' && pos < src.length()) {
                c = src.charAt(pos++);
                if (c != '"' && c != '\\') {
                    out.append('\\');
                }
            }
            out.append(c);
        }
        if (pos >= src.length()) {
            throw error("unterminated string");
        }
        pos++;
        return out.toString();
    }

    private boolean accept(String token) {
        skipSpace();
        if (src.startsWith(token, pos) && !(token.equals("!") && src.startsWith("!=", pos))) {
            pos += token.length();
            return true;
        }
        return false;
    }

    private void expect(String token) {
        if (!accept(token)) {
            throw error("expected '" + token + "'");
        }
    }

    private void skipSpace() {
        while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
            pos++;
        }
    }

    private int position() {
        skipSpace();
        return pos + 1;
    }

    private InvalidSpecException error(String message) {
        skipSpace();
        return new InvalidSpecException(keyPath, "invalid claims expression: column " + (pos + 1) + ": " + message);
    }

    private static String list(List<String> items) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < items.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(literal(items.get(i)));
        }
        return out.append(']').toString();
    }

    /** A CEL string literal: double-quoted, with backslash, quote and control characters escaped. */
    static String literal(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
