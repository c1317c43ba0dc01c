package dev.access.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.access.core.NewCode;
import dev.access.core.audit.Diagnosis.Question;
import dev.access.core.audit.Finding.Code;
import dev.access.core.domain.CodeRules;
import dev.access.core.domain.DeviceEventKind;
import dev.access.core.domain.EntrySource;
import dev.access.core.domain.LockEvent;
import dev.access.core.domain.LockId;
import dev.access.core.domain.LockoutPolicy;
import dev.access.core.domain.OperatingMode;
import dev.access.core.domain.UserType;
import dev.access.core.domain.WeekDaySchedule;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** "Why does my code not work?": each item of the checklist, from real command sequences. */
class DiagnosisTest extends DiagnosisFixture {
    private void commissionWithAlice() {
        fx.commission(lock);
        fx.access.addCode(lock, NewCode.unrestricted(1, "alice"), AuditFixture.pin(AuditFixture.PINS[0]));
    }

    @Test
    void givenAPinNoCodeHas_thenUnknownCode_restingOnTheCommissioning() {
        commissionWithAlice();
        List<Finding> found = diagnose(now().typedCode(fx.digest(lock, AuditFixture.PINS[3])));
        Finding f = find(found, Code.UNKNOWN_CODE);
        assertEquals(List.of(seq(e -> e instanceof LockEvent.LockCommissioned)), f.evidence());
        assertTrue(summary(f).contains("none of the 2 codes"), summary(f));
        assertTrue(nextStep(f).contains("administrator"), nextStep(f));
        absent(found, Code.CODE_OK);
    }

    @Test
    void givenTooFewDigits_thenWrongLength_namingThePolicy() {
        commissionWithAlice();
        Finding f = find(diagnose(now().typedLength(3)), Code.WRONG_LENGTH);
        assertTrue(summary(f).contains("3 digits") && summary(f).contains("4 to 8"), summary(f));
        assertTrue(nextStep(f).contains("4 to 8 digits"), nextStep(f));
        find(diagnose(now().typedLength(9)), Code.WRONG_LENGTH);
        absent(diagnose(now().typedLength(6)), Code.WRONG_LENGTH);
    }

    @Test
    void givenARemovedCode_thenRemoved_bySlotAndByTypedPin() {
        commissionWithAlice();
        fx.access.addCode(lock, NewCode.unrestricted(2, "bob"), AuditFixture.pin(AuditFixture.PINS[1]));
        fx.advance(Duration.ofHours(2));
        fx.access.removeCode(lock, 2);
        Instant removedAt = fx.clock.instant();
        fx.advance(Duration.ofMinutes(5));
        List<Long> expected = List.of(seq(e -> e instanceof LockEvent.CodeAdded && ((LockEvent.CodeAdded) e).slot() == 2),
                seq(e -> e instanceof LockEvent.CodeRemoved));
        Finding bySlot = find(diagnose(now().slot(2)), Code.REMOVED);
        assertEquals(removedAt, bySlot.since());
        assertEquals(expected, bySlot.evidence());
        assertTrue(summary(bySlot).contains("bob"), summary(bySlot));
        assertTrue(nextStep(bySlot).contains("re-add"), nextStep(bySlot));
        Finding byPin = find(diagnose(now().typedCode(fx.digest(lock, AuditFixture.PINS[1]))), Code.REMOVED);
        assertEquals(expected, byPin.evidence());
    }

    @Test
    void givenASuspendedCode_thenSuspended_sinceWhen_withTheRefusals() {
        commissionWithAlice();
        fx.advance(Duration.ofHours(1));
        fx.access.suspendCode(lock, 1);
        Instant since = fx.clock.instant();
        fx.advance(Duration.ofMinutes(10));
        fx.access.enter(lock, AuditFixture.pin(AuditFixture.PINS[0]), EntrySource.KEYPAD);
        List<Finding> found = diagnose(now().typedCode(fx.digest(lock, AuditFixture.PINS[0])));
        Finding f = find(found, Code.SUSPENDED);
        assertEquals(since, f.since());
        assertTrue(f.evidence().contains(seq(e -> e instanceof LockEvent.CodeSuspended)));
        assertTrue(f.evidence().contains(seq(e -> e instanceof LockEvent.EntryDenied)));
        assertTrue(nextStep(f).contains("resume"), nextStep(f));
        absent(found, Code.CODE_OK);
    }

