package dev.access.core.domain;

import static dev.access.core.domain.DeciderSpec.given;
import static dev.access.core.domain.LockFixture.LOCK;
import static dev.access.core.domain.LockFixture.MASTER_PIN;
import static dev.access.core.domain.LockFixture.USER_PIN;
import static dev.access.core.domain.LockFixture.WRONG_PIN;
import static dev.access.core.domain.LockFixture.codeAdded;
import static dev.access.core.domain.LockFixture.commissioned;
import static dev.access.core.domain.LockFixture.enter;
import static dev.access.core.domain.LockFixture.enterMalformed;
import static dev.access.core.domain.LockFixture.granted;
import static dev.access.core.domain.LockFixture.hours;
import static dev.access.core.domain.LockFixture.lockedOut;
import static dev.access.core.domain.LockFixture.masterGranted;
import static dev.access.core.domain.LockFixture.policy;
import static dev.access.core.domain.LockFixture.seconds;
import static dev.access.core.domain.LockFixture.wrong;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.access.core.domain.LockCommand.ClearLockout;
import dev.access.core.domain.LockEvent.AlarmRaised;
import dev.access.core.domain.LockEvent.EntryDenied;
import dev.access.core.domain.LockEvent.KeypadDisabled;
import dev.access.core.domain.LockEvent.LockoutCleared;
import dev.access.core.domain.LockEvent.LockoutStarted;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Wrong-code lockout: the limit, its duration and end, escalation, and the daily failure budget. */
class LockoutTest {
    private static final Duration MINUTE = Duration.ofSeconds(60);

    /** The three events of the wrong code that reaches the limit at {@code at}. */
    private static LockEvent[] lockoutStarts(Instant at, DenialReason reason, Duration d, int level, int failures) {
        Instant until = at.plus(d);
        return new LockEvent[] {
            new EntryDenied(LOCK, at, EntrySource.KEYPAD, reason, null, until, true),
            new LockoutStarted(LOCK, at, until, level, failures),
            new AlarmRaised(LOCK, at, AlarmCode.WRONG_CODE_ENTRY_LIMIT, null)
        };
    }

    private static LockCommand[] wrongCodes(int n, long firstSecond) {
        LockCommand[] c = new LockCommand[n];
        for (int i = 0; i < n; i++) {
            c[i] = enter(WRONG_PIN, seconds(firstSecond + i));
        }
        return c;
    }

    private static List<LockEvent> withWrongCodes(LockoutPolicy policy, int n) {
        List<LockEvent> events = new ArrayList<>(commissioned(policy));
        for (int i = 1; i <= n; i++) {
            events.add(wrong(seconds(i)));
        }
        return events;
    }

    @ParameterizedTest(name = "limit {0}")
    @ValueSource(ints = {1, 3, 5})
    void givenOneWrongCodeBelowTheLimit_whenWrongCodeEntered_thenDeniedAndLockoutStartsWithAlarm(int limit) {
        Instant t = seconds(limit);
        given(withWrongCodes(policy(limit, MINUTE), limit - 1))
                .when(enter(WRONG_PIN, t))
                .then(lockoutStarts(t, DenialReason.UNKNOWN_CODE, MINUTE, 0, limit));
    }

    @ParameterizedTest(name = "limit {0}")
    @ValueSource(ints = {3, 5})
    void givenTwoWrongCodesBelowTheLimit_whenWrongCodeEntered_thenOnlyDeniedAndCounted(int limit) {
        Instant t = seconds(limit - 1);
        LockState s = given(withWrongCodes(policy(limit, MINUTE), limit - 2))
                .when(enter(WRONG_PIN, t))
                .then(wrong(t))
                .state();

        assertEquals(limit - 1, s.lockout().consecutiveFailures());
        assertEquals(null, s.lockout().lockedOutUntil());
    }

    @Test
    void givenFourWrongCodes_whenMalformedInputEntered_thenItCountsAndStartsTheLockout() {
        given(withWrongCodes(LockoutPolicy.defaults(), 4))
                .when(enterMalformed(seconds(5)))
                .then(lockoutStarts(seconds(5), DenialReason.MALFORMED, MINUTE, 0, 5));
    }

