package dev.access.core.domain;

import static dev.access.core.domain.DeciderSpec.given;
import static dev.access.core.domain.LockFixture.LOCK;
import static dev.access.core.domain.LockFixture.MASTER_PIN;
import static dev.access.core.domain.LockFixture.T0;
import static dev.access.core.domain.LockFixture.USER_PIN;
import static dev.access.core.domain.LockFixture.WRONG_PIN;
import static dev.access.core.domain.LockFixture.codeAdded;
import static dev.access.core.domain.LockFixture.commissioned;
import static dev.access.core.domain.LockFixture.days;
import static dev.access.core.domain.LockFixture.denied;
import static dev.access.core.domain.LockFixture.enter;
import static dev.access.core.domain.LockFixture.everyDay;
import static dev.access.core.domain.LockFixture.granted;
import static dev.access.core.domain.LockFixture.hours;
import static dev.access.core.domain.LockFixture.lockedOut;
import static dev.access.core.domain.LockFixture.masterGranted;
import static dev.access.core.domain.LockFixture.schedule;
import static dev.access.core.domain.LockFixture.scheduled;
import static dev.access.core.domain.LockFixture.seconds;
import static dev.access.core.domain.LockFixture.wrong;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.access.core.domain.LockCommand.ReportBattery;
import dev.access.core.domain.LockCommand.SetClock;
import dev.access.core.domain.LockEvent.BatteryReported;
import dev.access.core.domain.LockEvent.ClockRollbackDetected;
import dev.access.core.domain.LockEvent.ClockSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A command stamped before the latest event time makes the clock untrusted until a SetClock. */
class ClockRollbackTest {
    /** The latest event time of the given trail. */
    private static final Instant FLOOR = days(2);
    /** An RTC reset: a stamp one day before the floor. */
    private static final Instant ROLLED = days(1);

    private static final String WINDOW_PIN = "111222";
    private static final String SCHEDULE_PIN = "333444";
    private static final String EXPIRING_PIN = "555666";
    private static final String EXPIRED_PIN = "777888";

    /**
     * Slot 1 permanent, 2 a 30-day window, 3 an all-day schedule, 4 expiring (never used), 5 a
     * window that ended at T0 + 1.5 days, then a battery report at the floor.
     */
    private static DeciderSpec.Given lockWithCodes() {
        return given(commissioned(),
                codeAdded(1, UserType.UNRESTRICTED, USER_PIN),
                codeAdded(2, UserType.YEAR_DAY_SCHEDULE, WINDOW_PIN, CodeRules.window(T0, days(30))),
                codeAdded(3, UserType.WEEK_DAY_SCHEDULE, SCHEDULE_PIN, scheduled(schedule(everyDay(), "00:00", "23:59"))),
                codeAdded(4, UserType.EXPIRING, EXPIRING_PIN, CodeRules.none().withExpireAfterFirstUse(Duration.ofDays(7))),
                codeAdded(5, UserType.YEAR_DAY_SCHEDULE, EXPIRED_PIN, CodeRules.window(T0, hours(36))),
                new BatteryReported(LOCK, FLOOR, 80, BatteryLevel.OK));
    }

    private static ClockRollbackDetected rollback(Instant at) {
        return new ClockRollbackDetected(LOCK, at, FLOOR);
    }

    @Test
    void givenFloor_whenPermanentCodeEnteredWithEarlierStamp_thenRollbackDetectedFirstAndStillGranted() {
        LockState s = lockWithCodes()
                .when(enter(USER_PIN, ROLLED))
                .then(rollback(ROLLED), granted(ROLLED, 1, UserType.UNRESTRICTED, 1))
                .state();

        assertFalse(s.clockTrusted());
        assertEquals(FLOOR, s.clockFloor(), "the floor never goes back");
    }

    @ParameterizedTest(name = "slot of pin {0}")
    @ValueSource(strings = {WINDOW_PIN, SCHEDULE_PIN, EXPIRING_PIN})
    void givenFloor_whenTimeBoundCodeEnteredWithEarlierStamp_thenRollbackDetectedAndClockUntrusted(String pin) {
        int slot = lockWithCodes().state().credentials().find(LockFixture.digest(pin));
        lockWithCodes()
                .when(enter(pin, ROLLED))
                .then(rollback(ROLLED), denied(ROLLED, DenialReason.CLOCK_UNTRUSTED, slot));
    }

