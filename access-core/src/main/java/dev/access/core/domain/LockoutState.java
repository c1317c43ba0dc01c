package dev.access.core.domain;

import java.time.Instant;
import java.util.List;

/**
 * The keypad's defence state, as the events made it (so a restart cannot reset it).
 *
 * @param consecutiveFailures wrong codes since the last valid code or lockout
 * @param level the escalation level the next lockout will use (0 = base duration)
 * @param lockedOutUntil the end of the current or last timed lockout, or null
 * @param recentFailures the times of wrong codes within the last 24 hours (the daily budget)
 * @param keypadDisabled whether the daily budget is spent and the keypad waits to be cleared
 * @param keypadDisabledAt when it was disabled, or null
 */
public record LockoutState(
        int consecutiveFailures,
        int level,
        Instant lockedOutUntil,
        List<Instant> recentFailures,
        boolean keypadDisabled,
        Instant keypadDisabledAt) {

    /** No failures, no lockout. */
    public static final LockoutState CLEAR = new LockoutState(0, 0, null, List.of(), false, null);

    /** Copies the failure list. */
    public LockoutState {
        recentFailures = List.copyOf(recentFailures);
    }

    /** Whether a timed lockout is in force at {@code now}. */
    public boolean isLockedOutAt(Instant now) {
        return lockedOutUntil != null && now.isBefore(lockedOutUntil);
    }
}