    @Test
    void givenAChangedPin_thenTheOldPinIsReplaced_andTheNewOneOpens() {
        commissionWithAlice();
        fx.advance(Duration.ofDays(1));
        fx.access.changeCode(lock, 1, AuditFixture.pin(AuditFixture.PINS[3]));
        Instant changed = fx.clock.instant();
        List<Finding> old = diagnose(now().typedCode(fx.digest(lock, AuditFixture.PINS[0])));
        Finding f = find(old, Code.REPLACED);
        assertEquals(changed, f.since());
        assertEquals(List.of(seq(e -> e instanceof LockEvent.CodeAdded && ((LockEvent.CodeAdded) e).slot() == 1),
                seq(e -> e instanceof LockEvent.CodeChanged)), f.evidence());
        assertTrue(summary(f).contains("old PIN no longer opens"), summary(f));
        absent(old, Code.CODE_OK);
        List<Finding> fresh = diagnose(now().typedCode(fx.digest(lock, AuditFixture.PINS[3])));
        find(fresh, Code.CODE_OK);
        absent(fresh, Code.REPLACED);
        List<Finding> bySlot = diagnose(now().slot(1));
        find(bySlot, Code.REPLACED);
        find(bySlot, Code.CODE_OK);
    }

    @Test
    void givenAWindowThatEnded_thenExpired_sinceItsEnd() {
        fx.commission(lock);
        fx.access.addCode(lock, NewCode.of(3, UserType.YEAR_DAY_SCHEDULE, "guest", CodeRules.window(T0, T0.plusSeconds(3600))),
                AuditFixture.pin(AuditFixture.PINS[2]));
        fx.advance(Duration.ofHours(2));
        Finding f = find(diagnose(now().slot(3)), Code.EXPIRED);
        assertEquals(T0.plusSeconds(3600), f.since());
        assertTrue(summary(f).contains("end of its validity window"), summary(f));
        assertTrue(nextStep(f).contains("extend"), nextStep(f));
    }

    @Test
    void givenAnExpiringCodeUsedOnce_thenExpiredAfterItsFirstUse() {
        fx.commission(lock);
        fx.access.addCode(lock, NewCode.of(4, UserType.EXPIRING, "cleaner",
                CodeRules.none().withExpireAfterFirstUse(Duration.ofMinutes(10))), AuditFixture.pin(AuditFixture.PINS[2]));
        fx.advance(Duration.ofMinutes(1));
        assertTrue(fx.access.enter(lock, AuditFixture.pin(AuditFixture.PINS[2]), EntrySource.KEYPAD).granted());
        Instant firstUse = fx.clock.instant();
        fx.advance(Duration.ofHours(1));
        Finding f = find(diagnose(now().slot(4)), Code.EXPIRED);
        assertEquals(firstUse.plus(Duration.ofMinutes(10)), f.since());
        assertTrue(summary(f).contains("after its first use"), summary(f));
        assertTrue(f.evidence().contains(seq(e -> e instanceof LockEvent.EntryGranted)));
    }

    @Test
    void givenAWindowNotYetBegun_thenNotYetValid_untilItsStart() {
        fx.commission(lock);
        Instant from = T0.plus(Duration.ofDays(1));
        fx.access.addCode(lock, NewCode.of(5, UserType.YEAR_DAY_SCHEDULE, "next-week", CodeRules.window(from,
                from.plus(Duration.ofDays(1)))), AuditFixture.pin(AuditFixture.PINS[2]));
        Finding f = find(diagnose(now().slot(5)), Code.NOT_YET_VALID);
        assertEquals(from, f.until());
        assertTrue(nextStep(f).startsWith("wait until Tue 2026-07-07 08:00:00 +02:00 (Europe/Berlin)"), nextStep(f));
    }

