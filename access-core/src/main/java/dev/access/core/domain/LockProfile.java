package dev.access.core.domain;

import dev.access.crypto.PinPolicy;

/**
 * What commissioning set: the device and its policies.
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

    /** The same profile with another firmware version. */
    public LockProfile withFirmware(String version) {
        return new LockProfile(model, serial, version, timeZone, pinPolicy, lockoutPolicy);
    }
}
