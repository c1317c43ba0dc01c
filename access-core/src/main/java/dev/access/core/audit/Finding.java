package dev.access.core.audit;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * One answer of a {@link Diagnosis}, as data: what is wrong (or not) with its typed parameters,
 * since and until when, and the trail events it rests on. Holds no PIN, digest or commitment, and
 * no words: a {@link FindingRenderer} says it ({@link FindingRenderer#english()} as lockctl does).
 *
 * @param detail what was found, with the values that belong to it
 * @param at the instant the diagnosis looked at (the lock's effective time)
 * @param zone the lock's time zone, in which schedules hold and times are shown
 * @param since when the situation began, or null
 * @param until when it ends by itself, or null (it lasts until someone acts)
 * @param evidence the sequence numbers of the events it rests on, ascending
 */
public record Finding(FindingDetail detail, Instant at, ZoneId zone, Instant since, Instant until, List<Long> evidence) {
    /** Copies the evidence; requires a detail, an instant and a zone. */
    public Finding {
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(zone, "zone");
        evidence = List.copyOf(evidence);
    }

    /** This finding without personal names (see {@link FindingDetail#withoutNames()}). */
    public Finding withoutNames() {
        return new Finding(detail.withoutNames(), at, zone, since, until, evidence);
    }

    /** What was found: the code of its detail. */
    public Code code() {
        return detail.code();
    }

    /** What a finding is about. */
    public enum Code {
        /** The lock has never been commissioned (up to the instant). */
        NOT_COMMISSIONED,
        /** A factory reset erased every code (and the lock may not be commissioned again). */
        FACTORY_RESET,
        /** The keypad is locked out after too many wrong codes in a row. */
        LOCKED_OUT,
        /** The keypad is disabled: the daily budget of wrong codes is spent. */
        KEYPAD_DISABLED,
        /** Privacy mode: every entry is refused. */
        PRIVACY_MODE,
        /** Vacation mode: only the master code opens at the keypad. */
        VACATION_MODE,
        /** No-remote mode: remote entries are refused. */
        NO_REMOTE_MODE,
        /** The battery is critical: every entry is refused. */
        BATTERY_CRITICAL,
        /** The typed code has a length the keypad never accepts. */
        WRONG_LENGTH,
        /** No code of the lock has this PIN, or the slot never held a code. */
        UNKNOWN_CODE,
        /** The code was removed. */
        REMOVED,
        /** The code's PIN was changed: the old PIN no longer opens. */
        REPLACED,
        /** The code is suspended. */
        SUSPENDED,
        /** The code belongs to a non-access user: recorded, never opens. */
        NON_ACCESS,
        /** The code is remote-only: it never opens from the keypad. */
        REMOTE_ONLY,
        /** The code's use limit is spent. */
        USED_UP,
        /** The code's validity ended. */
        EXPIRED,
        /** The code's validity has not begun. */
        NOT_YET_VALID,
        /** The instant is outside the code's week-day schedule or inside an exclusion window. */
        OUTSIDE_SCHEDULE,
        /** The lock's clock is untrusted since a rollback: time-bound codes are refused. */
        CLOCK_UNTRUSTED,
        /** The battery is low. */
        BATTERY_LOW,
        /** The lock reported jams. */
        JAMMED,
        /** The firmware changed. */
        FIRMWARE_CHANGED,
        /** Nothing in the trail stops the code: it would open. */
        CODE_OK,
        /** Nothing in the trail explains a refusal. */
        NOTHING_FOUND,
        /** The offline code was revoked. */
        REVOKED,
        /** Revoke-all replaced the offline issuing key: codes issued with the earlier key no longer open. */
        OFFLINE_KEY_REPLACED
    }
}
