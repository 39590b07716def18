package dev.gatehouse.middleware.internal;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.gatehouse.core.spi.InvalidSpecException;
import java.util.Map;

/**
 * User regular expressions with Go's semantics: RE2 syntax (RE2J, linear time) and Go's
 * {@code Regexp.ReplaceAllString} template rules, so a Traefik replacement such as {@code /v2/$1} or
 * {@code ${name}} expands exactly as it does there. In particular {@code $1x} names a group {@code 1x} (empty
 * when absent), as in Go; write {@code ${1}x}.
 */
public final class GoRegex {
    private GoRegex() {
    }

    /**
     * Compiles a user regex, trimmed as Traefik does.
     *
     * @param keyPath the spec key, for the error
     * @param expr    the expression
     * @return the pattern
     * @throws InvalidSpecException when it does not compile
     */
    public static Pattern compile(String keyPath, String expr) {
        return compile(keyPath, expr, true);
    }

    /**
     * Compiles a user regex.
     *
     * @param keyPath the spec key, for the error
     * @param expr    the expression
     * @param trim    whether to strip surrounding white space first (Traefik does for some middlewares only)
     * @return the pattern
     * @throws InvalidSpecException when it does not compile
     */
    public static Pattern compile(String keyPath, String expr, boolean trim) {
        if (expr == null) {
            throw new InvalidSpecException(keyPath, "is required");
        }
        try {
            return Pattern.compile(trim ? expr.strip() : expr);
        } catch (PatternSyntaxException e) {
            throw new InvalidSpecException(keyPath, "invalid regex: " + e.getMessage());
        }
    }

    /**
     * Replaces every match as Go's {@code ReplaceAllString} does, including its rule that an empty match right
     * after a previous match is not replaced.
     *
     * @param pattern  the pattern
     * @param input    the text
     * @param template the replacement, with {@code $n}, {@code ${n}}, {@code $name}, {@code ${name}}, {@code $$}
     * @return the result
     */
    public static String replaceAll(Pattern pattern, String input, String template) {
        Matcher m = pattern.matcher(input);
        Map<String, Integer> names = null;
        StringBuilder out = null;
        int lastEnd = 0;
        boolean matchedBefore = false;
        while (m.find()) {
            if (out == null) {
                out = new StringBuilder(input.length() + template.length());
                names = pattern.namedGroups();
            }
            int start = m.start();
            int end = m.end();
            out.append(input, lastEnd, start);
            if (end > lastEnd || start == 0 || !matchedBefore) {
                expand(out, template, m, names);
            }
            lastEnd = end;
            matchedBefore = true;
        }
        if (out == null) {
            return input;
        }
        out.append(input, lastEnd, input.length());
        return out.toString();
    }

    private static void expand(StringBuilder out, String t, Matcher m, Map<String, Integer> names) {
        int i = 0;
        int n = t.length();
        while (i < n) {
            int dollar = t.indexOf('$', i);
            if (dollar < 0) {
                out.append(t, i, n);
                return;
            }
            out.append(t, i, dollar);
            i = dollar + 1;
            if (i < n && t.charAt(i) == '$') {
                out.append('$');
                i++;
                continue;
            }
            boolean brace = i < n && t.charAt(i) == '{';
            int nameStart = brace ? i + 1 : i;
            int j = nameStart;
            while (j < n && (Character.isLetterOrDigit(t.charAt(j)) || t.charAt(j) == '_')) {
                j++;
            }
            if (j == nameStart || (brace && (j >= n || t.charAt(j) != '}'))) {
                out.append('$'); // malformed: Go keeps the dollar as text
                continue;
            }
            String name = t.substring(nameStart, j);
            i = brace ? j + 1 : j;
            int group = groupIndex(name, names);
            if (group >= 0 && group <= m.groupCount()) {
                String g = m.group(group);
                if (g != null) {
                    out.append(g);
                }
            }
        }
    }

    private static int groupIndex(String name, Map<String, Integer> names) {
        int num = 0;
        for (int k = 0; k < name.length(); k++) {
            char c = name.charAt(k);
            if (c < '0' || c > '9' || num >= 100_000_000) {
                Integer idx = names.get(name);
                return idx == null ? -1 : idx;
            }
            num = num * 10 + (c - '0');
        }
        return num;
    }
}
