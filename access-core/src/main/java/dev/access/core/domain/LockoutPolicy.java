package dev.access.core.domain;

import java.time.Duration;

/**
 * How the keypad defends against guessing.
 *
 * <p>{@code wrongCodeEntryLimit} consecutive wrong codes start a lockout of
 * {@code lockoutDuration}; each further lockout doubles it up to {@code maxLockoutDuration}; after
 * {@code quietPeriod} without a lockout it returns to the base. Independently, when the wrong
 * codes within the last 24 hours reach {@code dailyFailureBudget}, the keypad is disabled until
 * the master code or a remote administrator clears it; valid codes do not refill that budget.
 *
 * @param wrongCodeEntryLimit 1-255 (Matter's {@code WrongCodeEntryLimit}), default 5
 * @param lockoutDuration 1 s to 24 h (Matter's {@code UserCodeTemporaryDisableTime}), default 60 s
 * @param maxLockoutDuration the escalation cap, {@code lockoutDuration} to 24 h, default 1 h
 * @param quietPeriod time without a lockout after which escalation restarts, 1 min to 30 days,
 *     default 24 h
 * @param dailyFailureBudget wrong codes allowed in any 24 hours, 1-10,000, default 100
 */
public record LockoutPolicy(
        int wrongCodeEntryLimit,
        Duration lockoutDuration,
        Duration maxLockoutDuration,
        Duration quietPeriod,
        int dailyFailureBudget) {

    /** Validates every field, naming the offending value. */
    public LockoutPolicy {
        if (wrongCodeEntryLimit < 1 || wrongCodeEntryLimit > 255) {
            throw invalid("wrongCodeEntryLimit must be 1..255, was " + wrongCodeEntryLimit);
        }
        requireBetween("lockoutDuration", lockoutDuration, Duration.ofSeconds(1), Duration.ofHours(24));
        requireBetween("maxLockoutDuration", maxLockoutDuration, lockoutDuration, Duration.ofHours(24));
        requireBetween("quietPeriod", quietPeriod, Duration.ofMinutes(1), Duration.ofDays(30));
        if (dailyFailureBudget < 1 || dailyFailureBudget > 10_000) {
            throw invalid("dailyFailureBudget must be 1..10000, was " + dailyFailureBudget);
        }
    }

    /** Limit 5, 60 s doubling to at most 1 h, quiet period 24 h, budget 100 a day. */
    public static LockoutPolicy defaults() {
        return new LockoutPolicy(5, Duration.ofSeconds(60), Duration.ofHours(1), Duration.ofHours(24), 100);
    }

    /** The same policy with another limit and base duration (the cap rises to the base if needed). */
    public LockoutPolicy with(int limit, Duration duration) {
        Duration cap = maxLockoutDuration.compareTo(duration) < 0 ? duration : maxLockoutDuration;
        return new LockoutPolicy(limit, duration, cap, quietPeriod, dailyFailureBudget);
    }

    /** The duration of the lockout at escalation level {@code level} (0 for the first). */
    public Duration durationAtLevel(int level) {
        Duration d = lockoutDuration;
        for (int i = 0; i < level && d.compareTo(maxLockoutDuration) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxLockoutDuration) > 0 ? maxLockoutDuration : d;
    }

    private static void requireBetween(String name, Duration d, Duration min, Duration max) {
        if (d == null || d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw invalid(name + " must be " + min + ".." + max + ", was " + d);
        }
    }

    private static LockCommandRejected invalid(String message) {
        return new LockCommandRejected(Rejection.INVALID_ARGUMENT, message);
    }
}
