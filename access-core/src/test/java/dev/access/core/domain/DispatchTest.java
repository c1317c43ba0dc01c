package dev.access.core.domain;

import static dev.access.core.domain.LockFixture.LOCK;
import static dev.access.core.domain.LockFixture.MASTER_PIN;
import static dev.access.core.domain.LockFixture.OTHER_PIN;
import static dev.access.core.domain.LockFixture.USER_PIN;
import static dev.access.core.domain.LockFixture.commissioned;
import static dev.access.core.domain.LockFixture.digest;
import static dev.access.core.domain.LockFixture.minutes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.access.core.domain.LockCommand.AddCode;
import dev.access.core.domain.LockCommand.ChangeCode;
import dev.access.core.domain.LockCommand.ChangeMode;
import dev.access.core.domain.LockCommand.ClearLockout;
import dev.access.core.domain.LockCommand.CommissionLock;
import dev.access.core.domain.LockCommand.EnterCode;
import dev.access.core.domain.LockCommand.EnterMalformedCode;
import dev.access.core.domain.LockCommand.FactoryReset;
import dev.access.core.domain.LockCommand.RemoveCode;
import dev.access.core.domain.LockCommand.ReportBattery;
import dev.access.core.domain.LockCommand.ReportDeviceEvent;
import dev.access.core.domain.LockCommand.ResumeCode;
import dev.access.core.domain.LockCommand.SetClock;
import dev.access.core.domain.LockCommand.SuspendCode;
import dev.access.core.domain.LockCommand.UpdateFirmware;
import dev.access.core.domain.LockEvent.AlarmRaised;
import dev.access.core.domain.LockEvent.DeviceEventReported;
import dev.access.core.domain.LockEvent.FirmwareUpdated;
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

/** decide and evolve dispatch every command and event type to a handler, and a missing handler fails loudly. */
class DispatchTest {
    private static final Instant T = minutes(1);

    /** One sample of each command type, all stamped T. */
    static List<LockCommand> oneCommandOfEach() {
        return List.of(
                LockFixture.commission(T),
                new FactoryReset(LOCK, T, LockFixture.NEXT_EPOCH),
                new SetClock(LOCK, T),
                new EnterCode(LOCK, T, EntrySource.KEYPAD, digest(MASTER_PIN), LockFixture.EPOCH),
                new EnterMalformedCode(LOCK, T, EntrySource.KEYPAD, "TOO_SHORT", 2),
                new LockCommand.CheckCode(LOCK, T, digest(MASTER_PIN), LockFixture.EPOCH, null),
                new AddCode(LOCK, T, 3, UserType.UNRESTRICTED, "x", digest(OTHER_PIN), null, LockFixture.EPOCH),
                new ChangeCode(LOCK, T, 2, digest(OTHER_PIN), LockFixture.EPOCH),
                new SuspendCode(LOCK, T, 2),
                new ResumeCode(LOCK, T, 2),
                new RemoveCode(LOCK, T, 2),
                new ChangeMode(LOCK, T, OperatingMode.PRIVACY, "owner"),
                new ClearLockout(LOCK, T, "admin"),
                new ReportBattery(LOCK, T, 40),
                new ReportDeviceEvent(LOCK, T, DeviceEventKind.TAMPER),
                new UpdateFirmware(LOCK, T, "2.0.0"),
                new LockCommand.EnrollLock(LOCK, T, "0123456789abcdef", null),
                new LockCommand.ApplyBatch(LOCK, T, "0123456789abcdef", 1, 1,
                        java.util.List.of(BatchOperation.setMode("m1", OperatingMode.VACATION))),
                new LockCommand.EnterOfflineCode(LOCK, T, EntrySource.KEYPAD, null, LockFixture.EPOCH, 1),
                new LockCommand.CheckOfflineCode(LOCK, T, null, LockFixture.EPOCH, 1),
                new LockCommand.RevokeOfflineCode(LOCK, T, "0123456789abcdef", T.plusSeconds(3600)),
                new LockCommand.RevokeAllOfflineCodes(LOCK, T),
                new LockCommand.RecordOfflineKeyExport(LOCK, T, LockFixture.EPOCH, 1),
                new LockCommand.EraseSubject(LOCK, T, "AAAAAAAAAAAAAAAAAAAAAA", Actor.local("owner")));
    }

    static Stream<Named<LockCommand>> eachCommand() {
        return oneCommandOfEach().stream().map(c -> Named.of(c.getClass().getSimpleName(), c));
    }

