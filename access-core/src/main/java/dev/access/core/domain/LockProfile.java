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
 * @param offlineCodeLength the length of offline codes' PINs (10 to 16, outside the PIN policy's
 *     lengths, so a typed length says which path it takes), or 0: no offline codes
 */
public record LockProfile(
        String model,
        String serial,
        String firmwareVersion,
        String timeZone,
        PinPolicy pinPolicy,
        LockoutPolicy lockoutPolicy,
        int offlineCodeLength) {

    /** A profile with the default offline PIN length for its PIN policy. */
    public LockProfile(String model, String serial, String firmwareVersion, String timeZone, PinPolicy pinPolicy,
            LockoutPolicy lockoutPolicy) {
        this(model, serial, firmwareVersion, timeZone, pinPolicy, lockoutPolicy, defaultOfflineCodeLength(pinPolicy));
    }

    /**
     * The offline PIN length a lock with this PIN policy gets unless told otherwise: 10 if user
     * codes cannot have 10 digits, else one more than their longest (up to 16), else 0 (none).
     */
    public static int defaultOfflineCodeLength(PinPolicy policy) {
        if (policy == null || policy.minLength() > 10 || policy.maxLength() < 10) {
            return 10;
        }
        return policy.maxLength() + 1 <= 16 ? policy.maxLength() + 1 : 0;
    }

    /** Whether this lock takes offline codes. */
    public boolean offlineCodes() {
        return offlineCodeLength > 0;
    }

    /** Placeholder device data, UTC, and the default PIN and lockout policies. */
    public static LockProfile defaults() {
        return new LockProfile("generic", "unknown", "0.0.0", "UTC", PinPolicy.defaults(), LockoutPolicy.defaults());
    }

    /** The same profile with another offline PIN length (0: no offline codes). */
    public LockProfile withOfflineCodeLength(int length) {
        return new LockProfile(model, serial, firmwareVersion, timeZone, pinPolicy, lockoutPolicy, length);
    }

    /** The same profile with other device data. */
    public LockProfile withDevice(String newModel, String newSerial, String newFirmware) {
        return new LockProfile(newModel, newSerial, newFirmware, timeZone, pinPolicy, lockoutPolicy, offlineCodeLength);
    }

    /** The same profile with another firmware version. */
    public LockProfile withFirmware(String version) {
        return new LockProfile(model, serial, version, timeZone, pinPolicy, lockoutPolicy, offlineCodeLength);
    }

    /** The same profile in another time zone. */
    public LockProfile withTimeZone(String zone) {
        return new LockProfile(model, serial, firmwareVersion, zone, pinPolicy, lockoutPolicy, offlineCodeLength);
    }

    /** The same profile with another PIN policy. */
    public LockProfile withPinPolicy(PinPolicy policy) {
        return new LockProfile(model, serial, firmwareVersion, timeZone, policy, lockoutPolicy,
                offlineCodeLength == defaultOfflineCodeLength(pinPolicy) ? defaultOfflineCodeLength(policy) : offlineCodeLength);
    }

    /** The same profile with another lockout policy. */
    public LockProfile withLockoutPolicy(LockoutPolicy policy) {
        return new LockProfile(model, serial, firmwareVersion, timeZone, pinPolicy, policy, offlineCodeLength);
    }
}
