package dev.access.examples.auditor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.access.core.AccessControl;
import dev.access.core.LockSetup;
import dev.access.core.LockStore;
import dev.access.core.NewCode;
import dev.access.core.SimulatedClock;
import dev.access.core.audit.AccessReport;
import dev.access.core.audit.TrailArchive;
import dev.access.core.audit.TrailExport;
import dev.access.core.domain.CodeRules;
import dev.access.core.domain.EntrySource;
import dev.access.core.domain.LockId;
import dev.access.core.domain.UserType;
import dev.access.core.domain.WeekDaySchedule;
import dev.access.crypto.InMemoryKeyRing;
import dev.access.crypto.IssuedOfflineCode;
import dev.access.crypto.OfflineIssuingKey;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The auditor example on a real trail: a lock run through {@link AccessControl} (in-memory store),
 * exported with a signed checkpoint and its public key file, then audited from those two files.
 */
class AuditorTest {
    private static final LockId FRONT = LockId.of("front-door");
    private static final List<String> PINS = List.of("97531864", "4826", "7305", "1593", "7788");
    /** Tuesday 1 December 2026, 08:30 in Berlin. */
    static final Instant T = Instant.parse("2026-12-01T07:30:00Z");

    @TempDir
    Path dir;

    private Path export;
    private Path publicKey;
    private int lines;
    /** The id and PIN of the guest's offline code: it opens at 07:05 Berlin time, is revoked at 09:05 and refused. */
    String offlineCode;
    String offlinePin;

