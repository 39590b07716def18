package dev.gatehouse.core.net;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Resolves host names (upstream servers, Redis) without blocking an event loop: IP literals at once, names on a virtual thread
 * (the JDK's resolver blocks; its own cache keeps repeated look-ups cheap).
 */
public final class HostResolver {
    private static final ExecutorService RESOLVERS =
            Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("dns-", 0).factory());

    private HostResolver() {
    }

    /**
     * @param host a host name or IP literal (IPv6 without brackets)
     * @param port the port
     * @return the resolved address, completed on an arbitrary thread
     */
    public static CompletableFuture<InetSocketAddress> resolve(String host, int port) {
        byte[] ip = NetUtil.createByteArrayFromIpAddressString(host);
        if (ip != null) {
            try {
                return CompletableFuture.completedFuture(
                        new InetSocketAddress(InetAddress.getByAddress(host, ip), port));
            } catch (UnknownHostException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new InetSocketAddress(InetAddress.getByName(host), port);
            } catch (UnknownHostException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, RESOLVERS);
    }
}
