package dev.access.core.fleet;

import dev.access.core.domain.UserType;
import java.time.Instant;

/**
 * One code's sync status at the backend.
 *
 * @param slot the slot
 * @param name the code's name (the desired one for a managed code, the lock's for an unmanaged one), or null
 * @param type its user type
 * @param sync where it stands
 * @param reason the lock's reason for a FAILED code ({@code LOCK_RESET} after a factory reset), else null
 * @param since when it came to stand there (the lock's time of the event that says so, or the
 *     backend's time of the request for a PENDING code), or null
 * @param batch the batch it was last sent in (PENDING) or applied in (SYNCED, FAILED), or null
 * @param by who asked for it at the backend (null for an UNMANAGED code)
 * @param wanted whether the backend wants the slot to hold a code (false: the backend asked to empty it)
 */
public record CodeSync(int slot, String name, UserType type, SyncStatus sync, String reason, Instant since, Long batch,
        String by, boolean wanted) {
}
