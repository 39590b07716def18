package dev.gatehouse.router.internal;

import dev.gatehouse.router.RuleSyntaxException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Splits a rule into tokens. Traefik parses rules as Go expressions, so strings are Go string literals: raw
 * strings in backticks (no escapes; carriage returns dropped) and interpreted strings in double quotes (Go
 * escapes: {@code \n}, {@code \"}, {@code \\}, {@code \x41}, {@code \101}, {@code \u00e9}, ...). Single quotes
 * are Go rune literals, which Traefik rejects; so do we, with a hint.
 */
final class RuleLexer {
    /** Token kinds. */
    enum Kind { IDENT, STRING, LPAREN, RPAREN, COMMA, AND, OR, NOT, EOF }

    private final String src;
    private int pos;
    private Kind kind;
    private String text;
    private int start;

    RuleLexer(String src) {
        this.src = src;
        next();
    }

    Kind kind() {
        return kind;
    }

    /** @return the identifier's name or the string's decoded value */
    String text() {
        return text;
    }

    /** @return the 1-based column where the current token starts */
    int column() {
        return start + 1;
    }

    /** @return the current token as the user wrote it, for error messages */
    String describe() {
        return switch (kind) {
            case EOF -> "end of rule";
            case STRING -> "string";
            case IDENT -> "\"" + text + "\"";
            default -> "\"" + src.substring(start, pos) + "\"";
        };
    }

    void next() {
        while (pos < src.length() && isSpace(src.charAt(pos))) {
            pos++;
        }
        start = pos;
        text = null;
        if (pos >= src.length()) {
            kind = Kind.EOF;
            return;
        }
        char c = src.charAt(pos);
        switch (c) {
            case '(' -> single(Kind.LPAREN);
            case ')' -> single(Kind.RPAREN);
            case ',' -> single(Kind.COMMA);
            case '!' -> single(Kind.NOT);
            case '&' -> pair('&', Kind.AND, "\"&&\"");
            case '|' -> pair('|', Kind.OR, "\"||\"");
            case '`' -> rawString();
            case '"' -> quotedString();
            case '\'' -> throw new RuleSyntaxException("single quotes are not accepted", column(),
                    "a string in backticks or double quotes");
            default -> {
                if (isIdentStart(c)) {
                    while (pos < src.length() && isIdentPart(src.charAt(pos))) {
                        pos++;
                    }
                    kind = Kind.IDENT;
                    text = src.substring(start, pos);
                } else {
                    int cp = src.codePointAt(pos);
                    throw new RuleSyntaxException("unexpected character \"" + Character.toString(cp) + "\"",
                            column(), "a matcher, \"!\", \"(\", \"&&\" or \"||\"");
                }
            }
        }
    }

    private void single(Kind k) {
        pos++;
        kind = k;
    }

    private void pair(char c, Kind k, String expected) {
        if (pos + 1 < src.length() && src.charAt(pos + 1) == c) {
            pos += 2;
            kind = k;
            return;
        }
        throw new RuleSyntaxException("unexpected \"" + c + "\"", column(), expected);
    }

    private void rawString() {
        int end = src.indexOf('`', pos + 1);
        if (end < 0) {
            throw new RuleSyntaxException("unterminated string", column(), "a closing backtick");
        }
        text = src.substring(pos + 1, end).replace("\r", "");
        pos = end + 1;
        kind = Kind.STRING;
    }

    private void quotedString() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = pos + 1;
        while (true) {
            if (i >= src.length() || src.charAt(i) == '\n') {
                throw new RuleSyntaxException("unterminated string", column(), "a closing double quote");
            }
            char c = src.charAt(i);
            if (c == '"') {
                break;
            }
            if (c != '\\') {
                int cp = src.codePointAt(i);
                out.writeBytes(Character.toString(cp).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(cp);
                continue;
            }
            i = escape(i, out);
        }
        text = out.toString(StandardCharsets.UTF_8);
        pos = i + 1;
        kind = Kind.STRING;
    }

    /** Decodes the escape at {@code i} (the backslash) into {@code out}; returns the index after it. */
    private int escape(int i, ByteArrayOutputStream out) {
        if (i + 1 >= src.length()) {
            throw new RuleSyntaxException("unterminated string", column(), "a closing double quote");
        }
        char e = src.charAt(i + 1);
        int simple = "abfnrtv\\\"".indexOf(e);
        if (simple >= 0) {
            out.write("\u0007\b\f\n\r\t\u000b\\\"".charAt(simple));
            return i + 2;
        }
        return switch (e) {
            case 'x' -> {
                out.write(digits(i, 2, 16, 0xFF));
                yield i + 4;
            }
            case 'u' -> codePoint(i, 4, out);
            case 'U' -> codePoint(i, 8, out);
            default -> {
                if (e >= '0' && e <= '7') {
                    out.write(digits(i, 3, 8, 0xFF) & 0xFF);
                    yield i + 4;
                }
                throw new RuleSyntaxException("invalid escape \"\\" + e + "\" in string", i + 1,
                        "one of \\a \\b \\f \\n \\r \\t \\v \\\\ \\\" \\x \\u \\U or an octal escape");
            }
        };
    }

    private int codePoint(int i, int n, ByteArrayOutputStream out) {
        int cp = digits(i, n, 16, Character.MAX_CODE_POINT);
        if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
            throw new RuleSyntaxException("escape is a surrogate half, not a character", i + 1,
                    "a Unicode code point");
        }
        out.writeBytes(Character.toString(cp).getBytes(StandardCharsets.UTF_8));
        return i + 2 + n;
    }

    /** Reads {@code n} digits after the escape letter at {@code i + 1} (octal starts at the letter). */
    private int digits(int i, int n, int radix, int max) {
        int from = radix == 8 ? i + 1 : i + 2;
        long v = 0;
        for (int k = 0; k < n; k++) {
            int d = from + k < src.length() ? Character.digit(src.charAt(from + k), radix) : -1;
            if (d < 0 || src.charAt(from + k) >= 0x80) {
                throw new RuleSyntaxException("malformed escape in string", i + 1,
                        n + (radix == 8 ? " octal" : " hexadecimal") + " digits");
            }
            v = v * radix + d;
        }
        if (v > max) {
            throw new RuleSyntaxException("escape value out of range", i + 1, "a value up to " + max);
        }
        return (int) v;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isIdentPart(char c) {
        return isIdentStart(c) || (c >= '0' && c <= '9');
    }
}
