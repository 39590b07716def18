package dev.gatehouse.core.net;

import java.util.Arrays;

/**
 * IP literals read and written as Go reads and writes them, so that what Gatehouse accepts, matches and prints
 * is what Traefik accepts, matches and prints. Nothing here resolves a host name.
 *
 * <p>Addresses are byte arrays: 4 bytes for IPv4, 16 for IPv6. An IPv4-mapped IPv6 address
 * ({@code ::ffff:10.0.0.1}) keeps its 16 bytes as written; {@link IpRanges} matches it as the IPv4 address,
 * as Go's {@code net} package does, and {@link #unmap} gives the IPv4 form.
 */
public final class IpAddresses {
    private IpAddresses() {
    }

    /**
     * Parses an IP literal as Go's {@code netip.ParseAddr} does: dotted IPv4 with exactly four decimal
     * fields and no leading zeros, IPv6 with an optional embedded IPv4 tail and an optional non-empty zone
     * ({@code fe80::1%eth0}, the zone is dropped). Brackets, ports and host names are not IP literals.
     *
     * @param text the text, or null
     * @return 4 or 16 bytes, or null when the text is not an IP literal
     */
    public static byte[] parse(String text) {
        return parse(text, true);
    }

    /**
     * Parses an IP literal.
     *
     * @param text      the text, or null
     * @param allowZone whether an IPv6 zone is accepted; Go's {@code net.ParseIP} and {@code net.ParseCIDR},
     *                  which read configured ranges, refuse one
     * @return 4 or 16 bytes, or null when the text is not an IP literal
     */
    static byte[] parse(String text, boolean allowZone) {
        if (text == null) {
            return null;
        }
        // As Go: the first '.' or ':' decides the family, so "1.2.3.4%1" is a bad IPv4 address.
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '.') {
                byte[] out = new byte[4];
                return parseV4(text, 0, text.length(), out, 0) ? out : null;
            }
            if (c == ':') {
                return parseV6(text, allowZone);
            }
            if (c == '%') {
                return null;
            }
        }
        return null;
    }

    /**
     * The IPv4 form of an IPv4-mapped IPv6 address.
     *
     * @param address 4 or 16 bytes (not changed)
     * @return the 4 bytes of the IPv4 address when {@code address} is IPv4-mapped, else {@code address} itself
     */
    public static byte[] unmap(byte[] address) {
        return isMapped(address) ? Arrays.copyOfRange(address, 12, 16) : address;
    }

    /**
     * Keeps the first {@code bits} bits of an address and zeroes the rest.
     *
     * @param address the address (not changed)
     * @param bits    how many leading bits to keep, from 0 to the address's bit length
     * @return a new array
     */
    public static byte[] mask(byte[] address, int bits) {
        byte[] out = address.clone();
        for (int bit = Math.max(bits, 0); bit < out.length * 8; bit++) {
            out[bit >> 3] &= (byte) ~(0x80 >>> (bit & 7));
        }
        return out;
    }

    /**
     * Formats an address as Go's {@code netip.Addr.String} does: dotted IPv4; IPv6 in the RFC 5952 form (lower
     * case, the first longest run of two or more zero groups compressed); an IPv4-mapped IPv6 address as
     * {@code ::ffff:} and the dotted IPv4 address. Keys built from addresses then read as Traefik's do.
     *
     * @param address 4 or 16 bytes
     * @return the text
     * @throws IllegalArgumentException when the array is neither 4 nor 16 bytes long
     */
    public static String format(byte[] address) {
        if (address.length == 4) {
            return dotted(address, 0, new StringBuilder(15)).toString();
        }
        if (address.length != 16) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + address.length);
        }
        if (isMapped(address)) {
            return dotted(address, 12, new StringBuilder(22).append("::ffff:")).toString();
        }
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((address[2 * i] & 0xFF) << 8) | (address[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (!sb.isEmpty() && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    /**
     * The host of a {@code host:port} pair as Go's {@code net.SplitHostPort} splits it ({@code 10.0.0.1:80},
     * {@code [::1]:80}); the text itself when it is not such a pair ({@code 10.0.0.1}, {@code ::1}).
     *
     * @param address an address with or without a port
     * @return the host, or {@code address} unchanged
     */
    public static String stripPort(String address) {
        int colon = address.lastIndexOf(':');
        if (colon < 0) {
            return address;
        }
        String host;
        int noOpen = 0;
        int noClose = 0;
        if (address.charAt(0) == '[') {
            int end = address.indexOf(']');
            // The ']' must come just before the last ':'.
            if (end < 0 || end + 1 != colon) {
                return address;
            }
            host = address.substring(1, end);
            noOpen = 1;
            noClose = end + 1;
        } else {
            host = address.substring(0, colon);
            if (host.indexOf(':') >= 0) {
                return address;
            }
        }
        if (address.indexOf('[', noOpen) >= 0 || address.indexOf(']', noClose) >= 0) {
            return address;
        }
        return host;
    }

    /**
     * @param address 4 or 16 bytes
     * @return true for an IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d})
     */
    static boolean isMapped(byte[] address) {
        if (address.length != 16) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return false;
            }
        }
        return address[10] == (byte) 0xFF && address[11] == (byte) 0xFF;
    }

    private static StringBuilder dotted(byte[] a, int from, StringBuilder sb) {
        for (int i = from; i < from + 4; i++) {
            if (i > from) {
                sb.append('.');
            }
            sb.append(a[i] & 0xFF);
        }
        return sb;
    }

    /** Reads four dotted decimal fields of {@code s[from, to)} into {@code out[off, off + 4)}. */
    private static boolean parseV4(String s, int from, int to, byte[] out, int off) {
        int val = 0;
        int pos = 0;
        int digits = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                // Go refuses leading zeros: other parsers read "010" as octal, so it is ambiguous.
                if (digits == 1 && val == 0) {
                    return false;
                }
                val = val * 10 + (c - '0');
                digits++;
                if (val > 255) {
                    return false;
                }
            } else if (c == '.') {
                if (i == from || i == to - 1 || s.charAt(i - 1) == '.' || pos == 3) {
                    return false;
                }
                out[off + pos++] = (byte) val;
                val = 0;
                digits = 0;
            } else {
                return false;
            }
        }
        if (pos < 3) {
            return false;
        }
        out[off + 3] = (byte) val;
        return true;
    }

    private static byte[] parseV6(String in, boolean allowZone) {
        int end = in.length();
        int zone = in.indexOf('%');
        if (zone >= 0) {
            if (!allowZone || zone == end - 1) {
                return null;
            }
            end = zone;
        }
        byte[] ip = new byte[16];
        int ellipsis = -1;
        int p = 0;
        if (end >= 2 && in.charAt(0) == ':' && in.charAt(1) == ':') {
            ellipsis = 0;
            p = 2;
            if (p == end) {
                return ip;
            }
        }
        int i = 0;
        while (i < 16) {
            int digits = 0;
            int acc = 0;
            for (; p + digits < end; digits++) {
                int d = hexDigit(in.charAt(p + digits));
                if (d < 0) {
                    break;
                }
                if (digits == 4) {
                    return null;
                }
                acc = (acc << 4) | d;
            }
            if (digits == 0) {
                return null;
            }
            if (p + digits < end && in.charAt(p + digits) == '.') {
                // An embedded IPv4 address takes the last 32 bits, so it must end the address.
                if ((ellipsis < 0 && i != 12) || i + 4 > 16 || !parseV4(in, p, end, ip, i)) {
                    return null;
                }
                p = end;
                i += 4;
                break;
            }
            ip[i] = (byte) (acc >> 8);
            ip[i + 1] = (byte) acc;
            i += 2;
            p += digits;
            if (p == end) {
                break;
            }
            if (in.charAt(p) != ':' || p + 1 == end) {
                return null;
            }
            p++;
            if (in.charAt(p) == ':') {
                if (ellipsis >= 0) {
                    return null;
                }
                ellipsis = i;
                p++;
                if (p == end) {
                    break;
                }
            }
        }
        if (p != end) {
            return null;
        }
        if (i < 16) {
            if (ellipsis < 0) {
                return null;
            }
            int n = 16 - i;
            System.arraycopy(ip, ellipsis, ip, ellipsis + n, i - ellipsis);
            Arrays.fill(ip, ellipsis, ellipsis + n, (byte) 0);
        } else if (ellipsis >= 0) {
            // "::" must stand for at least one zero group.
            return null;
        }
        return ip;
    }

    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
