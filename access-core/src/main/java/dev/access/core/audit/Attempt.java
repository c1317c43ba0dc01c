package dev.access.core.audit;

import dev.access.core.domain.DenialReason;
import dev.access.core.domain.EntrySource;
import dev.access.core.domain.OfflineCode;
import dev.access.core.domain.UserType;
import java.time.Instant;

/**
 * One entry attempt in a lock's trail: an {@code EntryGranted}, an {@code EntryDenied}, or a
 * diagnostic check that matched a code ({@code CodeChecked}: not granted, no reason). An offline
 * code's attempt has no slot and names the code ({@code offlineCode}: its public id and window,
 * never its PIN).
 *
 * @param lock the lock
 * @param sequence the event's sequence number
 * @param at when it was made (as the lock stamped it)
 * @param source keypad, remote, or diagnostic (a typed PIN checked by a diagnosis)
 * @param slot the slot of the code that opened or was recognised, or null (an offline code, or an
 *     unknown or malformed code)
 * @param user the name the slot's code was added with, as it was at the attempt, or null
 * @param userType the user type of the slot's code ({@code OFFLINE} for an offline code), or null
 * @param granted whether the door opened
 * @param reason why it was denied, or null when granted
 * @param lockedOutUntil when a lockout in force at the attempt (or started by it) ends, or null
 * @param wrongCode whether the denial counted toward the wrong-code limit
 * @param offlineCode the offline code that opened, was refused or was recognised, or null
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
        boolean wrongCode,
        OfflineCode offlineCode) {

    /** An attempt that names no offline code. */
    public Attempt(String lock, long sequence, Instant at, EntrySource source, Integer slot, String user,
            UserType userType, boolean granted, DenialReason reason, Instant lockedOutUntil, boolean wrongCode) {
        this(lock, sequence, at, source, slot, user, userType, granted, reason, lockedOutUntil, wrongCode, null);
    }

    /**
     * {@code GRANTED}, {@code DENIED}, or {@code CHECKED}: a diagnostic check of a typed PIN (source
     * {@code DIAGNOSTIC}) that was the code in {@code slot} (or the offline code); it opened nothing.
     */
    public String outcome() {
        return granted ? "GRANTED" : reason == null ? "CHECKED" : "DENIED";
    }

    /**
     * Who the attempt names, as a report shows it where a user's name would be: the name, or for an
     * offline code "offline code ID (valid FROM to UNTIL[, daily HH:00-HH:00][, one-time])" with the
     * window in ISO-8601 UTC; null if neither.
     */
    public String who() {
        return offlineCode == null ? user : describe(offlineCode, offlineCode.from().toString(),
                offlineCode.until().toString());
    }

    /** "offline code ID (valid FROM to UNTIL[, daily HH:00-HH:00][, one-time])" with the times given as text. */
    static String describe(OfflineCode c, String from, String until) {
        return "offline code " + c.id() + " (valid " + from + " to " + until
                + (c.daily() == null ? "" : ", daily " + c.daily()) + (c.oneTime() ? ", one-time" : "") + ")";
    }
}
