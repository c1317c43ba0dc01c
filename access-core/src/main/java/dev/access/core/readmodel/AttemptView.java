package dev.access.core.readmodel;

import dev.access.core.domain.DenialReason;
import dev.access.core.domain.EntrySource;
import dev.access.core.domain.OfflineCode;
import java.time.Instant;

/**
 * One entry attempt in an access log. An offline code's attempt has no slot or name and names the
 * code instead (its public id and window, never its PIN).
 *
 * @param sequence the attempt's event sequence number in the lock's trail
 * @param at when
 * @param source keypad or remote
 * @param granted whether it opened
 * @param slot the code's slot when recognised, else null (also for an offline code)
 * @param name the code's name when recognised and named, else null
 * @param reason why it was denied, or null
 * @param offlineCode the offline code that opened or was refused, or null
 */
public record AttemptView(long sequence, Instant at, EntrySource source, boolean granted, Integer slot, String name,
        DenialReason reason, OfflineCode offlineCode) {
    /** An attempt that names no offline code. */
    public AttemptView(long sequence, Instant at, EntrySource source, boolean granted, Integer slot, String name,
            DenialReason reason) {
        this(sequence, at, source, granted, slot, name, reason, null);
    }

    /** The same attempt with the code's name replaced (by how people read it). */
    public AttemptView withName(String next) {
        return new AttemptView(sequence, at, source, granted, slot, next, reason, offlineCode);
    }
}
