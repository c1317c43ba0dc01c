package dev.access.core.audit;

import dev.access.core.domain.LockEvent;
import java.util.Objects;

/**
 * One event of a lock's trail with its position: the sequence number of its trail line (or, for
 * events given as a plain list, its index in that list).
 *
 * @param sequence the event's sequence number in the lock's trail, from 0
 * @param event the event (in audit form when read from an export: digests are commitments)
 */
public record SequencedEvent(long sequence, LockEvent event) {
    /** Requires the event and a sequence of at least 0. */
    public SequencedEvent {
        Objects.requireNonNull(event, "event");
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must be >= 0, was " + sequence);
        }
    }
}
