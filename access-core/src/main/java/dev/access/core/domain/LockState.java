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
 * @param backendKeyId the key id of the backend the lock is enrolled to, or null when it belongs to
 *     none (never enrolled, or factory reset since)
 * @param programming what the lock knows of its backend's programming: the key its batches must be
 *     signed with, the last batch applied, the slots whose code a batch set
 * @param offline what the lock remembers of its offline codes (issuing-key generation, revoked and
 *     used codes until their windows end)
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
        int factoryResets,
        String backendKeyId,
        Programming programming,
        OfflineState offline) {

    /** The state before any event. */
    public static LockState initial() {
        return new LockState(null, false, null, 0, Credentials.EMPTY, OperatingMode.NORMAL, null,
                null, LockoutState.CLEAR, null, BatteryLevel.OK, null, true, 0, null, Programming.NONE, OfflineState.INITIAL);
    }

    /**
     * The same state after an event of {@code lock} stamped {@code at}: it names the lock, and the
     * floor moves up to {@code at} (never back).
     */
    public LockState withEventAt(LockId lock, Instant at) {
        Instant floor = clockFloor == null || at.isAfter(clockFloor) ? at : clockFloor;
        return new LockState(lock, commissioned, profile, keyEpoch, credentials, mode, modeSince, modeSetBy, lockout,
                batteryPercent, batteryLevel, floor, clockTrusted, factoryResets, backendKeyId, programming,
                offline == null ? null : offline.forgetEndedBy(at));
    }

    /**
     * The same state commissioned with {@code profile} under {@code keyEpoch}: no codes yet, normal
     * mode, no lockout.
     */
    public LockState withCommissioning(LockProfile profile, int keyEpoch) {
        return erased(true, profile, keyEpoch, factoryResets, backendKeyId, programming);
    }

    /**
     * The same state factory reset to {@code newKeyEpoch}: not commissioned, everything erased (its
     * backend too: a reset lock belongs to nobody until enrolled again), one more reset.
     */
    public LockState withFactoryReset(int newKeyEpoch) {
        return erased(false, null, newKeyEpoch, factoryResets + 1, null, Programming.NONE);
    }

    /**
     * The same state enrolled to the backend whose key id is {@code backend} and whose batches verify
     * with {@code signingKey} (base64 Ed25519, or null if the enrollment did not name it); a move to
     * another backend starts its batch numbers afresh.
     */
    public LockState withBackend(String backend, String signingKey) {
        Programming next = backend.equals(backendKeyId) ? programming.withSigningKey(signingKey)
                : new Programming(signingKey, 0, programming.managedSlots());
        return new LockState(lockId, commissioned, profile, keyEpoch, credentials, mode, modeSince, modeSetBy, lockout,
                batteryPercent, batteryLevel, clockFloor, clockTrusted, factoryResets, backend, next, offline);
    }

    /** The same state with other programming facts. */
    public LockState withProgramming(Programming next) {
        return new LockState(lockId, commissioned, profile, keyEpoch, credentials, mode, modeSince, modeSetBy, lockout,
                batteryPercent, batteryLevel, clockFloor, clockTrusted, factoryResets, backendKeyId, next, offline);
    }

    /** The same state with other credentials. */
    /** The same state with other offline-code facts. */
    public LockState withOffline(OfflineState next) {
        return new LockState(lockId, commissioned, profile, keyEpoch, credentials, mode, modeSince, modeSetBy, lockout,
                batteryPercent, batteryLevel, clockFloor, clockTrusted, factoryResets, backendKeyId, programming, next);
    }

    /** What the lock remembers of its offline codes (the initial state for a snapshot taken before they existed). */
    @Override
    public OfflineState offline() {
        return offline == null ? OfflineState.INITIAL : offline;
    }

    public LockState withCredentials(Credentials next) {
        return new LockState(lockId, commissioned, profile, keyEpoch, next, mode, modeSince, modeSetBy, lockout,
                batteryPercent, batteryLevel, clockFloor, clockTrusted, factoryResets, backendKeyId, programming, offline);
    }

    /** The same state with another lockout state. */
    public LockState withLockout(LockoutState next) {
        return new LockState(lockId, commissioned, profile, keyEpoch, credentials, mode, modeSince, modeSetBy, next,
                batteryPercent, batteryLevel, clockFloor, clockTrusted, factoryResets, backendKeyId, programming, offline);
    }

    /** The same state in {@code next} mode, set {@code since} then {@code by} someone (either may be null). */
    public LockState withMode(OperatingMode next, Instant since, String by) {
        return new LockState(lockId, commissioned, profile, keyEpoch, credentials, next, since, by, lockout,
                batteryPercent, batteryLevel, clockFloor, clockTrusted, factoryResets, backendKeyId, programming, offline);
    }

    /** The same state with another battery report ({@code percent} may be null) and its level. */
    public LockState withBattery(Integer percent, BatteryLevel level) {
        return new LockState(lockId, commissioned, profile, keyEpoch, credentials, mode, modeSince, modeSetBy, lockout,
                percent, level, clockFloor, clockTrusted, factoryResets, backendKeyId, programming, offline);
    }

    /** The same state with another firmware version in its profile (none while there is no profile). */
    public LockState withFirmware(String version) {
        LockProfile next = profile == null ? null : profile.withFirmware(version);
        return new LockState(lockId, commissioned, next, keyEpoch, credentials, mode, modeSince, modeSetBy, lockout,
                batteryPercent, batteryLevel, clockFloor, clockTrusted, factoryResets, backendKeyId, programming, offline);
    }

    /** The same state with the clock floor at {@code floor} and the clock {@code trusted} or not. */
    public LockState withClock(Instant floor, boolean trusted) {
        return new LockState(lockId, commissioned, profile, keyEpoch, credentials, mode, modeSince, modeSetBy, lockout,
                batteryPercent, batteryLevel, floor, trusted, factoryResets, backendKeyId, programming, offline);
    }

    private LockState erased(boolean nowCommissioned, LockProfile nextProfile, int nextEpoch, int resets,
            String backend, Programming nextProgramming) {
        return new LockState(lockId, nowCommissioned, nextProfile, nextEpoch, Credentials.EMPTY, OperatingMode.NORMAL,
                null, null, LockoutState.CLEAR, batteryPercent, batteryLevel, clockFloor, clockTrusted, resets, backend,
                nextProgramming, OfflineState.INITIAL);
    }

    /** The time the lock acts on for a command stamped {@code at}: never before the floor. */
    public Instant effectiveTime(Instant at) {
        return clockFloor != null && at.isBefore(clockFloor) ? clockFloor : at;
    }
}
