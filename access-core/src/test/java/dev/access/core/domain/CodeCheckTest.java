package dev.access.core.domain;

import static dev.access.core.domain.DeciderSpec.given;
import static dev.access.core.domain.LockFixture.EPOCH;
import static dev.access.core.domain.LockFixture.LOCK;
import static dev.access.core.domain.LockFixture.MASTER_PIN;
import static dev.access.core.domain.LockFixture.USER_PIN;
import static dev.access.core.domain.LockFixture.WRONG_PIN;
import static dev.access.core.domain.LockFixture.codeAdded;
import static dev.access.core.domain.LockFixture.commissioned;
import static dev.access.core.domain.LockFixture.digest;
import static dev.access.core.domain.LockFixture.seconds;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.access.core.domain.LockCommand.CheckCode;
import dev.access.core.domain.LockEvent.AlarmRaised;
import dev.access.core.domain.LockEvent.CodeChecked;
import dev.access.core.domain.LockEvent.EntryDenied;
import dev.access.core.domain.LockEvent.LockoutStarted;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A diagnostic check of a typed PIN is an attempt that never opens: counted, recorded, refused in a lockout. */
class CodeCheckTest {
    private static final Instant UNTIL = seconds(12).plusSeconds(60);

    private static CheckCode check(String pin, Instant at) {
        return new CheckCode(LOCK, at, digest(pin), EPOCH, null);
    }

    private static EntryDenied diagnostic(Instant at, DenialReason reason, Instant until, boolean wrong) {
        return new EntryDenied(LOCK, at, EntrySource.DIAGNOSTIC, reason, null, until, wrong);
    }

    /** Limit 2, 60 s; slot 1 holds USER_PIN. */
    private static DeciderSpec.Given lock() {
        return given(commissioned(LockFixture.policy(2, Duration.ofSeconds(60))),
                codeAdded(1, UserType.UNRESTRICTED, USER_PIN));
    }

    @Test
    void givenLock_whenWrongChecksReachTheLimit_thenTheyCountAndStartALockout() {
        lock().when(check(WRONG_PIN, seconds(11)))
                .then(diagnostic(seconds(11), DenialReason.UNKNOWN_CODE, null, true))
                .when(check(WRONG_PIN, seconds(12)))
                .then(diagnostic(seconds(12), DenialReason.UNKNOWN_CODE, UNTIL, true),
                        new LockoutStarted(LOCK, seconds(12), UNTIL, 0, 2),
                        new AlarmRaised(LOCK, seconds(12), AlarmCode.WRONG_CODE_ENTRY_LIMIT, null));
    }

    @Test
    void givenLockout_whenRightOrWrongPinChecked_thenTheSameUncountedRefusal() {
        DeciderSpec.Given locked = lock().after(check(WRONG_PIN, seconds(11)), check(WRONG_PIN, seconds(12)));
        locked.when(check(USER_PIN, seconds(20))).then(diagnostic(seconds(20), DenialReason.LOCKED_OUT, UNTIL, false));
        locked.when(check(WRONG_PIN, seconds(20))).then(diagnostic(seconds(20), DenialReason.LOCKED_OUT, UNTIL, false));
        locked.when(check(MASTER_PIN, seconds(20))).then(diagnostic(seconds(20), DenialReason.LOCKED_OUT, UNTIL, false));
    }

    @Test
    void givenLock_whenRightPinChecked_thenCodeCheckedNothingOpensAndTheWrongCountStays() {
        LockState s = lock().after(check(WRONG_PIN, seconds(11)))
                .when(check(USER_PIN, seconds(13)))
                .then(new CodeChecked(LOCK, seconds(13), 1))
                .state();
        assertEquals(1, s.lockout().consecutiveFailures(), "a check is no valid entry: the count stays");
    }

    @Test
    void givenLock_whenMalformedInputChecked_thenAWrongCode() {
        lock().when(new CheckCode(LOCK, seconds(11), null, EPOCH, "TOO_SHORT"))
                .then(diagnostic(seconds(11), DenialReason.MALFORMED, null, true));
    }

    private static final OfflineCode OFFLINE = new OfflineCode("00112233445566aa", seconds(0), seconds(0).plusSeconds(7200),
            true, null);

    private static LockCommand.CheckOfflineCode checkOffline(OfflineCode match, Instant at) {
        return new LockCommand.CheckOfflineCode(LOCK, at, match, EPOCH, 1);
    }

    @Test
    void givenLock_whenOfflinePinsThatOpenNothingNowAreChecked_thenWrongCodesStartALockout() {
        lock().when(checkOffline(null, seconds(11)))
                .then(diagnostic(seconds(11), DenialReason.UNKNOWN_CODE, null, true))
                .when(checkOffline(null, seconds(12)))
                .then(diagnostic(seconds(12), DenialReason.UNKNOWN_CODE, UNTIL, true),
                        new LockoutStarted(LOCK, seconds(12), UNTIL, 0, 2),
                        new AlarmRaised(LOCK, seconds(12), AlarmCode.WRONG_CODE_ENTRY_LIMIT, null));
    }

    @Test
    void givenLockout_whenAnOfflinePinIsChecked_thenRefusedUncountedWhetherItIsACodeOrNot() {
        DeciderSpec.Given locked = lock().after(check(WRONG_PIN, seconds(11)), check(WRONG_PIN, seconds(12)));
        locked.when(checkOffline(OFFLINE, seconds(20))).then(diagnostic(seconds(20), DenialReason.LOCKED_OUT, UNTIL, false));
        locked.when(checkOffline(null, seconds(20))).then(diagnostic(seconds(20), DenialReason.LOCKED_OUT, UNTIL, false));
    }

    @Test
    void givenLock_whenAnOfflineCodeIsChecked_thenCodeCheckedNamesIt_andNeitherTheCountNorItsOneUseIsSpent() {
        LockState s = lock().after(check(WRONG_PIN, seconds(11)))
                .when(checkOffline(OFFLINE, seconds(13)))
                .then(new CodeChecked(LOCK, seconds(13), null, OFFLINE))
                .state();
        assertEquals(1, s.lockout().consecutiveFailures(), "a check is no valid entry: the count stays");
        assertEquals(false, s.offline().isUsed(OFFLINE.id()), "checking a one-time code does not use it up");
    }

    @Test
    void givenAnUntrustedClock_whenAnOfflinePinIsChecked_thenRefusedUncounted() {
        Instant later = seconds(30).plus(LockDecider.ROLLBACK_TOLERANCE).plusSeconds(60);
        LockState s = lock().after(new LockCommand.ReportBattery(LOCK, later, 80),
                        new LockCommand.ReportBattery(LOCK, seconds(20), 80))
                .when(checkOffline(OFFLINE, later.plusSeconds(1)))
                .then(diagnostic(later.plusSeconds(1), DenialReason.CLOCK_UNTRUSTED, null, false))
                .state();
        assertEquals(0, s.lockout().consecutiveFailures());
    }

    @Test
    void givenAStaleGeneration_whenAnOfflinePinIsChecked_thenRejected() {
        lock().when(new LockCommand.CheckOfflineCode(LOCK, seconds(11), null, EPOCH, 2))
                .thenRejected(Rejection.STALE_KEY_EPOCH);
    }

    @Test
    void givenLock_whenAnEntryClaimsTheDiagnosticSource_thenRefused() {
        lock().when(new LockCommand.EnterCode(LOCK, seconds(11), EntrySource.DIAGNOSTIC, digest(USER_PIN), EPOCH))
                .thenRejected(Rejection.INVALID_ARGUMENT);
    }
}
