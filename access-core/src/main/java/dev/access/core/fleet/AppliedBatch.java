package dev.access.core.fleet;

import dev.access.core.domain.BatchOutcome;
import dev.access.core.domain.LockEvent;
import java.util.List;

/**
 * What a lock did with a programming batch it accepted.
 *
 * @param lock the lock
 * @param batch the batch's number
 * @param events the recorded events: the applied operations' code and mode events, then
 *     {@code BatchApplied}
 * @param outcomes each operation's outcome, in the batch's order (applied, or refused with the
 *     lock's reason)
 */
public record AppliedBatch(String lock, long batch, List<LockEvent> events, List<BatchOutcome> outcomes) {
    /** Copies the lists. */
    public AppliedBatch {
        events = List.copyOf(events);
        outcomes = List.copyOf(outcomes);
    }
}
