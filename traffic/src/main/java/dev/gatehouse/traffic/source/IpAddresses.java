package dev.gatehouse.traffic.source;

import io.netty.util.NetUtil;

/** IP parsing and formatting without name resolution. */
final class IpAddresses {
    private IpAddresses() {
    }

    /**
     * Parses an IPv4 or IPv6 literal; never resolves names.
     *
     * @param text the address, optionally in brackets and with an IPv6 zone
     * @return 4 or 16 bytes, or null when the text is not an IP literal
     */
    static byte[] parse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        String s = text;
        if (s.charAt(0) == '[' && s.charAt(s.length() - 1) == ']') {
            s = s.substring(1, s.length() - 1);
        }
        int zone = s.indexOf('%');
        if (zone >= 0) {
            s = s.substring(0, zone);
        }
        if (!NetUtil.isValidIpV4Address(s) && !NetUtil.isValidIpV6Address(s)) {
            return null;
        }
        return NetUtil.createByteArrayFromIpAddressString(s);
    }

    /**
     * Keeps the first {@code prefix} bits of an address.
     *
     * @param addr   the address bytes (not changed)
     * @param prefix the number of bits to keep
     * @return a new array
     */
    static byte[] mask(byte[] addr, int prefix) {
        byte[] out = addr.clone();
        for (int bit = prefix; bit < out.length * 8; bit++) {
            out[bit >> 3] &= (byte) ~(0x80 >> (bit & 7));
        }
        return out;
    }

    static boolean samePrefix(byte[] a, byte[] b, int prefix) {
        int full = prefix >> 3;
        for (int i = 0; i < full; i++) {
            if (a[i] != b[i]) {
                return false;
            }
        }
        int rest = prefix & 7;
        if (rest == 0) {
            return true;
        }
        int m = (0xFF << (8 - rest)) & 0xFF;
        return (a[full] & m) == (b[full] & m);
    }

    /**
     * Formats an IPv6 address in the RFC 5952 form (lower case, longest zero run compressed), the form Traefik
     * prints, so keys read the same in both.
     *
     * @param a 16 bytes
     * @return the text
     */
    static String formatV6(byte[] a) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((a[2 * i] & 0xFF) << 8) | (a[2 * i + 1] & 0xFF);
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
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }
}
