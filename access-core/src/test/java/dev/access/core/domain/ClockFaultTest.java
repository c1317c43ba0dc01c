package dev.access.core.domain;

import static dev.access.core.domain.DeciderSpec.given;
import static dev.access.core.domain.LockFixture.LOCK;
import static dev.access.core.domain.LockFixture.T0;
import static dev.access.core.domain.LockFixture.USER_PIN;
import static dev.access.core.domain.LockFixture.WRONG_PIN;
import static dev.access.core.domain.LockFixture.codeAdded;
import static dev.access.core.domain.LockFixture.commissioned;
import static dev.access.core.domain.LockFixture.enter;
import static dev.access.core.domain.LockFixture.minutes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.access.core.domain.LockCommand.ReportBattery;
import dev.access.core.domain.LockEvent.EntryDenied;
import dev.access.core.domain.LockEvent.LockoutStarted;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A far-future (or far-past) stamp is a clock fault: recorded, the clock untrusted, and every later
 * attempt still recorded and counted; the lockout and the budget keep working.
 */
class ClockFaultTest {
    /** What a corrupt RTC reported in the security review: a minute before Instant.MAX's last minute. */
    static final Instant FAR = Instant.parse("+1000000000-12-31T23:59:00Z");

    private static DeciderSpec.Given lockWithCode() {
        return given(commissioned(), codeAdded(1, UserType.UNRESTRICTED, USER_PIN));
    }

    @Test
    void givenBatteryStampedFarInTheFuture_whenWrongCodes_thenEachRecordedAndTheLockoutStillStarts() {
        DeciderSpec.Given g = lockWithCode().after(new ReportBattery(LOCK, FAR, 50));
        int limit = LockoutPolicy.defaults().wrongCodeEntryLimit();
        for (int i = 1; i <= limit; i++) {
            List<LockEvent> events = g.when(enter(WRONG_PIN, minutes(10 + i))).events();
            assertTrue(events.stream().anyMatch(e -> e instanceof EntryDenied && ((EntryDenied) e).wrongCode()),
                    () -> "every wrong code is recorded and counted: " + events);
            g = g.after(enter(WRONG_PIN, minutes(10 + i)));
        }
        assertTrue(g.history().stream().anyMatch(e -> e instanceof LockoutStarted), "the lockout started");
        List<LockEvent> right = g.when(enter(USER_PIN, minutes(10 + limit).plusSeconds(30))).events();
        EntryDenied d = (EntryDenied) right.stream().filter(e -> e instanceof EntryDenied).findFirst().orElseThrow(
                () -> new AssertionError("the right PIN must not open during the lockout: " + right));
        assertEquals(DenialReason.LOCKED_OUT, d.reason());
        assertFalse(g.state().clockTrusted(), "an absurd time is a clock fault: the clock is untrusted");
        for (LockEvent e : g.history()) {
            assertFalse(e.at().isAfter(LockDecider.LATEST_TIME), () -> "no event is stamped with the absurd time: " + e);
        }
    }

    @Test
    void givenFarFutureStamp_whenBatteryReported_thenClockFaultRecordedFirstAndTheReportStampedAtTheFloor() {
        Instant floor = T0;
        lockWithCode()
                .when(new ReportBattery(LOCK, FAR, 50))
                .then(new LockEvent.ClockFaultDetected(LOCK, floor, FAR),
                        new LockEvent.BatteryReported(LOCK, floor, 50, BatteryLevel.OK));
    }

    @Test
    void givenFarPastStamp_whenWrongCode_thenClockFaultAndTheAttemptCountedAtTheFloor() {
        lockWithCode()
                .when(enter(WRONG_PIN, Instant.MIN))
                .then(new LockEvent.ClockFaultDetected(LOCK, T0, Instant.MIN), LockFixture.wrong(T0));
    }

    @Test
    void givenUntrustedClock_whenAnotherAbsurdStamp_thenNoSecondFaultButTheAttemptIsRecorded() {
        lockWithCode()
                .after(new ReportBattery(LOCK, FAR, 50))
                .when(enter(WRONG_PIN, Instant.MAX))
                .then(LockFixture.wrong(T0));
    }

    @Test
    void givenNothingRecorded_whenCommissionedWithAnAbsurdTime_thenRefusedNamingTheTime() {
        LockCommandRejected e = given().when(LockFixture.commission(FAR)).thenRejected(Rejection.INVALID_ARGUMENT);
        assertTrue(e.getMessage().contains(FAR.toString()), e.getMessage());
    }

    @Test
    void givenLock_whenTrustedTimeIsAbsurd_thenRefusedNamingTheTime() {
        LockCommandRejected e = lockWithCode().when(new LockCommand.SetClock(LOCK, Instant.MAX))
                .thenRejected(Rejection.INVALID_ARGUMENT);
        assertTrue(e.getMessage().contains(Instant.MAX.toString()), e.getMessage());
    }

    @Test
    void givenTheBounds_thenYear9999AndTheUnixEpochAreAccepted() {
        lockWithCode().when(new ReportBattery(LOCK, LockDecider.LATEST_TIME, 50))
                .then(new LockEvent.BatteryReported(LOCK, LockDecider.LATEST_TIME, 50, BatteryLevel.OK));
        given().when(LockFixture.commission(LockDecider.EARLIEST_TIME)).events();
    }
}
