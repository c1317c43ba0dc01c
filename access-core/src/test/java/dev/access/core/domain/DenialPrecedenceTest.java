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
import static dev.access.core.domain.LockFixture.enterMalformed;
import static dev.access.core.domain.LockFixture.enterRemote;
import static dev.access.core.domain.LockFixture.granted;
import static dev.access.core.domain.LockFixture.hours;
import static dev.access.core.domain.LockFixture.lockedOut;
import static dev.access.core.domain.LockFixture.minutes;
import static dev.access.core.domain.LockFixture.schedule;
import static dev.access.core.domain.LockFixture.scheduled;
import static dev.access.core.domain.LockFixture.weekdays;
import static dev.access.core.domain.LockFixture.wrong;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.access.core.domain.LockEvent.BatteryReported;
import dev.access.core.domain.LockEvent.ClockRollbackDetected;
import dev.access.core.domain.LockEvent.CodeSuspended;
import dev.access.core.domain.LockEvent.EntryDenied;
import dev.access.core.domain.LockEvent.KeypadDisabled;
import dev.access.core.domain.LockEvent.LockoutStarted;
import dev.access.core.domain.LockEvent.ModeChanged;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When several denial reasons apply, the one the decider's notes rank first is recorded. */
class DenialPrecedenceTest {
    private static final Instant T1 = minutes(1);
    /** Sunday 2026-03-08 09:00 in Berlin: outside a Monday-Friday schedule. */
    private static final Instant NEXT_SUNDAY = Instant.parse("2026-03-08T08:00:00Z");
    /** Monday 2026-03-02 08:30 in Berlin: inside a Monday-Friday 08:00-10:00 schedule. */
    private static final Instant MONDAY_0830 = Instant.parse("2026-03-02T07:30:00Z");

    private static ModeChanged mode(OperatingMode to) {
        return new ModeChanged(LOCK, T0, OperatingMode.NORMAL, to, "owner");
    }

    private static BatteryReported criticalBattery() {
        return new BatteryReported(LOCK, T0, 3, BatteryLevel.CRITICAL);
    }

    private static ClockRollbackDetected untrusted() {
        return new ClockRollbackDetected(LOCK, T0.minusSeconds(60), T0);
    }

    @Test
    void givenSuspendedAndExpiredCode_whenEntered_thenSuspended() {
        given(commissioned(), codeAdded(1, UserType.YEAR_DAY_SCHEDULE, USER_PIN, CodeRules.window(T0, hours(1))),
                new CodeSuspended(LOCK, T0, 1))
                .when(enter(USER_PIN, hours(2)))
                .then(denied(hours(2), DenialReason.SUSPENDED, 1));
    }

    @Test
    void givenSuspendedNonAccessCode_whenEntered_thenSuspended() {
        given(commissioned(), codeAdded(1, UserType.NON_ACCESS, USER_PIN), new CodeSuspended(LOCK, T0, 1))
                .when(enter(USER_PIN, T1))
                .then(denied(T1, DenialReason.SUSPENDED, 1));
    }

    @Test
    void givenNonAccessCodeInVacationMode_whenEnteredAtKeypad_thenNonAccess() {
        given(commissioned(), codeAdded(1, UserType.NON_ACCESS, USER_PIN), mode(OperatingMode.VACATION))
                .when(enter(USER_PIN, T1))
                .then(denied(T1, DenialReason.NON_ACCESS, 1));
    }

    @Test
    void givenUsedUpRemoteOnlyCode_whenEnteredAtKeypad_thenModeForbids() {
        given(commissioned(), codeAdded(1, UserType.REMOTE_ONLY, USER_PIN, CodeRules.none().withMaxUses(1)),
                new LockEvent.EntryGranted(LOCK, T0, EntrySource.REMOTE, 1, UserType.REMOTE_ONLY, 1))
                .when(enter(USER_PIN, T1))
                .then(denied(T1, DenialReason.MODE_FORBIDS, 1));
    }

    @Test
    void givenExpiredCodeInVacationMode_whenEnteredAtKeypad_thenModeForbids() {
        given(commissioned(), codeAdded(1, UserType.YEAR_DAY_SCHEDULE, USER_PIN, CodeRules.window(T0, hours(1))),
                mode(OperatingMode.VACATION))
                .when(enter(USER_PIN, hours(2)))
                .then(denied(hours(2), DenialReason.MODE_FORBIDS, 1));
    }

    @Test
    void givenUsedUpCode_whenEnteredOutsideItsSchedule_thenUseLimitReached() {
        given(commissioned(), codeAdded(1, UserType.WEEK_DAY_SCHEDULE, USER_PIN,
                scheduled(schedule(weekdays(), "08:00", "10:00")).withMaxUses(1)))
                .when(enter(USER_PIN, MONDAY_0830))
                .then(granted(MONDAY_0830, 1, UserType.WEEK_DAY_SCHEDULE, 1))
                .when(enter(USER_PIN, NEXT_SUNDAY))
                .then(denied(NEXT_SUNDAY, DenialReason.USE_LIMIT_REACHED, 1));
    }

