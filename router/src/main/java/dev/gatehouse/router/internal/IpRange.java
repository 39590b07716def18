package dev.gatehouse.router.internal;

import java.util.Arrays;

/**
 * An IP address or CIDR network for {@code ClientIP}, parsed strictly and without name resolution (never
 * {@code InetAddress.getByName}, which would do DNS on the configuration thread).
 *
 * <p>Follows Go's rules, which Traefik uses: IPv4 parts are decimal without leading zeros; host bits of a
 * CIDR are masked off ({@code 1.2.3.4/24} is {@code 1.2.3.0/24}); an IPv4-mapped IPv6 network or address
 * ({@code ::ffff:1.2.3.4}) is treated as IPv4; an IPv4 client never falls in a pure IPv6 network.
 */
public final class IpRange {
    private final byte[] network;
    private final int prefix;

    private IpRange(byte[] network, int prefix) {
        this.network = network;
        this.prefix = prefix;
    }

    /**
     * Parses an IP or CIDR.
     *
     * @param text such as {@code 10.0.0.1}, {@code 10.0.0.0/8}, {@code 2001:db8::/32}
     * @return the range, or null when the text is neither
     */
    public static IpRange parse(String text) {
        int slash = text.indexOf('/');
        byte[] ip = parseIp(slash < 0 ? text : text.substring(0, slash));
        if (ip == null) {
            return null;
        }
        int bits = ip.length * 8;
        if (slash >= 0) {
            String p = text.substring(slash + 1);
            if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')) {
                return null;
            }
            for (int i = 0; i < p.length(); i++) {
                if (p.charAt(i) < '0' || p.charAt(i) > '9') {
                    return null;
                }
            }
            bits = Integer.parseInt(p);
            if (bits > ip.length * 8) {
                return null;
            }
            mask(ip, bits);
        }
        if (ip.length == 16 && isV4Mapped(ip)) {
            return new IpRange(Arrays.copyOfRange(ip, 12, 16), Math.max(0, bits - 96));
        }
        return new IpRange(ip, bits);
    }

    /**
     * Tests an address.
     *
     * @param addr 4 or 16 bytes
     * @return true when the address is in the range
     */
    public boolean contains(byte[] addr) {
        byte[] a = addr;
        if (a.length == 16 && isV4Mapped(a)) {
            a = Arrays.copyOfRange(a, 12, 16);
        }
        if (a.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int m = (0xFF << (8 - rest)) & 0xFF;
        return (a[full] & m) == (network[full] & m);
    }

    private static void mask(byte[] ip, int bits) {
        for (int i = 0; i < ip.length; i++) {
            int keep = Math.clamp(bits - i * 8L, 0, 8);
            ip[i] = (byte) (ip[i] & ((0xFF << (8 - keep)) & 0xFF));
        }
    }

    private static boolean isV4Mapped(byte[] ip) {
        for (int i = 0; i < 10; i++) {
            if (ip[i] != 0) {
                return false;
            }
        }
        return ip[10] == (byte) 0xFF && ip[11] == (byte) 0xFF;
    }

    /**
     * Parses an IPv4 or IPv6 literal.
     *
     * @param s the text
     * @return 4 or 16 bytes, or null
     */
    public static byte[] parseIp(String s) {
        return s.indexOf(':') >= 0 ? parseV6(s) : parseV4(s);
    }

    private static byte[] parseV4(String s) {
        byte[] out = new byte[4];
        int part = 0;
        int i = 0;
        while (part < 4) {
            int start = i;
            int v = 0;
            while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9' && i - start < 3) {
                v = v * 10 + (s.charAt(i) - '0');
                i++;
            }
            int len = i - start;
            if (len == 0 || v > 255 || (len > 1 && s.charAt(start) == '0')) {
                return null;
            }
            out[part++] = (byte) v;
            if (part < 4) {
                if (i >= s.length() || s.charAt(i) != '.') {
                    return null;
                }
                i++;
            }
        }
        return i == s.length() ? out : null;
    }

    private static byte[] parseV6(String s) {
        byte[] out = new byte[16];
        int n = 0;
        int ellipsis = -1;
        int i = 0;
        if (s.startsWith("::")) {
            ellipsis = 0;
            i = 2;
            if (i == s.length()) {
                return out;
            }
        }
        while (i < s.length()) {
            if (n >= 16) {
                return null;
            }
            int start = i;
            int v = 0;
            while (i < s.length() && Character.digit(s.charAt(i), 16) >= 0 && s.charAt(i) < 0x80 && i - start < 4) {
                v = v << 4 | Character.digit(s.charAt(i), 16);
                i++;
            }
            if (i == start) {
                return null;
            }
            if (i < s.length() && s.charAt(i) == '.') {
                // Embedded IPv4 in the last 32 bits.
                if (n > 12) {
                    return null;
                }
                byte[] v4 = parseV4(s.substring(start));
                if (v4 == null) {
                    return null;
                }
                System.arraycopy(v4, 0, out, n, 4);
                n += 4;
                i = s.length();
                break;
            }
            out[n++] = (byte) (v >> 8);
            out[n++] = (byte) v;
            if (i == s.length()) {
                break;
            }
            if (s.charAt(i) != ':') {
                return null;
            }
            i++;
            if (i < s.length() && s.charAt(i) == ':') {
                if (ellipsis >= 0) {
                    return null;
                }
                ellipsis = n;
                i++;
                if (i == s.length()) {
                    break;
                }
            } else if (i == s.length()) {
                return null;
            }
        }
        if (n < 16) {
            if (ellipsis < 0) {
                return null;
            }
            int tail = n - ellipsis;
            System.arraycopy(out, ellipsis, out, 16 - tail, tail);
            Arrays.fill(out, ellipsis, 16 - tail, (byte) 0);
        } else if (ellipsis >= 0) {
            return null;
        }
        return out;
    }
}
