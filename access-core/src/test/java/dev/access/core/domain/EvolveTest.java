package dev.access.core.domain;

import static dev.access.core.domain.LockFixture.LOCK;
import static dev.access.core.domain.LockFixture.T0;
import static dev.access.core.domain.LockFixture.USER_PIN;
import static dev.access.core.domain.LockFixture.codeAdded;
import static dev.access.core.domain.LockFixture.commissioned;
import static dev.access.core.domain.LockFixture.seconds;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.access.core.domain.LockEvent.AlarmRaised;
import dev.access.core.domain.LockEvent.BatteryReported;
import dev.access.core.domain.LockEvent.ClockRollbackDetected;
import dev.access.core.domain.LockEvent.ClockSet;
import dev.access.core.domain.LockEvent.CodeChanged;
import dev.access.core.domain.LockEvent.CodeRemoved;
import dev.access.core.domain.LockEvent.CodeResumed;
import dev.access.core.domain.LockEvent.CodeSuspended;
import dev.access.core.domain.LockEvent.DeviceEventReported;
import dev.access.core.domain.LockEvent.EntryDenied;
import dev.access.core.domain.LockEvent.EntryGranted;
import dev.access.core.domain.LockEvent.FactoryResetPerformed;
import dev.access.core.domain.LockEvent.FirmwareUpdated;
import dev.access.core.domain.LockEvent.KeypadDisabled;
import dev.access.core.domain.LockEvent.LockoutCleared;
import dev.access.core.domain.LockEvent.LockoutStarted;
import dev.access.core.domain.LockEvent.ModeChanged;
import dev.access.crypto.PinPolicy;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** evolve is total: every event type folds from any state, the initial one included, without throwing. */
class EvolveTest {
    private static final Instant T = seconds(30);

    /** One sample of each event type, all stamped T. */
    static List<LockEvent> oneOfEach() {
        return List.of(
                new LockEvent.LockCommissioned(LOCK, T, "m", "s", "1", "Europe/Berlin", PinPolicy.defaults(),
                        LockoutPolicy.defaults(), 1),
                new LockEvent.CodeAdded(LOCK, T, 3, UserType.DISPOSABLE, "x", LockFixture.digest(USER_PIN),
                        CodeRules.none()),
                new CodeChanged(LOCK, T, 3, LockFixture.digest("864213")),
                new CodeSuspended(LOCK, T, 3),
                new CodeResumed(LOCK, T, 3),
                new CodeRemoved(LOCK, T, 3),
                new EntryGranted(LOCK, T, EntrySource.KEYPAD, 3, UserType.DISPOSABLE, 1),
                new EntryDenied(LOCK, T, EntrySource.KEYPAD, DenialReason.UNKNOWN_CODE, null, null, true),
                new LockoutStarted(LOCK, T, T.plusSeconds(60), 0, 5),
                new KeypadDisabled(LOCK, T, 100),
                new LockoutCleared(LOCK, T, "admin"),
                new AlarmRaised(LOCK, T, AlarmCode.LOCK_JAMMED, null),
                new ModeChanged(LOCK, T, OperatingMode.NORMAL, OperatingMode.PRIVACY, "owner"),
                new BatteryReported(LOCK, T, 50, BatteryLevel.OK),
                new DeviceEventReported(LOCK, T, DeviceEventKind.TAMPER),
                new FirmwareUpdated(LOCK, T, "1", "2"),
                new ClockRollbackDetected(LOCK, T, T.plusSeconds(5)),
                new LockEvent.ClockFaultDetected(LOCK, T, Instant.MAX),
                new LockEvent.CodeChecked(LOCK, T, 1),
                new ClockSet(LOCK, T, T0),
                new FactoryResetPerformed(LOCK, T, 1, 2),
                new LockEvent.LockEnrolled(LOCK, T, "0123456789abcdef", 1, null, "c2lnbmluZy1rZXk="),
                new LockEvent.BatchApplied(LOCK, T, "0123456789abcdef", 3, java.util.List.of(
                        new BatchOutcome("s1r1", BatchOperation.Kind.SET_CODE, 1, null, 0),
                        new BatchOutcome("s2r1", BatchOperation.Kind.EMPTY_SLOT, 2, "SLOT_OCCUPIED", 0))),
                EntryGranted.offline(LOCK, T, EntrySource.KEYPAD, new OfflineCode("0123456789abcdef", T,
                        T.plusSeconds(7200), true, null)),
                new LockEvent.OfflineCodeRevoked(LOCK, T, "0123456789abcdef", T.plusSeconds(7200)),
                new LockEvent.AllOfflineCodesRevoked(LOCK, T, 1, 2),
                new LockEvent.OfflineKeyExported(LOCK, T, 1, 1),
                new LockEvent.SubjectErased(LOCK, T, "AAAAAAAAAAAAAAAAAAAAAA", Actor.local("owner")));
    }

    static Stream<Named<LockEvent>> eachEvent() {
        return oneOfEach().stream().map(e -> Named.of(e.getClass().getSimpleName(), e));
    }

    @Test
    void givenTheSamples_thenEveryPermittedEventTypeIsCovered() {
        Set<Class<?>> permitted = Arrays.stream(LockEvent.class.getPermittedSubclasses()).collect(Collectors.toSet());
        Set<Class<?>> sampled = oneOfEach().stream().map(Object::getClass).collect(Collectors.toSet());

        assertEquals(permitted, sampled);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eachEvent")
    void givenInitialState_whenEventFolded_thenNoThrowAndStateNamesTheLockAndItsTime(LockEvent e) {
        LockState s = assertDoesNotThrow(() -> LockDecider.evolve(LockState.initial(), e));

        assertNotNull(s);
        assertEquals(LOCK, s.lockId());
        assertEquals(T, s.clockFloor());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eachEvent")
    void givenCommissionedLockWithACode_whenEventFolded_thenNoThrow(LockEvent e) {
        LockState start = LockDecider.fold(
                Stream.concat(commissioned().stream(), Stream.of(codeAdded(3, UserType.DISPOSABLE, USER_PIN))).toList());

        LockState s = assertDoesNotThrow(() -> LockDecider.evolve(start, e));

        assertEquals(LOCK, s.lockId());
    }

    @Test
    void givenInitialState_whenEveryEventTypeFoldedInTurn_thenNoThrow() {
        LockState s = assertDoesNotThrow(() -> LockDecider.fold(oneOfEach()));

        assertEquals(2, s.keyEpoch());
        assertEquals(1, s.factoryResets());
    }
}