    private static Set<Class<?>> permitted(Class<?> sealed) {
        return Arrays.stream(sealed.getPermittedSubclasses()).collect(Collectors.toSet());
    }

    @Test
    void givenTheDecider_thenEveryPermittedCommandTypeHasAHandler() {
        assertEquals(permitted(LockCommand.class), LockDecider.COMMANDS.types());
    }

    @Test
    void givenTheDecider_thenEveryPermittedEventTypeHasAStep() {
        assertEquals(permitted(LockEvent.class), LockDecider.EVENTS.types());
    }

    @Test
    void givenTheSamples_thenEveryPermittedCommandTypeIsCovered() {
        assertEquals(permitted(LockCommand.class),
                oneCommandOfEach().stream().map(Object::getClass).collect(Collectors.toSet()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eachCommand")
    void givenCommissionedLockWithACode_whenCommandDecided_thenItsHandlerAnswers(LockCommand c) {
        LockState s = LockDecider.fold(Stream.concat(commissioned().stream(),
                Stream.of(LockFixture.codeAdded(2, UserType.UNRESTRICTED, USER_PIN))).toList());

        try {
            LockDecider.decide(c, s);
        } catch (LockCommandRejected refused) {
            // a refusal is a handler's answer too (commissioning a commissioned lock, a batch for a
            // lock enrolled with no backend)
            assertEquals(c instanceof LockCommand.ApplyBatch ? Rejection.NOT_ENROLLED : Rejection.ALREADY_COMMISSIONED,
                    refused.rejection(), c.toString());
        }
    }

    @Test
    void givenATableMissingAType_whenBuilt_thenItFailsNamingTheTypeOnly() {
        HandlerTable.Builder<LockEvent, LockState, LockState> b = HandlerTable.over(LockEvent.class);
        for (Class<?> type : LockEvent.class.getPermittedSubclasses()) {
            if (type != FirmwareUpdated.class && type != DeviceEventReported.class) {
                register(b, type);
            }
        }

        IllegalStateException e = assertThrows(IllegalStateException.class, b::build);

        assertEquals("no handler for LockEvent type(s) " + DeviceEventReported.class.getName() + ", "
                + FirmwareUpdated.class.getName(), e.getMessage());
    }

    @Test
    void givenACompleteTable_whenAValueIsHandled_thenItsOwnHandlerAnswers() {
        HandlerTable.Builder<LockEvent, LockState, LockState> b = HandlerTable.over(LockEvent.class);
        for (Class<?> type : LockEvent.class.getPermittedSubclasses()) {
            if (type != AlarmRaised.class) {
                register(b, type);
            }
        }
        LockState marked = LockState.initial().withBattery(7, BatteryLevel.LOW);
        HandlerTable<LockEvent, LockState, LockState> table =
                b.on(AlarmRaised.class, (e, s) -> marked).build();
        AlarmRaised alarm = new AlarmRaised(LOCK, T, AlarmCode.LOCK_JAMMED, null);
        FirmwareUpdated firmware = new FirmwareUpdated(LOCK, T, "1", "2");
        LockState start = LockState.initial();

        assertSame(marked, table.handle(alarm, start));
        assertSame(start, table.handle(firmware, start));
    }

    @Test
    void givenATypeRegisteredTwice_whenRegistered_thenItFails() {
        HandlerTable.Builder<LockEvent, LockState, LockState> b = HandlerTable.over(LockEvent.class);
        b.on(AlarmRaised.class, (e, s) -> s);

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> b.on(AlarmRaised.class, (x, s) -> s));

        assertTrue(e.getMessage().contains(AlarmRaised.class.getName()));
    }

    @Test
    void givenAnInterfaceThatIsNotSealed_whenATableIsMadeOverIt_thenItFails() {
        assertThrows(IllegalArgumentException.class, () -> HandlerTable.over(Runnable.class));
    }

    @Test
    void givenTheMissingHelper_thenItListsExactlyTheUnhandledTypes() {
        assertEquals(Set.of(SetClock.class), HandlerTable.missing(LockCommand.class,
                permitted(LockCommand.class).stream().filter(c -> c != SetClock.class).collect(Collectors.toSet())));
        assertTrue(HandlerTable.missing(LockCommand.class, permitted(LockCommand.class)).isEmpty());
    }

    /** Registers the identity step for {@code type}. */
    @SuppressWarnings("unchecked")
    private static void register(HandlerTable.Builder<LockEvent, LockState, LockState> b, Class<?> type) {
        b.on((Class<LockEvent>) type, (e, s) -> s);
    }
}
