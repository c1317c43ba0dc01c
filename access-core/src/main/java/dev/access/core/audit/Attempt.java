package dev.access.core.audit;

import dev.access.core.domain.DenialReason;
import dev.access.core.domain.EntrySource;
import dev.access.core.domain.UserType;
import java.time.Instant;

/**
 * One entry attempt in a lock's trail: an {@code EntryGranted}, an {@code EntryDenied}, or a
 * diagnostic check that matched a code ({@code CodeChecked}: not granted, no reason).
 *
 * @param lock the lock
 * @param sequence the event's sequence number
 * @param at when it was made (as the lock stamped it)
 * @param source keypad, remote, or diagnostic (a typed PIN checked by a diagnosis)
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

    /**
     * {@code GRANTED}, {@code DENIED}, or {@code CHECKED}: a diagnostic check of a typed PIN (source
     * {@code DIAGNOSTIC}) that was the code in {@code slot}; it opened nothing.
     */
    public String outcome() {
        return granted ? "GRANTED" : reason == null ? "CHECKED" : "DENIED";
    }
}
