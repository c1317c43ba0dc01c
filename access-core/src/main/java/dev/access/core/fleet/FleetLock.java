package dev.access.core.fleet;

import java.time.Instant;

/**
 * One line of the backend's list of enrolled locks.
 *
 * @param lock the lock
 * @param enrolledEpoch the newest key epoch it enrolled with
 * @param lastSequence the last sequence held (-1 if none)
 * @param lastIngestAt when a segment of it was last accepted, or null
 * @param batteryPercent its last reported battery level, or null
 * @param lockedOut whether its keypad is locked out now, as its trail says
 * @param alarmsSinceLastIngest the alarms the latest accepted segment carried, plus the forks found since
 */
public record FleetLock(String lock, int enrolledEpoch, long lastSequence, Instant lastIngestAt, Integer batteryPercent,
        boolean lockedOut, int alarmsSinceLastIngest) {
}