    @Test
    void givenAWeekDaySchedule_thenOutsideSchedule_namesTheNextWindowInTheLocksZone() {
        fx.commission(lock);
        fx.access.addCode(lock, NewCode.of(6, UserType.WEEK_DAY_SCHEDULE, "office", CodeRules.none().withSchedules(List.of(
                new WeekDaySchedule(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0),
                        LocalTime.of(17, 0))))), AuditFixture.pin(AuditFixture.PINS[2]));
        // Monday 08:00 in Berlin: the window opens at 09:00 local, 07:00 UTC.
        Finding f = find(diagnose(now().slot(6)), Code.OUTSIDE_SCHEDULE);
        assertEquals(Instant.parse("2026-07-06T07:00:00Z"), f.until());
        assertTrue(summary(f).contains("Mon, Tue, Wed, Thu, Fri 09:00-17:00 (Europe/Berlin time)"), summary(f));
        assertTrue(nextStep(f).equals("wait until Mon 2026-07-06 09:00:00 +02:00 (Europe/Berlin)"), nextStep(f));
        // Friday 18:00 in Berlin: the next window is Monday 09:00.
        Finding weekend = find(diagnose(Question.at(Instant.parse("2026-07-10T16:00:00Z")).slot(6)), Code.OUTSIDE_SCHEDULE);
        assertEquals(Instant.parse("2026-07-13T07:00:00Z"), weekend.until());
        // Inside the window it opens.
        find(diagnose(Question.at(Instant.parse("2026-07-07T10:00:00Z")).slot(6)), Code.CODE_OK);
    }

    @Test
    void givenAOneTimeCodeUsed_thenUsedUp() {
        fx.commission(lock);
        fx.access.addCode(lock, NewCode.of(7, UserType.DISPOSABLE, "courier", CodeRules.none()),
                AuditFixture.pin(AuditFixture.PINS[2]));
        fx.advance(Duration.ofMinutes(3));
        assertTrue(fx.access.enter(lock, AuditFixture.pin(AuditFixture.PINS[2]), EntrySource.KEYPAD).granted());
        Instant used = fx.clock.instant();
        fx.advance(Duration.ofMinutes(3));
        fx.access.enter(lock, AuditFixture.pin(AuditFixture.PINS[2]), EntrySource.KEYPAD);
        Finding f = find(diagnose(now().typedCode(fx.digest(lock, AuditFixture.PINS[2]))), Code.USED_UP);
        assertEquals(used, f.since());
        assertTrue(summary(f).contains("1 of 1 uses"), summary(f));
        assertTrue(f.evidence().contains(seq(e -> e instanceof LockEvent.EntryGranted)));
        assertTrue(f.evidence().contains(seq(e -> e instanceof LockEvent.EntryDenied)));
    }

    @Test
    void givenThreeWrongCodes_thenLockedOut_untilWhen_restingOnTheFailures() {
        commissionWithAlice();
        for (int i = 0; i < 3; i++) {
            fx.advance(Duration.ofSeconds(5));
            fx.access.enter(lock, AuditFixture.pin(AuditFixture.WRONG), EntrySource.KEYPAD);
        }
        Instant until = fx.clock.instant().plusSeconds(60);
        fx.advance(Duration.ofSeconds(10));
        List<Finding> found = diagnose(now().slot(1));
        Finding f = find(found, Code.LOCKED_OUT);
        assertEquals(until, f.until());
        assertTrue(summary(f).contains("after 3 wrong codes in a row"), summary(f));
        List<Long> expected = seqs(e -> e instanceof LockEvent.EntryDenied || e instanceof LockEvent.LockoutStarted);
        assertEquals(expected, f.evidence());
        assertEquals(4, expected.size());
        assertTrue(nextStep(f).startsWith("wait until"), nextStep(f));
        absent(found, Code.CODE_OK);
        List<Finding> after = diagnose(Question.at(until).slot(1));
        absent(after, Code.LOCKED_OUT);
        find(after, Code.CODE_OK);
    }

    @Test
    void givenTheDailyBudgetSpent_thenKeypadDisabled_untilTheMasterCode() {
        fx.commission(lock, new LockoutPolicy(10, Duration.ofSeconds(60), Duration.ofHours(1), Duration.ofHours(24), 4));
        for (int i = 0; i < 4; i++) {
            fx.advance(Duration.ofMinutes(30));
            fx.access.enter(lock, AuditFixture.pin(AuditFixture.WRONG), EntrySource.KEYPAD);
        }
        Instant disabled = fx.clock.instant();
        Finding f = find(diagnose(now()), Code.KEYPAD_DISABLED);
        assertEquals(disabled, f.since());
        assertTrue(summary(f).contains("4 wrong codes within 24 hours") && summary(f).contains("budget of 4"), summary(f));
        assertTrue(f.evidence().contains(seq(e -> e instanceof LockEvent.KeypadDisabled)));
        assertTrue(nextStep(f).contains("master code"), nextStep(f));
    }

    @Test
    void givenVacationOrPrivacyMode_thenTheModeSinceWhenAndByWhom() {
        commissionWithAlice();
        fx.advance(Duration.ofHours(3));
        fx.access.changeMode(lock, OperatingMode.VACATION, "maria");
        Instant since = fx.clock.instant();
        List<Finding> found = diagnose(now().slot(1));
        Finding f = find(found, Code.VACATION_MODE);
        assertEquals(since, f.since());
        assertTrue(summary(f).contains("set by maria via local") && summary(f).contains("only for the master code"), summary(f));
        assertEquals(List.of(seq(e -> e instanceof LockEvent.ModeChanged)), f.evidence());
        absent(found, Code.CODE_OK);
        find(diagnose(now().slot(0)), Code.CODE_OK); // the master code still opens
        fx.advance(Duration.ofHours(1));
        fx.access.changeMode(lock, OperatingMode.PRIVACY, "bob");
        Finding p = find(diagnose(now().slot(1)), Code.PRIVACY_MODE);
        assertTrue(summary(p).contains("set by bob via local") && summary(p).contains("every keypad and remote entry"), summary(p));
    }

    @Test
    void givenLowThenCriticalBattery_thenReplaceTheBatteries() {
        commissionWithAlice();
        fx.access.reportBattery(lock, 50);
        fx.advance(Duration.ofDays(2));
        fx.access.reportBattery(lock, 18);
        Instant low = fx.clock.instant();
        fx.advance(Duration.ofDays(2));
        fx.access.reportBattery(lock, 15);
        Finding f = find(diagnose(now()), Code.BATTERY_LOW);
        assertEquals(low, f.since());
        assertEquals(seqs(e -> e instanceof LockEvent.BatteryReported && ((LockEvent.BatteryReported) e).percent() < 20),
                f.evidence());
        assertTrue(nextStep(f).contains("replace the batteries"), nextStep(f));
        fx.advance(Duration.ofDays(1));
        fx.access.reportBattery(lock, 4);
        List<Finding> critical = diagnose(now().slot(1));
        Finding c = find(critical, Code.BATTERY_CRITICAL);
        assertTrue(summary(c).contains("4 %"), summary(c));
        assertTrue(nextStep(c).contains("replace the batteries"), nextStep(c));
        absent(critical, Code.CODE_OK);
    }

    @Test
    void givenJams_thenJammed_withEachReport() {
        commissionWithAlice();
        fx.access.reportDeviceEvent(lock, DeviceEventKind.JAMMED);
        fx.advance(Duration.ofHours(5));
        fx.access.reportDeviceEvent(lock, DeviceEventKind.DOOR_FORCED);
        fx.access.reportDeviceEvent(lock, DeviceEventKind.JAMMED);
        Finding f = find(diagnose(now()), Code.JAMMED);
        assertTrue(summary(f).contains("2 jams"), summary(f));
        assertEquals(seqs(e -> e instanceof LockEvent.DeviceEventReported
                && ((LockEvent.DeviceEventReported) e).kind() == DeviceEventKind.JAMMED), f.evidence());
    }

    @Test
    void givenAClockRollback_thenClockUntrusted_sinceTheRollback_untilSet() {
        fx.commission(lock);
        fx.access.addCode(lock, NewCode.of(2, UserType.SCHEDULE_RESTRICTED, "tenant",
                CodeRules.window(T0, T0.plus(Duration.ofDays(30)))), AuditFixture.pin(AuditFixture.PINS[1]));
        fx.advance(Duration.ofHours(1));
        fx.access.reportBattery(lock, 80);
        fx.advance(Duration.ofHours(-3)); // the RTC lost power
        fx.access.enter(lock, AuditFixture.pin(AuditFixture.PINS[1]), EntrySource.KEYPAD);
        Instant rollbackStamp = fx.clock.instant();
        Question q = Question.at(T0.plus(Duration.ofHours(2))).slot(2);
        Finding f = find(diagnose(q), Code.CLOCK_UNTRUSTED);
        assertEquals(rollbackStamp, f.since());
        assertEquals(List.of(seq(e -> e instanceof LockEvent.ClockRollbackDetected)), f.evidence());
        assertTrue(summary(f).contains("slot 2 is such a code"), summary(f));
        assertEquals("set the clock from a trusted source", nextStep(f));
        fx.access.setClock(lock, T0.plus(Duration.ofHours(2)));
        absent(diagnose(Question.at(T0.plus(Duration.ofHours(2))).slot(2)), Code.CLOCK_UNTRUSTED);
    }

    @Test
    void givenAFirmwareUpdate_thenFirmwareChanged_fromTo() {
        commissionWithAlice();
        fx.advance(Duration.ofDays(1));
        fx.access.updateFirmware(lock, "2.0.0");
        Finding f = find(diagnose(now()), Code.FIRMWARE_CHANGED);
        assertTrue(summary(f).contains("from 1.0.0 to 2.0.0"), summary(f));
        assertEquals(fx.clock.instant(), f.since());
        assertEquals(List.of(seq(e -> e instanceof LockEvent.FirmwareUpdated)), f.evidence());
    }

    @Test
    void givenAFactoryReset_thenEveryCodeWasErased_andTheNextStepFollowsTheState() {
        commissionWithAlice();
        fx.advance(Duration.ofDays(1));
        fx.access.factoryReset(lock);
        Instant reset = fx.clock.instant();
        Finding f = find(diagnose(now().slot(1)), Code.FACTORY_RESET);
        assertEquals(reset, f.since());
        assertTrue(nextStep(f).startsWith("commission again"), nextStep(f));
        fx.advance(Duration.ofHours(1));
        fx.commission(lock);
        Finding code = find(diagnose(now().slot(1)), Code.FACTORY_RESET);
        assertTrue(summary(code).contains("'alice'") && summary(code).contains("erased"), summary(code));
        assertEquals(List.of(seq(e -> e instanceof LockEvent.CodeAdded && ((LockEvent.CodeAdded) e).slot() == 1),
                seq(e -> e instanceof LockEvent.FactoryResetPerformed)), code.evidence());
        assertEquals("re-add the code", nextStep(code));
        // Her PIN digested under the new key matches nothing: the old key was destroyed.
        Finding typed = find(diagnose(now().typedCode(fx.digest(lock, AuditFixture.PINS[0]))), Code.UNKNOWN_CODE);
        assertTrue(summary(typed).contains("factory reset"), summary(typed));
        find(diagnose(now()), Code.FACTORY_RESET);
    }

    @Test
    void givenNothingWrong_thenCodeOk_orNothingFound() {
        commissionWithAlice();
        fx.advance(Duration.ofMinutes(1));
        Finding ok = find(diagnose(now().typedCode(fx.digest(lock, AuditFixture.PINS[0])).typedLength(8)), Code.CODE_OK);
        assertTrue(summary(ok).contains("slot 1 ('alice')"), summary(ok));
        assertEquals(List.of(Code.NOTHING_FOUND), diagnose(now()).stream().map(Finding::code).toList());
    }

    @Test
    void givenNeverCommissioned_thenNotCommissioned() {
        fx.commission(LockId.of("other-" + lock.value()));
        assertEquals(Code.NOT_COMMISSIONED, Diagnosis.diagnose(new LockHistory(lock.value(), List.of(), List.of()),
                now()).get(0).code());
    }

    @Test
    void fromAnExport_theFindingsAreTheSame_andTheEvidenceNamesEventLines() {
        fx.randomTrail(lock, 77, 30);
        fx.advance(Duration.ofMinutes(1));
        String export = fx.exportWithKeys(lock);
        assertTrue(export.startsWith("{\"lock\":\"" + lock.value() + "\",\"personalKeys\":{"), export);
        LockHistory read = TrailReader.history(AuditFixture.reader(export), lock.value());
        assertTrue(read.problems().isEmpty(), read.problems().toString());
        assertTrue(read.names().people() > 0, "the names read with the keys the export carries");
        for (int slot = 0; slot < 4; slot++) {
            Question q = now().slot(slot);
            List<Finding> fromStore = diagnose(q);
            assertEquals(fromStore, Diagnosis.diagnose(read, q));
            for (Finding f : fromStore) {
                for (long s : f.evidence()) {
                    String line = export.split("\n")[(int) s + 1]; // after the keys line
                    assertTrue(line.contains("\"sequence\":" + s + ",") && !line.contains("TrailCheckpointed"), line);
                }
            }
        }
        for (String pin : AuditFixture.PINS) {
            Question q = now().typedCode(fx.digest(lock, pin));
            assertEquals(diagnose(q), Diagnosis.diagnose(read, q));
        }
    }

    @Test
    void fromThePlainEventList_aTypedPinMatchesTheRealDigests() {
        commissionWithAlice();
        fx.advance(Duration.ofHours(1));
        fx.access.changeCode(lock, 1, AuditFixture.pin(AuditFixture.PINS[3]));
        LockHistory plain = LockHistory.ofEvents(lock, fx.access.events(lock));
        Finding f = find(Diagnosis.diagnose(plain, now().typedCode(fx.digest(lock, AuditFixture.PINS[0]))), Code.REPLACED);
        assertEquals(List.of(2L, 3L), f.evidence()); // positions in the event list
        find(Diagnosis.diagnose(plain, now().typedCode(fx.digest(lock, AuditFixture.PINS[3]))), Code.CODE_OK);
    }

    @Test
    void aQuestion_neverShowsItsDigest() {
        commissionWithAlice();
        Question q = now().typedCode(fx.digest(lock, AuditFixture.PINS[0]));
        assertTrue(q.toString().contains("typedCode=given"), q.toString());
        for (String form : fx.digestForms(lock)) {
            assertFalse(q.toString().contains(form));
        }
        assertNotNull(q.instant());
    }
}
