package dev.access.core.domain;

import static dev.access.core.domain.Checks.text;

import dev.access.core.domain.LockCommand.ClearLockout;
import dev.access.core.domain.LockEvent.KeypadDisabled;
import dev.access.core.domain.LockEvent.LockoutCleared;
import dev.access.core.domain.LockEvent.LockoutStarted;
import java.time.Instant;
import java.util.List;

/*
 * Lockout: a wrong code increments the consecutive count and the 24-hour failure list. At the
 * limit a lockout starts at level L (0 after a quiet period since the last lockout ended) for
 * durationAtLevel(L); the count resets and the level rises. When the 24-hour list reaches the
 * budget the keypad is disabled. A grant resets the consecutive count only. Entry decides when a
 * lockout starts or the keypad is disabled (and counts the wrong codes); this class keeps the
 * lockout's own events and the administrator's clearing.
 */
/** The keypad's defence: timed lockouts, the disabled keypad, and clearing them. */
final class Lockouts {
    private Lockouts() {
    }

    /** Clears a lockout, a disabled keypad or a wrong-code count; with none of them it changes nothing. */
    static List<LockEvent> clear(ClearLockout c, Situation x) {
        String by = Checks.personal(c.by(), "by");
        Actor actor = Checks.actor(c.actor());
        LockoutState lo = x.state().lockout();
        boolean anything = lo.keypadDisabled() || lo.isLockedOutAt(x.now()) || lo.consecutiveFailures() > 0
                || !lo.recentFailures().isEmpty();
        return anything ? List.of(new LockoutCleared(c.lockId(), c.at(), by, actor)) : List.of();
    }

    /** Locked out until the event's end; the count restarts and the next lockout is one level up. */
    static LockState started(LockoutStarted e, LockState s) {
        LockoutState lo = s.lockout();
        return s.withLockout(new LockoutState(0, e.level() + 1, e.until(), lo.recentFailures(), lo.keypadDisabled(),
                lo.keypadDisabledAt()));
    }

    /** The keypad is disabled from the event on. */
    static LockState keypadDisabled(KeypadDisabled e, LockState s) {
        LockoutState lo = s.lockout();
        return s.withLockout(new LockoutState(lo.consecutiveFailures(), lo.level(), lo.lockedOutUntil(),
                lo.recentFailures(), true, e.at()));
    }

    /**
     * No failures counted, the keypad enabled, a running lockout ended at the event (the level is
     * kept, so the quiet period still counts from the lockout's end).
     */
    static LockState cleared(LockoutCleared e, LockState s) {
        LockoutState lo = s.lockout();
        Instant until = lo.lockedOutUntil() != null && lo.lockedOutUntil().isAfter(e.at()) ? e.at()
                : lo.lockedOutUntil();
        return s.withLockout(new LockoutState(0, lo.level(), until, List.of(), false, null));
    }
}
