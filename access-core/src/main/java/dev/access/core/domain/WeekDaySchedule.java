package dev.access.core.domain;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Set;

/**
 * Days of the week and a local time range, in the lock's time zone: the credential opens on those
 * days from {@code from} (inclusive) to {@code until} (exclusive). Evaluated on the local wall
 * clock, so 08:00-10:00 means that on daylight-saving days too.
 *
 * @param days the days, at least one
 * @param from the start of the range
 * @param until the end of the range, after {@code from}
 */
public record WeekDaySchedule(Set<DayOfWeek> days, LocalTime from, LocalTime until) {
    /** Validates the schedule, naming the offending value. */
    public WeekDaySchedule {
        if (days == null || days.isEmpty()) {
            throw new LockCommandRejected(Rejection.INVALID_ARGUMENT, "a schedule needs at least one day");
        }
        if (from == null || until == null || !until.isAfter(from)) {
            throw new LockCommandRejected(Rejection.INVALID_ARGUMENT,
                    "schedule end " + until + " must be after its start " + from);
        }
        // Week order, the same in every JVM: the days are serialized into chained trail bytes, and
        // Set.copyOf would iterate in an order salted per JVM.
        days = java.util.Collections.unmodifiableSet(EnumSet.copyOf(days));
    }

    /**
     * Whether {@code at} falls inside this schedule on the wall clock of {@code zone}; never for an
     * instant whose local date java.time cannot hold.
     */
    public boolean contains(Instant at, ZoneId zone) {
        ZonedDateTime local = Instants.atZone(at, zone);
        if (local == null) {
            return false;
        }
        LocalTime t = local.toLocalTime();
        return days.contains(local.getDayOfWeek()) && !t.isBefore(from) && t.isBefore(until);
    }
}
