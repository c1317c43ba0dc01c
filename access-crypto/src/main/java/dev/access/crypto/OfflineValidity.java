package dev.access.crypto;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * When an offline code opens: a plain window of whole UTC hours, or whole local days limited to
 * daily hours; optionally one-time; and a variant number, so several codes exist for the same
 * validity. Only validities on {@link OfflineCodes}'s grid can be issued ({@link #requireIssuable}).
 *
 * @param kind plain window or daily hours
 * @param start plain: the first hour (hours since 1970-01-01T00:00Z); daily: the first local day
 *     ({@link LocalDate#toEpochDay()})
 * @param end plain: the hour it stops opening (exclusive); daily: the day after the last
 * @param oneTime whether the first use consumes it
 * @param dailyStartHour daily: the local hour it starts opening each day (0 for plain)
 * @param dailyHours daily: how many hours it opens each day (0 for plain)
 * @param variant which of the codes for this validity (0 to {@link OfflineCodes#variants} − 1)
 */
public record OfflineValidity(Kind kind, long start, long end, boolean oneTime, int dailyStartHour, int dailyHours,
        int variant) {

    /** The two shapes of validity. */
    public enum Kind {
        /** From one UTC hour to another. */
        PLAIN,
        /** Local days, each only between two local hours. */
        DAILY
    }

    /** Checks the fields' ranges (not the grid: see {@link #requireIssuable}). */
    public OfflineValidity {
        if (kind == null) {
            throw new IllegalArgumentException("an offline code's validity needs a kind");
        }
        if (end <= start || start < 0 || end > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("an offline code's validity must end after it starts, got " + start
                    + ".." + end);
        }
        if (kind == Kind.PLAIN && (dailyStartHour != 0 || dailyHours != 0)) {
            throw new IllegalArgumentException("a plain window has no daily hours");
        }
        if (kind == Kind.DAILY && (dailyStartHour < 0 || dailyHours < 1 || dailyStartHour + dailyHours > 24)) {
            throw new IllegalArgumentException("daily hours must lie within one day, got " + dailyStartHour + ":00 for "
                    + dailyHours + " h");
        }
        if (variant < 0 || variant > 255) {
            throw new IllegalArgumentException("variant out of range: " + variant);
        }
    }

    /** A plain window from one whole UTC hour to another. */
    public static OfflineValidity plain(Instant from, Instant until, boolean oneTime, int variant) {
        return new OfflineValidity(Kind.PLAIN, wholeHour(from), wholeHour(until), oneTime, 0, 0, variant);
    }

    /**
     * Local days {@code firstDay} to {@code lastDay} (inclusive), each from {@code startHour}:00 for
     * {@code hours} hours, in the lock's time zone.
     */
    public static OfflineValidity daily(LocalDate firstDay, LocalDate lastDay, int startHour, int hours, int variant) {
        return new OfflineValidity(Kind.DAILY, firstDay.toEpochDay(), lastDay.toEpochDay() + 1, false, startHour, hours,
                variant);
    }

    private static long wholeHour(Instant t) {
        if (t.getEpochSecond() % 3600 != 0 || t.getNano() != 0) {
            throw new IllegalArgumentException("an offline code's window starts and ends on whole UTC hours, got " + t);
        }
        return t.getEpochSecond() / 3600;
    }

    /** Whether it opens at {@code t} in the lock's zone (its window and daily hours; not revocation or use). */
    public boolean covers(Instant t, ZoneId zone) {
        if (kind == Kind.PLAIN) {
            long hour = Math.floorDiv(t.getEpochSecond(), 3600);
            return start <= hour && hour < end;
        }
        LocalDateTime local = LocalDateTime.ofInstant(t, zone);
        long day = local.toLocalDate().toEpochDay();
        int hour = local.getHour();
        return start <= day && day < end && dailyStartHour <= hour && hour < dailyStartHour + dailyHours;
    }

    /**
     * The first instant it opens. A daily code's first day does not count when a daylight-saving
     * change skips all of its hours that day (a 1-hour code on the skipped hour).
     */
    public Instant from(ZoneId zone) {
        if (kind == Kind.PLAIN) {
            return Instant.ofEpochSecond(start * 3600);
        }
        for (long day = start; day < end; day++) {
            Instant opening = opening(day, zone);
            if (covers(opening, zone)) {
                return opening;
            }
        }
        return opening(start, zone);
    }

    /**
     * The instant after which it never opens again. A daily code's last day does not count when a
     * daylight-saving change skips all of its hours that day.
     */
    public Instant until(ZoneId zone) {
        if (kind == Kind.PLAIN) {
            return Instant.ofEpochSecond(end * 3600);
        }
        for (long day = end - 1; day >= start; day--) {
            Instant closing = closing(day, zone);
            if (covers(closing.minusNanos(1), zone)) {
                return closing;
            }
        }
        return closing(end - 1, zone);
    }

    /** When the daily hours start on {@code day} (the first existing local time at or after them). */
    private Instant opening(long day, ZoneId zone) {
        return ZonedDateTime.of(LocalDate.ofEpochDay(day), LocalTime.of(dailyStartHour, 0), zone).toInstant();
    }

    /** When the daily hours end on {@code day}. */
    private Instant closing(long day, ZoneId zone) {
        LocalDate date = LocalDate.ofEpochDay(day);
        int endHour = dailyStartHour + dailyHours;
        LocalDateTime stop = endHour == 24 ? date.plusDays(1).atStartOfDay() : date.atTime(endHour, 0);
        return ZonedDateTime.of(stop, zone).toInstant();
    }

    /** The daily hours as {@code HH:00-HH:00}, or null for a plain window. */
    public String dailyText() {
        return kind == Kind.PLAIN ? null : String.format("%02d:00-%02d:00", dailyStartHour, dailyStartHour + dailyHours);
    }

    /**
     * Checks that this validity is one an issuer may give (on the grid, an allowed length, a variant
     * in range; a daily code is never one-time), so a lock accepts it.
     *
     * @throws IllegalArgumentException naming what is off the grid
     */
    public OfflineValidity requireIssuable() {
        OfflineCodes.requireOnGrid(this);
        return this;
    }
}
