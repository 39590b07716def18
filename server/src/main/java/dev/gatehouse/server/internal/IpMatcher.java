package dev.gatehouse.server.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** Matches addresses against a list of IPs and CIDR ranges (IPv4 and IPv6), as {@code trustedIPs} lists them. */
public final class IpMatcher {
    private final List<byte[]> networks;
    private final List<Integer> prefixes;

    private IpMatcher(List<byte[]> networks, List<Integer> prefixes) {
        this.networks = networks;
        this.prefixes = prefixes;
    }

    /**
     * Parses entries such as {@code 10.0.0.0/8}, {@code 192.168.1.7} or {@code fd00::/8}. Only literals are
     * accepted, so parsing never does a DNS lookup.
     *
     * @param entries the entries, or null
     * @return the matcher
     * @throws IllegalArgumentException for an entry that is not an IP or CIDR
     */
    public static IpMatcher of(List<String> entries) {
        List<byte[]> nets = new ArrayList<>();
        List<Integer> prefixes = new ArrayList<>();
        if (entries != null) {
            for (String e : entries) {
                String s = e.trim();
                int slash = s.indexOf('/');
                byte[] addr = literal(slash < 0 ? s : s.substring(0, slash));
                int prefix = addr.length * 8;
                if (slash >= 0) {
                    try {
                        prefix = Integer.parseInt(s.substring(slash + 1));
                    } catch (NumberFormatException ex) {
                        throw new IllegalArgumentException("invalid CIDR \"" + e + "\"");
                    }
                    if (prefix < 0 || prefix > addr.length * 8) {
                        throw new IllegalArgumentException("invalid CIDR prefix in \"" + e + "\"");
                    }
                }
                nets.add(addr);
                prefixes.add(prefix);
            }
        }
        return new IpMatcher(nets, prefixes);
    }

    private static byte[] literal(String s) {
        boolean ok = !s.isEmpty() && (s.indexOf(':') >= 0 || s.chars().allMatch(c -> c == '.' || c >= '0' && c <= '9'));
        if (!ok) {
            throw new IllegalArgumentException("not an IP address: \"" + s + "\"");
        }
        try {
            return InetAddress.getByName(s).getAddress();
        } catch (UnknownHostException ex) {
            throw new IllegalArgumentException("not an IP address: \"" + s + "\"");
        }
    }

    /** @return true when no entry was given */
    public boolean isEmpty() {
        return networks.isEmpty();
    }

    /**
     * @param address the peer address
     * @return true when it falls in one of the ranges
     */
    public boolean matches(InetAddress address) {
        if (address == null) {
            return false;
        }
        byte[] a = address.getAddress();
        for (int i = 0; i < networks.size(); i++) {
            byte[] n = networks.get(i);
            byte[] probe = a;
            if (n.length != a.length) {
                probe = mapped(a, n.length);
                if (probe == null) {
                    continue;
                }
            }
            if (prefixMatch(n, probe, prefixes.get(i))) {
                return true;
            }
        }
        return false;
    }

    /** Converts between an IPv4 address and its IPv4-mapped IPv6 form, so a dual-stack peer still matches. */
    private static byte[] mapped(byte[] a, int wanted) {
        if (a.length == 16 && wanted == 4) {
            for (int i = 0; i < 10; i++) {
                if (a[i] != 0) {
                    return null;
                }
            }
            if (a[10] != (byte) 0xff || a[11] != (byte) 0xff) {
                return null;
            }
            return new byte[] {a[12], a[13], a[14], a[15]};
        }
        if (a.length == 4 && wanted == 16) {
            byte[] m = new byte[16];
            m[10] = (byte) 0xff;
            m[11] = (byte) 0xff;
            System.arraycopy(a, 0, m, 12, 4);
            return m;
        }
        return null;
    }

    private static boolean prefixMatch(byte[] net, byte[] a, int prefix) {
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (net[i] != a[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff << (8 - rest) & 0xff;
        return (net[full] & mask) == (a[full] & mask);
    }
}
