package dev.gatehouse.server;

import java.net.InetSocketAddress;

/** Parses entry point addresses: {@code :8080}, {@code 127.0.0.1:8443}, {@code [::1]:80}, optional {@code /tcp}. */
final class Addresses {
    private Addresses() {
    }

    static InetSocketAddress parse(String entryPoint, String address) {
        String where = "entryPoints." + entryPoint + ".address";
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException(where + ": missing (expected [host]:port, such as :8080)");
        }
        String a = address.trim();
        int slash = a.lastIndexOf('/');
        if (slash >= 0) {
            String proto = a.substring(slash + 1);
            if (!proto.equalsIgnoreCase("tcp")) {
                throw new IllegalArgumentException(where + ": unsupported protocol \"" + proto + "\" (expected tcp)");
            }
            a = a.substring(0, slash);
        }
        int colon = a.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException(where + ": \"" + address + "\" has no port (expected [host]:port)");
        }
        String host = a.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(a.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": invalid port in \"" + address + "\"");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(where + ": port out of range in \"" + address + "\"");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
    }
}
