package dev.access.core.readmodel;

import dev.access.core.domain.BatteryLevel;
import dev.access.core.domain.OperatingMode;
import java.time.Instant;
import java.util.List;

/**
 * A lock's access log: recent attempts with outcome and reason, current codes with status, lockout,
 * mode and battery. Holds no PIN and no digest.
 *
 * @param lockId the lock
 * @param lastSequence the last event of the lock's trail this view includes
 * @param commissioned whether the lock is commissioned
 * @param mode the operating mode
 * @param modeSince when it was set, or null
 * @param modeSetBy who set it, or null
 * @param lockedOutUntil the end of the current or last timed lockout, or null
 * @param keypadDisabled whether the daily failure budget disabled the keypad
 * @param batteryPercent the last battery report, or null
 * @param batteryLevel the level judged from it
 * @param clockTrusted whether the lock's clock is trusted
 * @param codes the codes, by slot
 * @param recentAttempts the most recent attempts, oldest first (at most {@link #RECENT})
 */
public record AccessLogView(
        String lockId,
        long lastSequence,
        boolean commissioned,
        OperatingMode mode,
        Instant modeSince,
        String modeSetBy,
        Instant lockedOutUntil,
        boolean keypadDisabled,
        Integer batteryPercent,
        BatteryLevel batteryLevel,
        boolean clockTrusted,
        List<CodeView> codes,
        List<AttemptView> recentAttempts) {

    /** How many recent attempts a view keeps. */
    public static final int RECENT = 50;
}
