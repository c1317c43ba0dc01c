package dev.access.core.internal.readmodel;

import dev.access.core.domain.LockEvent;
import dev.access.core.trail.TrailCheckpointed;
import dev.access.core.readmodel.AccessLogView;
import java.util.Iterator;
import java.util.function.BiFunction;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;

/**
 * Keeps the access log, event by event, in the {@value #GROUP} processor. Follows each lock's own
 * sequence numbers: a jump (an event the global stream skipped or has not yet delivered) is filled
 * from the lock's stream before the event is applied; an event already applied is ignored.
 */
@ProcessingGroup(AccessLogProjection.GROUP)
public final class AccessLogProjection {
    /** The processing group and processor name. */
    public static final String GROUP = "access-log";

    private final AccessLogStore store;
    private final BiFunction<String, Long, Iterator<? extends DomainEventMessage<?>>> stream;

    /**
     * A projection into {@code store}; {@code stream} reads a lock's events from a sequence number
     * on (for filling jumps).
     */
    public AccessLogProjection(AccessLogStore store,
            BiFunction<String, Long, Iterator<? extends DomainEventMessage<?>>> stream) {
        this.store = store;
        this.stream = stream;
    }

    @EventHandler
    void on(LockEvent event, @SequenceNumber long sequence) {
        apply(event.lockId().value(), sequence, event);
    }

    @EventHandler
    void on(TrailCheckpointed event, @SequenceNumber long sequence) {
        apply(event.lockId().value(), sequence, event);
    }

    @EventHandler
    void on(dev.access.core.trail.TrailAnchored event, @SequenceNumber long sequence) {
        apply(event.lockId().value(), sequence, event);
    }

    @ResetHandler
    void reset() {
        store.clear();
    }

    private void apply(String lockId, long sequence, Object payload) {
        AccessLogEntry entry = store.load(lockId).orElseGet(() -> AccessLogEntry.empty(lockId));
        if (sequence <= entry.lastSequence()) {
            return;
        }
        if (sequence > entry.lastSequence() + 1) {
            entry = catchUp(entry, sequence - 1);
        }
        store.save(entry.apply(sequence, payload));
    }

    /** The entry with the lock's events after its last sequence applied, up to {@code until} (inclusive). */
    AccessLogEntry catchUp(AccessLogEntry entry, long until) {
        Iterator<? extends DomainEventMessage<?>> it = stream.apply(entry.lockId(), entry.lastSequence() + 1);
        AccessLogEntry e = entry;
        while (it.hasNext()) {
            DomainEventMessage<?> m = it.next();
            if (m.getSequenceNumber() > until) {
                break;
            }
            e = e.apply(m.getSequenceNumber(), m.getPayload());
        }
        return e;
    }

    /** The current view of a lock: its stored entry caught up with its stream (nothing is written). */
    public AccessLogView view(String lockId) {
        AccessLogEntry entry = store.load(lockId).orElseGet(() -> AccessLogEntry.empty(lockId));
        return catchUp(entry, Long.MAX_VALUE).view();
    }
}
