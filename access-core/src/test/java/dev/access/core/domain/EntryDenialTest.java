package dev.access.core.domain;

import static dev.access.core.domain.DeciderSpec.given;
import static dev.access.core.domain.LockFixture.LOCK;
import static dev.access.core.domain.LockFixture.MASTER_PIN;
import static dev.access.core.domain.LockFixture.OTHER_PIN;
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
import static dev.access.core.domain.LockFixture.masterGranted;
import static dev.access.core.domain.LockFixture.minutes;
import static dev.access.core.domain.LockFixture.schedule;
import static dev.access.core.domain.LockFixture.scheduled;
import static dev.access.core.domain.LockFixture.seconds;
import static dev.access.core.domain.LockFixture.weekdays;
import static dev.access.core.domain.LockFixture.wrong;

import dev.access.core.domain.LockEvent.BatteryReported;
import dev.access.core.domain.LockEvent.ClockRollbackDetected;
import dev.access.core.domain.LockEvent.CodeSuspended;
import dev.access.core.domain.LockEvent.EntryDenied;
import dev.access.core.domain.LockEvent.EntryGranted;
import dev.access.core.domain.LockEvent.LockoutStarted;
import dev.access.core.domain.LockEvent.ModeChanged;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every denial reason, each on its own: the trail answers "why did my code stop working?". */
class EntryDenialTest {
    private static final Instant T1 = minutes(1);
    private static final Instant T2 = minutes(2);
    private static final Instant T3 = minutes(3);

    private static EntryDenied deniedRemote(Instant at, DenialReason reason, Integer slot) {
        return new EntryDenied(LOCK, at, EntrySource.REMOTE, reason, slot, null, false);
    }

    private static ModeChanged modeChanged(OperatingMode to) {
        return new ModeChanged(LOCK, T0, OperatingMode.NORMAL, to, "owner");
    }

    @Test
    void givenCommissioned_whenUnknownCodeEntered_thenUnknownCodeCountedAsWrong() {
        given(commissioned())
                .when(enter(WRONG_PIN, T1))
                .then(new EntryDenied(LOCK, T1, EntrySource.KEYPAD, DenialReason.UNKNOWN_CODE, null, null, true));
    }

    @Test
    void givenCommissioned_whenMalformedInputEntered_thenMalformedCountedAsWrong() {
        given(commissioned())
                .when(enterMalformed(T1))
                .then(new EntryDenied(LOCK, T1, EntrySource.KEYPAD, DenialReason.MALFORMED, null, null, true));
    }

    @Test
    void givenSuspendedCode_whenEntered_thenSuspended() {
        given(commissioned(), codeAdded(1, UserType.UNRESTRICTED, USER_PIN), new CodeSuspended(LOCK, T0, 1))
                .when(enter(USER_PIN, T1))
                .then(denied(T1, DenialReason.SUSPENDED, 1));
    }

    @Test
    void givenCodeValidFromTomorrow_whenEnteredToday_thenNotYetValid() {
        given(commissioned(), codeAdded(1, UserType.YEAR_DAY_SCHEDULE, USER_PIN, CodeRules.window(days(1), days(2))))
                .when(enter(USER_PIN, hours(23)))
                .then(denied(hours(23), DenialReason.NOT_YET_VALID, 1));
    }

    @Test
    void givenCodeValidUntilTomorrow_whenEnteredExactlyAtTheEnd_thenExpired() {
        given(commissioned(), codeAdded(1, UserType.YEAR_DAY_SCHEDULE, USER_PIN, CodeRules.window(T0, days(1))))
                .when(enter(USER_PIN, days(1)))
                .then(denied(days(1), DenialReason.EXPIRED, 1));
    }

    @Test
    void givenExpiringCodeFirstUsed_whenEnteredAfterItsPeriod_thenExpired() {
        given(commissioned(),
                codeAdded(1, UserType.EXPIRING, USER_PIN, CodeRules.none().withExpireAfterFirstUse(Duration.ofHours(1))),
                granted(T1, 1, UserType.EXPIRING, 1))
                .when(enter(USER_PIN, T1.plus(Duration.ofHours(1))))
                .then(denied(T1.plus(Duration.ofHours(1)), DenialReason.EXPIRED, 1));
    }

    /** Monday-Friday 08:00-10:00 Berlin; T0 is Sunday 09:00 Berlin. */
    @ParameterizedTest
    @ValueSource(strings = {
        "2026-03-01T08:00:00Z", // Sunday 09:00: not a schedule day
        "2026-03-02T06:59:59Z", // Monday 07:59:59: before the range
        "2026-03-02T09:00:00Z", // Monday 10:00: the end is exclusive
        "2026-03-06T12:00:00Z"  // Friday 13:00: after the range
    })
    void givenWeekDayScheduleCode_whenEnteredOutsideItsDaysOrHours_thenOutsideSchedule(String when) {
        Instant t = Instant.parse(when);
        given(commissioned(), codeAdded(1, UserType.WEEK_DAY_SCHEDULE, USER_PIN,
                scheduled(schedule(weekdays(), "08:00", "10:00"))))
                .when(enter(USER_PIN, t))
                .then(denied(t, DenialReason.OUTSIDE_SCHEDULE, 1));
    }

    @Test
    void givenCodeWithExclusionWindow_whenEnteredInsideIt_thenOutsideScheduleAndAfterItGranted() {
        DeciderSpec.Given g = given(commissioned(), codeAdded(1, UserType.SCHEDULE_RESTRICTED, USER_PIN,
                CodeRules.none().withExclusions(List.of(new TimeWindow(hours(1), hours(2))))));

        g.when(enter(USER_PIN, hours(1))).then(denied(hours(1), DenialReason.OUTSIDE_SCHEDULE, 1));
        g.when(enter(USER_PIN, hours(2))).then(granted(hours(2), 1, UserType.SCHEDULE_RESTRICTED, 1));
    }

