package dev.access.core;

import dev.access.core.domain.LockId;
import dev.access.core.domain.LockProfile;
import dev.access.core.domain.LockoutPolicy;
import dev.access.crypto.PinPolicy;
import java.util.Objects;

/**
 * What a lock is commissioned with: its id and its {@link LockProfile} (device data, time zone, PIN
 * and lockout policies). The master code is passed separately, as typed digits.
 *
 * @param lockId the lock
 * @param profile the device and its policies
 */
public record LockSetup(LockId lockId, LockProfile profile) {

    /** Requires both. */
    public LockSetup {
        Objects.requireNonNull(lockId, "lockId");
        Objects.requireNonNull(profile, "profile");
    }

    /** A setup with placeholder device data, UTC, and the default PIN and lockout policies. */
    public static LockSetup of(LockId lockId) {
        return new LockSetup(lockId, LockProfile.defaults());
    }

    /** With device data. */
    public LockSetup withDevice(String newModel, String newSerial, String newFirmware) {
        return new LockSetup(lockId, profile.withDevice(newModel, newSerial, newFirmware));
    }

    /** With a time zone. */
    public LockSetup withTimeZone(String zone) {
        return new LockSetup(lockId, profile.withTimeZone(zone));
    }

    /** With a PIN policy. */
    public LockSetup withPinPolicy(PinPolicy policy) {
        return new LockSetup(lockId, profile.withPinPolicy(policy));
    }

    /** With a lockout policy. */
    public LockSetup withLockoutPolicy(LockoutPolicy policy) {
        return new LockSetup(lockId, profile.withLockoutPolicy(policy));
    }

    /** With another offline PIN length (10 to 16, outside the PIN policy's lengths; 0: no offline codes). */
    public LockSetup withOfflineCodeLength(int length) {
        return new LockSetup(lockId, profile.withOfflineCodeLength(length));
    }
}
