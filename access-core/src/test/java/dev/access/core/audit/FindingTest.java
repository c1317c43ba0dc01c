package dev.access.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.access.core.NewCode;
import dev.access.core.audit.Diagnosis.Question;
import dev.access.core.audit.Finding.Code;
import dev.access.core.audit.FindingDetail.AboutCode;
import dev.access.core.audit.FindingDetail.Battery;
import dev.access.core.audit.FindingDetail.Excluded;
import dev.access.core.audit.FindingDetail.FirmwareChanged;
import dev.access.core.audit.FindingDetail.LockedOut;
import dev.access.core.audit.FindingDetail.ModeOn;
import dev.access.core.audit.FindingDetail.NonAccess;
import dev.access.core.audit.FindingDetail.NothingFound;
import dev.access.core.audit.FindingDetail.OffSchedule;
import dev.access.core.audit.FindingDetail.RemoteOnly;
import dev.access.core.audit.FindingDetail.Replaced;
import dev.access.core.audit.FindingDetail.Slot;
import dev.access.core.audit.FindingDetail.UnknownPin;
import dev.access.core.audit.FindingDetail.UsedUp;
import dev.access.core.audit.FindingDetail.WrongLength;
import dev.access.core.domain.BatteryLevel;
import dev.access.core.domain.CodeRules;
import dev.access.core.domain.EntrySource;
import dev.access.core.domain.LockEvent;
import dev.access.core.domain.OperatingMode;
import dev.access.core.domain.TimeWindow;
import dev.access.core.domain.UserType;
import dev.access.core.domain.WeekDaySchedule;
import java.io.StringWriter;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Findings as data: the typed parameters of each situation (no words involved), and renderers. */
class FindingTest extends DiagnosisFixture {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @BeforeEach
    void commission() {
        fx.commission(lock);
    }

    @Test
    void aNonAccessAndARemoteOnlyCode_nameTheirSlotNameAndUserType_andNoRemoteModeWhoSetIt() {
        fx.access.addCode(lock, NewCode.of(2, UserType.NON_ACCESS, "watcher", CodeRules.none()),
                AuditFixture.pin(AuditFixture.PINS[1]));
        fx.access.addCode(lock, NewCode.of(3, UserType.REMOTE_ONLY, null, CodeRules.none()),
                AuditFixture.pin(AuditFixture.PINS[2]));
        Finding nonAccess = find(diagnose(now().slot(2)), Code.NON_ACCESS);
        assertEquals(new NonAccess(new Slot(2, "watcher", UserType.NON_ACCESS)), nonAccess.detail());
        assertEquals(T0, nonAccess.since());
        assertEquals(seqs(e -> e instanceof LockEvent.CodeAdded && ((LockEvent.CodeAdded) e).slot() == 2),
                nonAccess.evidence());
        Finding remote = find(diagnose(now().slot(3)), Code.REMOTE_ONLY);
        assertEquals(new RemoteOnly(new Slot(3, null, UserType.REMOTE_ONLY)), remote.detail());
        assertEquals(T0, remote.at());
        assertEquals(BERLIN, remote.zone());

        fx.advance(Duration.ofMinutes(5));
        fx.access.changeMode(lock, OperatingMode.NO_REMOTE, (String) null);
        Finding mode = find(diagnose(now().slot(3)), Code.NO_REMOTE_MODE);
        assertEquals(new ModeOn(OperatingMode.NO_REMOTE, "local via local"), mode.detail(),
                "the API's default actor: the local administrator 'local'");
        assertEquals(T0.plus(Duration.ofMinutes(5)), mode.since());
        assertEquals(seqs(e -> e instanceof LockEvent.ModeChanged), mode.evidence());
    }

    @Test
    void outsideTheSchedule_namesTheExclusionWindow_orTheSchedules_andTheNextWindow() {
        TimeWindow closed = new TimeWindow(T0.minusSeconds(60), T0.plusSeconds(7200));
        fx.access.addCode(lock, NewCode.of(4, UserType.UNRESTRICTED, "painter", CodeRules.none()
                .withExclusions(List.of(closed))), AuditFixture.pin(AuditFixture.PINS[1]));
        List<WeekDaySchedule> weekend = List.of(new WeekDaySchedule(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
                LocalTime.of(10, 0), LocalTime.of(12, 30)));
        fx.access.addCode(lock, NewCode.of(5, UserType.SCHEDULE_RESTRICTED, "weekend", CodeRules.window(T0,
                T0.plus(Duration.ofDays(3))).withSchedules(weekend)), AuditFixture.pin(AuditFixture.PINS[2]));
        Finding excluded = find(diagnose(now().slot(4)), Code.OUTSIDE_SCHEDULE);
        assertEquals(new Excluded(new Slot(4, "painter", UserType.UNRESTRICTED), closed), excluded.detail());
        assertEquals(closed.from(), excluded.since());
        assertEquals(closed.until(), excluded.until());
        Finding expiresFirst = find(diagnose(now().slot(5)), Code.OUTSIDE_SCHEDULE);
        assertEquals(new OffSchedule(new Slot(5, "weekend", UserType.SCHEDULE_RESTRICTED), weekend),
                expiresFirst.detail());
        assertNull(expiresFirst.until(), "no window opens before the code expires");
        Finding longer = find(diagnose(Question.at(T0.plus(Duration.ofDays(2))).slot(5)), Code.OUTSIDE_SCHEDULE);
        assertEquals(T0.plus(Duration.ofDays(2)), longer.at());
        assertNull(longer.until(), "Saturday is after the window's end");
    }

