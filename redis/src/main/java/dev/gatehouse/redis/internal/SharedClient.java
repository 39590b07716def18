package dev.gatehouse.redis.internal;

import dev.gatehouse.core.spi.InvalidSpecException;
import dev.gatehouse.redis.RedisSpec;
import dev.gatehouse.redis.RedisEventLoops;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Transports;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The connections to one Redis, shared by every holder of the same Redis. With the gateway's worker loops on
 * offer ({@link RedisEventLoops}), one connection (a {@link Lane}) per worker loop, registered on that loop, so a
 * call made on a loop is written and answered there; otherwise one multiplexed connection on Lettuce's own threads.
 * Commands are rejected (not queued) while disconnected, so callers learn at once that Redis is away.
 */
public final class SharedClient {
    /**
     * What makes two connections the same: the spec with defaults, where relative TLS files resolve, and the
     * loops they run on.
     *
     * @param spec    the normalised spec
     * @param baseDir the base directory when TLS files are named, else null
     * @param loops   the worker loops on offer, or null for Lettuce's own threads
     */
    public record Key(RedisSpec spec, Path baseDir, RedisEventLoops.Offer loops) {
        /**
         * @param spec    the normalised spec
         * @param baseDir the middleware's base directory
         * @return the key, with the loops on offer now
         */
        public static Key of(RedisSpec spec, Path baseDir) {
            return new Key(spec, spec.tls() == null ? null : baseDir, usable(RedisEventLoops.current()));
        }

        /** Loops whose transport is not the one Lettuce picks cannot take its channels. */
        private static RedisEventLoops.Offer usable(RedisEventLoops.Offer offer) {
            return offer != null && offer.channelType() == Transports.socketChannelClass() ? offer : null;
        }
    }

    private final Key key;
    private final Lane[] lanes;
    private int holders;

    private SharedClient(Key key, ClientResources resources) {
        this.key = key;
        RedisSpec s = key.spec();
        String endpoint = s.endpoints().getFirst();
        RedisURI uri = ClientSettings.uri(s, endpoint);
        List<Lane> made = new ArrayList<>();
        if (key.loops() == null) {
            made.add(new Lane(null, resources, uri, endpoint, true));
        } else {
            for (EventExecutor e : key.loops().loops()) {
                EventLoop loop = (EventLoop) e;
                made.add(new Lane(loop, LettuceResources.onLoop(resources, loop), uri, endpoint, made.isEmpty()));
            }
        }
        this.lanes = made.toArray(Lane[]::new);
        ClientOptions options = ClientSettings.options(s, key.baseDir());
        for (Lane l : lanes) {
            l.client().setOptions(options);
        }
    }

    /**
     * Creates the client and starts connecting in the background.
     *
     * @param key what to connect to
     * @return the client, not yet connected
     */
    public static SharedClient start(Key key) {
        SharedClient c = new SharedClient(key, LettuceResources.retain());
        for (Lane l : c.lanes) {
            l.start();
        }
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

    /** @return true while every connection is up */
    public boolean isConnected() {
        for (Lane l : lanes) {
            if (!l.isConnected()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Sends one command on the calling loop's connection; off the worker loops, on the first connection that is
     * up.
     *
     * @param command issues the command
     * @param <T>     the reply type
     * @return the reply, or null while not connected
     */
    public <T> RedisFuture<T> send(Function<RedisAsyncCommands<byte[], byte[]>, RedisFuture<T>> command) {
        for (Lane l : lanes) {
            if (l.onLoop()) {
                return l.sendOnLoop(command);
            }
        }
        for (Lane l : lanes) {
            if (l.isConnected()) {
                return l.sendFromElsewhere(command);
            }
        }
        return null;
    }

    /**
     * Closes the connections and the clients, and lets go of the shared threads.
     *
     * @return completes once every connection has closed and the threads are let go of
     */
    public CompletableFuture<Void> shutdown() {
        CompletableFuture<?>[] closing = new CompletableFuture<?>[lanes.length];
        for (int i = 0; i < lanes.length; i++) {
            closing[i] = lanes[i].shutdown();
        }
        return CompletableFuture.allOf(closing).handle((v, e) -> {
            LettuceResources.release();
            return null;
        });
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
