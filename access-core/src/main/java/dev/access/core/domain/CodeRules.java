package dev.access.core.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * When and how often a credential may open, beyond its user type.
 *
 * @param validFrom the credential opens from this instant on (null: no start)
 * @param validUntil the credential opens only before this instant (null: no end)
 * @param schedules week-day schedules; if any, the credential opens only inside one of them
 * @param exclusions windows during which the credential never opens
 * @param maxUses the number of grants after which it is used up (null: unlimited)
 * @param expireAfterFirstUse for {@link UserType#EXPIRING}: how long it stays usable after its
 *     first use (null otherwise)
 */
public record CodeRules(
        Instant validFrom,
        Instant validUntil,
        List<WeekDaySchedule> schedules,
        List<TimeWindow> exclusions,
        Integer maxUses,
        Duration expireAfterFirstUse) {

    /** Validates the rules, naming the offending value. */
    public CodeRules {
        schedules = schedules == null ? List.of() : List.copyOf(schedules);
        exclusions = exclusions == null ? List.of() : List.copyOf(exclusions);
        if (validFrom != null && validUntil != null && !validUntil.isAfter(validFrom)) {
            throw new LockCommandRejected(Rejection.INVALID_ARGUMENT,
                    "validUntil " + validUntil + " must be after validFrom " + validFrom);
        }
        if (maxUses != null && (maxUses < 1 || maxUses > 1_000_000)) {
            throw new LockCommandRejected(Rejection.INVALID_ARGUMENT,
                    "maxUses must be 1..1000000, was " + maxUses);
        }
        if (expireAfterFirstUse != null && (expireAfterFirstUse.compareTo(Duration.ofSeconds(1)) < 0
                || expireAfterFirstUse.compareTo(Duration.ofDays(366)) > 0)) {
            throw new LockCommandRejected(Rejection.INVALID_ARGUMENT,
                    "expireAfterFirstUse must be 1 s..366 days, was " + expireAfterFirstUse);
        }
    }

    private static final CodeRules NONE = new CodeRules(null, null, List.of(), List.of(), null, null);

    /** No restriction at all: a permanent code (one shared instance: the rules are immutable). */
    public static CodeRules none() {
        return NONE;
    }

    /** Only a validity window. */
    public static CodeRules window(Instant from, Instant until) {
        return new CodeRules(from, until, List.of(), List.of(), null, null);
    }

    /** These rules with week-day schedules. */
    public CodeRules withSchedules(List<WeekDaySchedule> s) {
        return new CodeRules(validFrom, validUntil, s, exclusions, maxUses, expireAfterFirstUse);
    }

    /** These rules with exclusion windows. */
    public CodeRules withExclusions(List<TimeWindow> e) {
        return new CodeRules(validFrom, validUntil, schedules, e, maxUses, expireAfterFirstUse);
    }

    /** These rules with a use-count limit. */
    public CodeRules withMaxUses(Integer n) {
        return new CodeRules(validFrom, validUntil, schedules, exclusions, n, expireAfterFirstUse);
    }

    /** These rules with a time-after-first-use limit. */
    public CodeRules withExpireAfterFirstUse(Duration d) {
        return new CodeRules(validFrom, validUntil, schedules, exclusions, maxUses, d);
    }

    /** Whether any rule depends on the time of day or the date (and so on a trusted clock). */
    public boolean isTimeBound() {
        return validFrom != null || validUntil != null || !schedules.isEmpty() || !exclusions.isEmpty()
                || expireAfterFirstUse != null;
    }
}
