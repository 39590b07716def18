package dev.gatehouse.observability.internal;

/** Splitting {@code host:port} the way Go's {@code net.SplitHostPort} does, for the access log's fields. */
public final class Addresses {
    private Addresses() {
    }

    /**
     * @param hostPort {@code host}, {@code host:port}, {@code [v6]} or {@code [v6]:port}
     * @return the host without brackets
     */
    public static String host(String hostPort) {
        if (hostPort.startsWith("[")) {
            int end = hostPort.indexOf(']');
            return end > 0 ? hostPort.substring(1, end) : hostPort;
        }
        int colon = hostPort.indexOf(':');
        return colon >= 0 && colon == hostPort.lastIndexOf(':') ? hostPort.substring(0, colon) : hostPort;
    }

    /**
     * @param hostPort as for {@link #host}
     * @return the port, or {@code -} when there is none (as Traefik logs it)
     */
    public static String port(String hostPort) {
        int start;
        if (hostPort.startsWith("[")) {
            int end = hostPort.indexOf(']');
            start = end > 0 && end + 1 < hostPort.length() && hostPort.charAt(end + 1) == ':' ? end + 2 : -1;
        } else {
            int colon = hostPort.indexOf(':');
            start = colon >= 0 && colon == hostPort.lastIndexOf(':') ? colon + 1 : -1;
        }
        return start < 0 || start >= hostPort.length() ? "-" : hostPort.substring(start);
    }

    /**
     * @param ip   an IP, v4 or v6
     * @param port a port
     * @return {@code ip:port}, bracketing a v6 address
     */
    public static String join(String ip, int port) {
        return (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + port;
    }

    /**
     * @param url a server URL such as {@code http://10.0.0.1:8080/base}
     * @return its authority, {@code 10.0.0.1:8080}
     */
    public static String authorityOf(String url) {
        int s = url.indexOf("://");
        int from = s < 0 ? 0 : s + 3;
        int end = from;
        while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
            end++;
        }
        int at = url.lastIndexOf('@', end - 1);
        return url.substring(Math.max(from, at + 1), end);
    }
}
