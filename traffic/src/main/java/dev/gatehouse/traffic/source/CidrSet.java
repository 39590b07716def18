package dev.gatehouse.traffic.source;

import dev.gatehouse.core.spi.InvalidSpecException;
import java.util.ArrayList;
import java.util.List;

/** A set of IPs and CIDR ranges, parsed once; {@link #contains} is allocation-light and lock-free. */
final class CidrSet {
    private final List<byte[]> networks;
    private final int[] prefixes;

    private CidrSet(List<byte[]> networks, int[] prefixes) {
        this.networks = networks;
        this.prefixes = prefixes;
    }

    /**
     * Parses IPs and CIDRs such as {@code 10.0.0.1} or {@code 10.0.0.0/24}.
     *
     * @param entries the entries
     * @param keyPath where they sit in the spec, for errors
     * @return the set
     */
    static CidrSet parse(List<String> entries, String keyPath) {
        List<byte[]> nets = new ArrayList<>(entries.size());
        int[] prefixes = new int[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            String e = entries.get(i) == null ? "" : entries.get(i).trim();
            int slash = e.indexOf('/');
            byte[] addr = IpAddresses.parse(slash < 0 ? e : e.substring(0, slash));
            if (addr == null) {
                throw new InvalidSpecException(keyPath + "[" + i + "]",
                        "\"" + e + "\" is not an IP address or CIDR (expected e.g. 10.0.0.1 or 10.0.0.0/24)");
            }
            int bits = addr.length * 8;
            int prefix = bits;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(e.substring(slash + 1));
                } catch (NumberFormatException ex) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > bits) {
                    throw new InvalidSpecException(keyPath + "[" + i + "]",
                            "\"" + e + "\" has an invalid prefix length (expected 0 to " + bits + ")");
                }
            }
            nets.add(IpAddresses.mask(addr, prefix));
            prefixes[i] = prefix;
        }
        return new CidrSet(nets, prefixes);
    }

    /**
     * @param ip an IP address as text
     * @return true when it parses and falls in one of the ranges; false for text that is not an IP
     */
    boolean contains(String ip) {
        byte[] addr = IpAddresses.parse(ip);
        if (addr == null) {
            return false;
        }
        for (int i = 0; i < prefixes.length; i++) {
            byte[] net = networks.get(i);
            if (net.length == addr.length && IpAddresses.samePrefix(net, addr, prefixes[i])) {
                return true;
            }
        }
        return false;
    }
}
