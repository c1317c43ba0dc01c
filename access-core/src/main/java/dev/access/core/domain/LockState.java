package dev.access.core.domain;

import java.time.Instant;

/**
 * Everything the lock knows, and nothing but what its events say: the fold of its trail.
 *
 * @param lockId the lock, or null before its first event
 * @param commissioned whether it is commissioned (false again after a factory reset)
 * @param profile the device and policies, or null when not commissioned
 * @param keyEpoch the key epoch its PIN digests use (0 before the first)
 * @param credentials the credentials by slot
 * @param mode the operating mode
 * @param modeSince when the mode was last changed, or null
 * @param modeSetBy who last changed the mode, or null
 * @param lockout the keypad's defence state
 * @param batteryPercent the last reported battery level, or null
 * @param batteryLevel the level judged from it
 * @param clockFloor the latest event time seen: time never goes back before it
 * @param clockTrusted whether the clock is trusted (false after a rollback until a clock set)
 * @param factoryResets how many factory resets the lock has had
 */
public record LockState(
        LockId lockId,
        boolean commissioned,
        LockProfile profile,
        int keyEpoch,
        Credentials credentials,
        OperatingMode mode,
        Instant modeSince,
        String modeSetBy,
        LockoutState lockout,
        Integer batteryPercent,
        BatteryLevel batteryLevel,
        Instant clockFloor,
        boolean clockTrusted,
        int factoryResets) {

    /** The state before any event. */
    public static LockState initial() {
        return new LockState(null, false, null, 0, Credentials.EMPTY, OperatingMode.NORMAL, null,
                null, LockoutState.CLEAR, null, BatteryLevel.OK, null, true, 0);
    }

    /** The time the lock acts on for a command stamped {@code at}: never before the floor. */
    public Instant effectiveTime(Instant at) {
        return clockFloor != null && at.isBefore(clockFloor) ? clockFloor : at;
    }
}