    @Test
    void givenFloorAfterAnExpiry_whenExpiredCodeEnteredWithAStampInsideItsWindow_thenExpiredNeverRevived() {
        lockWithCodes()
                .when(enter(EXPIRED_PIN, ROLLED))
                .then(rollback(ROLLED), denied(ROLLED, DenialReason.EXPIRED, 5));
    }

    @Test
    void givenUntrustedClock_whenLaterCommandsArrive_thenNoSecondRollbackAndTimeBoundCodesStayRefused() {
        Instant later = FLOOR.plus(Duration.ofHours(1));
        DeciderSpec.Given untrusted = lockWithCodes().after(enter(USER_PIN, ROLLED));

        untrusted.when(enter(WINDOW_PIN, later)).then(denied(later, DenialReason.CLOCK_UNTRUSTED, 2));
        untrusted.when(enter(WINDOW_PIN, ROLLED.plusSeconds(5)))
                .then(denied(ROLLED.plusSeconds(5), DenialReason.CLOCK_UNTRUSTED, 2));
        untrusted.when(enter(USER_PIN, later)).then(granted(later, 1, UserType.UNRESTRICTED, 1));
    }

    @Test
    void givenUntrustedClock_whenSetClock_thenClockSetAndTimeBoundCodesOpenAgain() {
        Instant trusted = FLOOR.plus(Duration.ofMinutes(10));
        LockState s = lockWithCodes()
                .after(enter(USER_PIN, ROLLED))
                .when(new SetClock(LOCK, trusted))
                .then(new ClockSet(LOCK, trusted, FLOOR))
                .when(enter(WINDOW_PIN, trusted.plusSeconds(1)))
                .then(granted(trusted.plusSeconds(1), 2, UserType.YEAR_DAY_SCHEDULE, 1))
                .when(enter(SCHEDULE_PIN, trusted.plusSeconds(2)))
                .then(granted(trusted.plusSeconds(2), 3, UserType.WEEK_DAY_SCHEDULE, 1))
                .state();

        assertTrue(s.clockTrusted());
    }

    @Test
    void givenFloor_whenOtherCommandStampedEarlier_thenRollbackDetectedBeforeItsEvents() {
        lockWithCodes()
                .when(new ReportBattery(LOCK, ROLLED, 70))
                .then(rollback(ROLLED), new BatteryReported(LOCK, ROLLED, 70, BatteryLevel.OK));
    }

    @Test
    void givenFloor_whenCommandStampedExactlyAtTheFloor_thenNoRollback() {
        lockWithCodes()
                .when(enter(WINDOW_PIN, FLOOR))
                .then(granted(FLOOR, 2, UserType.YEAR_DAY_SCHEDULE, 1));
    }

    @Test
    void givenLockout_whenClockGoesBack_thenLockoutDoesNotEndEarly() {
        List<LockEvent> trail = new ArrayList<>(commissioned());
        for (int i = 1; i <= 4; i++) {
            trail.add(wrong(seconds(i)));
        }
        Instant start = seconds(5);
        Instant until = start.plusSeconds(60);
        Instant floor = start.plusSeconds(50);
        Instant rtcReset = start.minus(Duration.ofDays(1));

        given(trail)
                .after(enter(WRONG_PIN, start))
                .when(enter(MASTER_PIN, floor))
                .then(lockedOut(floor, until))
                .when(enter(MASTER_PIN, rtcReset))
                .then(new ClockRollbackDetected(LOCK, rtcReset, floor), lockedOut(rtcReset, until))
                .when(enter(MASTER_PIN, rtcReset.plus(Duration.ofMinutes(5))))
                .then(lockedOut(rtcReset.plus(Duration.ofMinutes(5)), until))
                .when(enter(MASTER_PIN, until.minusMillis(1)))
                .then(lockedOut(until.minusMillis(1), until))
                .when(enter(MASTER_PIN, until))
                .then(masterGranted(until));
    }
}
