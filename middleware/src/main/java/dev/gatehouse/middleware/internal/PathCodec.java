package dev.gatehouse.middleware.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding helpers for request paths. The request carries the raw (encoded) path that goes upstream,
 * while Traefik's path middlewares reason about the decoded path; these helpers translate between the two the
 * way Go's {@code net/url} does, so that a rewritten path is what Traefik would send.
 */
public final class PathCodec {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PathCodec() {
    }

    /**
     * Decodes percent escapes as UTF-8. A malformed escape is kept as is; '+' stays '+' (this is a path, not a
     * form).
     *
     * @param raw the raw path
     * @return the decoded path; the same instance when there is nothing to decode
     */
    public static String decode(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        int i = 0;
        while (i < raw.length()) {
            int b = byteAt(raw, i);
            if (b >= 0) {
                out.write(b);
                i += 3;
            } else {
                byte[] bytes = String.valueOf(raw.charAt(i)).getBytes(StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
                i++;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * Whether every {@code %} in the text starts a valid escape, as Go's {@code url.PathUnescape} requires.
     *
     * @param raw the raw path
     * @return true when it decodes without error
     */
    public static boolean hasValidEscapes(String raw) {
        for (int i = raw.indexOf('%'); i >= 0; i = raw.indexOf('%', i + 1)) {
            if (byteAt(raw, i) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * How many characters of a raw path encode the given decoded prefix, or -1 when the decoded path does not
     * start with it. Each {@code %XX} escape counts as one decoded byte, so {@code /ap%69/x} starts with
     * {@code /api/} and the answer is 7.
     *
     * @param raw           the raw path
     * @param decodedPrefix the prefix as UTF-8 bytes of the decoded path
     * @return the raw length, or -1
     */
    public static int rawPrefixLength(String raw, byte[] decodedPrefix) {
        int i = 0;
        int k = 0;
        while (k < decodedPrefix.length) {
            if (i >= raw.length()) {
                return -1;
            }
            int b = byteAt(raw, i);
            if (b >= 0) {
                i += 3;
            } else {
                char c = raw.charAt(i);
                if (c >= 0x80) {
                    // Raw paths are ASCII in practice; compare a non-ASCII char by its UTF-8 bytes.
                    byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                    for (byte x : bytes) {
                        if (k >= decodedPrefix.length || decodedPrefix[k++] != x) {
                            return -1;
                        }
                    }
                    i++;
                    continue;
                }
                b = c;
                i++;
            }
            if ((byte) b != decodedPrefix[k++]) {
                return -1;
            }
        }
        return i;
    }

    /**
     * Escapes a decoded path exactly as Go's {@code url.PathEscape}-for-paths (shouldEscape with encodePath)
     * does: unreserved characters and {@code $&+,/:;=@} stay, everything else becomes {@code %XX}.
     *
     * @param decoded the decoded path
     * @return the escaped path
     */
    public static String escape(String decoded) {
        byte[] bytes = decoded.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = null;
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xFF;
            if (!keepInPath(b)) {
                if (sb == null) {
                    sb = new StringBuilder(bytes.length + 16);
                    for (int j = 0; j < i; j++) {
                        sb.append((char) (bytes[j] & 0xFF));
                    }
                }
                sb.append('%').append(HEX[b >> 4]).append(HEX[b & 0xF]);
            } else if (sb != null) {
                sb.append((char) b);
            }
        }
        return sb == null ? decoded : sb.toString();
    }

    /**
     * Whether a raw path is one Go would forward as is ({@code validEncoded}): only characters allowed in a
     * path, and valid escapes. Otherwise Go re-escapes the decoded path.
     *
     * @param raw the raw path
     * @return true when valid
     */
    public static boolean isValidEncoded(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (byteAt(raw, i) < 0) {
                    return false;
                }
                continue;
            }
            if (c >= 0x80 || !(isAlnum(c) || "-_.~!$&'()*+,;=:@[]/".indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The raw path Go would send upstream for a rewritten raw path: itself when valid, else the escaped form of
     * its decoding.
     *
     * @param raw the rewritten raw path
     * @return the path to forward
     */
    public static String forwardable(String raw) {
        return isValidEncoded(raw) ? raw : escape(decode(raw));
    }

    /**
     * Whether Go would keep a separate raw path for this request, that is whether the client's encoding is not
     * the canonical one of the decoded path.
     *
     * @param raw the raw path
     * @return true when the raw path is not canonical
     */
    public static boolean isNonCanonical(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' || c >= 0x80 || !keepInPath(c)) {
                return !escape(decode(raw)).equals(raw);
            }
        }
        return false;
    }

    /**
     * Prepends a slash unless the path is empty or already starts with one (Traefik's ensureLeadingSlash).
     *
     * @param path the path
     * @return the path
     */
    public static String ensureLeadingSlash(String path) {
        if (path.isEmpty() || path.charAt(0) == '/') {
            return path;
        }
        return "/" + path;
    }

    /**
     * Whether a decoded path has a {@code .} or {@code ..} segment.
     *
     * @param path the decoded path
     * @return true when it does
     */
    public static boolean hasDotSegment(String path) {
        int start = 0;
        int n = path.length();
        while (start <= n) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = n;
            }
            int len = end - start;
            if ((len == 1 && path.charAt(start) == '.')
                    || (len == 2 && path.charAt(start) == '.' && path.charAt(start + 1) == '.')) {
                return true;
            }
            start = end + 1;
        }
        return false;
    }

    private static boolean keepInPath(int c) {
        return isAlnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == '$' || c == '&' || c == '+'
                || c == ',' || c == '/' || c == ':' || c == ';' || c == '=' || c == '@';
    }

    private static boolean isAlnum(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /** The byte of a valid {@code %XX} escape at {@code i}, or -1. */
    private static int byteAt(String s, int i) {
        if (s.charAt(i) != '%' || i + 2 >= s.length()) {
            return -1;
        }
        int hi = hex(s.charAt(i + 1));
        int lo = hex(s.charAt(i + 2));
        return hi < 0 || lo < 0 ? -1 : (hi << 4) | lo;
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }
}