    /** A Tuesday at the front door, 07:00 to 10:05 in Berlin, exported with its public key. */
    @BeforeEach
    void buildTrail() throws Exception {
        SimulatedClock clock = new SimulatedClock(Instant.parse("2026-12-01T06:00:00Z"));
        try (AccessControl locks = AccessControl.builder().store(LockStore.inMemory()).clock(clock)
                .keyRing(InMemoryKeyRing.create()).accessLog(false).build()) {
            locks.commission(LockSetup.of(FRONT).withDevice("KP-100", "SN-7", "1.4.2").withTimeZone("Europe/Berlin"),
                    pin("97531864"));
            locks.addCode(FRONT, NewCode.unrestricted(1, "alice"), pin("4826"));
            locks.addCode(FRONT, NewCode.of(2, UserType.WEEK_DAY_SCHEDULE, "cleaner", CodeRules.none().withSchedules(
                    List.of(new WeekDaySchedule(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0),
                            LocalTime.of(12, 0))))), pin("7305"));
            locks.addCode(FRONT, NewCode.of(3, UserType.DISPOSABLE, "parcel courier", CodeRules.none()), pin("1593"));
            clock.advance(Duration.ofMinutes(1));
            assertTrue(locks.enter(FRONT, pin("4826"), EntrySource.KEYPAD).granted());
            clock.advance(Duration.ofMinutes(1));
            assertFalse(locks.enter(FRONT, pin("7305"), EntrySource.KEYPAD).granted());
            clock.advance(Duration.ofMinutes(1));
            assertTrue(locks.enter(FRONT, pin("1593"), EntrySource.KEYPAD).granted());
            clock.advance(Duration.ofMinutes(1));
            assertFalse(locks.enter(FRONT, pin("1593"), EntrySource.KEYPAD).granted());
            clock.advance(Duration.ofMinutes(1));
            OfflineIssuingKey key = locks.exportOfflineIssuingKey(FRONT);
            try (IssuedOfflineCode guest = key.issuePlain(Instant.parse("2026-12-01T06:00:00Z"),
                    Instant.parse("2026-12-01T10:00:00Z"), false, 0)) {
                offlineCode = guest.codeId();
                offlinePin = String.valueOf(guest.pin());
                assertTrue(locks.enter(FRONT, guest.pin(), EntrySource.KEYPAD).granted());
                clock.advance(Duration.ofHours(2));
                assertTrue(locks.enter(FRONT, pin("7305"), EntrySource.KEYPAD).granted());
                assertFalse(locks.enter(FRONT, pin("7788"), EntrySource.KEYPAD).granted());
                locks.revokeOfflineCode(FRONT, guest.codeId(), guest.until());
                assertFalse(locks.enter(FRONT, guest.pin(), EntrySource.KEYPAD).granted());
            }

            locks.checkpoint(FRONT);
            export = dir.resolve("front-door.jsonl");
            try (Writer w = Files.newBufferedWriter(export, StandardCharsets.UTF_8)) {
                // As lockctl audit export writes it: the keys of the people it names first.
                lines = (int) TrailExport.write(locks, FRONT, w, locks.personalKeys(FRONT));
            }
            publicKey = dir.resolve("front-door.jsonl.pub");
            Files.writeString(publicKey, locks.publicKey(FRONT).export(), StandardCharsets.UTF_8);
        }
    }

    private static char[] pin(String digits) {
        return digits.toCharArray();
    }

    private record Run(int exit, String out) {
    }

    private Run audit(Path file, Path outDir) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit;
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            exit = new Auditor(file, publicKey, outDir, out).run(T);
        }
        return new Run(exit, bytes.toString(StandardCharsets.UTF_8));
    }

    /** The export {@link #buildTrail()} wrote. */
    Path exportFile() {
        return export;
    }

    /** The public key file {@link #buildTrail()} wrote. */
    Path publicKeyFile() {
        return publicKey;
    }

    @Test
    void verifiesReplaysReportsArchivesAndDiagnoses() throws Exception {
        Path out = dir.resolve("audit");
        Run run = audit(export, out);
        String text = run.out();
        assertEquals(0, run.exit(), text);
        // The first line carries the personal keys: the installer, 'local', alice, the cleaner, the courier.
        assertTrue(text.contains("verify: OK, " + lines + " lines, signed up to sequence " + (lines - 3) + " at "), text);
        assertTrue(text.contains("; names readable: 5 people\n"), text);
        assertTrue(text.contains("at Tue 2026-12-01 08:30:00 (Europe/Berlin): mode NORMAL, clock trusted"), text);
        assertTrue(text.contains("  slot 0 master (PROGRAMMING): could open\n"), text);
        assertTrue(text.contains("  slot 1 alice (UNRESTRICTED): could open\n"), text);
        assertTrue(text.contains("  slot 2 cleaner (WEEK_DAY_SCHEDULE): could not open: OUTSIDE_SCHEDULE\n"), text);
        assertTrue(text.contains("  slot 3 parcel courier (DISPOSABLE): could not open: USE_LIMIT_REACHED\n"), text);
        String guest = "offline code " + offlineCode + " (valid Tue 2026-12-01 07:00:00 to Tue 2026-12-01 11:00:00)";
        assertTrue(text.contains("offline codes (10 digits, issuing-key generation 1; 0 revoked, 0 used one-time "
                + "code(s) remembered), as the trail names them:\n  " + guest + ": could open\n"), text);
        assertTrue(text.contains("who did (that day, up to then): 5 attempt(s)\n"
                + "  Tue 2026-12-01 07:01:00 GRANTED slot 1 alice\n"
                + "  Tue 2026-12-01 07:02:00 DENIED OUTSIDE_SCHEDULE slot 2 cleaner\n"
                + "  Tue 2026-12-01 07:03:00 GRANTED slot 3 parcel courier\n"
                + "  Tue 2026-12-01 07:04:00 DENIED USE_LIMIT_REACHED slot 3 parcel courier\n"
                + "  Tue 2026-12-01 07:05:00 GRANTED " + guest + "\n"), text);

        List<String> csv = Files.readAllLines(out.resolve(Auditor.CSV), StandardCharsets.UTF_8);
        assertEquals(String.join(",", AccessReport.COLUMNS), csv.get(0));
        assertEquals(1 + 8, csv.size(), csv.toString());
        JsonNode json = new ObjectMapper().readTree(out.resolve(Auditor.JSON).toFile());
        assertEquals(8, json.size());
        assertEquals("UNKNOWN_CODE", json.get(6).path("reason").asText());
        assertEquals(offlineCode, json.get(4).path("offline_code").asText());
        assertEquals("REVOKED", json.get(7).path("reason").asText());
        assertEquals(offlineCode, json.get(7).path("offline_code").asText());
        assertTrue(csv.get(8).contains(",offline code " + offlineCode + " (valid 2026-12-01T06:00:00Z to "
                + "2026-12-01T10:00:00Z),OFFLINE,DENIED,REVOKED,"), csv.get(8));
        String html = Files.readString(out.resolve(Auditor.HTML), StandardCharsets.UTF_8);
        assertTrue(html.startsWith("<!DOCTYPE html>") && html.contains("Trail of lock front-door"), html);
        assertTrue(html.contains("offline code revoked</td><td>code " + offlineCode), html);
        for (String external : new String[] {"http://", "https://", "src=", "<script", "<link"}) {
            assertFalse(html.contains(external), "the timeline must be self-contained: " + external);
        }

        int records = lines - 1; // an archive keeps no personal keys
        assertTrue(text.contains("archive: " + records + " lines added, 0 already held; lock front-door has " + records
                + " lines in archive.db"), text);
        assertTrue(text.contains("diagnosis of slot 3, refused USE_LIMIT_REACHED at Tue 2026-12-01 07:04:00:\n"
                + "  USED_UP: the code in slot 3 ('parcel courier') is used up: 1 of 1 uses"), text);
        assertTrue(text.contains("    next step: ask the administrator for a new code"), text);

        // Again: the archive already holds every line (idempotent import), the answers are the same.
        Run again = audit(export, out);
        assertEquals(0, again.exit());
        assertTrue(again.out().contains("archive: 0 lines added, " + records + " already held; lock front-door has "
                + records + " lines"), again.out());
        try (TrailArchive archive = TrailArchive.open(out.resolve(Auditor.ARCHIVE))) {
            assertEquals(List.of("front-door"), archive.locks());
            assertEquals(records, archive.count("front-door"));
        }

        String keyId = Files.readAllLines(publicKey).get(2).substring("key-id ".length());
        for (String shown : List.of(text.replace(keyId, ""), String.join("\n", csv), json.toString(), html)) {
            for (String digits : PINS) {
                assertFalse(shown.contains(digits), "a PIN appears in the auditor's output: " + digits);
            }
            assertFalse(shown.contains(offlinePin), "the offline PIN appears in the auditor's output");
            assertFalse(shown.contains("~pd1."), "a sealed name appears in the auditor's output");
        }
    }

    @Test
    void aTamperedExport_failsVerification_andNothingElseIsDone() throws Exception {
        List<String> text = new ArrayList<>(Files.readAllLines(export, StandardCharsets.UTF_8));
        int denial = 0;
        while (!text.get(denial).contains("\"type\":\"EntryDenied\"")) {
            denial++;
        }
        text.set(denial, text.get(denial).replace("\"type\":\"EntryDenied\"", "\"type\":\"EntryGranted\""));
        Path forged = dir.resolve("forged.jsonl");
        Files.write(forged, text, StandardCharsets.UTF_8);

        Path out = dir.resolve("forged-audit");
        Run run = audit(forged, out);
        assertEquals(1, run.exit(), run.out());
        assertTrue(run.out().contains("verify: FAILED, " + lines + " lines"), run.out());
        assertTrue(run.out().contains("  line " + (denial + 1) + ": MODIFIED_EVENT: "), run.out());
        assertTrue(run.out().contains("the export cannot be trusted: nothing else is done"), run.out());
        assertFalse(Files.exists(out), "no report or archive from an export that failed verification");
    }
}
