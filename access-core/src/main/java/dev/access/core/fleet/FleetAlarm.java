package dev.access.core.fleet;

import java.time.Instant;

/**
 * An alarm the backend knows of for a lock: one the lock raised (an {@code AlarmRaised} event of
 * its trail, {@code code} an {@link dev.access.core.domain.AlarmCode} name) or one the backend
 * raised itself ({@code FORK}: the lock signed a trail that differs from the one held).
 *
 * @param code the alarm's code
 * @param at when it was raised (the lock's clock) or recorded (the backend's, for a fork)
 * @param sequence the trail sequence it is at
 * @param slot the slot it concerns, or null
 * @param detail a sentence for a fork, or null
 */
public record FleetAlarm(String code, Instant at, long sequence, Integer slot, String detail) {
}
