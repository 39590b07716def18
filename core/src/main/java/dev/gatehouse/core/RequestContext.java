package dev.gatehouse.core;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The state of one exchange that is not the request itself: where it came from, which router and service
 * took it, typed attributes, and clean-up hooks. Created by the server per request; touched only on its event
 * loop.
 */
public final class RequestContext {
    private static final Object[] NO_ATTRS = new Object[0];

    private final EventLoop eventLoop;
    private final ByteBufAllocator alloc;
    private final InetSocketAddress clientAddress;
    private final String entryPoint;
    private final boolean secure;
    private final long startNanos;
    private String normalizedPath;
    private String router;
    private String service;
    private String upstreamAddress;
    private String errorDetail;
    private Object[] attrs = NO_ATTRS;
    private List<Runnable> onComplete;
    private String clientIp;

    /**
     * Creates a context.
     *
     * @param eventLoop     the event loop that owns the exchange
     * @param alloc         the allocator for buffers
     * @param clientAddress the TCP peer
     * @param entryPoint    the entry point's name
     * @param secure        true when the client connection is TLS
     */
    public RequestContext(EventLoop eventLoop, ByteBufAllocator alloc, InetSocketAddress clientAddress,
                          String entryPoint, boolean secure) {
        this(eventLoop, alloc, clientAddress, null, entryPoint, secure);
    }

    /**
     * Creates a context whose client IP text the server already has (it keeps one per connection, so the
     * address is not formatted again for every request).
     *
     * @param eventLoop     the event loop that owns the exchange
     * @param alloc         the allocator for buffers
     * @param clientAddress the TCP peer
     * @param clientIp      the peer's IP as text (IPv6 compressed, as Go writes it), or null to derive it
     * @param entryPoint    the entry point's name
     * @param secure        true when the client connection is TLS
     */
    public RequestContext(EventLoop eventLoop, ByteBufAllocator alloc, InetSocketAddress clientAddress,
                          String clientIp, String entryPoint, boolean secure) {
        this.clientIp = clientIp;
        this.eventLoop = eventLoop;
        this.alloc = alloc;
        this.clientAddress = clientAddress;
        this.entryPoint = entryPoint;
        this.secure = secure;
        this.startNanos = System.nanoTime();
    }

    /**
     * Runs a task on the exchange's event loop: now when already there (or when there is none, in tests),
     * else queued to it. Asynchronous work (a Redis reply, a cache fill) comes back through here.
     *
     * @param task the task
     */
    public void runOnLoop(Runnable task) {
        EventLoop loop = eventLoop;
        if (loop == null || loop.inEventLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }

    /** @return the event loop that owns the exchange */
    public EventLoop eventLoop() {
        return eventLoop;
    }

    /** @return the allocator for buffers */
    public ByteBufAllocator alloc() {
        return alloc;
    }

    /** @return the TCP peer's address */
    public InetSocketAddress clientAddress() {
        return clientAddress;
    }

    /** @return the TCP peer's IP as text, without port */
    public String clientIp() {
        String ip = clientIp;
        if (ip == null) {
            ip = clientAddress == null ? "" : io.netty.util.NetUtil.toAddressString(clientAddress.getAddress());
            clientIp = ip;
        }
        return ip;
    }

    /** @return the entry point's name */
    public String entryPoint() {
        return entryPoint;
    }

    /** @return true when the client connection is TLS */
    public boolean secure() {
        return secure;
    }

    /** @return {@link System#nanoTime()} when the exchange began */
    public long startNanos() {
        return startNanos;
    }

    /** @return the normalised path routing matched on, or null before routing */
    public String normalizedPath() {
        return normalizedPath;
    }

    /** @param path the normalised path */
    public void normalizedPath(String path) {
        this.normalizedPath = path;
    }

    /** @return the qualified name of the router that took the request, or null */
    public String router() {
        return router;
    }

    /** @param router the router's qualified name */
    public void router(String router) {
        this.router = router;
    }

    /** @return the qualified name of the service that answered, or null */
    public String service() {
        return service;
    }

    /** @param service the service's qualified name */
    public void service(String service) {
        this.service = service;
    }

    /** @return the upstream server URL that answered, or null */
    public String upstreamAddress() {
        return upstreamAddress;
    }

    /** @param address the upstream server URL */
    public void upstreamAddress(String address) {
        this.upstreamAddress = address;
    }

    /** @return why the gateway itself failed the exchange (for logs), or null */
    public String errorDetail() {
        return errorDetail;
    }

    /** @param detail why the gateway itself failed the exchange */
    public void errorDetail(String detail) {
        this.errorDetail = detail;
    }

    /**
     * Reads an attribute.
     *
     * @param key the key
     * @param <T> the value type
     * @return the value, or null
     */
    public <T> T get(AttributeKey<T> key) {
        int i = key.index();
        return i < attrs.length ? key.type().cast(attrs[i]) : null;
    }

    /**
     * Sets an attribute.
     *
     * @param key   the key
     * @param value the value, or null to clear
     * @param <T>   the value type
     */
    public <T> void set(AttributeKey<T> key, T value) {
        int i = key.index();
        if (i >= attrs.length) {
            attrs = Arrays.copyOf(attrs, Math.max(i + 1, 8));
        }
        attrs[i] = value;
    }

    /**
     * Runs a task when the exchange ends, however it ends (for releasing what a middleware holds).
     *
     * @param task the task; runs on the event loop
     */
    public void onComplete(Runnable task) {
        if (onComplete == null) {
            onComplete = new ArrayList<>(2);
        }
        onComplete.add(task);
    }

    /** Ends the exchange: runs the completion tasks once. Called by the server. */
    public void complete() {
        List<Runnable> tasks = onComplete;
        onComplete = null;
        if (tasks != null) {
            for (Runnable t : tasks) {
                t.run();
            }
        }
    }
}
