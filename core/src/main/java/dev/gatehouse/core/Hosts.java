package dev.gatehouse.core;

import java.util.Locale;

/** Helpers for the host part of an authority. */
public final class Hosts {
    private Hosts() {
    }

    /**
     * The host of an authority, lower-case, without port; IPv6 literals keep no brackets.
     *
     * @param authority {@code host}, {@code host:port}, {@code [v6]:port}, or null
     * @return the host, or an empty string
     */
    public static String hostOf(String authority) {
        if (authority == null || authority.isEmpty()) {
            return "";
        }
        String h;
        if (authority.charAt(0) == '[') {
            int end = authority.indexOf(']');
            h = end < 0 ? authority : authority.substring(1, end);
        } else {
            int colon = authority.lastIndexOf(':');
            h = colon < 0 || authority.indexOf(':') != colon ? authority : authority.substring(0, colon);
        }
        return h.toLowerCase(Locale.ROOT);
    }
}