    @Test
    void givenCodeWithTwoUses_whenEnteredThreeTimes_thenTwoGrantsThenUseLimitReached() {
        given(commissioned(), codeAdded(1, UserType.UNRESTRICTED, USER_PIN, CodeRules.none().withMaxUses(2)))
                .when(enter(USER_PIN, T1))
                .then(granted(T1, 1, UserType.UNRESTRICTED, 1))
                .when(enter(USER_PIN, T2))
                .then(granted(T2, 1, UserType.UNRESTRICTED, 2))
                .when(enter(USER_PIN, T3))
                .then(denied(T3, DenialReason.USE_LIMIT_REACHED, 1));
    }

    @Test
    void givenDisposableCode_whenEnteredTwice_thenGrantedOnceThenUseLimitReached() {
        given(commissioned(), codeAdded(1, UserType.DISPOSABLE, USER_PIN))
                .when(enter(USER_PIN, T1))
                .then(granted(T1, 1, UserType.DISPOSABLE, 1))
                .when(enter(USER_PIN, T2))
                .then(denied(T2, DenialReason.USE_LIMIT_REACHED, 1));
    }

    @Test
    void givenLockout_whenMasterCodeEntered_thenLockedOutUntilItsEnd() {
        Instant until = T1.plusSeconds(60);
        given(commissioned(), new LockoutStarted(LOCK, T1, until, 0, 5))
                .when(enter(MASTER_PIN, T2.minusSeconds(30)))
                .then(lockedOut(T2.minusSeconds(30), until));
    }

    @Test
    void givenPrivacyMode_whenMasterCodeEnteredAtKeypad_thenModeForbids() {
        given(commissioned(), modeChanged(OperatingMode.PRIVACY))
                .when(enter(MASTER_PIN, T1))
                .then(denied(T1, DenialReason.MODE_FORBIDS, null));
    }

    @Test
    void givenPrivacyMode_whenUserCodeEnteredRemotely_thenModeForbids() {
        given(commissioned(), codeAdded(1, UserType.UNRESTRICTED, USER_PIN), modeChanged(OperatingMode.PRIVACY))
                .when(enterRemote(USER_PIN, T1))
                .then(deniedRemote(T1, DenialReason.MODE_FORBIDS, null));
    }

    @Test
    void givenVacationMode_whenUserCodeEnteredAtKeypad_thenModeForbidsWhileMasterAndRemoteStillOpen() {
        DeciderSpec.Given g = given(commissioned(), codeAdded(1, UserType.UNRESTRICTED, USER_PIN),
                modeChanged(OperatingMode.VACATION));

        g.when(enter(USER_PIN, T1)).then(denied(T1, DenialReason.MODE_FORBIDS, 1));
        g.when(enter(MASTER_PIN, T1)).then(masterGranted(T1));
        g.when(enterRemote(USER_PIN, T1))
                .then(new EntryGranted(LOCK, T1, EntrySource.REMOTE, 1, UserType.UNRESTRICTED, 1));
    }

    @Test
    void givenNoRemoteMode_whenCodeEnteredRemotely_thenModeForbidsWhileKeypadStillOpens() {
        DeciderSpec.Given g = given(commissioned(), codeAdded(1, UserType.UNRESTRICTED, USER_PIN),
                modeChanged(OperatingMode.NO_REMOTE));

        g.when(enterRemote(USER_PIN, T1)).then(deniedRemote(T1, DenialReason.MODE_FORBIDS, null));
        g.when(enter(USER_PIN, T1)).then(granted(T1, 1, UserType.UNRESTRICTED, 1));
    }

    @Test
    void givenRemoteOnlyCode_whenEnteredAtKeypad_thenModeForbids() {
        given(commissioned(), codeAdded(1, UserType.REMOTE_ONLY, USER_PIN))
                .when(enter(USER_PIN, T1))
                .then(denied(T1, DenialReason.MODE_FORBIDS, 1));
    }

    @Test
    void givenUntrustedClock_whenTimeBoundCodeEntered_thenClockUntrusted() {
        given(commissioned(), codeAdded(1, UserType.YEAR_DAY_SCHEDULE, USER_PIN, CodeRules.window(T0, days(30))),
                new ClockRollbackDetected(LOCK, T0.minusSeconds(3600), T0))
                .when(enter(USER_PIN, T1))
                .then(denied(T1, DenialReason.CLOCK_UNTRUSTED, 1));
    }

    @ParameterizedTest
    @ValueSource(ints = {5, 1, 0})
    void givenCriticalBattery_whenMasterCodeEntered_thenInsufficientBattery(int percent) {
        given(commissioned(), new BatteryReported(LOCK, T0, percent, BatteryLevel.CRITICAL))
                .when(enter(MASTER_PIN, T1))
                .then(denied(T1, DenialReason.INSUFFICIENT_BATTERY, null));
    }

    @Test
    void givenLowButNotCriticalBattery_whenMasterCodeEntered_thenGranted() {
        given(commissioned(), new BatteryReported(LOCK, T0, 6, BatteryLevel.LOW))
                .when(enter(MASTER_PIN, T1))
                .then(masterGranted(T1));
    }

    @Test
    void givenNonAccessCode_whenEntered_thenNonAccessRecordedAndNotCounted() {
        given(commissioned(), codeAdded(1, UserType.NON_ACCESS, USER_PIN))
                .when(enter(USER_PIN, T1))
                .then(denied(T1, DenialReason.NON_ACCESS, 1))
                .when(enter(OTHER_PIN, seconds(61)))
                .then(wrong(seconds(61)));
    }
}
