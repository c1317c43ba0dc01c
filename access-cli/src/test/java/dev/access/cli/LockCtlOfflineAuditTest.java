package dev.access.cli;

import static dev.access.cli.CliRun.run;
import static dev.access.cli.CliRun.runWithInput;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.access.cli.CliRun.Result;
import dev.access.core.AccessControl;
import dev.access.core.LockStore;
import dev.access.core.SimulatedClock;
import dev.access.core.audit.AccessReport;
import dev.access.core.domain.LockId;
import dev.access.crypto.FileKeyRing;
import dev.access.crypto.IssuedOfflineCode;
import dev.access.crypto.OfflineIssuingKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lockctl's auditor commands and {@code diagnose --pin} on offline codes: the lock's store and key
 * ring in a temporary directory; the owner's issuing key exported through the library (as the
 * {@code offline-code key} command does), codes issued with it, typed at the lock through
 * {@code enter}.
 */
class LockCtlOfflineAuditTest {
    /** Monday 7 December 2026, 09:00 in Berlin. */
    private static final String T0 = "2026-12-07T08:00:00Z";
    private static final String MASTER = "97531864";
    private static final LockId FRONT = LockId.of("front");

    @TempDir
    Path dir;

    private String data;
    private final List<String> offlinePins = new ArrayList<>();
    /** 10:00 to 12:00 UTC on 7 December. */
    private IssuedOfflineCode morning;
    /** 20 December, one-time. */
    private IssuedOfflineCode later;

    private Result at(String instant, String... args) {
        return run(Stream.concat(Stream.of("--data", data, "--at", instant), Stream.of(args)).toArray(String[]::new));
    }

    private Result diagnose(String instant, String pin, String... extra) {
        List<String> args = new ArrayList<>(List.of("--data", data, "--at", instant, "diagnose", "--lock", "front",
                "--pin", "-"));
        args.addAll(List.of(extra));
        Result r = runWithInput(pin + "\n", args.toArray(String[]::new));
        noOfflinePin(r.out() + r.err());
        return r;
    }

    private void noOfflinePin(String text) {
        String shown = CliRun.withoutRandomValues(text);
        for (String pin : offlinePins) {
            assertFalse(shown.contains(pin), "an offline PIN appears in the output: " + text);
        }
    }

    private static List<String> codes(JsonNode diagnosis) {
        List<String> codes = new ArrayList<>();
        diagnosis.path("findings").forEach(f -> codes.add(f.path("code").asText()));
        return codes;
    }

    private static JsonNode finding(JsonNode diagnosis, String code) {
        for (JsonNode f : diagnosis.path("findings")) {
            if (f.path("code").asText().equals(code)) {
                return f;
            }
        }
        throw new AssertionError("no " + code + " in " + diagnosis);
    }

    @BeforeEach
    void lockWithOfflineCodes() {
        data = dir.resolve("data").toString();
        at(T0, "commission", "--lock", "front", "--master-pin", MASTER, "--zone", "Europe/Berlin").ok();
        try (LockStore store = LockStore.sqlite(dir.resolve("data"));
                AccessControl access = AccessControl.builder().store(store)
                        .clock(new SimulatedClock(Instant.parse(T0).plusSeconds(60)))
                        .keyRing(FileKeyRing.open(dir.resolve("data").resolve(StoreOpener.KEY_RING_FILE))).build()) {
            OfflineIssuingKey key = access.exportOfflineIssuingKey(FRONT);
            morning = key.issuePlain(Instant.parse("2026-12-07T10:00:00Z"), Instant.parse("2026-12-07T12:00:00Z"), false, 0);
            later = key.issuePlain(Instant.parse("2026-12-20T08:00:00Z"), Instant.parse("2026-12-21T08:00:00Z"), true, 0);
        }
        offlinePins.add(String.valueOf(morning.pin()));
        offlinePins.add(String.valueOf(later.pin()));
    }

