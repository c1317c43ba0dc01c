package dev.access.core.audit;

import dev.access.core.domain.DenialReason;
import dev.access.core.domain.EntrySource;
import dev.access.core.domain.UserType;
import java.time.Instant;

/**
 * One entry attempt in a lock's trail: an {@code EntryGranted} or an {@code EntryDenied}.
 *
 * @param lock the lock
 * @param sequence the event's sequence number
 * @param at when it was made (as the lock stamped it)
 * @param source keypad or remote
 * @param slot the slot of the code that opened or was recognised, or null (unknown or malformed code)
 * @param user the name the slot's code was added with, as it was at the attempt, or null
 * @param userType the user type of the slot's code, or null
 * @param granted whether the door opened
 * @param reason why it was denied, or null when granted
 * @param lockedOutUntil when a lockout in force at the attempt (or started by it) ends, or null
 * @param wrongCode whether the denial counted toward the wrong-code limit
 */
public record Attempt(
        String lock,
        long sequence,
        Instant at,
        EntrySource source,
        Integer slot,
        String user,
        UserType userType,
        boolean granted,
        DenialReason reason,
        Instant lockedOutUntil,
        boolean wrongCode) {

    /** {@code GRANTED} or {@code DENIED}. */
    public String outcome() {
        return granted ? "GRANTED" : "DENIED";
    }
}
