package dev.gatehouse.router.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Traefik v3's routing path: the raw path with percent-encoded octets decoded, except those that encode
 * reserved characters ({@code :/?#[]@!$&'()*+,;=} and {@code %} itself), which stay encoded because decoding
 * them would change the path's structure. So {@code PathPrefix(`/foo bar`)} matches {@code /foo%20bar}, and
 * {@code Path(`/a/b`)} does not match {@code /a%2Fb}.
 *
 * <p>Traefik answers 400 to a path with a broken escape; the router is not the place to answer, so such a path
 * is matched as it was sent.
 */
public final class RoutingPath {
    private RoutingPath() {
    }

    /**
     * Computes the routing path.
     *
     * @param rawPath the path as sent, without the query
     * @return the routing path
     */
    public static String of(String rawPath) {
        if (rawPath == null) {
            return "";
        }
        int pct = rawPath.indexOf('%');
        if (pct < 0) {
            return rawPath;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(rawPath.length());
        byte[] raw = rawPath.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            byte b = raw[i];
            if (b != '%') {
                out.write(b);
                continue;
            }
            if (i + 2 >= raw.length) {
                return rawPath;
            }
            int hi = Character.digit(raw[i + 1], 16);
            int lo = Character.digit(raw[i + 2], 16);
            if (hi < 0 || lo < 0) {
                return rawPath;
            }
            int decoded = hi << 4 | lo;
            if (isReserved(decoded)) {
                // Keep the escape as sent; Traefik compares the upper-case form, so normalise its case.
                out.write('%');
                out.write(Character.toUpperCase(raw[i + 1]));
                out.write(Character.toUpperCase(raw[i + 2]));
            } else {
                out.write(decoded);
            }
            i += 2;
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean isReserved(int c) {
        return c < 0x80 && ":/?#[]@!$&'()*+,;=%".indexOf(c) >= 0;
    }
}
