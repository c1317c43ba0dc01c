package dev.access.core.fleet;

import dev.access.core.domain.LockState;
import java.time.Instant;
import java.util.List;

/**
 * The backend's view of one lock, from the lock's trail alone: {@code state} is the decider's fold
 * of every event the backend holds, so it is the lock's own state at {@code lastSequence}.
 *
 * @param lock the lock
 * @param enrolledEpoch the newest key epoch the lock enrolled with
 * @param lastSequence the last sequence held (-1 if none)
 * @param lastEventAt the time of the last event held (not a checkpoint), or null
 * @param lastIngestAt when the backend last accepted a segment of the lock, or null
 * @param state the lock's state as its trail says (codes known by commitment, never a digest)
 * @param alarms the lock's alarms since its last factory reset, and every fork the backend found
 */
public record LockView(String lock, int enrolledEpoch, long lastSequence, Instant lastEventAt, Instant lastIngestAt,
        LockState state, List<FleetAlarm> alarms) {
    /** Copies the list. */
    public LockView {
        alarms = List.copyOf(alarms);
    }
}
