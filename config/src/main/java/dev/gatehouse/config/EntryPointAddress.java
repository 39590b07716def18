package dev.gatehouse.config;

/**
 * An entry point's {@code address}: {@code [host]:port} with an optional {@code /tcp}, as in Traefik
 * ({@code :8080}, {@code 127.0.0.1:8080}, {@code [::1]:8443}, {@code 0.0.0.0:80/tcp}).
 *
 * @param host the host or IP to bind (without brackets), or null for all interfaces
 * @param port the port; 0 asks the system for a free port
 */
public record EntryPointAddress(String host, int port) {
    /**
     * Parses an address.
     *
     * @param address the address as written
     * @return the host and port
     * @throws IllegalArgumentException with a message saying what is wrong and what was expected
     */
    public static EntryPointAddress parse(String address) {
        String hostPort = address;
        int slash = address.indexOf('/');
        if (slash >= 0) {
            String protocol = address.substring(slash + 1);
            hostPort = address.substring(0, slash);
            if (protocol.equalsIgnoreCase("udp")) {
                throw new IllegalArgumentException("UDP entry points (\"/udp\") are not supported yet");
            }
            if (!protocol.equalsIgnoreCase("tcp")) {
                throw new IllegalArgumentException("invalid protocol \"" + protocol + "\" (expected tcp)");
            }
        }
        String host;
        String port;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0 || close + 1 >= hostPort.length() || hostPort.charAt(close + 1) != ':') {
                throw invalid(address);
            }
            host = hostPort.substring(1, close);
            port = hostPort.substring(close + 2);
        } else {
            int colon = hostPort.lastIndexOf(':');
            if (colon < 0) {
                throw invalid(address);
            }
            host = hostPort.substring(0, colon);
            port = hostPort.substring(colon + 1);
            if (host.indexOf(':') >= 0) {
                throw new IllegalArgumentException("invalid address \"" + address
                        + "\": write IPv6 addresses in brackets, such as [::1]:8443");
            }
        }
        if (host.chars().anyMatch(c -> Character.isWhitespace(c) || c == '[' || c == ']' || c == '/')) {
            throw invalid(address);
        }
        return new EntryPointAddress(host.isEmpty() ? null : host, port(address, port));
    }

    private static int port(String address, String port) {
        if (!port.matches("\\d{1,5}")) {
            throw invalid(address);
        }
        int value = Integer.parseInt(port);
        if (value > 65535) {
            throw new IllegalArgumentException("port " + value + " is out of range (expected 0 to 65535)");
        }
        return value;
    }

    private static IllegalArgumentException invalid(String address) {
        return new IllegalArgumentException("invalid address \"" + address
                + "\": expected [host]:port, such as :8080, 127.0.0.1:8080 or [::1]:8443");
    }
}
