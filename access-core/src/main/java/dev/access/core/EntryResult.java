package dev.access.core;

import dev.access.core.domain.DenialReason;
import dev.access.core.domain.EntrySource;
import dev.access.core.domain.LockEvent;
import dev.access.core.domain.LockId;
import dev.access.core.domain.UserType;
import java.time.Instant;
import java.util.List;

/**
 * The answer to an entry attempt, given only after its events were committed.
 *
 * @param lockId the lock
 * @param at when the attempt was made
 * @param source where it came from
 * @param granted whether the door opens
 * @param slot the slot of the code that opened (or that was recognised but refused), or null
 * @param userType the user type of the code that opened, or null
 * @param reason why it was denied, or null when granted
 * @param lockedOutUntil when a lockout in force (or started by this attempt) ends, or null
 */
public record EntryResult(
        LockId lockId,
        Instant at,
        EntrySource source,
        boolean granted,
        Integer slot,
        UserType userType,
        DenialReason reason,
        Instant lockedOutUntil,
        dev.access.core.domain.OfflineCode offlineCode) {

    /** An outcome that names no offline code. */
    public EntryResult(LockId lockId, Instant at, EntrySource source, boolean granted, Integer slot, UserType userType,
            DenialReason reason, Instant lockedOutUntil) {
        this(lockId, at, source, granted, slot, userType, reason, lockedOutUntil, null);
    }

    /** The result recorded in the events of one attempt. */
    public static EntryResult from(List<LockEvent> events) {
        for (LockEvent e : events) {
            if (e instanceof LockEvent.EntryGranted) {
                LockEvent.EntryGranted g = (LockEvent.EntryGranted) e;
                return new EntryResult(g.lockId(), g.at(), g.source(), true, g.slot(), g.userType(), null, null,
                        g.offlineCode());
            }
            if (e instanceof LockEvent.EntryDenied) {
                LockEvent.EntryDenied d = (LockEvent.EntryDenied) e;
                return new EntryResult(d.lockId(), d.at(), d.source(), false, d.slot(),
                        d.offlineCode() == null ? null : UserType.OFFLINE, d.reason(), d.lockedOutUntil(), d.offlineCode());
            }
        }
        throw new IllegalStateException("no entry outcome among " + events.size() + " events");
    }
}
