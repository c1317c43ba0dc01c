package dev.access.examples.fleet;

import dev.access.core.domain.Credential;
import dev.access.core.domain.LockState;
import dev.access.core.domain.OperatingMode;
import dev.access.core.domain.UserType;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What an owner's app shows about a lock at an instant, computed alike from the lock's own state
 * and from the backend's view of it (both are a {@link LockState}, the fold of the same trail):
 * equal statuses mean the backend sees the lock as it is. Holds no PIN and no digest.
 *
 * @param mode the operating mode
 * @param lockedOut whether the keypad is locked out at the instant
 * @param lockedOutUntil the end of the current or last lockout, or null
 * @param keypadDisabled whether the day's budget of wrong codes is spent
 * @param batteryPercent the last battery report, or null
 * @param keyEpoch the key epoch (one more after every factory reset)
 * @param backend the key id of the backend the lock is enrolled to, or null
 * @param codes the codes, by slot
 */
public record LockStatus(OperatingMode mode, boolean lockedOut, Instant lockedOutUntil, boolean keypadDisabled,
        Integer batteryPercent, int keyEpoch, String backend, List<Code> codes) {

    /**
     * One code as the owner sees it.
     *
     * @param slot its slot (0: the master code)
     * @param name its label
     * @param type its user type
     * @param status {@code enabled}, {@code suspended}, {@code used-up} or {@code expired}
     */
    public record Code(int slot, String name, UserType type, String status) {
    }

    /** Copies the list. */
    public LockStatus {
        codes = List.copyOf(codes);
    }

    /**
     * The status of a lock in {@code state}, judged at {@code at}, names as the state holds them
     * (sealed, as a backend's view of the lock holds them).
     */
    public static LockStatus of(LockState state, Instant at) {
        return of(state, at, java.util.function.UnaryOperator.identity());
    }

    /** The status of a lock in {@code state}, judged at {@code at}, each name read through {@code names}. */
    public static LockStatus of(LockState state, Instant at, java.util.function.UnaryOperator<String> names) {
        Instant now = state.effectiveTime(at);
        List<Code> codes = state.credentials().all().stream()
                .sorted(Comparator.comparingInt(Credential::slot))
                .map(c -> new Code(c.slot(), names.apply(c.name()), c.type(), status(c, now)))
                .collect(Collectors.toList());
        return new LockStatus(state.mode(), state.lockout().isLockedOutAt(now), state.lockout().lockedOutUntil(),
                state.lockout().keypadDisabled(), state.batteryPercent(), state.keyEpoch(), state.backendKeyId(), codes);
    }

    /** Whether a code opens today, by the lock's own precedence of denials. */
    private static String status(Credential c, Instant now) {
        if (c.suspended()) {
            return "suspended";
        }
        if (c.isUsedUp()) {
            return "used-up";
        }
        Instant end = c.expiresAt();
        return end != null && !now.isBefore(end) ? "expired" : "enabled";
    }

    /** One line for a console: mode, keypad, battery, epoch and every code (the backend is left out). */
    public String describe() {
        String keypad = lockedOut ? "locked out until " + lockedOutUntil : keypadDisabled ? "keypad disabled" : "keypad open";
        return mode + ", " + keypad + ", battery " + (batteryPercent == null ? "?" : batteryPercent + " %") + ", epoch "
                + keyEpoch + ", codes " + codes.stream()
                        .map(c -> c.slot() + ":" + c.name() + "/" + c.type().name().toLowerCase() + "/" + c.status())
                        .collect(Collectors.joining(" "));
    }
}
