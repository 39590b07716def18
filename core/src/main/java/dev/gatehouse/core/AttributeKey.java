package dev.gatehouse.core;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A typed key for exchange-scoped state in {@link RequestContext}. Keys are compared by identity; create them
 * once, as constants.
 *
 * @param <T> the type of the value
 */
public final class AttributeKey<T> {
    private static final AtomicInteger NEXT_INDEX = new AtomicInteger();

    private final String name;
    private final Class<T> type;
    private final int index;

    private AttributeKey(String name, Class<T> type) {
        this.name = name;
        this.type = type;
        this.index = NEXT_INDEX.getAndIncrement();
    }

    /**
     * Creates a key.
     *
     * @param name a name for diagnostics, such as {@code "auth.consumer"}
     * @param type the value type
     * @param <T>  the value type
     * @return a new key, distinct from every other
     */
    public static <T> AttributeKey<T> of(String name, Class<T> type) {
        return new AttributeKey<>(name, type);
    }

    /** @return the diagnostic name */
    public String name() {
        return name;
    }

    /** @return the value type */
    public Class<T> type() {
        return type;
    }

    int index() {
        return index;
    }

    @Override
    public String toString() {
        return "AttributeKey(" + name + ")";
    }
}
