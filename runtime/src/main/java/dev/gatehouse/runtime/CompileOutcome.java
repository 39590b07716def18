package dev.gatehouse.runtime;

import dev.gatehouse.config.Diagnostic;
import dev.gatehouse.upstream.ServiceSet;
import java.util.List;

/**
 * What one compile produced.
 *
 * @param snapshot the snapshot, or null when the config could not be used at all (the last good one keeps
 *                 serving)
 * @param services the service set built on the way, to activate with the snapshot or retire without it
 * @param errors   every diagnostic: the fatal ones when there is no snapshot, else the disabled elements'
 */
public record CompileOutcome(RuntimeSnapshot snapshot, ServiceSet services, List<Diagnostic> errors) {
    /** @return true when a snapshot was produced */
    public boolean ok() {
        return snapshot != null;
    }
}
