package dev.gatehouse.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds and splits key paths such as {@code http.services["api.v1"].loadBalancer.servers[0].url}.
 *
 * <p>Syntax: names are joined with dots; a list item is {@code [index]}. A name that contains a dot, a bracket,
 * a double quote, a backslash or white space (or is empty) is written in brackets and double quotes,
 * {@code ["api.v1"]}, with {@code \"} and {@code \\} escaped. Every module builds paths through this class so
 * that a path written by one module finds the position recorded by another.
 */
public final class KeyPath {
    private KeyPath() {
    }

    /**
     * A path from names, such as {@code of("http", "routers", "api")}.
     *
     * @param names the names, outermost first
     * @return the path
     */
    public static String of(String... names) {
        String path = "";
        for (String name : names) {
            path = child(path, name);
        }
        return path;
    }

    /**
     * The path of a named child.
     *
     * @param parent the parent path, or an empty string for the root
     * @param name   the child's key as written in the file
     * @return the child's path
     */
    public static String child(String parent, String name) {
        if (isSimple(name)) {
            return parent.isEmpty() ? name : parent + "." + name;
        }
        StringBuilder sb = new StringBuilder(parent).append("[\"");
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append("\"]").toString();
    }

    /**
     * The path of a list item.
     *
     * @param parent the list's path
     * @param index  the 0-based index
     * @return the item's path, such as {@code servers[0]}
     */
    public static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }

    /**
     * Appends a path relative to an element, such as an {@code InvalidSpecException}'s key path.
     *
     * @param base     the element's path
     * @param relative a relative path ({@code prefixes[0]}, {@code [1].name}), or an empty string
     * @return the joined path
     */
    public static String join(String base, String relative) {
        if (relative == null || relative.isEmpty()) {
            return base;
        }
        if (base.isEmpty() || relative.startsWith("[")) {
            return base + relative;
        }
        return base + "." + relative;
    }

    /**
     * The parent path: {@code a.b[0]} gives {@code a.b}; {@code a} gives an empty string.
     *
     * @param path a path
     * @return its parent, or an empty string at the top
     */
    public static String parent(String path) {
        List<Integer> starts = segmentStarts(path);
        if (starts.isEmpty()) {
            return "";
        }
        String prefix = path.substring(0, starts.getLast());
        return prefix.endsWith(".") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }

    /**
     * Splits a path into its segments: names unescaped, list items as {@code [index]}.
     *
     * @param path a path, such as {@code http.services["api.v1"].servers[0]}
     * @return the segments, such as {@code [http, services, api.v1, servers, [0]]}
     */
    public static List<String> split(String path) {
        List<Integer> starts = segmentStarts(path);
        List<String> segments = new ArrayList<>();
        for (int k = 0; k < starts.size(); k++) {
            int end = k + 1 < starts.size() ? starts.get(k + 1) : path.length();
            String raw = path.substring(starts.get(k), end);
            if (raw.endsWith(".")) {
                raw = raw.substring(0, raw.length() - 1);
            }
            segments.add(raw.startsWith("[\"") && raw.endsWith("\"]") ? unescape(raw.substring(2, raw.length() - 2))
                    : raw);
        }
        return segments;
    }

    private static String unescape(String quoted) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < quoted.length(); i++) {
            char c = quoted.charAt(i);
            if (c == '\\' && i + 1 < quoted.length()) {
                c = quoted.charAt(++i);
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /**
     * Whether {@code path} is {@code prefix} or lies under it.
     *
     * @param prefix an element's path
     * @param path   any path
     * @return true when path equals prefix or starts with it followed by a dot or bracket
     */
    public static boolean isWithin(String prefix, String path) {
        if (prefix.isEmpty() || path.equals(prefix)) {
            return true;
        }
        return path.startsWith(prefix) && (path.charAt(prefix.length()) == '.' || path.charAt(prefix.length()) == '[');
    }

    private static boolean isSimple(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '.' || c == '[' || c == ']' || c == '"' || c == '\\' || Character.isWhitespace(c)) {
                return false;
            }
        }
        return true;
    }

    private static List<Integer> segmentStarts(String path) {
        List<Integer> starts = new ArrayList<>();
        int i = 0;
        int n = path.length();
        while (i < n) {
            starts.add(i);
            if (path.charAt(i) == '[') {
                i = i + 1 < n && path.charAt(i + 1) == '"' ? skipQuoted(path, i + 2) : path.indexOf(']', i);
                i = i < 0 ? n : i + 1;
            } else {
                while (i < n && path.charAt(i) != '.' && path.charAt(i) != '[') {
                    i++;
                }
            }
            if (i < n && path.charAt(i) == '.') {
                i++;
            }
        }
        return starts;
    }

    /** @return the index of the {@code ]} after the closing quote, or -1 */
    private static int skipQuoted(String path, int i) {
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '"') {
                return i + 1 < path.length() && path.charAt(i + 1) == ']' ? i + 1 : -1;
            } else {
                i++;
            }
        }
        return -1;
    }
}
