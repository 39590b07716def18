package dev.gatehouse.config.internal;

import dev.gatehouse.config.KeyPath;
import dev.gatehouse.config.SourceMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds where keys and values sit in a TOML file. Jackson's TOML reader builds its tree without token
 * locations, so this scanner walks the same text (already known to be valid TOML) and records positions by
 * the key paths Jackson's tree will have: table headers, array tables ({@code [[a.servers]]} items become
 * {@code a.servers[0]}, {@code a.servers[1]}), dotted keys, inline tables and arrays.
 */
final class TomlLocator {
    private final String s;
    private final SourceMap.Builder map;
    private final Map<String, Integer> arrayTables = new HashMap<>();
    private int i;
    private int line = 1;
    private int lineStart;

    private TomlLocator(String text, SourceMap.Builder map) {
        this.s = text;
        this.map = map;
    }

    /**
     * Records positions; stops quietly on anything it does not understand, since positions are best effort
     * and the text has already been parsed by Jackson.
     *
     * @param text the TOML text
     * @param map  where positions go
     */
    static void locate(String text, SourceMap.Builder map) {
        TomlLocator locator = new TomlLocator(text, map);
        try {
            locator.document();
        } catch (RuntimeException e) {
            // Positions found so far are kept; a diagnostic falls back to the nearest located ancestor.
        }
    }

    private void document() {
        String table = "";
        while (true) {
            skipBlank(true);
            if (i >= s.length()) {
                return;
            }
            int before = i;
            if (peek() == '[') {
                table = header();
            } else {
                keyValue(table);
            }
            if (i == before) {
                return;
            }
        }
    }

    private String header() {
        boolean arrayTable = s.startsWith("[[", i);
        i += arrayTable ? 2 : 1;
        List<String[]> segments = dottedKey();
        String path = "";
        for (int k = 0; k < segments.size(); k++) {
            String[] seg = segments.get(k);
            path = KeyPath.child(path, seg[0]);
            boolean last = k == segments.size() - 1;
            map.key(path, Integer.parseInt(seg[1]), Integer.parseInt(seg[2]));
            if (last && arrayTable) {
                int n = arrayTables.merge(path, 1, Integer::sum);
                path = KeyPath.index(path, n - 1);
                map.value(path, Integer.parseInt(seg[1]), Integer.parseInt(seg[2]), false);
            } else if (arrayTables.containsKey(path)) {
                path = KeyPath.index(path, arrayTables.get(path) - 1);
            }
        }
        skipToLineEnd();
        return path;
    }

    private void keyValue(String table) {
        List<String[]> segments = dottedKey();
        String path = table;
        for (String[] seg : segments) {
            path = KeyPath.child(path, seg[0]);
            map.key(path, Integer.parseInt(seg[1]), Integer.parseInt(seg[2]));
        }
        skipSpaces();
        if (peek() != '=') {
            throw new IllegalStateException("expected =");
        }
        i++;
        skipSpaces();
        value(path);
    }

    private void value(String path) {
        map.value(path, line, column(), peek() == '"' || peek() == '\'');
        char c = peek();
        if (s.startsWith("\"\"\"", i) || s.startsWith("'''", i)) {
            multiLineString(s.substring(i, i + 3));
        } else if (c == '"') {
            i++;
            while (i < s.length() && peek() != '"' && peek() != '\n') {
                i += peek() == '\\' ? 2 : 1;
            }
            i++;
        } else if (c == '\'') {
            int end = s.indexOf('\'', i + 1);
            i = end < 0 ? s.length() : end + 1;
        } else if (c == '[') {
            array(path);
        } else if (c == '{') {
            inlineTable(path);
        } else {
            while (i < s.length() && ",]}#\n\r".indexOf(peek()) < 0) {
                i++;
            }
        }
    }

    private void array(String path) {
        i++;
        int index = 0;
        while (true) {
            skipBlank(true);
            if (i >= s.length() || peek() == ']') {
                i++;
                return;
            }
            value(KeyPath.index(path, index++));
            skipBlank(true);
            if (peek() == ',') {
                i++;
            }
        }
    }

    private void inlineTable(String path) {
        i++;
        while (true) {
            skipSpaces();
            if (i >= s.length() || peek() == '}') {
                i++;
                return;
            }
            keyValue(path);
            skipSpaces();
            if (peek() == ',') {
                i++;
            }
        }
    }

    private void multiLineString(String delimiter) {
        i += 3;
        while (i < s.length() && !s.startsWith(delimiter, i)) {
            if (delimiter.charAt(0) == '"' && peek() == '\\') {
                advance();
            }
            advance();
        }
        i += 3;
        // A closing delimiter may be followed by up to two more quotes that belong to the content.
        while (i < s.length() && peek() == delimiter.charAt(0)) {
            i++;
        }
    }

    /** @return segments as {name, line, column} */
    private List<String[]> dottedKey() {
        List<String[]> segments = new ArrayList<>();
        while (true) {
            skipSpaces();
            int col = column();
            String name;
            char c = peek();
            if (c == '"') {
                name = basicString();
            } else if (c == '\'') {
                int end = s.indexOf('\'', i + 1);
                name = s.substring(i + 1, end);
                i = end + 1;
            } else {
                int start = i;
                while (i < s.length() && (Character.isLetterOrDigit(peek()) || peek() == '_' || peek() == '-')) {
                    i++;
                }
                if (i == start) {
                    throw new IllegalStateException("expected a key");
                }
                name = s.substring(start, i);
            }
            segments.add(new String[] {name, Integer.toString(line), Integer.toString(col)});
            skipSpaces();
            if (peek() != '.') {
                return segments;
            }
            i++;
        }
    }

    private String basicString() {
        StringBuilder sb = new StringBuilder();
        i++;
        while (i < s.length() && peek() != '"') {
            char c = peek();
            if (c == '\\' && i + 1 < s.length()) {
                char e = s.charAt(i + 1);
                i += 2;
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'u', 'U' -> {
                        int len = e == 'u' ? 4 : 8;
                        sb.appendCodePoint(Integer.parseInt(s.substring(i, i + len), 16));
                        i += len;
                    }
                    default -> sb.append(e);
                }
            } else {
                sb.append(c);
                i++;
            }
        }
        i++;
        return sb.toString();
    }

    private void skipBlank(boolean newlines) {
        while (i < s.length()) {
            char c = peek();
            if (c == '#') {
                while (i < s.length() && peek() != '\n') {
                    i++;
                }
            } else if (c == ' ' || c == '\t' || c == '\r' || (newlines && c == '\n')) {
                advance();
            } else {
                return;
            }
        }
    }

    private void skipSpaces() {
        while (i < s.length() && (peek() == ' ' || peek() == '\t')) {
            i++;
        }
    }

    private void skipToLineEnd() {
        while (i < s.length() && peek() != '\n') {
            i++;
        }
    }

    private void advance() {
        if (peek() == '\n') {
            line++;
            lineStart = i + 1;
        }
        i++;
    }

    private char peek() {
        return i < s.length() ? s.charAt(i) : '\0';
    }

    private int column() {
        return i - lineStart + 1;
    }
}
