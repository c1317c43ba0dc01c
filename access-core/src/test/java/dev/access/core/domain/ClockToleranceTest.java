package dev.access.core.domain;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A small step back in time is a concurrent call; a larger one is a clock rollback. */
class ClockToleranceTest {
    private static final LockId L = LockId.of("tolerance");
    private static final Instant T = Instant.parse("2026-05-05T10:00:00Z");

    private static LockState afterBatteryAt(Instant at) {
        return LockDecider.fold(List.of(new LockEvent.BatteryReported(L, at, 80, BatteryLevel.OK)));
    }

    private static boolean rollbackFor(Instant stamped) {
        return LockDecider.decide(new LockCommand.SetClock(L, T), afterBatteryAt(T)).stream()
                .anyMatch(e -> e instanceof LockEvent.ClockRollbackDetected)
                || LockDecider.decide(new LockCommand.FactoryReset(L, stamped, 1), afterBatteryAt(T)).stream()
                        .anyMatch(e -> e instanceof LockEvent.ClockRollbackDetected);
    }

    @Test
    void givenFloor_whenCommandStampedWithinTolerance_thenNoRollback() {
        assertFalse(rollbackFor(T.minus(LockDecider.ROLLBACK_TOLERANCE)));
        assertFalse(rollbackFor(T.minusMillis(3)));
    }

    @Test
    void givenFloor_whenCommandStampedBeyondTolerance_thenRollbackRecorded() {
        assertTrue(rollbackFor(T.minus(LockDecider.ROLLBACK_TOLERANCE).minusMillis(1)));
        assertTrue(rollbackFor(T.minusSeconds(86_400)));
    }
}
