package dev.gatehouse.redis.internal;

import dev.gatehouse.core.spi.InvalidSpecException;
import dev.gatehouse.redis.RedisSpec;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.resource.ClientResources;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One Lettuce client and its single multiplexed connection, shared by every holder of the same Redis. The first
 * connect is retried in the background until it succeeds; after that Lettuce's auto-reconnect takes over.
 * Commands are rejected (not queued) while disconnected, so callers learn at once that Redis is away.
 */
public final class SharedClient {
    private static final Logger LOG = Logger.getLogger(SharedClient.class.getName());
    private static final long FIRST_RETRY_MILLIS = 200;
    private static final long MAX_RETRY_MILLIS = 5_000;

    /**
     * What makes two connections the same: the spec with defaults, and where relative TLS files resolve.
     *
     * @param spec    the normalised spec
     * @param baseDir the base directory when TLS files are named, else null
     */
    public record Key(RedisSpec spec, Path baseDir) {
        /**
         * @param spec    the normalised spec
         * @param baseDir the middleware's base directory
         * @return the key
         */
        public static Key of(RedisSpec spec, Path baseDir) {
            return new Key(spec, spec.tls() == null ? null : baseDir);
        }
    }

    private final Key key;
    private final ClientResources resources;
    private final RedisClient client;
    private final RedisURI uri;
    private final String endpoint;
    private volatile StatefulRedisConnection<byte[], byte[]> connection;
    private volatile boolean shutdown;
    private int holders;

    private SharedClient(Key key, ClientResources resources) {
        this.key = key;
        this.resources = resources;
        RedisSpec s = key.spec();
        this.endpoint = s.endpoints().getFirst();
        this.uri = ClientSettings.uri(s, endpoint);
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientSettings.options(s, key.baseDir()));
    }

    /**
     * Creates the client and starts connecting in the background.
     *
     * @param key what to connect to
     * @return the client, not yet connected
     */
    public static SharedClient start(Key key) {
        SharedClient c = new SharedClient(key, LettuceResources.retain());
        c.connect(FIRST_RETRY_MILLIS);
        return c;
    }

    /**
     * Splits {@code host:port}.
     *
     * @param endpoint the endpoint
     * @param keyPath  where it sits, for errors
     * @return host and port
     */
    public static HostPort parseEndpoint(String endpoint, String keyPath) {
        int colon = endpoint == null ? -1 : endpoint.lastIndexOf(':');
        if (colon <= 0 || colon == endpoint.length() - 1) {
            throw new InvalidSpecException(keyPath, "expected host:port, got \"" + endpoint + "\"");
        }
        String host = endpoint.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            int port = Integer.parseInt(endpoint.substring(colon + 1));
            if (port < 1 || port > 65_535) {
                throw new NumberFormatException();
            }
            return new HostPort(host, port);
        } catch (NumberFormatException e) {
            throw new InvalidSpecException(keyPath, "invalid port in \"" + endpoint + "\"");
        }
    }

    /** @return what this client connects to */
    public Key key() {
        return key;
    }

    /** Counts one more holder. Called under the registry's lock. */
    public void retain() {
        holders++;
    }

    /**
     * Counts one holder less. Called under the registry's lock.
     *
     * @return true when that was the last holder
     */
    public boolean release() {
        return --holders == 0;
    }

    /** @return true while the connection is up */
    public boolean isConnected() {
        StatefulRedisConnection<byte[], byte[]> c = connection;
        return c != null && c.isOpen();
    }

    /** @return the async commands while connected, else null */
    public RedisAsyncCommands<byte[], byte[]> commands() {
        StatefulRedisConnection<byte[], byte[]> c = connection;
        return c != null && c.isOpen() ? c.async() : null;
    }

    /** Closes the connection and the client, and lets go of the shared threads. */
    public void shutdown() {
        shutdown = true;
        // The client closes its connection itself.
        connection = null;
        client.shutdownAsync(0, 2, TimeUnit.SECONDS).whenComplete((v, e) -> LettuceResources.release());
    }

    private void connect(long retryMillis) {
        if (shutdown) {
            return;
        }
        client.connectAsync(ByteArrayCodec.INSTANCE, uri).whenComplete((c, e) -> {
            if (e == null) {
                connected(c);
                return;
            }
            if (retryMillis == FIRST_RETRY_MILLIS) {
                // Once, not per retry; the cause names the endpoint, never the password.
                LOG.log(Level.WARNING, "redis at {0} is unreachable, retrying in the background: {1}",
                        new Object[] {endpoint, rootMessage(e)});
            }
            if (!shutdown) {
                resources.eventExecutorGroup().schedule(() -> connect(Math.min(retryMillis * 2, MAX_RETRY_MILLIS)),
                        retryMillis, TimeUnit.MILLISECONDS);
            }
        });
    }

    private void connected(StatefulRedisConnection<byte[], byte[]> c) {
        if (shutdown) {
            c.closeAsync();
            return;
        }
        connection = c;
        LOG.log(Level.INFO, "redis at {0} connected", endpoint);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    /**
     * A parsed endpoint.
     *
     * @param host the host name or IP literal
     * @param port the port
     */
    public record HostPort(String host, int port) {
    }
}
