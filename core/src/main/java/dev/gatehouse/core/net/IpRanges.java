package dev.gatehouse.core.net;

import dev.gatehouse.core.spi.InvalidSpecException;
import java.util.List;

/**
 * An immutable set of IPs and CIDR ranges, IPv4 and IPv6, read and matched as Traefik's IP checker does (the
 * {@code sourceRange} of {@code ipAllowList}, the {@code excludedIPs} of an {@code ipStrategy}). As in Go, an
 * IPv4-mapped IPv6 address or network ({@code ::ffff:10.0.0.0/104}) is the IPv4 one ({@code 10.0.0.0/8}).
 * Matching takes no lock and allocates nothing for a plain IPv4 or IPv6 address.
 */
public final class IpRanges {
    private final byte[][] networks;
    private final int[] prefixes;

    private IpRanges(byte[][] networks, int[] prefixes) {
        this.networks = networks;
        this.prefixes = prefixes;
    }

    /**
     * Parses IPs ({@code 10.0.0.1}, {@code ::1}) and CIDRs ({@code 10.0.0.0/8}, {@code fd00::/8}) as Go's
     * {@code net.ParseIP} and {@code net.ParseCIDR} read them: no zone, no brackets, no host names. Spaces
     * around an entry are ignored.
     *
     * @param entries the entries; an empty list gives a set that contains nothing
     * @param keyPath where the entries sit in the spec, such as {@code sourceRange}; errors name
     *                {@code keyPath[i]}
     * @return the set
     * @throws InvalidSpecException naming the first bad entry
     */
    public static IpRanges parse(List<String> entries, String keyPath) {
        byte[][] nets = new byte[entries.size()][];
        int[] bits = new int[entries.size()];
        for (int i = 0; i < nets.length; i++) {
            String e = entries.get(i) == null ? "" : entries.get(i).strip();
            String key = keyPath + "[" + i + "]";
            int slash = e.indexOf('/');
            byte[] addr = IpAddresses.parse(slash < 0 ? e : e.substring(0, slash), false);
            if (addr == null) {
                throw new InvalidSpecException(key,
                        "\"" + e + "\" is not an IP address or CIDR (expected e.g. 10.0.0.1 or 10.0.0.0/24)");
            }
            int max = addr.length * 8;
            int prefix = slash < 0 ? max : parsePrefix(e.substring(slash + 1), max);
            if (prefix < 0) {
                throw new InvalidSpecException(key,
                        "\"" + e + "\" has an invalid prefix length (expected 0 to " + max + ")");
            }
            if (IpAddresses.isMapped(addr)) {
                // Go matches an IPv4-mapped network as IPv4, with the last 32 bits of its mask.
                addr = IpAddresses.unmap(addr);
                prefix = Math.max(0, prefix - 96);
            }
            nets[i] = IpAddresses.mask(addr, prefix);
            bits[i] = prefix;
        }
        return new IpRanges(nets, bits);
    }

    /**
     * Whether an address is in the set. IPv4 never matches an IPv6 range nor the reverse, except that an
     * IPv4-mapped IPv6 address is IPv4.
     *
     * @param address 4 or 16 bytes (not changed)
     * @return true when the address is in one of the ranges
     */
    public boolean contains(byte[] address) {
        byte[] a = IpAddresses.unmap(address);
        for (int i = 0; i < networks.length; i++) {
            if (networks[i].length == a.length && samePrefix(networks[i], a, prefixes[i])) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether an IP, as text, is in the set, as Traefik's {@code Checker.Contains}: the text must be an IP
     * literal ({@link IpAddresses#parse}, a zone is allowed); anything else is not contained.
     *
     * @param ip an IP literal, or any text
     * @return true when {@code ip} is an IP in one of the ranges
     */
    public boolean contains(String ip) {
        byte[] a = IpAddresses.parse(ip);
        return a != null && contains(a);
    }

    /**
     * Whether a client address is in the set, as Traefik's {@code Checker.IsAuthorized}: like
     * {@link #contains(String)}, after dropping a port ({@code 10.0.0.1:80}, {@code [::1]:80}).
     *
     * @param address an IP with or without a port, such as the result of {@link ClientIpStrategy#clientIp}
     * @return true when the address's IP is in one of the ranges
     */
    public boolean containsHost(String address) {
        return address != null && contains(IpAddresses.stripPort(address));
    }

    private static boolean samePrefix(byte[] net, byte[] a, int prefix) {
        int full = prefix >> 3;
        for (int i = 0; i < full; i++) {
            if (net[i] != a[i]) {
                return false;
            }
        }
        int rest = prefix & 7;
        if (rest == 0) {
            return true;
        }
        int m = (0xFF << (8 - rest)) & 0xFF;
        return (net[full] & m) == (a[full] & m);
    }

    /** Decimal digits only, as Go's CIDR parser (so no sign and no spaces); -1 when invalid or too large. */
    private static int parsePrefix(String s, int max) {
        if (s.isEmpty()) {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
            if (v > max) {
                return -1;
            }
        }
        return v;
    }
}
