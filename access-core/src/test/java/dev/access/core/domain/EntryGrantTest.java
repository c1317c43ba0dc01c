package dev.access.core.domain;

import static dev.access.core.domain.DeciderSpec.given;
import static dev.access.core.domain.LockFixture.LOCK;
import static dev.access.core.domain.LockFixture.MASTER_PIN;
import static dev.access.core.domain.LockFixture.T0;
import static dev.access.core.domain.LockFixture.USER_PIN;
import static dev.access.core.domain.LockFixture.codeAdded;
import static dev.access.core.domain.LockFixture.commissioned;
import static dev.access.core.domain.LockFixture.days;
import static dev.access.core.domain.LockFixture.enter;
import static dev.access.core.domain.LockFixture.enterRemote;
import static dev.access.core.domain.LockFixture.granted;
import static dev.access.core.domain.LockFixture.masterGranted;
import static dev.access.core.domain.LockFixture.minutes;
import static dev.access.core.domain.LockFixture.schedule;
import static dev.access.core.domain.LockFixture.scheduled;
import static dev.access.core.domain.LockFixture.weekdays;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.access.core.domain.LockEvent.AlarmRaised;
import dev.access.core.domain.LockEvent.EntryGranted;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Grants for each user type that opens, including the duress code's silent alarm. */
class EntryGrantTest {
    /** Monday 2026-03-02 08:30 in Berlin. */
    private static final Instant MONDAY_0830 = Instant.parse("2026-03-02T07:30:00Z");

    static Stream<Arguments> keypadUserTypes() {
        return Stream.of(
                Arguments.of(UserType.UNRESTRICTED, CodeRules.none()),
                Arguments.of(UserType.YEAR_DAY_SCHEDULE, CodeRules.window(T0, days(7))),
                Arguments.of(UserType.WEEK_DAY_SCHEDULE, scheduled(schedule(weekdays(), "08:00", "10:00"))),
                Arguments.of(UserType.DISPOSABLE, CodeRules.none()),
                Arguments.of(UserType.EXPIRING, CodeRules.none().withExpireAfterFirstUse(Duration.ofDays(2))),
                Arguments.of(UserType.SCHEDULE_RESTRICTED, CodeRules.none().withExclusions(
                        List.of(new TimeWindow(days(3), days(4))))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keypadUserTypes")
    void givenCodeOfType_whenEnteredAtKeypadWithinItsRules_thenGrantedWithItsSlotAndType(
            UserType type, CodeRules rules) {
        given(commissioned(), codeAdded(4, type, USER_PIN, rules))
                .when(enter(USER_PIN, MONDAY_0830))
                .then(granted(MONDAY_0830, 4, type, 1));
    }

    @Test
    void givenCommissioned_whenMasterCodeEntered_thenGrantedAsProgrammingUser() {
        given(commissioned())
                .when(enter(MASTER_PIN, minutes(1)))
                .then(new EntryGranted(LOCK, minutes(1), EntrySource.KEYPAD, 0, UserType.PROGRAMMING, 1));
    }

    @Test
    void givenRemoteOnlyCode_whenEnteredRemotely_thenGranted() {
        given(commissioned(), codeAdded(2, UserType.REMOTE_ONLY, USER_PIN))
                .when(enterRemote(USER_PIN, minutes(1)))
                .then(new EntryGranted(LOCK, minutes(1), EntrySource.REMOTE, 2, UserType.REMOTE_ONLY, 1));
    }

    @Test
    void givenDuressCode_whenEntered_thenGrantedFollowedBySilentForcedUserAlarmNamingTheSlot() {
        given(commissioned(), codeAdded(3, UserType.FORCED, USER_PIN))
                .when(enter(USER_PIN, minutes(1)))
                .then(granted(minutes(1), 3, UserType.FORCED, 1),
                        new AlarmRaised(LOCK, minutes(1), AlarmCode.FORCED_USER, 3));
    }

    @Test
    void givenExpiringCode_whenUsedAgainWithinItsPeriod_thenGrantedAndCounted() {
        Instant first = minutes(1);
        Instant second = first.plus(Duration.ofMinutes(59));
        given(commissioned(),
                codeAdded(1, UserType.EXPIRING, USER_PIN, CodeRules.none().withExpireAfterFirstUse(Duration.ofHours(1))))
                .when(enter(USER_PIN, first))
                .then(granted(first, 1, UserType.EXPIRING, 1))
                .when(enter(USER_PIN, second))
                .then(granted(second, 1, UserType.EXPIRING, 2));
    }

    @Test
    void givenYearDayCode_whenEnteredJustBeforeItsEnd_thenGranted() {
        Instant lastMoment = days(1).minusMillis(1);
        given(commissioned(), codeAdded(1, UserType.YEAR_DAY_SCHEDULE, USER_PIN, CodeRules.window(T0, days(1))))
                .when(enter(USER_PIN, lastMoment))
                .then(granted(lastMoment, 1, UserType.YEAR_DAY_SCHEDULE, 1));
    }

    @Test
    void givenCodeWithUseLimit_whenGranted_thenStateCountsTheUseAndFirstUse() {
        LockState s = given(commissioned(), codeAdded(1, UserType.UNRESTRICTED, USER_PIN, CodeRules.none().withMaxUses(5)))
                .when(enter(USER_PIN, minutes(1)))
                .then(granted(minutes(1), 1, UserType.UNRESTRICTED, 1))
                .state();

        assertEquals(1, s.credentials().get(1).uses());
        assertEquals(minutes(1), s.credentials().get(1).firstUsedAt());
    }

    @Test
    void givenVacationMode_whenMasterCodeEntered_thenGranted() {
        given(commissioned(), new LockEvent.ModeChanged(LOCK, T0, OperatingMode.NORMAL, OperatingMode.VACATION, "o"))
                .when(enter(MASTER_PIN, minutes(1)))
                .then(masterGranted(minutes(1)));
    }
}
