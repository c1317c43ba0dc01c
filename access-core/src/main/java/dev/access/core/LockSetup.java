package dev.access.core;

import dev.access.core.domain.LockId;
import dev.access.core.domain.LockoutPolicy;
import dev.access.crypto.PinPolicy;
import java.util.Objects;

/**
 * What a lock is commissioned with (the master code is passed separately, as typed digits).
 *
 * @param lockId the lock
 * @param model the model
 * @param serial the serial number
 * @param firmwareVersion the firmware version
 * @param timeZone the IANA time zone for schedules, e.g. {@code Europe/Berlin}
 * @param pinPolicy what the keypad accepts as a PIN
 * @param lockoutPolicy how the keypad defends against guessing
 */
public record LockSetup(
        LockId lockId,
        String model,
        String serial,
        String firmwareVersion,
        String timeZone,
        PinPolicy pinPolicy,
        LockoutPolicy lockoutPolicy) {

    /** Requires the lock id. */
    public LockSetup {
        Objects.requireNonNull(lockId, "lockId");
    }

    /** A setup with placeholder device data, UTC, and the default PIN and lockout policies. */
    public static LockSetup of(LockId lockId) {
        return new LockSetup(lockId, "generic", "unknown", "0.0.0", "UTC", PinPolicy.defaults(),
                LockoutPolicy.defaults());
    }

    /** With device data. */
    public LockSetup withDevice(String newModel, String newSerial, String newFirmware) {
        return new LockSetup(lockId, newModel, newSerial, newFirmware, timeZone, pinPolicy, lockoutPolicy);
    }

    /** With a time zone. */
    public LockSetup withTimeZone(String zone) {
        return new LockSetup(lockId, model, serial, firmwareVersion, zone, pinPolicy, lockoutPolicy);
    }

    /** With a PIN policy. */
    public LockSetup withPinPolicy(PinPolicy policy) {
        return new LockSetup(lockId, model, serial, firmwareVersion, timeZone, policy, lockoutPolicy);
    }

    /** With a lockout policy. */
    public LockSetup withLockoutPolicy(LockoutPolicy policy) {
        return new LockSetup(lockId, model, serial, firmwareVersion, timeZone, pinPolicy, policy);
    }
}
