package dev.access.core.domain;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Instant arithmetic that never throws: sums saturate at {@link Instant#MIN} and {@link Instant#MAX}.
 * A trail may hold any instant (a forged export, a trail written before clock faults were bounded),
 * and deciding, replaying, reporting or diagnosing it must not fail on date arithmetic.
 */
public final class Instants {
    private Instants() {
    }

    /** {@code t + d}, or {@link Instant#MAX}/{@link Instant#MIN} where that overflows. */
    public static Instant plus(Instant t, Duration d) {
        try {
            return t.plus(d);
        } catch (DateTimeException | ArithmeticException e) {
            return d.isNegative() ? Instant.MIN : Instant.MAX;
        }
    }

    /** {@code t - d}, or {@link Instant#MIN}/{@link Instant#MAX} where that overflows. */
    public static Instant minus(Instant t, Duration d) {
        try {
            return t.minus(d);
        } catch (DateTimeException | ArithmeticException e) {
            return d.isNegative() ? Instant.MAX : Instant.MIN;
        }
    }

    /** {@code t} on the wall clock of {@code zone}, or null where that date lies outside what java.time holds. */
    public static ZonedDateTime atZone(Instant t, ZoneId zone) {
        try {
            return t.atZone(zone);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** Whether {@code t} lies in the range a lock's clock is trusted to report (see {@link LockDecider#EARLIEST_TIME}). */
    public static boolean isPlausible(Instant t) {
        return !t.isBefore(LockDecider.EARLIEST_TIME) && !t.isAfter(LockDecider.LATEST_TIME);
    }

    /** {@code t} brought into the plausible range (the nearer bound when outside it). */
    public static Instant bounded(Instant t) {
        return t.isBefore(LockDecider.EARLIEST_TIME) ? LockDecider.EARLIEST_TIME
                : t.isAfter(LockDecider.LATEST_TIME) ? LockDecider.LATEST_TIME : t;
    }
}
