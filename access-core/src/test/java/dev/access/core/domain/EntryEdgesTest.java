package dev.access.core.domain;

import static dev.access.core.domain.DeciderSpec.given;
import static dev.access.core.domain.LockFixture.EPOCH;
import static dev.access.core.domain.LockFixture.LOCK;
import static dev.access.core.domain.LockFixture.T0;
import static dev.access.core.domain.LockFixture.commissioned;
import static dev.access.core.domain.LockFixture.days;
import static dev.access.core.domain.LockFixture.minutes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.access.core.domain.DeciderSpec.Given;
import dev.access.core.domain.LockCommand.EnterOfflineCode;
import dev.access.core.domain.LockEvent.EntryDenied;
import dev.access.core.domain.LockEvent.EntryGranted;
import dev.access.core.domain.LockEvent.ModeChanged;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Offline-code entry in the documented precedence: lockout, disabled keypad, mode, battery, clock, then the code's own denials. */
class EntryEdgesTest {
    private static final OfflineCode CODE = new OfflineCode("0123456789abcdef", T0, days(2), false, null);
    private static final Instant AT = minutes(2);

    private static EnterOfflineCode offline(EntrySource source) {
        return new EnterOfflineCode(LOCK, AT, source, CODE, EPOCH, 1);
    }

    private static Given inMode(OperatingMode mode) {
        return given(commissioned(), new ModeChanged(LOCK, minutes(1), OperatingMode.NORMAL, mode, "owner"));
    }

    private static EntryDenied denial(EntrySource source, DenialReason reason) {
        return new EntryDenied(LOCK, AT, source, reason, null, null, false);
    }

    @Test
    void offlineEntry_duringALockout_isDeniedLockedOut_uncounted() {
        given(commissioned(), new LockEvent.LockoutStarted(LOCK, minutes(1), minutes(10), 0, 5))
                .when(offline(EntrySource.KEYPAD))
                .then(new EntryDenied(LOCK, AT, EntrySource.KEYPAD, DenialReason.LOCKED_OUT, null, minutes(10), false));
    }

    @Test
    void offlineEntry_whileTheKeypadIsDisabled_isDeniedLockedOut_andCountsAsAWrongCode() {
        given(commissioned(), new LockEvent.KeypadDisabled(LOCK, minutes(1), 100))
                .when(offline(EntrySource.KEYPAD))
                .then(new EntryDenied(LOCK, AT, EntrySource.KEYPAD, DenialReason.LOCKED_OUT, null, null, true));
    }

    @Test
    void offlineEntry_inPrivacyMode_isForbidden() {
        inMode(OperatingMode.PRIVACY).when(offline(EntrySource.KEYPAD))
                .then(denial(EntrySource.KEYPAD, DenialReason.MODE_FORBIDS));
    }

    @Test
    void offlineEntry_inNoRemoteMode_isForbiddenRemotely_butOpensAtTheKeypad() {
        inMode(OperatingMode.NO_REMOTE).when(offline(EntrySource.REMOTE))
                .then(denial(EntrySource.REMOTE, DenialReason.MODE_FORBIDS));
        inMode(OperatingMode.NO_REMOTE).when(offline(EntrySource.KEYPAD))
                .then(EntryGranted.offline(LOCK, AT, EntrySource.KEYPAD, CODE));
    }

    @Test
    void offlineEntry_inNormalMode_opensRemotelyAndAtTheKeypad() {
        given(commissioned()).when(offline(EntrySource.REMOTE))
                .then(EntryGranted.offline(LOCK, AT, EntrySource.REMOTE, CODE));
        given(commissioned()).when(offline(EntrySource.KEYPAD))
                .then(EntryGranted.offline(LOCK, AT, EntrySource.KEYPAD, CODE));
    }

    @Test
    void offlineEntry_inVacationMode_isForbiddenAtTheKeypad_namingTheCode_butOpensRemotely() {
        inMode(OperatingMode.VACATION).when(offline(EntrySource.KEYPAD))
                .then(new EntryDenied(LOCK, AT, EntrySource.KEYPAD, DenialReason.MODE_FORBIDS, null, null, false, CODE));
        inMode(OperatingMode.VACATION).when(offline(EntrySource.REMOTE))
                .then(EntryGranted.offline(LOCK, AT, EntrySource.REMOTE, CODE));
    }

    @Test
    void offlineEntry_onACriticalBattery_isDeniedForTheBattery() {
        given(commissioned(), new LockEvent.BatteryReported(LOCK, minutes(1), 2, BatteryLevel.CRITICAL))
                .when(offline(EntrySource.KEYPAD))
                .then(denial(EntrySource.KEYPAD, DenialReason.INSUFFICIENT_BATTERY));
    }

    @Test
    void offlineEntry_withAnUntrustedClock_isDeniedClockUntrusted_uncounted() {
        given(commissioned(), new LockEvent.ClockRollbackDetected(LOCK, minutes(1), minutes(1)))
                .when(offline(EntrySource.KEYPAD))
                .then(denial(EntrySource.KEYPAD, DenialReason.CLOCK_UNTRUSTED));
    }

    @Test
    void offlineEntry_checkedUnderAnotherKeyEpoch_isStale() {
        LockCommandRejected e = given(commissioned())
                .when(new EnterOfflineCode(LOCK, AT, EntrySource.KEYPAD, CODE, EPOCH + 1, 1))
                .thenRejected(Rejection.STALE_KEY_EPOCH);
        assertEquals("STALE_KEY_EPOCH: the PIN was digested under key epoch 2, the lock uses 1", e.getMessage());
    }
}
