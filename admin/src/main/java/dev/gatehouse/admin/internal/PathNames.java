package dev.gatehouse.admin.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Element names in API paths: one segment after a prefix, percent-decoded ({@code foo%2Fbar@file}). */
public final class PathNames {
    private PathNames() {
    }

    /**
     * @param path   the raw path
     * @param prefix the prefix, ending in {@code /}
     * @return the raw segment after the prefix, or null when the path does not have exactly one there
     */
    public static String after(String path, String prefix) {
        if (!path.startsWith(prefix) || path.length() == prefix.length()) {
            return null;
        }
        String rest = path.substring(prefix.length());
        return rest.indexOf('/') >= 0 ? null : rest;
    }

    /**
     * @param path   the raw path
     * @param prefix the prefix, ending in {@code /}
     * @return the decoded name after the prefix, or null as for {@link #after}
     * @throws IllegalArgumentException on a malformed escape
     */
    public static String decode(String path, String prefix) {
        String raw = after(path, prefix);
        if (raw == null || raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    throw new IllegalArgumentException("unable to decode name \"" + raw + "\"");
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("unable to decode name \"" + raw + "\"");
                }
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                int end = raw.indexOf('%', i);
                byte[] b = raw.substring(i, end < 0 ? raw.length() : end).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
                i = (end < 0 ? raw.length() : end) - 1;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