    @Test
    void givenUsedUpAndExpiredCode_whenEntered_thenUseLimitReached() {
        given(commissioned(), codeAdded(1, UserType.DISPOSABLE, USER_PIN, CodeRules.window(T0, hours(1))),
                granted(T1, 1, UserType.DISPOSABLE, 1))
                .when(enter(USER_PIN, hours(2)))
                .then(denied(hours(2), DenialReason.USE_LIMIT_REACHED, 1));
    }

    @Test
    void givenExpiredCodeAndUntrustedClock_whenEntered_thenExpired() {
        given(commissioned(), codeAdded(1, UserType.YEAR_DAY_SCHEDULE, USER_PIN, CodeRules.window(T0, hours(1))),
                untrusted())
                .when(enter(USER_PIN, hours(2)))
                .then(denied(hours(2), DenialReason.EXPIRED, 1));
    }

    @Test
    void givenNotYetValidCodeAndUntrustedClock_whenEntered_thenClockUntrusted() {
        given(commissioned(), codeAdded(1, UserType.YEAR_DAY_SCHEDULE, USER_PIN, CodeRules.window(days(1), days(2))),
                untrusted())
                .when(enter(USER_PIN, hours(2)))
                .then(denied(hours(2), DenialReason.CLOCK_UNTRUSTED, 1));
    }

    @Test
    void givenNotYetValidCode_whenEnteredOutsideItsSchedule_thenNotYetValid() {
        given(commissioned(), codeAdded(1, UserType.WEEK_DAY_SCHEDULE, USER_PIN,
                new CodeRules(days(14), null, java.util.List.of(schedule(weekdays(), "08:00", "10:00")),
                        java.util.List.of(), null, null)))
                .when(enter(USER_PIN, NEXT_SUNDAY))
                .then(denied(NEXT_SUNDAY, DenialReason.NOT_YET_VALID, 1));
    }

    @Test
    void givenLockoutInPrivacyModeWithCriticalBattery_whenMasterCodeEntered_thenLockedOut() {
        Instant until = T0.plusSeconds(60);
        given(commissioned(), mode(OperatingMode.PRIVACY), criticalBattery(), new LockoutStarted(LOCK, T0, until, 0, 5))
                .when(enter(MASTER_PIN, T0.plusSeconds(30)))
                .then(lockedOut(T0.plusSeconds(30), until));
    }

    @Test
    void givenPrivacyMode_whenUnknownCodeEntered_thenModeForbidsAndNotCountedAsWrong() {
        LockState s = given(commissioned(), mode(OperatingMode.PRIVACY))
                .when(enter(WRONG_PIN, T1))
                .then(denied(T1, DenialReason.MODE_FORBIDS, null))
                .state();

        assertEquals(0, s.lockout().consecutiveFailures());
        assertEquals(0, s.lockout().recentFailures().size());
    }

    @Test
    void givenPrivacyModeAndCriticalBattery_whenMasterCodeEntered_thenModeForbids() {
        given(commissioned(), mode(OperatingMode.PRIVACY), criticalBattery())
                .when(enter(MASTER_PIN, T1))
                .then(denied(T1, DenialReason.MODE_FORBIDS, null));
    }

    @Test
    void givenNoRemoteMode_whenUnknownCodeEnteredRemotely_thenModeForbidsAndNotCounted() {
        LockState s = given(commissioned(), mode(OperatingMode.NO_REMOTE))
                .when(enterRemote(WRONG_PIN, T1))
                .then(new EntryDenied(LOCK, T1, EntrySource.REMOTE, DenialReason.MODE_FORBIDS, null, null, false))
                .state();

        assertEquals(0, s.lockout().consecutiveFailures());
    }

    @Test
    void givenCriticalBattery_whenMalformedInputEntered_thenInsufficientBatteryAndNotCounted() {
        LockState s = given(commissioned(), criticalBattery())
                .when(enterMalformed(T1))
                .then(denied(T1, DenialReason.INSUFFICIENT_BATTERY, null))
                .state();

        assertEquals(0, s.lockout().consecutiveFailures());
        assertEquals(0, s.lockout().recentFailures().size());
    }

    @Test
    void givenCriticalBattery_whenUnknownCodeEntered_thenInsufficientBattery() {
        given(commissioned(), criticalBattery())
                .when(enter(WRONG_PIN, T1))
                .then(denied(T1, DenialReason.INSUFFICIENT_BATTERY, null));
    }

    @Test
    void givenCriticalBattery_whenSuspendedCodeEntered_thenInsufficientBattery() {
        given(commissioned(), codeAdded(1, UserType.UNRESTRICTED, USER_PIN), new CodeSuspended(LOCK, T0, 1),
                criticalBattery())
                .when(enter(USER_PIN, T1))
                .then(denied(T1, DenialReason.INSUFFICIENT_BATTERY, null));
    }

    @Test
    void givenKeypadDisabledInPrivacyMode_whenUserCodeEntered_thenLockedOutAndCounted() {
        given(commissioned(), codeAdded(1, UserType.UNRESTRICTED, USER_PIN), mode(OperatingMode.PRIVACY),
                wrong(T0), new KeypadDisabled(LOCK, T0, 100))
                .when(enter(USER_PIN, T1))
                .then(new EntryDenied(LOCK, T1, EntrySource.KEYPAD, DenialReason.LOCKED_OUT, null, null, true));
    }
}
