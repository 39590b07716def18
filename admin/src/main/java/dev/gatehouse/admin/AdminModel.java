package dev.gatehouse.admin;

import java.util.List;

/**
 * What the admin API shows, supplied by the runtime. Called on the admin listener's event loop for every API
 * request, so each method must answer from memory (the current snapshot), without waiting.
 */
public interface AdminModel {
    /** @return the entry points, in any order */
    List<EntryPointView> entryPoints();

    /** @return the routing config being served, with each element's status */
    ConfigView config();

    /** @return true once a stop signal arrived; {@code /ping} then answers its terminating status */
    boolean shuttingDown();
}
