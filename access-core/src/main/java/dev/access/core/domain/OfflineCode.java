package dev.access.core.domain;

import java.time.Instant;

/**
 * An offline code as the trail names it: its public id and the validity it was issued for. Never
 * holds its PIN (the id is derived with the lock's issuing key; it reveals nothing about the PIN).
 *
 * @param id the code's public id (16 lowercase hex digits)
 * @param from the first instant it opens
 * @param until the instant after which it never opens again
 * @param oneTime whether its first use consumes it
 * @param daily the local hours it opens each day ({@code HH:00-HH:00}), or null for a plain window
 */
public record OfflineCode(String id, Instant from, Instant until, boolean oneTime, String daily) {
    /** Checks the id's shape and that the window ends after it starts. */
    public OfflineCode {
        if (id == null || !id.matches("[0-9a-f]{16}")) {
            throw Checks.invalid("an offline code id is 16 lowercase hex digits, got '" + Checks.shorten(id) + "'");
        }
        if (from == null || until == null || !until.isAfter(from)) {
            throw Checks.invalid("an offline code's window must end after it starts, got " + from + " to " + until);
        }
        if (daily != null && !daily.matches("([01][0-9]|2[0-3]):00-([01][0-9]|2[0-4]):00")) {
            throw Checks.invalid("an offline code's daily hours read HH:00-HH:00, got '" + Checks.shorten(daily) + "'");
        }
    }

    /** Whether its window (not its daily hours) holds {@code t}. */
    public boolean windowHolds(Instant t) {
        return !t.isBefore(from) && t.isBefore(until);
    }

    /** Whether its daily hours (if any) hold {@code t} in {@code zone}. */
    public boolean dailyHoursHold(Instant t, java.time.ZoneId zone) {
        if (daily == null) {
            return true;
        }
        int hour = java.time.LocalDateTime.ofInstant(t, zone).getHour();
        int start = Integer.parseInt(daily.substring(0, 2));
        int end = Integer.parseInt(daily.substring(6, 8));
        return start <= hour && hour < end;
    }
}