    @Test
    void givenLockout_whenCodesEntered_thenLockedOutNotCountedNotExtendedAndItEndsExactlyAtStartPlusDuration() {
        Instant start = seconds(5);
        Instant until = start.plus(MINUTE);
        DeciderSpec.Given during = given(withWrongCodes(LockoutPolicy.defaults(), 4))
                .when(enter(WRONG_PIN, start))
                .then(lockoutStarts(start, DenialReason.UNKNOWN_CODE, MINUTE, 0, 5))
                .when(enter(WRONG_PIN, start.plusSeconds(10)))
                .then(lockedOut(start.plusSeconds(10), until))
                .when(enterMalformed(start.plusSeconds(20)))
                .then(lockedOut(start.plusSeconds(20), until))
                .when(enter(MASTER_PIN, start.plusSeconds(30)))
                .then(lockedOut(start.plusSeconds(30), until));

        LockoutState lo = during.state().lockout();
        assertEquals(0, lo.consecutiveFailures(), "refusals during a lockout are not counted");
        assertEquals(5, lo.recentFailures().size(), "nor do they spend the daily budget");
        assertEquals(until, lo.lockedOutUntil(), "nor extend the lockout");

        during.when(enter(MASTER_PIN, until.minusMillis(1)))
                .then(lockedOut(until.minusMillis(1), until))
                .when(enter(MASTER_PIN, until))
                .then(masterGranted(until));
    }

    @Test
    void givenLockoutOver_whenWrongCodesEntered_thenCountingStartsAfresh() {
        Instant after = seconds(5).plus(MINUTE);
        given(withWrongCodes(LockoutPolicy.defaults(), 4))
                .after(enter(WRONG_PIN, seconds(5)))
                .when(enter(WRONG_PIN, after))
                .then(wrong(after));
    }

    @Test
    void givenFourWrongCodes_whenValidCodeEntered_thenConsecutiveCountResets() {
        given(withWrongCodes(LockoutPolicy.defaults(), 4))
                .when(enter(MASTER_PIN, seconds(5)))
                .then(masterGranted(seconds(5)))
                .after(wrongCodes(3, 6))
                .when(enter(WRONG_PIN, seconds(9)))
                .then(wrong(seconds(9)))
                .when(enter(WRONG_PIN, seconds(10)))
                .then(lockoutStarts(seconds(10), DenialReason.UNKNOWN_CODE, MINUTE, 0, 5));
    }

