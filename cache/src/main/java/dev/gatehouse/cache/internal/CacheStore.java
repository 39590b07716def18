package dev.gatehouse.cache.internal;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Where stored responses live, by primary key; each key holds the variants that differ in their secondary
 * key (RFC 9111 §4.1). Implementations are thread-safe and never block the caller: a remote store answers
 * through the stage, the in-memory one with a completed stage.
 */
public interface CacheStore extends AutoCloseable {
    /**
     * The variants stored under a key, newest first.
     *
     * @param key the primary key
     * @return the variants, empty when none
     */
    CompletionStage<List<StoredResponse>> variants(String key);

    /**
     * Stores a response, replacing a variant with the same secondary key.
     *
     * @param key      the primary key
     * @param response the response
     */
    void store(String key, StoredResponse response);

    /**
     * Removes every variant stored under a key (§4.4).
     *
     * @param key the primary key
     */
    void invalidate(String key);

    @Override
    void close();
}