    @Test
    void typedPins_nameTheDigitsCountsAndTheReplacedPinsTimes() {
        fx.access.addCode(lock, NewCode.unrestricted(1, "alice"), AuditFixture.pin(AuditFixture.PINS[0]));
        assertEquals(new WrongLength(3, 4, 8, 10), find(diagnose(now().typedLength(3)), Code.WRONG_LENGTH).detail(),
                "the lock takes offline codes of 10 digits too");
        assertEquals(new UnknownPin(2, null), // alice and the master code
                find(diagnose(now().typedCode(fx.digest(lock, AuditFixture.PINS[3]))), Code.UNKNOWN_CODE).detail());
        fx.advance(Duration.ofDays(1));
        fx.access.changeCode(lock, 1, AuditFixture.pin(AuditFixture.PINS[3]));
        Finding replaced = find(diagnose(now().typedCode(fx.digest(lock, AuditFixture.PINS[0]))), Code.REPLACED);
        assertEquals(new Replaced(new Slot(1, "alice", UserType.UNRESTRICTED), true, T0, "local via local"),
                replaced.detail());
        assertEquals(T0.plus(Duration.ofDays(1)), replaced.since());
        Finding bySlot = find(diagnose(now().slot(1)), Code.REPLACED);
        assertEquals(new Replaced(new Slot(1, "alice", UserType.UNRESTRICTED), false, null, "local via local"),
                bySlot.detail());
        assertTrue(bySlot.detail() instanceof AboutCode a && a.slot().number() == 1);
    }

    @Test
    void lockoutUsesBatteryAndFirmware_nameTheirCounts() {
        fx.access.addCode(lock, NewCode.of(7, UserType.DISPOSABLE, "courier", CodeRules.none()),
                AuditFixture.pin(AuditFixture.PINS[2]));
        fx.advance(Duration.ofMinutes(3));
        assertTrue(fx.access.enter(lock, AuditFixture.pin(AuditFixture.PINS[2]), EntrySource.KEYPAD).granted());
        Instant used = fx.clock.instant();
        assertEquals(new UsedUp(new Slot(7, "courier", UserType.DISPOSABLE), 1, 1),
                find(diagnose(now().slot(7)), Code.USED_UP).detail());
        assertEquals(used, find(diagnose(now().slot(7)), Code.USED_UP).since());
        for (int i = 0; i < 3; i++) {
            fx.advance(Duration.ofSeconds(5));
            fx.access.enter(lock, AuditFixture.pin(AuditFixture.WRONG), EntrySource.KEYPAD);
        }
        Finding locked = find(diagnose(now()), Code.LOCKED_OUT);
        assertEquals(new LockedOut(3), locked.detail());
        assertEquals(fx.clock.instant().plusSeconds(60), locked.until());
        fx.access.reportBattery(lock, 4);
        fx.access.updateFirmware(lock, "2.0.0");
        List<Finding> found = diagnose(now());
        assertEquals(new Battery(BatteryLevel.CRITICAL, 4), find(found, Code.BATTERY_CRITICAL).detail());
        assertEquals(new FirmwareChanged("1.0.0", "2.0.0", 1, Diagnosis.LOOKBACK),
                find(found, Code.FIRMWARE_CHANGED).detail());
    }

    @Test
    void nothingFound_namesTheModeAndBattery_andDetailsRefuseValuesOfOtherCodes() {
        Finding f = find(diagnose(now()), Code.NOTHING_FOUND);
        assertEquals(new NothingFound(OperatingMode.NORMAL, null), f.detail());
        assertEquals(List.of(), f.evidence());
        assertThrows(IllegalArgumentException.class, () -> new ModeOn(OperatingMode.NORMAL, null));
        assertThrows(IllegalArgumentException.class, () -> new Battery(BatteryLevel.OK, 80));
        assertEquals(Code.BATTERY_LOW, new Battery(BatteryLevel.LOW, 15).code());
    }

    /** A renderer of another language: German, for the codes this test needs. */
    private static final class German implements FindingRenderer {
        @Override
        public String summary(Finding f) {
            if (f.detail() instanceof AboutCode c) {
                return "Code in Platz " + c.slot().number() + ": " + f.code();
            }
            return "Schloss: " + f.code();
        }

        @Override
        public String nextStep(Finding f) {
            return "Verwalter fragen";
        }
    }

    @Test
    void aVendorsRenderer_isWhatTheSupportBundleWrites_andEnglishIsTheDefault() throws Exception {
        fx.access.addCode(lock, NewCode.of(2, UserType.NON_ACCESS, "watcher", CodeRules.none()),
                AuditFixture.pin(AuditFixture.PINS[1]));
        Question q = now().slot(2);
        StringWriter german = new StringWriter();
        SupportBundle.write(history(), q, new German(), german);
        JsonNode findings = new ObjectMapper().readTree(german.toString()).get("findings");
        assertEquals(1, findings.size(), findings.toString());
        assertEquals("NON_ACCESS", findings.get(0).get("code").asText());
        assertEquals("Code in Platz 2: NON_ACCESS", findings.get(0).get("summary").asText());
        assertEquals("Verwalter fragen", findings.get(0).get("nextStep").asText());

        StringWriter english = new StringWriter();
        SupportBundle.write(history(), q, english);
        JsonNode en = new ObjectMapper().readTree(english.toString()).get("findings").get(0);
        Finding f = find(diagnose(q), Code.NON_ACCESS);
        assertEquals(FindingRenderer.english().summary(f.withoutNames()), en.get("summary").asText());
        assertEquals("the code in slot 2 belongs to a non-access user: its entries are recorded but never "
                + "open", en.get("summary").asText());
        assertEquals("ask the administrator to re-add it as an access code", en.get("nextStep").asText());
    }
}
