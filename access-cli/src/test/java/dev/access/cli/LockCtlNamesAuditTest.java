package dev.access.cli;

import static dev.access.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.access.cli.CliRun.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lockctl's auditor commands and names: {@code audit export} writes the keys of the living people
 * the trail names, so {@code audit verify|replay|report} read names and say who did what from the
 * export alone; without the keys (an erased person, the keys line taken out) the names read
 * "(erased)" and the export still verifies; a substituted key fails verification and never reads as
 * another name; no output of an audit command ever shows a sealed value. A real data directory.
 */
class LockCtlNamesAuditTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A Tuesday, 07:00 in Berlin. */
    private static final String T0 = "2026-12-01T06:00:00Z";
    private static final String HOLDER = "Zelda-Quixote";
    private static final String ADMIN = "Bartholomew";

    @TempDir
    Path dir;

    private String data;
    /** Every output of the audit commands (and the reports they wrote) so far. */
    private final StringBuilder shown = new StringBuilder();
    /** Reports written so far (their files are named by letter: a number could hold a PIN's digits). */
    private int reports;

    @BeforeEach
    void setUp() {
        data = dir.resolve("data").toString();
    }

    private Result at(String instant, String... args) {
        return run(Stream.concat(Stream.of("--data", data, "--at", instant), Stream.of(args)).toArray(String[]::new));
    }

    private static String t(int minutes) {
        return java.time.Instant.parse(T0).plusSeconds(60L * minutes).toString();
    }

    /** An audit command on files alone (no --data): its output is kept for the sealed-value check. */
    private Result audit(String... args) {
        Result r = run(args);
        shown.append(r.out()).append(r.err());
        return r;
    }

    private String report(Path export, String format) throws IOException {
        Path out = dir.resolve("report-" + (char) ('a' + reports++) + "." + format);
        audit("audit", "report", export.toString(), "--format", format, "--out", out.toString()).ok();
        String text = Files.readString(out, StandardCharsets.UTF_8);
        shown.append(text);
        return text;
    }

    private Path export(String instant, String name) {
        Path out = dir.resolve(name);
        JsonNode r = at(instant, "--json", "audit", "export", "--lock", "front", "--out", out.toString()).ok().json();
        shown.append(r);
        return out;
    }

    /** Commissioned by Ivo; Zelda's code in slot 3 (by Bartholomew), the cleaner's in 4 (by Carla); used, suspended, privacy, removed. */
    private void scenario() {
        at(T0, "commission", "--lock", "front", "--master-pin", "97531864", "--zone", "Europe/Berlin", "--by", "Ivo")
                .ok();
        at(t(1), "code", "add", "--lock", "front", "--slot", "3", "--pin", "4826", "--name", HOLDER, "--by", ADMIN).ok();
        at(t(2), "code", "add", "--lock", "front", "--slot", "4", "--pin", "7305", "--name", "cleaner", "--by", "Carla")
                .ok();
        CliRun.runWithInput("4826\n", "--data", data, "--at", t(3), "enter", "--lock", "front", "--pin", "-").ok();
        at(t(4), "code", "suspend", "--lock", "front", "--slot", "4", "--by", ADMIN).ok();
        at(t(5), "mode", "--lock", "front", "privacy", "--by", "Carla").ok();
        at(t(6), "code", "remove", "--lock", "front", "--slot", "3", "--by", ADMIN).ok();
    }

    @Test
    void anExport_readsNamesAndWhoDidWhat_withoutItsKeysEveryNameReadsErased_andBothVerify() throws IOException {
        scenario();
        Path export = export(t(10), "front.jsonl");
        List<String> lines = Files.readAllLines(export, StandardCharsets.UTF_8);
        JsonNode keysLine = JSON.readTree(lines.get(0));
        assertEquals("front", keysLine.path("lock").asText());
        assertEquals(5, keysLine.path("personalKeys").size(), "Ivo, Zelda, the cleaner, Bartholomew, Carla");
        assertEquals(5, JSON.readTree(shown.toString()).path("personalKeys").asInt());
        String all = Files.readString(export, StandardCharsets.UTF_8);
        assertFalse(all.contains(HOLDER), "names are sealed in the export's records");

        Result verify = audit("audit", "verify", export.toString()).ok();
        assertTrue(verify.out().contains("\nlock front: " + (lines.size() - 1) + " lines, ")
                && verify.out().contains("; names readable: 5 people"), verify.out());
        JsonNode v = audit("--json", "audit", "verify", export.toString()).ok().json();
        assertEquals(5, v.path("locks").path("front").path("personalKeys").asInt());
        assertEquals(0, v.path("locks").path("front").path("unreadablePeople").asInt());

        JsonNode early = audit("--json", "audit", "replay", export.toString(), "--until", t(3)).ok().json();
        JsonNode zelda = slot(early, 3);
        assertEquals(HOLDER, zelda.path("name").asText());
        assertEquals(ADMIN + " via local", zelda.path("addedBy").asText());
        assertTrue(zelda.path("changedBy").isNull());
        assertEquals(HOLDER, early.path("attempts").get(0).path("user").asText());
        JsonNode late = audit("--json", "audit", "replay", export.toString(), "--until", t(7)).ok().json();
        assertEquals("cleaner", slot(late, 4).path("name").asText());
        assertEquals("Carla via local", slot(late, 4).path("addedBy").asText());
        assertEquals(ADMIN + " via local", slot(late, 4).path("changedBy").asText());
        assertEquals("Carla via local", late.path("modeSetBy").asText());
        String text = audit("audit", "replay", export.toString(), "--until", t(3)).ok().out();
        assertTrue(text.contains(HOLDER) && text.contains("; added by " + ADMIN + " via local"), text);
        assertTrue(audit("audit", "replay", export.toString(), "--until", t(7)).ok().out()
                .contains("mode: PRIVACY (since " + t(5) + ", by Carla via local)"));

        String html = report(export, "html");
        assertTrue(html.contains("slot 3 &#39;" + HOLDER + "&#39;, by " + ADMIN + " via local"), html);
        assertTrue(html.contains("by Carla via local"), html);
        assertTrue(report(export, "csv").contains("," + HOLDER + ","));
        assertTrue(report(export, "json").contains("\"user\" : \"" + HOLDER + "\""));

        // The store's diagnosis reads the names with the data directory's key ring.
        JsonNode d = at(t(11), "--json", "diagnose", "--lock", "front", "--slot", "3").ok().json();
        shown.append(d);
        JsonNode removed = finding(d, "REMOVED");
        assertTrue(removed.path("summary").asText().contains("slot 3 ('" + HOLDER + "') was removed on ")
                && removed.path("summary").asText().endsWith(" by " + ADMIN + " via local"), removed.toString());
        assertEquals(ADMIN + " via local", removed.path("by").asText());
        assertEquals("Carla via local", finding(d, "PRIVACY_MODE").path("by").asText());

        // The same export without its keys line: every name reads (erased); it still verifies.
        Path bare = dir.resolve("bare.jsonl");
        Files.write(bare, lines.subList(1, lines.size()), StandardCharsets.UTF_8);
        Files.copy(Path.of(export + ".pub"), Path.of(bare + ".pub"));
        int before = shown.length();
        Result bareVerify = audit("audit", "verify", bare.toString()).ok();
        assertTrue(bareVerify.out().contains("; names readable: 0 people, 5 erased (their keys are not in the export)"),
                bareVerify.out());
        JsonNode bareEarly = audit("--json", "audit", "replay", bare.toString(), "--until", t(3)).ok().json();
        assertEquals("(erased)", slot(bareEarly, 3).path("name").asText());
        assertEquals("(erased) via local", slot(bareEarly, 3).path("addedBy").asText());
        assertEquals("(erased)", bareEarly.path("attempts").get(0).path("user").asText());
        audit("audit", "replay", bare.toString(), "--until", t(7)).ok();
        report(bare, "html");
        report(bare, "csv");
        report(bare, "json");
        String bareShown = shown.substring(before);
        for (String name : List.of(HOLDER, ADMIN, "Carla", "cleaner", "Ivo")) {
            assertFalse(bareShown.contains(name), name + " in " + bareShown);
        }
        assertTrue(bareShown.contains("(erased)"));
        noSealedValue();
    }

    @Test
    void afterForget_aFreshExportHoldsNoKeyOfThePerson_everyAuditOutputReadsErased_andVerifyExits0() throws IOException {
        scenario();
        Path old = export(t(10), "old.jsonl");
        JsonNode oldKeys = JSON.readTree(Files.readAllLines(old, StandardCharsets.UTF_8).get(0)).path("personalKeys");
        JsonNode f = at(t(11), "--json", "forget", "--lock", "front", "--slot", "3", "--by", ADMIN).ok().json();
        assertEquals(1, f.path("erased").asInt());
        Path export = export(t(12), "front.jsonl");
        List<String> lines = Files.readAllLines(export, StandardCharsets.UTF_8);
        JsonNode keys = JSON.readTree(lines.get(0)).path("personalKeys");
        assertEquals(4, keys.size());
        List<String> gone = new ArrayList<>();
        oldKeys.fieldNames().forEachRemaining(s -> {
            if (!keys.has(s)) {
                gone.add(s);
            }
        });
        assertEquals(1, gone.size(), "exactly the holder's key is gone");
        String all = Files.readString(export, StandardCharsets.UTF_8);
        assertFalse(all.contains(oldKeys.path(gone.get(0)).asText()), "the erased key is nowhere in the export");
        assertFalse(all.contains(HOLDER));

        int before = shown.length();
        Result verify = audit("audit", "verify", export.toString()).ok();
        assertTrue(verify.out().contains("; names readable: 4 people, 1 erased"), verify.out());
        JsonNode early = audit("--json", "audit", "replay", export.toString(), "--until", t(3)).ok().json();
        assertEquals("(erased)", slot(early, 3).path("name").asText());
        assertEquals(ADMIN + " via local", slot(early, 3).path("addedBy").asText(), "the administrator is not erased");
        assertEquals("(erased)", early.path("attempts").get(0).path("user").asText());
        assertEquals("cleaner", slot(early, 4).path("name").asText(), "others stay readable");
        audit("audit", "replay", export.toString(), "--until", t(12)).ok();
        String html = report(export, "html");
        assertTrue(html.contains("<td>a person was erased</td><td>by " + ADMIN + " via local: their key was destroyed"),
                html);
        report(export, "csv");
        report(export, "json");
        JsonNode d = at(t(13), "--json", "diagnose", "--lock", "front", "--slot", "3").ok().json();
        shown.append(d);
        assertTrue(finding(d, "REMOVED").path("summary").asText().contains("slot 3 ('(erased)') was removed on "),
                d.toString());
        Result status = at(t(13), "status", "--lock", "front").ok();
        shown.append(status.out());
        String after = shown.substring(before);
        assertFalse(after.contains(HOLDER), after);
        assertTrue(after.contains("(erased)"));
        noSealedValue();
        // An export made before the erasure is a copy erasure cannot reach: it still reads the name.
        assertEquals(HOLDER, slot(audit("--json", "audit", "replay", old.toString(), "--until", t(3)).ok().json(), 3)
                .path("name").asText());
    }

    @Test
    void aSubstitutedKey_failsVerify_andNeverReadsAsAnotherName() throws IOException {
        scenario();
        Path export = export(t(10), "front.jsonl");
        List<String> lines = Files.readAllLines(export, StandardCharsets.UTF_8);
        ObjectNode keysLine = (ObjectNode) JSON.readTree(lines.get(0));
        ObjectNode keys = (ObjectNode) keysLine.get("personalKeys");
        List<String> subjects = new ArrayList<>();
        keys.fieldNames().forEachRemaining(subjects::add);
        // Each key under every other subject's id in turn: whichever is Zelda's, she never reads as another.
        for (int i = 0; i < subjects.size(); i++) {
            ObjectNode forged = keysLine.deepCopy();
            String other = subjects.get((i + 1) % subjects.size());
            ((ObjectNode) forged.get("personalKeys")).put(subjects.get(i), keys.get(other).asText());
            List<String> changed = new ArrayList<>(lines);
            changed.set(0, JSON.writeValueAsString(forged));
            Path bad = dir.resolve("bad" + i + ".jsonl");
            Files.write(bad, changed, StandardCharsets.UTF_8);
            Result r = audit("audit", "verify", bad.toString(), "--public-key", export + ".pub");
            assertEquals(ExitCodes.VERIFY_FAILED, r.exit(), r.toString());
            assertTrue(r.out().contains("\nline 1 (lock front): PERSONAL_KEYS: the key given for subject " + subjects.get(i)
                    + " is not that subject's (it is subject " + other + "'s)"), r.out());
            JsonNode early = audit("--json", "audit", "replay", bad.toString(), "--until", t(3)).ok().json();
            String name = slot(early, 3).path("name").asText();
            assertTrue(name.equals(HOLDER) || name.equals("(erased)"), name);
            assertTrue(List.of("cleaner", "(erased)").contains(slot(early, 4).path("name").asText()));
        }
        // A key that is not a key: a malformed line (exit 5), never shown.
        ObjectNode shortKey = keysLine.deepCopy();
        ((ObjectNode) shortKey.get("personalKeys")).put(subjects.get(0), Base64.getEncoder().encodeToString(new byte[16]));
        List<String> changed = new ArrayList<>(lines);
        changed.set(0, JSON.writeValueAsString(shortKey));
        Path bad = dir.resolve("short.jsonl");
        Files.write(bad, changed, StandardCharsets.UTF_8);
        Result r = audit("audit", "verify", bad.toString(), "--public-key", export + ".pub");
        assertEquals(ExitCodes.VERIFY_FAILED, r.exit(), r.toString());
        assertTrue(r.out().contains("\nline 1 (lock front): MALFORMED_LINE: the personal key of subject " + subjects.get(0)
                + " is not a 32-byte key"), r.out());
        noSealedValue();
    }

    private static JsonNode slot(JsonNode replay, int slot) {
        for (JsonNode s : replay.path("slots")) {
            if (s.path("slot").asInt() == slot) {
                return s;
            }
        }
        throw new AssertionError("no slot " + slot + " in " + replay);
    }

    private static JsonNode finding(JsonNode diagnosis, String code) {
        for (JsonNode f : diagnosis.path("findings")) {
            if (f.path("code").asText().equals(code)) {
                return f;
            }
        }
        throw new AssertionError("no " + code + " in " + diagnosis);
    }

    /** No audit output, report or diagnosis shown so far holds a sealed value. */
    private void noSealedValue() {
        assertFalse(shown.toString().contains("~pd1."), shown.toString());
    }
}