    @Test
    void diagnoseAnOfflinePin_saysWhichCodeItIsAndWhyItOpensOrNot_andRecordsTheCheck() throws Exception {
        String pin = String.valueOf(morning.pin());
        Result ok = diagnose("2026-12-07T10:30:00Z", pin, "--json").ok();
        assertEquals(List.of("lock", "at", "slot", "typedCode", "typedLength", "findings", "supportBundle", "offlineSearch"),
                ok.jsonKeys());
        JsonNode d = ok.json();
        assertTrue(d.path("typedCode").asBoolean());
        assertEquals(10, d.path("typedLength").asInt());
        assertEquals(List.of("CODE_OK"), codes(d));
        assertEquals("the typed PIN is offline code " + morning.codeId() + ", valid from Mon 2026-12-07 11:00:00 +01:00 "
                + "(Europe/Berlin) to Mon 2026-12-07 13:00:00 +01:00 (Europe/Berlin): it would open from the keypad at "
                + "Mon 2026-12-07 11:30:00 +01:00 (Europe/Berlin)", finding(d, "CODE_OK").path("summary").asText());
        JsonNode search = d.path("offlineSearch");
        assertEquals(List.of(morning.codeId()), List.of(search.path("codes").get(0).asText()));
        assertEquals(1, search.path("generations").asInt());
        assertEquals(1, search.path("keyEpoch").asInt());
        assertEquals(T0, search.path("from").asText(), "from the commissioning, less than a year back");
        assertEquals("2028-12-08T10:30:00Z", search.path("until").asText(), "732 days ahead");

        assertEquals(0, at("2026-12-07T10:40:00Z", "enter", "--lock", "front", "--pin", pin, "--json").exit());
        JsonNode expired = diagnose("2026-12-07T12:30:00Z", pin, "--json").ok().json();
        assertEquals(List.of("EXPIRED"), codes(expired));
        assertEquals("2026-12-07T12:00:00Z", finding(expired, "EXPIRED").path("since").asText());
        assertEquals("ask the issuer for a new offline code", finding(expired, "EXPIRED").path("nextStep").asText());

        Result text = diagnose("2026-12-07T12:31:00Z", String.valueOf(later.pin())).ok();
        assertTrue(text.out().startsWith("diagnose: lock front at 2026-12-07T12:31:00Z, a typed code of 10 digit(s): "
                + "1 finding(s)\nNOT_YET_VALID: the typed PIN is offline code " + later.codeId() + ", valid from "
                + "Sun 2026-12-20 09:00:00 +01:00 (Europe/Berlin) to Mon 2026-12-21 09:00:00 +01:00 (Europe/Berlin), "
                + "one-time: it is not valid yet (from Sun 2026-12-20 09:00:00 +01:00 (Europe/Berlin))"), text.out());
        assertTrue(text.out().contains("\n  next step: wait until Sun 2026-12-20 09:00:00 +01:00 (Europe/Berlin)"),
                text.out());

        JsonNode unknown = diagnose("2026-12-07T12:32:00Z", "1234567890", "--json").ok().json();
        assertEquals(List.of("UNKNOWN_CODE"), codes(unknown));
        assertTrue(finding(unknown, "UNKNOWN_CODE").path("summary").asText().startsWith("no offline code of this lock's "
                + "current key epoch is the typed PIN"), unknown.toString());
        assertEquals(0, unknown.path("offlineSearch").path("codes").size());

        JsonNode length = diagnose("2026-12-07T12:33:00Z", "123456789", "--json").ok().json();
        assertEquals("9 digits were typed; this keypad accepts codes of 4 to 8 digits, and offline codes of 10 digits, "
                + "only", finding(length, "WRONG_LENGTH").path("summary").asText());
        assertTrue(length.path("offlineSearch").isNull());

        Path export = dir.resolve("front.jsonl");
        at("2026-12-07T12:40:00Z", "audit", "export", "--lock", "front", "--out", export.toString()).ok();
        String trail = Files.readString(export, StandardCharsets.UTF_8);
        noOfflinePin(CliRun.withoutRandomValues(trail));
        long checks = trail.lines().filter(l -> l.contains("DIAGNOSTIC") || l.contains("\"type\":\"CodeChecked\"")).count();
        assertEquals(5, checks, "each typed PIN's check is recorded: " + trail);
        assertTrue(trail.lines().anyMatch(l -> l.contains("\"type\":\"CodeChecked\"") && l.contains(morning.codeId())),
                "the check of a code that opened then names it");
    }

