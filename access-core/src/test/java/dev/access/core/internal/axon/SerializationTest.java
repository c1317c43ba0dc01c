package dev.access.core.internal.axon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.access.core.domain.AlarmCode;
import dev.access.core.domain.BatteryLevel;
import dev.access.core.domain.CodeRules;
import dev.access.core.domain.DenialReason;
import dev.access.core.domain.DeviceEventKind;
import dev.access.core.domain.EntrySource;
import dev.access.core.domain.LockEvent;
import dev.access.core.domain.LockId;
import dev.access.core.domain.LockoutPolicy;
import dev.access.core.domain.OperatingMode;
import dev.access.core.domain.TimeWindow;
import dev.access.core.domain.UserType;
import dev.access.core.domain.WeekDaySchedule;
import dev.access.crypto.CodeDigest;
import dev.access.crypto.PinPolicy;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;

/** Every event type survives a round trip through the Jackson serializer the store uses. */
class SerializationTest {
    private static final LockId L = LockId.of("lock-1");
    private static final Instant T = Instant.parse("2026-06-01T10:15:30.123456789Z");
    private static final CodeDigest D = CodeDigest.fromBytes(new byte[] {
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29,
        30, 31, 32});

    static List<LockEvent> oneOfEach() {
        CodeRules rules = new CodeRules(T, T.plusSeconds(3600),
                List.of(new WeekDaySchedule(Set.of(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(8, 0),
                        LocalTime.of(17, 30))),
                List.of(new TimeWindow(T.plusSeconds(60), T.plusSeconds(120))), 3, null);
        return List.of(
                new LockEvent.LockCommissioned(L, T, "KP-1", "SN-9", "1.2.3", "Europe/Berlin", PinPolicy.strict(),
                        LockoutPolicy.defaults(), 1),
                new LockEvent.CodeAdded(L, T, 4, UserType.SCHEDULE_RESTRICTED, "cleaner", D, rules),
                new LockEvent.CodeAdded(L, T, 5, UserType.EXPIRING, null, D,
                        CodeRules.none().withExpireAfterFirstUse(Duration.ofHours(2))),
                new LockEvent.CodeChanged(L, T, 4, D),
                new LockEvent.CodeSuspended(L, T, 4),
                new LockEvent.CodeResumed(L, T, 4),
                new LockEvent.CodeRemoved(L, T, 4),
                new LockEvent.EntryGranted(L, T, EntrySource.KEYPAD, 4, UserType.FORCED, 2),
                new LockEvent.EntryDenied(L, T, EntrySource.REMOTE, DenialReason.UNKNOWN_CODE, null, T.plusSeconds(60),
                        true),
                new LockEvent.LockoutStarted(L, T, T.plusSeconds(60), 2, 5),
                new LockEvent.KeypadDisabled(L, T, 100),
                new LockEvent.LockoutCleared(L, T, "admin"),
                new LockEvent.AlarmRaised(L, T, AlarmCode.FORCED_USER, 4),
                new LockEvent.ModeChanged(L, T, OperatingMode.NORMAL, OperatingMode.VACATION, "owner"),
                new LockEvent.BatteryReported(L, T, 4, BatteryLevel.CRITICAL),
                new LockEvent.DeviceEventReported(L, T, DeviceEventKind.TAMPER),
                new LockEvent.FirmwareUpdated(L, T, "1.2.3", "1.3.0"),
                new LockEvent.ClockRollbackDetected(L, T, T.plusSeconds(999)),
                new LockEvent.ClockFaultDetected(L, T, java.time.Instant.MIN),
                new LockEvent.ClockFaultDetected(L, T, java.time.Instant.MAX),
                new LockEvent.CodeChecked(L, T, 3),
                new LockEvent.ClockSet(L, T, null),
                new LockEvent.FactoryResetPerformed(L, T, 1, 2),
                new LockEvent.LockEnrolled(L, T, "0123456789abcdef", 1, null, null),
                new LockEvent.LockEnrolled(L, T, "fedcba9876543210", 2, "0123456789abcdef", "c2lnbmluZy1rZXk="),
                new LockEvent.BatchApplied(L, T, "fedcba9876543210", 7, java.util.List.of(
                        new dev.access.core.domain.BatchOutcome("s3r2", dev.access.core.domain.BatchOperation.Kind.SET_CODE, 3, null, 0),
                        new dev.access.core.domain.BatchOutcome("m1", dev.access.core.domain.BatchOperation.Kind.SET_MODE, 0, "INVALID_ARGUMENT", 0))),
                new LockEvent.LockCommissioned(L, T, "KP-1", "SN-9", "1.2.3", "Europe/Berlin", PinPolicy.strict(),
                        LockoutPolicy.defaults(), 1, 12),
                new LockEvent.LockEnrolled(L, T, "fedcba9876543210", 2, null, "c2lnbmluZy1rZXk=", 3),
                LockEvent.EntryGranted.offline(L, T, EntrySource.KEYPAD, new dev.access.core.domain.OfflineCode(
                        "0123456789abcdef", T, T.plusSeconds(7200), false, "09:00-17:00")),
                new LockEvent.EntryDenied(L, T, EntrySource.KEYPAD, DenialReason.REVOKED, null, null, false,
                        new dev.access.core.domain.OfflineCode("0123456789abcdef", T, T.plusSeconds(7200), true, null)),
                new LockEvent.OfflineCodeRevoked(L, T, "0123456789abcdef", T.plusSeconds(7200)),
                new LockEvent.AllOfflineCodesRevoked(L, T, 1, 2),
                new LockEvent.OfflineKeyExported(L, T, 1, 1),
                new LockEvent.SubjectErased(L, T, "AAAAAAAAAAAAAAAAAAAAAA", dev.access.core.domain.Actor.local("owner")),
                new LockEvent.CodeChecked(L, T, null,
                        new dev.access.core.domain.OfflineCode("0123456789abcdef", T, T.plusSeconds(7200), true, null)));
    }

    @Test
    void everyEventType_roundTripsThroughJackson() {
        Serializer serializer = Serialization.serializer();
        for (LockEvent e : oneOfEach()) {
            SerializedObject<byte[]> bytes = serializer.serialize(e, byte[].class);
            Object back = serializer.deserialize(bytes);
            assertEquals(e, back, "round trip of " + e.getClass().getSimpleName());
            String json = new String(bytes.getData(), StandardCharsets.UTF_8);
            assertFalse(json.contains("timeBound"), "derived properties stay out of the payload: " + json);
        }
    }

    @Test
    void aGrantOrDenialNamingNoOfflineCode_isWrittenAsBeforeOfflineCodesExisted() {
        Serializer serializer = Serialization.serializer();
        String granted = new String(serializer.serialize(new LockEvent.EntryGranted(L, T, EntrySource.KEYPAD, 4,
                UserType.FORCED, 2), byte[].class).getData(), StandardCharsets.UTF_8);
        String denied = new String(serializer.serialize(new LockEvent.EntryDenied(L, T, EntrySource.KEYPAD,
                DenialReason.UNKNOWN_CODE, null, null, true), byte[].class).getData(), StandardCharsets.UTF_8);
        String checked = new String(serializer.serialize(new LockEvent.CodeChecked(L, T, 3), byte[].class).getData(),
                StandardCharsets.UTF_8);
        assertFalse(granted.contains("offlineCode"), granted);
        assertFalse(denied.contains("offlineCode"), denied);
        assertTrue(denied.contains("\"slot\":null"), "other null fields are still written: " + denied);
        assertTrue(checked.endsWith("\"slot\":3}"), "a check of a slot's code is written as before: " + checked);
    }

    @Test
    void everyPermittedEventType_isCoveredByThisTest() {
        Set<Class<?>> covered = oneOfEach().stream().map(Object::getClass).collect(Collectors.toSet());
        Set<Class<?>> all = Arrays.stream(LockEvent.class.getPermittedSubclasses()).collect(Collectors.toSet());
        assertEquals(all, covered);
    }
}
