package dev.access.core.audit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.access.core.NewCode;
import dev.access.core.domain.Actor;
import dev.access.core.domain.EntrySource;
import dev.access.core.domain.LockId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes the fixtures (real exports and their public keys) and the committed seed inputs of {@link
 * AuditParsersFuzzTest} from real locks (run with {@code -Dfuzz.seeds=write}, see docs/fuzzing.md),
 * after checking that each export verifies.
 */
@EnabledIfSystemProperty(named = "fuzz.seeds", matches = "write")
class AuditFuzzSeedsTest {
    @org.junit.jupiter.api.io.TempDir
    Path tmp;

    static final Path RESOURCES = Path.of("src/test/resources/dev/access/core/audit");
    static final Path FIXTURES = RESOURCES.resolve("fuzz");
    static final Path INPUTS = RESOURCES.resolve("AuditParsersFuzzTestInputs");

    static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    static void seedAll(String name, String content) throws IOException {
        for (String method : List.of("readExport", "verifyExport", "importArchive")) {
            write(INPUTS.resolve(method).resolve(name), content);
        }
    }

    @Test
    void writeSeeds() throws Exception {
        Map<String, String> exports = new java.util.LinkedHashMap<>();
        try (AuditFixture fx = new AuditFixture(5)) {
            // A busy lock: codes, entries, a lockout, offline codes, names; the personal-keys line first.
            LockId front = LockId.of("front-door");
            fx.randomTrail(front, 17, 40);
            exports.put("front-door", fx.exportWithKeys(front));
            // A pruned lock (on SQLite: the in-memory store cannot prune): its export starts with the
            // keys line, then the retention anchor.
            LockId back = LockId.of("back-door");
            String backText;
            dev.access.core.LockStore sqlite = dev.access.core.LockStore.sqlite(tmp.resolve("back"));
            try (dev.access.core.AccessControl b = dev.access.core.AccessControl.builder().store(sqlite).clock(fx.clock)
                    .keyRing(fx.keys).checkpointEvery(5).build()) {
                b.commission(dev.access.core.LockSetup.of(back).withDevice("KP-100", "SN-back", "1.0.0")
                        .withTimeZone("Europe/Berlin"), AuditFixture.pin(AuditFixture.MASTER));
                b.addCode(back, NewCode.unrestricted(1, "dora"), AuditFixture.pin(AuditFixture.PINS[0]));
                for (int i = 0; i < 6; i++) {
                    fx.advance(Duration.ofHours(5));
                    b.enter(back, AuditFixture.pin(i % 2 == 0 ? AuditFixture.PINS[0] : AuditFixture.WRONG),
                            EntrySource.KEYPAD);
                }
                b.checkpoint(back);
                fx.advance(Duration.ofDays(2));
                b.pruneTrail(back, fx.clock.instant().minus(Duration.ofDays(1)), Actor.local("auditor"));
                fx.advance(Duration.ofHours(1));
                b.enter(back, AuditFixture.pin(AuditFixture.PINS[0]), EntrySource.KEYPAD);
                b.checkpoint(back);
                java.io.StringWriter w = new java.io.StringWriter();
                TrailExport.write(b, back, w, b.personalKeys(back));
                backText = w.toString();
                write(FIXTURES.resolve("keys").resolve("back-door.pub"), b.publicKey(back).export());
                VerificationReport r = AuditFixture.verify(backText, id -> id.equals("back-door") ? b.publicKey(back) : null);
                assertTrue(r.ok() && r.problems().isEmpty(), "back-door: " + r.problems());
                assertTrue(backText.contains("TrailAnchored"), "the pruned export starts at its anchor");
            } finally {
                sqlite.close();
            }
            // A lock that was never signed after its last events: an unsigned tail (a warning).
            LockId side = LockId.of("side-door");
            fx.commission(side);
            fx.access.checkpoint(side);
            fx.access.enter(side, AuditFixture.pin(AuditFixture.WRONG), EntrySource.KEYPAD);
            String sideExport = fx.exportText(side);

            for (Map.Entry<String, String> e : exports.entrySet()) {
                VerificationReport r = AuditFixture.verify(e.getValue(), fx.keyFor(LockId.of(e.getKey())));
                assertTrue(r.ok() && r.problems().isEmpty(), e.getKey() + ": " + r.problems());
                write(FIXTURES.resolve("exports").resolve(e.getKey() + ".jsonl"), e.getValue());
                write(FIXTURES.resolve("keys").resolve(e.getKey() + ".pub"),
                        fx.access.publicKey(LockId.of(e.getKey())).export());
            }
            write(FIXTURES.resolve("keys").resolve("side-door.pub"), fx.access.publicKey(side).export());
            assertTrue(AuditFixture.verify(sideExport, fx.keyFor(side)).ok());
            write(FIXTURES.resolve("exports").resolve("side-door.jsonl"), sideExport);

            String frontText = exports.get("front-door");
            write(FIXTURES.resolve("exports").resolve("back-door.jsonl"), backText);
            seedAll("valid-front-door", frontText);
            seedAll("valid-back-door-pruned", backText);
            seedAll("valid-two-locks", frontText + backText);
            seedAll("valid-unsigned-tail", sideExport);
            List<String> lines = List.of(frontText.split("\n"));
            seedAll("hostile-dropped-line", String.join("\n", withoutLine(lines, lines.size() / 2)) + "\n");
            seedAll("hostile-swapped-lines", String.join("\n", swapped(lines, 3, 4)) + "\n");
            seedAll("hostile-crlf", frontText.replace("\n", "\r\n"));
            seedAll("hostile-flipped-sequence", frontText.replaceFirst("\"sequence\":3,", "\"sequence\":30,"));

            // Single lines: a record, the keys line, the anchor, and near misses.
            List<String> backLines = List.of(backText.split("\n"));
            Path lineDir = INPUTS.resolve("exportLine");
            write(lineDir.resolve("valid-record"), lines.get(2));
            write(lineDir.resolve("valid-personal-keys"), firstContaining(lines, "personalKeys"));
            write(lineDir.resolve("valid-anchor"), firstContaining(backLines, "TrailAnchored"));
            write(lineDir.resolve("valid-checkpoint"), firstContaining(lines, "TrailCheckpointed"));
            write(lineDir.resolve("hostile-duplicate-field"), lines.get(2).replaceFirst("\\{", "{\"lock\":\"x\","));
            write(lineDir.resolve("hostile-big-sequence"), lines.get(2).replaceFirst("\"sequence\":\\d+",
                    "\"sequence\":99999999999999999999999"));
        }
    }

    private static String firstContaining(List<String> lines, String text) {
        return lines.stream().filter(l -> l.contains(text)).findFirst().orElseThrow();
    }

    private static List<String> withoutLine(List<String> lines, int i) {
        List<String> l = new ArrayList<>(lines);
        l.remove(i);
        return l;
    }

    private static List<String> swapped(List<String> lines, int i, int j) {
        List<String> l = new ArrayList<>(lines);
        String a = l.get(i);
        l.set(i, l.get(j));
        l.set(j, a);
        return l;
    }
}