    @Test
    void givenValidCodeAfterEveryFourWrongOnes_whenDailyBudgetIsSpent_thenKeypadDisabled() {
        LockoutPolicy p = new LockoutPolicy(5, MINUTE, Duration.ofHours(1), Duration.ofHours(24), 10);
        DeciderSpec.Given g = given(commissioned(p), codeAdded(1, UserType.UNRESTRICTED, USER_PIN));
        long s = 1;
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 4; i++, s++) {
                g = g.when(enter(WRONG_PIN, seconds(s))).then(wrong(seconds(s)));
            }
            g = g.when(enter(USER_PIN, seconds(s))).then(granted(seconds(s), 1, UserType.UNRESTRICTED, 1));
            s++;
        }
        g = g.when(enter(WRONG_PIN, seconds(s))).then(wrong(seconds(s)));
        s++;

        g.when(enter(WRONG_PIN, seconds(s)))
                .then(wrong(seconds(s)), new KeypadDisabled(LOCK, seconds(s), 10));
    }

    private static DeciderSpec.Given keypadDisabled() {
        LockoutPolicy p = new LockoutPolicy(5, MINUTE, Duration.ofHours(1), Duration.ofHours(24), 3);
        return given(commissioned(p), codeAdded(1, UserType.UNRESTRICTED, USER_PIN))
                .after(wrongCodes(2, 1))
                .when(enter(WRONG_PIN, seconds(3)))
                .then(wrong(seconds(3)), new KeypadDisabled(LOCK, seconds(3), 3));
    }

    @Test
    void givenKeypadDisabled_whenUserCodeEntered_thenLockedOutAndCountedAsWrong() {
        LockState s = keypadDisabled()
                .when(enter(USER_PIN, seconds(4)))
                .then(new EntryDenied(LOCK, seconds(4), EntrySource.KEYPAD, DenialReason.LOCKED_OUT, null, null, true))
                .state();

        assertTrue(s.lockout().keypadDisabled());
        assertEquals(4, s.lockout().consecutiveFailures());
    }

    @Test
    void givenKeypadDisabled_whenMasterCodeEntered_thenLockoutClearedByMasterCodeThenGranted() {
        keypadDisabled()
                .when(enter(MASTER_PIN, seconds(4)))
                .then(new LockoutCleared(LOCK, seconds(4), null, Actor.keypad(null)), masterGranted(seconds(4)))
                .when(enter(USER_PIN, seconds(5)))
                .then(granted(seconds(5), 1, UserType.UNRESTRICTED, 1));
    }

    @Test
    void givenKeypadDisabled_whenAdministratorClearsLockout_thenLockoutClearedAndUserCodeOpens() {
        keypadDisabled()
                .when(new ClearLockout(LOCK, seconds(4), "admin"))
                .then(new LockoutCleared(LOCK, seconds(4), "admin"))
                .when(enter(USER_PIN, seconds(5)))
                .then(granted(seconds(5), 1, UserType.UNRESTRICTED, 1));
    }

    @Test
    void givenKeypadDisabled_whenTwoDaysPassWithoutClearing_thenUserCodeStillLockedOut() {
        Instant later = LockFixture.days(2);
        keypadDisabled()
                .when(enter(USER_PIN, later))
                .then(new EntryDenied(LOCK, later, EntrySource.KEYPAD, DenialReason.LOCKED_OUT, null, null, true));
    }

    @Test
    void givenKeypadDisabled_whenGuessingReachesTheLimit_thenTimedLockoutThatEvenTheMasterCannotPass() {
        Instant t = seconds(5);
        Instant until = t.plus(MINUTE);
        keypadDisabled()
                .after(enter(WRONG_PIN, seconds(4)))
                .when(enter(WRONG_PIN, t))
                .then(new EntryDenied(LOCK, t, EntrySource.KEYPAD, DenialReason.LOCKED_OUT, null, until, true),
                        new LockoutStarted(LOCK, t, until, 0, 5),
                        new AlarmRaised(LOCK, t, AlarmCode.WRONG_CODE_ENTRY_LIMIT, null))
                .when(enter(MASTER_PIN, seconds(6)))
                .then(lockedOut(seconds(6), until));
    }

    @Test
    void givenWrongCodesMoreThanADayAgo_whenWrongCodeEntered_thenTheyNoLongerSpendTheBudget() {
        LockoutPolicy p = new LockoutPolicy(5, MINUTE, Duration.ofHours(1), Duration.ofHours(24), 3);
        LockState s = given(withWrongCodes(p, 2))
                .when(enter(WRONG_PIN, hours(25)))
                .then(wrong(hours(25)))
                .state();

        assertEquals(List.of(hours(25)), s.lockout().recentFailures());
        assertEquals(3, s.lockout().consecutiveFailures());
    }

    @Test
    void givenTimedLockout_whenAdministratorClearsIt_thenMasterOpensAtOnce() {
        given(withWrongCodes(LockoutPolicy.defaults(), 4))
                .after(enter(WRONG_PIN, seconds(5)))
                .when(new ClearLockout(LOCK, seconds(15), "admin"))
                .then(new LockoutCleared(LOCK, seconds(15), "admin"))
                .when(enter(MASTER_PIN, seconds(16)))
                .then(masterGranted(seconds(16)));
    }

    @Test
    void givenNoFailures_whenAdministratorClearsLockout_thenNothing() {
        given(commissioned())
                .when(new ClearLockout(LOCK, seconds(1), "admin"))
                .thenNothing();
    }

    @Test
    void givenRepeatedLockouts_whenEachEnds_thenDurationDoublesUpToTheCapAndReturnsToBaseAfterQuietPeriod() {
        LockoutPolicy p = new LockoutPolicy(1, MINUTE, Duration.ofSeconds(200), Duration.ofHours(1), 100);
        Instant t1 = seconds(10);
        Instant t2 = t1.plusSeconds(60);
        Instant t3 = t2.plusSeconds(120);
        Instant t4 = t3.plusSeconds(200);
        Instant end4 = t4.plusSeconds(200);
        DeciderSpec.Given afterFour = given(commissioned(p))
                .when(enter(WRONG_PIN, t1))
                .then(lockoutStarts(t1, DenialReason.UNKNOWN_CODE, MINUTE, 0, 1))
                .when(enter(WRONG_PIN, t2))
                .then(lockoutStarts(t2, DenialReason.UNKNOWN_CODE, Duration.ofSeconds(120), 1, 1))
                .when(enter(WRONG_PIN, t3))
                .then(lockoutStarts(t3, DenialReason.UNKNOWN_CODE, Duration.ofSeconds(200), 2, 1))
                .when(enter(WRONG_PIN, t4))
                .then(lockoutStarts(t4, DenialReason.UNKNOWN_CODE, Duration.ofSeconds(200), 3, 1));

        Instant notQuiet = end4.plus(Duration.ofMinutes(59));
        afterFour.when(enter(WRONG_PIN, notQuiet))
                .then(lockoutStarts(notQuiet, DenialReason.UNKNOWN_CODE, Duration.ofSeconds(200), 4, 1));

        Instant quiet = end4.plus(Duration.ofHours(2));
        afterFour.when(enter(WRONG_PIN, quiet))
                .then(lockoutStarts(quiet, DenialReason.UNKNOWN_CODE, MINUTE, 0, 1))
                .when(enter(WRONG_PIN, quiet.plus(MINUTE)))
                .then(lockoutStarts(quiet.plus(MINUTE), DenialReason.UNKNOWN_CODE, Duration.ofSeconds(120), 1, 1));
    }
}
