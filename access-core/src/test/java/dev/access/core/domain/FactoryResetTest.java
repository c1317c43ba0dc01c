package dev.access.core.domain;

import static dev.access.core.domain.DeciderSpec.given;
import static dev.access.core.domain.LockFixture.EPOCH;
import static dev.access.core.domain.LockFixture.FIRMWARE;
import static dev.access.core.domain.LockFixture.LOCK;
import static dev.access.core.domain.LockFixture.MASTER_PIN;
import static dev.access.core.domain.LockFixture.MODEL;
import static dev.access.core.domain.LockFixture.NEXT_EPOCH;
import static dev.access.core.domain.LockFixture.OTHER_PIN;
import static dev.access.core.domain.LockFixture.SERIAL;
import static dev.access.core.domain.LockFixture.USER_PIN;
import static dev.access.core.domain.LockFixture.WRONG_PIN;
import static dev.access.core.domain.LockFixture.ZONE;
import static dev.access.core.domain.LockFixture.codeAdded;
import static dev.access.core.domain.LockFixture.commissioned;
import static dev.access.core.domain.LockFixture.digest;
import static dev.access.core.domain.LockFixture.enter;
import static dev.access.core.domain.LockFixture.minutes;
import static dev.access.core.domain.LockFixture.seconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.access.core.domain.LockCommand.AddCode;
import dev.access.core.domain.LockCommand.CommissionLock;
import dev.access.core.domain.LockCommand.EnterCode;
import dev.access.core.domain.LockCommand.FactoryReset;
import dev.access.core.domain.LockEvent.AlarmRaised;
import dev.access.core.domain.LockEvent.CodeAdded;
import dev.access.core.domain.LockEvent.EntryDenied;
import dev.access.core.domain.LockEvent.EntryGranted;
import dev.access.core.domain.LockEvent.FactoryResetPerformed;
import dev.access.core.domain.LockEvent.LockCommissioned;
import dev.access.core.domain.LockEvent.ModeChanged;
import dev.access.crypto.PinPolicy;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Factory reset erases credentials and settings and moves the lock to a new key epoch. */
class FactoryResetTest {
    private static final Instant RESET = minutes(10);

    private static CommissionLock recommission(Instant at, int epoch) {
        return new CommissionLock(LOCK, at, MODEL, SERIAL, FIRMWARE, ZONE, PinPolicy.defaults(),
                LockoutPolicy.defaults(), digest(OTHER_PIN, NEXT_EPOCH), epoch);
    }

    /** A used lock (a user code, vacation mode, a lockout in force), then reset to epoch 2. */
    private static DeciderSpec.Given reset() {
        return given(commissioned(), codeAdded(1, UserType.UNRESTRICTED, USER_PIN),
                new ModeChanged(LOCK, minutes(1), OperatingMode.NORMAL, OperatingMode.VACATION, "owner"))
                .after(enter(WRONG_PIN, seconds(61)), enter(WRONG_PIN, seconds(62)), enter(WRONG_PIN, seconds(63)),
                        enter(WRONG_PIN, seconds(64)), enter(WRONG_PIN, seconds(65)))
                .when(new FactoryReset(LOCK, RESET, NEXT_EPOCH))
                .then(new FactoryResetPerformed(LOCK, RESET, EPOCH, NEXT_EPOCH),
                        new AlarmRaised(LOCK, RESET, AlarmCode.LOCK_FACTORY_RESET, null));
    }

    @Test
    void givenUsedLock_whenFactoryReset_thenNotCommissionedNoCredentialsNewEpochAndSettingsCleared() {
        LockState s = reset().state();

        assertFalse(s.commissioned());
        assertEquals(0, s.credentials().size());
        assertEquals(NEXT_EPOCH, s.keyEpoch());
        assertEquals(OperatingMode.NORMAL, s.mode());
        assertEquals(LockoutState.CLEAR, s.lockout());
        assertEquals(1, s.factoryResets());
    }

    @Test
    void givenReset_whenMasterCodeEntered_thenNotCommissioned() {
        reset().when(enter(MASTER_PIN, minutes(11))).thenRejected(Rejection.NOT_COMMISSIONED);
    }

    @Test
    void givenReset_whenCommissionedWithTheOldEpoch_thenStaleKeyEpoch() {
        reset().when(recommission(minutes(11), EPOCH)).thenRejected(Rejection.STALE_KEY_EPOCH);
    }

    @Test
    void givenReset_whenCommissionedWithTheNewEpoch_thenCommissionedAndTheNewMasterOpensAtOnce() {
        Instant t = minutes(11);
        reset()
                .when(recommission(t, NEXT_EPOCH))
                .then(new LockCommissioned(LOCK, t, MODEL, SERIAL, FIRMWARE, ZONE, PinPolicy.defaults(),
                                LockoutPolicy.defaults(), NEXT_EPOCH, 10),
                        new CodeAdded(LOCK, t, 0, UserType.PROGRAMMING, "master", digest(OTHER_PIN, NEXT_EPOCH),
                                CodeRules.none()))
                .when(new EnterCode(LOCK, minutes(12), EntrySource.KEYPAD, digest(OTHER_PIN, NEXT_EPOCH), NEXT_EPOCH))
                .then(new EntryGranted(LOCK, minutes(12), EntrySource.KEYPAD, 0, UserType.PROGRAMMING, 1));
    }

    @Test
    void givenResetAndRecommissioned_whenOldEpochDigestEntered_thenStaleKeyEpoch() {
        reset().after(recommission(minutes(11), NEXT_EPOCH))
                .when(enter(MASTER_PIN, minutes(12)))
                .thenRejected(Rejection.STALE_KEY_EPOCH);
    }

    @Test
    void givenResetAndRecommissioned_whenCodeAddedWithOldEpochDigest_thenStaleKeyEpoch() {
        reset().after(recommission(minutes(11), NEXT_EPOCH))
                .when(new AddCode(LOCK, minutes(12), 1, UserType.UNRESTRICTED, "u", digest(USER_PIN), CodeRules.none(),
                        EPOCH))
                .thenRejected(Rejection.STALE_KEY_EPOCH);
    }

    @Test
    void givenResetAndRecommissioned_whenOldDigestPresentedUnderTheNewEpoch_thenUnknownCode() {
        Instant t = minutes(12);
        reset().after(recommission(minutes(11), NEXT_EPOCH))
                .when(new EnterCode(LOCK, t, EntrySource.KEYPAD, digest(USER_PIN), NEXT_EPOCH))
                .then(new EntryDenied(LOCK, t, EntrySource.KEYPAD, DenialReason.UNKNOWN_CODE, null, null, true));
    }

    @Test
    void givenLockAtEpoch2_whenFactoryResetToEpoch2_thenStaleKeyEpoch() {
        reset().when(new FactoryReset(LOCK, minutes(11), NEXT_EPOCH)).thenRejected(Rejection.STALE_KEY_EPOCH);
    }

    @Test
    void givenLockAtEpoch1_whenFactoryResetToEpoch1_thenStaleKeyEpoch() {
        given(commissioned()).when(new FactoryReset(LOCK, minutes(1), EPOCH)).thenRejected(Rejection.STALE_KEY_EPOCH);
    }
}
