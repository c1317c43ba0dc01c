package dev.access.core.domain;

import dev.access.crypto.PinPolicy;

/**
 * What commissioning sets: the device and its policies (the one place these fields are listed).
 *
 * @param model the lock model
 * @param serial the serial number
 * @param firmwareVersion the firmware version (updated by firmware events)
 * @param timeZone the lock's IANA time zone, for week-day schedules
 * @param pinPolicy what the keypad accepts as a PIN
 * @param lockoutPolicy how the keypad defends against guessing
 */
public record LockProfile(
        String model,
        String serial,
        String firmwareVersion,
        String timeZone,
        PinPolicy pinPolicy,
        LockoutPolicy lockoutPolicy) {

    /** Placeholder device data, UTC, and the default PIN and lockout policies. */
    public static LockProfile defaults() {
        return new LockProfile("generic", "unknown", "0.0.0", "UTC", PinPolicy.defaults(), LockoutPolicy.defaults());
    }

    /** The same profile with other device data. */
    public LockProfile withDevice(String newModel, String newSerial, String newFirmware) {
        return new LockProfile(newModel, newSerial, newFirmware, timeZone, pinPolicy, lockoutPolicy);
    }

    /** The same profile with another firmware version. */
    public LockProfile withFirmware(String version) {
        return new LockProfile(model, serial, version, timeZone, pinPolicy, lockoutPolicy);
    }

    /** The same profile in another time zone. */
    public LockProfile withTimeZone(String zone) {
        return new LockProfile(model, serial, firmwareVersion, zone, pinPolicy, lockoutPolicy);
    }

    /** The same profile with another PIN policy. */
    public LockProfile withPinPolicy(PinPolicy policy) {
        return new LockProfile(model, serial, firmwareVersion, timeZone, policy, lockoutPolicy);
    }

    /** The same profile with another lockout policy. */
    public LockProfile withLockoutPolicy(LockoutPolicy policy) {
        return new LockProfile(model, serial, firmwareVersion, timeZone, pinPolicy, policy);
    }
}
