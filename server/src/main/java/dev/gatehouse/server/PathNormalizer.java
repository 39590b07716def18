package dev.gatehouse.server;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Computes, once per request, the path that routing matches on and that is forwarded upstream, so that the
 * gateway and the backend cannot disagree about which resource a request names (Traefik's "request path"
 * rules).
 *
 * <pre>
 *  raw path ─▶ 1. reject dangerous escapes ─▶ 2. decode unreserved, upper-case other escapes
 *           ─▶ 3. drop "." and empty segments, resolve ".." ─▶ sanitised raw path (forwarded upstream)
 *           ─▶ 4. percent-decode (UTF-8)                     ─▶ normalised path (routing)
 * </pre>
 *
 * <ul>
 *   <li>Rejected (400): the encoded characters Traefik rejects by default ({@code %2F %5C %00 %3B %25 %3F %23}),
 *       a malformed escape, a raw backslash, control characters, and a dot segment carrying parameters
 *       ({@code ..;x}, {@code .;x}), which some backends read as a dot segment.</li>
 *   <li>{@code //} collapses to {@code /}; {@code ..} never climbs above the root.</li>
 *   <li>A trailing slash is kept when the client sent one; a path ending in {@code /.} or {@code /..} has
 *       none (as Go's {@code path.Clean}).</li>
 *   <li>Other {@code ;params} stay part of their segment, untouched.</li>
 * </ul>
 */
public final class PathNormalizer {
    private PathNormalizer() {
    }

    /**
     * The result of a normalisation.
     *
     * @param rawPath     the sanitised path, still percent-encoded where it must be: what goes upstream
     * @param decodedPath the same path fully decoded: what routing matches on
     */
    public record Normalized(String rawPath, String decodedPath) {
    }

    /**
     * Normalises an origin-form path.
     *
     * @param raw the path as received, starting with {@code /}, without the query
     * @return the sanitised and the decoded path
     * @throws IllegalArgumentException when the path must be rejected; the message says why
     */
    public static Normalized normalize(String raw) {
        if (raw.isEmpty() || raw.charAt(0) != '/') {
            throw new IllegalArgumentException("path must start with /");
        }
        if (isPlain(raw)) {
            return new Normalized(raw, raw);
        }
        String canonical = canonicalEscapes(raw);
        String sanitized = removeDotSegments(canonical);
        return new Normalized(sanitized, decode(sanitized));
    }

    /**
     * Is the path already normal? True for printable ASCII without {@code %} or a backslash and without an empty
     * or dot segment ({@code //}, {@code /.}): every step would return it unchanged. Most paths are like that,
     * and one scan is much cheaper than the four steps.
     */
    private static boolean isPlain(String raw) {
        char prev = 0;
        for (int i = 0, n = raw.length(); i < n; i++) {
            char c = raw.charAt(i);
            if (c < 0x20 || c >= 0x7f || c == '%' || c == '\\' || prev == '/' && (c == '/' || c == '.')) {
                return false;
            }
            prev = c;
        }
        return true;
    }

    /** Step 1 and 2: reject what is ambiguous, decode unreserved escapes, upper-case the rest. */
    private static String canonicalEscapes(String raw) {
        StringBuilder sb = null;
        int n = raw.length();
        for (int i = 0; i < n; i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= n) {
                    throw new IllegalArgumentException("malformed percent-encoding");
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("malformed percent-encoding");
                }
                int v = hi << 4 | lo;
                checkEncodedAllowed(v);
                if (sb == null) {
                    sb = new StringBuilder(n).append(raw, 0, i);
                }
                if (isUnreserved(v)) {
                    sb.append((char) v);
                } else {
                    sb.append('%').append(Character.toUpperCase(raw.charAt(i + 1)))
                            .append(Character.toUpperCase(raw.charAt(i + 2)));
                }
                i += 2;
                continue;
            }
            if (c == '\\') {
                throw new IllegalArgumentException("backslash in path");
            }
            if (c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException("control character in path");
            }
            if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? raw : sb.toString();
    }

    private static void checkEncodedAllowed(int v) {
        switch (v) {
            case 0x2F -> throw new IllegalArgumentException("encoded slash (%2F) in path");
            case 0x5C -> throw new IllegalArgumentException("encoded backslash (%5C) in path");
            case 0x00 -> throw new IllegalArgumentException("encoded NUL (%00) in path");
            case 0x3B -> throw new IllegalArgumentException("encoded semicolon (%3B) in path");
            case 0x25 -> throw new IllegalArgumentException("encoded percent (%25) in path");
            case 0x3F -> throw new IllegalArgumentException("encoded question mark (%3F) in path");
            case 0x23 -> throw new IllegalArgumentException("encoded hash (%23) in path");
            default -> {
                if (v < 0x20 || v == 0x7f) {
                    throw new IllegalArgumentException("encoded control character in path");
                }
            }
        }
    }

    private static boolean isUnreserved(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    /** Step 3: RFC 3986 dot-segment removal, plus empty segments (duplicate slashes) dropped. */
    private static String removeDotSegments(String path) {
        if (path.indexOf("//") < 0 && path.indexOf("/.") < 0) {
            return path;
        }
        List<String> out = new ArrayList<>();
        int n = path.length();
        int start = 1;
        boolean trailingSlash = false;
        while (start <= n) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = n;
            }
            String seg = path.substring(start, end);
            boolean last = end == n;
            if (seg.isEmpty()) {
                trailingSlash = last;
            } else if (seg.equals(".")) {
                trailingSlash = false;
            } else if (seg.equals("..")) {
                if (!out.isEmpty()) {
                    out.removeLast();
                }
                trailingSlash = false;
            } else {
                if (seg.startsWith(".;") || seg.startsWith("..;")) {
                    throw new IllegalArgumentException("dot segment with parameters in path");
                }
                out.add(seg);
                trailingSlash = false;
            }
            start = end + 1;
        }
        StringBuilder sb = new StringBuilder(n);
        for (String s : out) {
            sb.append('/').append(s);
        }
        if (sb.isEmpty() || trailingSlash) {
            sb.append('/');
        }
        return sb.toString();
    }

    /** Step 4: full percent-decoding; unambiguous because the reserved escapes were rejected. */
    private static String decode(String path) {
        if (path.indexOf('%') < 0 && path.chars().allMatch(c -> c < 0x80)) {
            return path;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%') {
                bytes.write(Character.digit(path.charAt(i + 1), 16) << 4 | Character.digit(path.charAt(i + 2), 16));
                i += 2;
            } else if (c < 0x100) {
                // The request line arrives as bytes mapped one-to-one to chars; keep them as bytes.
                bytes.write(c);
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(b, 0, b.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
