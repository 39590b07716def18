package dev.gatehouse.middleware.ipallowlist;

import dev.gatehouse.core.spi.InvalidSpecException;
import io.netty.util.NetUtil;
import java.util.List;

/**
 * A set of IPs and CIDR ranges, IPv4 and IPv6, matched as Go's {@code net} package matches them: an
 * IPv4-mapped IPv6 address ({@code ::ffff:10.0.0.1}) is the IPv4 address.
 */
public final class IpRanges {
    private final byte[][] networks;
    private final int[] prefixes;

    private IpRanges(byte[][] networks, int[] prefixes) {
        this.networks = networks;
        this.prefixes = prefixes;
    }

    /**
     * Parses entries.
     *
     * @param keyPath the spec key, for errors
     * @param entries IPs ({@code 10.0.0.1}, {@code ::1}) and CIDRs ({@code 10.0.0.0/8}, {@code fd00::/8})
     * @return the set
     * @throws InvalidSpecException naming the bad entry
     */
    public static IpRanges parse(String keyPath, List<String> entries) {
        byte[][] nets = new byte[entries.size()][];
        int[] bits = new int[entries.size()];
        for (int i = 0; i < nets.length; i++) {
            String e = entries.get(i) == null ? "" : entries.get(i).strip();
            String key = keyPath + "[" + i + "]";
            int slash = e.indexOf('/');
            byte[] addr = parseIp(slash < 0 ? e : e.substring(0, slash));
            if (addr == null || e.indexOf('%') >= 0) {
                throw new InvalidSpecException(key, "invalid IP or CIDR \"" + e + "\"");
            }
            int max = addr.length * 8;
            int prefix = max;
            if (slash >= 0) {
                prefix = parsePrefix(e.substring(slash + 1), max);
                if (prefix < 0) {
                    throw new InvalidSpecException(key, "invalid CIDR prefix in \"" + e + "\"");
                }
            }
            byte[] v4 = mappedV4(addr);
            if (v4 != null) {
                // Go reads an IPv4-mapped network as IPv4, keeping the last 32 bits of its mask.
                addr = v4;
                prefix = Math.max(0, prefix - 96);
            }
            nets[i] = mask(addr, prefix);
            bits[i] = prefix;
        }
        return new IpRanges(nets, bits);
    }

    /**
     * Parses an IP literal, never a host name.
     *
     * @param text the literal
     * @return 4 bytes for IPv4 (also IPv4-mapped IPv6), 16 for IPv6, or null when not an IP
     */
    public static byte[] parseIp(String text) {
        if (text == null || text.isEmpty() || text.charAt(0) == '[') {
            return null;
        }
        byte[] b = NetUtil.createByteArrayFromIpAddressString(text);
        return b == null ? null : b;
    }

    /** @return true when the address (4 or 16 bytes) is in one of the ranges */
    public boolean contains(byte[] addr) {
        byte[] a = addr;
        byte[] v4 = mappedV4(a);
        if (v4 != null) {
            a = v4;
        }
        for (int i = 0; i < networks.length; i++) {
            if (networks[i].length == a.length && matches(networks[i], a, prefixes[i])) {
                return true;
            }
        }
        return false;
    }

    /**
     * Zeroes the host bits of an address.
     *
     * @param addr   the address
     * @param prefix the number of bits kept
     * @return a new array
     */
    public static byte[] mask(byte[] addr, int prefix) {
        byte[] out = addr.clone();
        for (int bit = prefix; bit < out.length * 8; bit++) {
            out[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return out;
    }

    private static boolean matches(byte[] net, byte[] a, int prefix) {
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (net[i] != a[i]) {
                return false;
            }
        }
        int rem = prefix % 8;
        if (rem == 0) {
            return true;
        }
        int m = (0xFF << (8 - rem)) & 0xFF;
        return (net[full] & m) == (a[full] & m);
    }

    private static byte[] mappedV4(byte[] a) {
        if (a.length != 16) {
            return null;
        }
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return null;
            }
        }
        if (a[10] != (byte) 0xFF || a[11] != (byte) 0xFF) {
            return null;
        }
        return new byte[] {a[12], a[13], a[14], a[15]};
    }

    private static int parsePrefix(String s, int max) {
        if (s.isEmpty() || s.length() > 3) {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v > max ? -1 : v;
    }
}
