package dev.gatehouse.server.internal;

/** Fired down a connection's pipeline when its listener shuts down: finish what is in flight, then close. */
public final class DrainEvent {
    /** The event. */
    public static final DrainEvent INSTANCE = new DrainEvent();

    private DrainEvent() {
    }
}