    @Test
    void duringALockout_theCheckOfAnOfflinePinIsRefused_exit3_andNothingIsLookedUp() {
        for (int i = 0; i < 5; i++) {
            at("2026-12-07T10:30:0" + i + "Z", "enter", "--lock", "front", "--pin", "555000111" + i);
        }
        Result refused = diagnose("2026-12-07T10:30:10Z", String.valueOf(morning.pin()), "--json");
        assertEquals(ExitCodes.DENIED, refused.exit(), refused.err());
        JsonNode d = refused.json();
        assertEquals(List.of("LOCKED_OUT"), codes(d));
        assertTrue(d.path("typedCode").asBoolean(), "a PIN was typed, though the lock told nothing about it");
        assertTrue(d.path("offlineSearch").isNull());
    }

    @Test
    void auditReplayAndReport_showTheOfflineCodesAndTheirAttempts() throws Exception {
        at("2026-12-07T10:30:00Z", "enter", "--lock", "front", "--pin", String.valueOf(morning.pin())).ok();
        Path export = dir.resolve("front.jsonl");
        at("2026-12-07T10:40:00Z", "audit", "export", "--lock", "front", "--out", export.toString()).ok();
        run("audit", "verify", export.toString()).ok();

        JsonNode v = run("audit", "replay", export.toString(), "--until", "2026-12-07T10:35:00Z", "--json").ok().json();
        JsonNode offline = v.path("offline");
        assertEquals(10, offline.path("codeLength").asInt());
        assertEquals(1, offline.path("generation").asInt());
        JsonNode code = offline.path("codes").get(0);
        assertEquals(morning.codeId(), code.path("id").asText());
        assertEquals("2026-12-07T12:00:00Z", code.path("until").asText());
        assertTrue(code.path("opens").asBoolean());
        JsonNode attempt = v.path("attempts").get(0);
        assertTrue(attempt.path("slot").isNull());
        assertEquals("OFFLINE", attempt.path("userType").asText());
        assertEquals(morning.codeId(), attempt.path("offlineCode").path("id").asText());
        String text = run("audit", "replay", export.toString(), "--until", "2026-12-07T12:00:00Z").ok().out();
        assertTrue(text.contains("\noffline codes: 10 digits, issuing-key generation 1; 0 revoked and 0 used one-time "
                + "code(s) remembered; 1 named by the trail\n  offline code " + morning.codeId()
                + " (valid 2026-12-07T10:00:00Z to 2026-12-07T12:00:00Z): not valid: EXPIRED"), text);
        assertTrue(text.contains(" KEYPAD GRANTED offline code " + morning.codeId()), text);

        Path csv = dir.resolve("front.csv");
        run("audit", "report", export.toString(), "--format", "csv", "--out", csv.toString()).ok();
        List<String> rows = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertEquals(String.join(",", AccessReport.COLUMNS), rows.get(0));
        assertTrue(rows.get(1).endsWith(",OFFLINE,GRANTED,,,false," + morning.codeId()
                + ",2026-12-07T10:00:00Z,2026-12-07T12:00:00Z,false,"), rows.get(1));
        Path html = dir.resolve("front.html");
        run("audit", "report", export.toString(), "--format", "html", "--out", html.toString()).ok();
        String page = Files.readString(html, StandardCharsets.UTF_8);
        assertTrue(page.contains("issuing key exported</td><td>generation 1"), page);
        noOfflinePin(CliRun.withoutRandomValues(String.join("\n", rows) + page));
    }
}
