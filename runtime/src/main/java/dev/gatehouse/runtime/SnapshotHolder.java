package dev.gatehouse.runtime;

/**
 * Holds the live snapshot. Swapped by the config thread with one volatile write; read once per exchange by
 * the dispatcher, so an exchange keeps the snapshot it started with however long it runs.
 */
public final class SnapshotHolder {
    private volatile RuntimeSnapshot current;

    /** @param initial the first snapshot */
    public SnapshotHolder(RuntimeSnapshot initial) {
        this.current = initial;
    }

    /** @return the live snapshot */
    public RuntimeSnapshot current() {
        return current;
    }

    /**
     * Makes a snapshot live.
     *
     * @param next the new snapshot
     * @return the one it replaced
     */
    public RuntimeSnapshot swap(RuntimeSnapshot next) {
        RuntimeSnapshot old = current;
        current = next;
        return old;
    }
}
