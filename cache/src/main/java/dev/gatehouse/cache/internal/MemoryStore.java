package dev.gatehouse.cache.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Stored responses in memory (Caffeine), bounded by their total weight in bytes. Contents are plain heap
 * arrays, so eviction never has a buffer to release.
 */
public final class MemoryStore implements CacheStore {
    /** Variants kept per primary key; the oldest goes first. */
    static final int MAX_VARIANTS = 32;

    private final Cache<String, List<StoredResponse>> cache;

    /** @param maxBytes the total weight the store holds */
    public MemoryStore(long maxBytes) {
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String k, List<StoredResponse> v) -> weight(k, v))
                // Maintenance on the caller: cheap, and eviction is visible at once.
                .executor(Runnable::run)
                .build();
    }

    private static int weight(String key, List<StoredResponse> variants) {
        long w = key.length() + 64L;
        for (StoredResponse r : variants) {
            w += r.weight();
        }
        return (int) Math.min(Integer.MAX_VALUE, w);
    }

    @Override
    public CompletionStage<List<StoredResponse>> variants(String key) {
        List<StoredResponse> v = cache.getIfPresent(key);
        return CompletableFuture.completedFuture(v == null ? List.of() : v);
    }

    @Override
    public void store(String key, StoredResponse response) {
        cache.asMap().compute(key, (k, old) -> {
            List<StoredResponse> next = new ArrayList<>(old == null ? 1 : old.size() + 1);
            next.add(response);
            if (old != null) {
                for (StoredResponse r : old) {
                    if (next.size() < MAX_VARIANTS && !Objects.equals(r.secondaryKey(), response.secondaryKey())) {
                        next.add(r);
                    }
                }
            }
            return List.copyOf(next);
        });
    }

    @Override
    public void invalidate(String key) {
        cache.invalidate(key);
    }

    /** @return the total weight held now, in bytes */
    public long weightedSize() {
        cache.cleanUp();
        return cache.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L);
    }

    @Override
    public void close() {
        cache.invalidateAll();
    }
}
