package dev.access.cli;

import static dev.access.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.access.cli.CliRun.Result;
import dev.access.core.fleet.Enrollment;
import dev.access.crypto.BackendPublicKey;
import dev.access.crypto.InMemoryKeyRing;
import dev.access.crypto.TrailPublicKey;
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

/** The lock's side of the fleet through lockctl: {@code enroll}, {@code status}'s backend, export segments. */
class LockCtlFleetTest {
    private static final String T0 = "2026-12-01T06:00:00Z";
    private static final String MASTER = "97531864";
    private static final BackendPublicKey BACKEND = InMemoryKeyRing.create().createBackendIdentity().publicKey();
    private static final BackendPublicKey OTHER = InMemoryKeyRing.create().createBackendIdentity().publicKey();

    @TempDir
    Path dir;

    private String data;
    private Path backendFile;

    @BeforeEach
    void setUp() throws Exception {
        data = dir.resolve("data").toString();
        backendFile = Files.writeString(dir.resolve("backend.pub"), BACKEND.export(), StandardCharsets.UTF_8);
    }

    private Result at(String instant, String... args) {
        return run(Stream.concat(Stream.of("--data", data, "--at", instant), Stream.of(args)).toArray(String[]::new));
    }

    private Result lc(String... args) {
        return at(T0, args);
    }

    private static String plus(long seconds) {
        return Instant.parse(T0).plusSeconds(seconds).toString();
    }

    private void commissionWithACode() {
        lc("commission", "--lock", "front", "--master-pin", MASTER).ok();
        lc("code", "add", "--lock", "front", "--slot", "1", "--pin", "4826", "--name", "alice").ok();
    }

    private List<String> exportLines(String when, String... extra) throws Exception {
        Path out = dir.resolve("export-" + when.replace(':', '-') + extra.length + ".jsonl");
        List<String> args = new ArrayList<>(List.of("audit", "export", "--lock", "front", "--out", out.toString()));
        args.addAll(List.of(extra));
        at(when, args.toArray(String[]::new)).ok();
        return Files.readAllLines(out, StandardCharsets.UTF_8);
    }

    private long typesInTrail(String type) throws Exception {
        return exportLines(plus(3000)).stream().filter(l -> l.contains("\"type\":\"" + type + "\"")).count();
    }

    @Test
    void enroll_writesAVerifiedDocument_json_text_andStatusShowsTheBackend() throws Exception {
        commissionWithACode();
        assertTrue(lc("status", "--lock", "front").ok().out().contains("\nbackend: none\n"));
        assertTrue(lc("status", "--lock", "front", "--json").ok().json().path("backend").isNull());
        Path out = dir.resolve("front.enrollment");

        Result r = at(plus(60), "enroll", "--lock", "front", "--backend", backendFile.toString(), "--out", out.toString(),
                "--json").ok();

        assertEquals(List.of("ok", "command", "lock", "backend", "keyEpoch", "sequence", "out"), r.jsonKeys());
        JsonNode n = r.json();
        assertTrue(n.path("ok").asBoolean());
        assertEquals("enroll", n.path("command").asText());
        assertEquals("front", n.path("lock").asText());
        assertEquals(BACKEND.keyId(), n.path("backend").asText());
        assertEquals(1, n.path("keyEpoch").asInt());
        assertEquals(out.toString(), n.path("out").asText());
        String text = Files.readString(out, StandardCharsets.UTF_8);
        Enrollment e = Enrollment.parse(text);
        e.verify();
        assertEquals(n.path("sequence").asLong(), e.sequence());
        assertEquals(BACKEND.keyId(), e.backendKeyId());
        assertEquals(Instant.parse(plus(60)), e.at());
        assertEquals(1, text.lines().count());
        Path pub = dir.resolve("front.jsonl.pub");
        at(plus(120), "audit", "export", "--lock", "front", "--out", dir.resolve("front.jsonl").toString()).ok();
        assertEquals(TrailPublicKey.parse(Files.readString(pub)), e.trailKey(), "the document carries the lock's trail key");

        JsonNode status = lc("status", "--lock", "front", "--json").ok().json();
        assertEquals(BACKEND.keyId(), status.path("backend").asText());
        assertTrue(lc("status", "--lock", "front").ok().out().contains("\nbackend: " + BACKEND.keyId() + "\n"));

        String again = at(plus(180), "enroll", "--lock", "front", "--backend", backendFile.toString(), "--out",
                out.toString()).ok().out();
        assertEquals("enroll: lock front: already enrolled to backend " + BACKEND.keyId() + " (key epoch 1, trail signed up "
                + "to sequence " + Enrollment.parse(Files.readString(out)).sequence() + "); enrollment written to " + out + "\n",
                again);
        for (String pin : CliRun.PINS) {
            assertFalse(CliRun.withoutRandomValues(Files.readString(out)).contains(pin), "the enrollment holds a PIN");
        }
    }

    @Test
    void enrollTwiceToTheSameBackend_recordsOneLockEnrolled_anotherBackendASecond() throws Exception {
        commissionWithACode();
        Path out = dir.resolve("e.json");
        at(plus(60), "enroll", "--lock", "front", "--backend", backendFile.toString(), "--out", out.toString()).ok();
        Enrollment first = Enrollment.parse(Files.readString(out));
        at(plus(120), "enroll", "--lock", "front", "--backend", backendFile.toString(), "--out", out.toString()).ok();
        Enrollment second = Enrollment.parse(Files.readString(out));

        assertEquals(1, typesInTrail("LockEnrolled"));
        second.verify();
        assertTrue(second.sequence() > first.sequence(), "a fresh checkpoint and document");

        Path otherFile = Files.writeString(dir.resolve("other.pub"), OTHER.export());
        String text = at(plus(180), "enroll", "--lock", "front", "--backend", otherFile.toString(), "--out",
                out.toString()).ok().out();
        assertTrue(text.startsWith("enroll: lock front: enrolled to backend " + OTHER.keyId() + " (key epoch 1"), text);
        assertEquals(2, typesInTrail("LockEnrolled"));
        assertTrue(exportLines(plus(3600)).stream().anyMatch(l -> l.contains("LockEnrolled")
                && l.contains("\\\"previousBackendKeyId\\\":\\\"" + BACKEND.keyId())), "the move names the backend left");
        assertEquals(OTHER.keyId(), lc("status", "--lock", "front", "--json").ok().json().path("backend").asText());

        lc("reset", "--lock", "front", "--factory").ok();
        assertTrue(lc("status", "--lock", "front", "--json").ok().json().path("backend").isNull());
        lc("enroll", "--lock", "front", "--backend", backendFile.toString(), "--out", out.toString())
                .fails(4, "NOT_COMMISSIONED");
    }

    @Test
    void enroll_refusals_recordNothing_andWriteNothing() throws Exception {
        commissionWithACode();
        Path out = dir.resolve("e.json");
        int before = lc("status", "--lock", "front", "--json").ok().json().path("events").asInt();

        lc("enroll", "--lock", "ghost", "--backend", backendFile.toString(), "--out", out.toString())
                .fails(4, "NOT_COMMISSIONED");
        lc("enroll", "--lock", "front", "--backend", dir.resolve("missing.pub").toString(), "--out", out.toString())
                .fails(2, "cannot read the backend public key " + dir.resolve("missing.pub") + ": no such file");
        Path garbage = Files.writeString(dir.resolve("garbage.pub"), "access-trail-public-key 1\nlock front\n");
        lc("enroll", "--lock", "front", "--backend", garbage.toString(), "--out", out.toString())
                .fails(2, "the backend public key file " + garbage + " is not usable: not a backend public key");
        Path wrongId = Files.writeString(dir.resolve("wrong-id.pub"),
                BACKEND.export().replace(BACKEND.keyId(), "0123456789abcdef"));
        lc("enroll", "--lock", "front", "--backend", wrongId.toString(), "--out", out.toString())
                .fails(2, "does not match its keys");
        lc("enroll", "--lock", "front", "--backend", dir.toString(), "--out", out.toString())
                .fails(2, "it is a directory");
        Path huge = Files.writeString(dir.resolve("huge.pub"), "x".repeat(10_000));
        lc("enroll", "--lock", "front", "--backend", huge.toString(), "--out", out.toString()).fails(2, "too long");
        lc("enroll", "--lock", "front", "--backend", backendFile.toString(), "--out", dir.resolve("no/dir/e.json").toString())
                .fails(2, "not a writable directory");
        lc("enroll", "--lock", "front", "--backend", backendFile.toString(), "--out", backendFile.toString())
                .fails(2, "is the input");
        lc("enroll", "--lock", "front", "--backend", backendFile.toString(), "--out", dir.resolve("data/keys").toString())
                .fails(2, "would overwrite the store's own file");
        lc("enroll", "--lock", "front", "--out", out.toString()).fails(2, "--backend");
        lc("--json", "enroll", "--lock", "front", "--backend", garbage.toString(), "--out", out.toString())
                .fails(2, "is not usable");

        assertFalse(Files.exists(out));
        assertEquals(before, lc("status", "--lock", "front", "--json").ok().json().path("events").asInt());
        lc("status", "--lock", "ghost").fails(4, "NOT_COMMISSIONED");
    }

    @Test
    void exportFromSequence_isTheTailOfTheWholeExport_beyondTheEndOnlyTheNewCheckpoint() throws Exception {
        commissionWithACode();
        at(plus(30), "enroll", "--lock", "front", "--backend", backendFile.toString(), "--out",
                dir.resolve("e.json").toString()).ok();
        for (int i = 0; i < 4; i++) {
            at(plus(60 + i), "enter", "--lock", "front", "--pin", i % 2 == 0 ? "4826" : "7305");
        }
        // Two exports at one instant: the second signs a checkpoint after the first's, so the whole
        // export taken second ends one line later; the lines they share are identical.
        Path segmentFile = dir.resolve("segment.jsonl");
        Result seg = at(plus(600), "audit", "export", "--lock", "front", "--out", segmentFile.toString(), "--from-sequence",
                "5", "--json").ok();
        List<String> whole = exportLines(plus(600));
        List<String> segment = Files.readAllLines(segmentFile, StandardCharsets.UTF_8);

        assertEquals(5, seg.json().path("fromSequence").asInt());
        assertEquals(segment.size(), seg.json().path("lines").asInt());
        assertTrue(whole.get(0).contains("\"personalKeys\""), "a whole export starts with the keys line: " + whole.get(0));
        assertFalse(segment.stream().anyMatch(l -> l.contains("\"personalKeys\"")), "a segment carries no key");
        assertEquals(whole.subList(6, whole.size() - 1), segment, "the segment is the whole export's records from 5");
        assertTrue(segment.get(0).contains("\"sequence\":5,"), segment.get(0));
        assertTrue(segment.get(segment.size() - 1).contains("\"type\":\"TrailCheckpointed\""), "the segment ends signed");
        assertTrue(Files.exists(dir.resolve("segment.jsonl.pub")));

        Path beyond = dir.resolve("beyond.jsonl");
        JsonNode b = at(plus(700), "audit", "export", "--lock", "front", "--out", beyond.toString(), "--from-sequence",
                "100000", "--json").ok().json();
        List<String> only = Files.readAllLines(beyond, StandardCharsets.UTF_8);
        assertEquals(1, only.size());
        assertEquals(1, b.path("lines").asInt());
        assertTrue(only.get(0).contains("\"type\":\"TrailCheckpointed\""), only.get(0));
        assertEquals(b.path("signedUpTo").asLong() + 1, b.path("fromSequence").asLong());
        String text = at(plus(800), "audit", "export", "--lock", "front", "--out", beyond.toString(), "--from-sequence",
                "3").ok().out();
        assertTrue(text.startsWith("audit export: lock front: "), text);
        assertTrue(text.contains(" lines from sequence 3 to " + beyond), text);

        int events = lc("status", "--lock", "front", "--json").ok().json().path("events").asInt();
        lc("audit", "export", "--lock", "front", "--out", dir.resolve("neg.jsonl").toString(), "--from-sequence", "-1")
                .fails(2, "--from-sequence must be >= 0, was -1");
        lc("audit", "export", "--lock", "front", "--out", dir.resolve("neg.jsonl").toString(), "--from-sequence", "x")
                .fails(2, "--from-sequence");
        assertFalse(Files.exists(dir.resolve("neg.jsonl")));
        assertEquals(events, lc("status", "--lock", "front", "--json").ok().json().path("events").asInt(),
                "a refused export signs nothing");
    }

    @Test
    void auditReplay_showsTheBackendAtTheInstant() throws Exception {
        commissionWithACode();
        at(plus(60), "enroll", "--lock", "front", "--backend", backendFile.toString(), "--out",
                dir.resolve("e.json").toString()).ok();
        Path export = dir.resolve("front.jsonl");
        at(plus(120), "audit", "export", "--lock", "front", "--out", export.toString()).ok();

        JsonNode before = run("--json", "audit", "replay", export.toString(), "--until", plus(30)).ok().json();
        JsonNode after = run("--json", "audit", "replay", export.toString(), "--until", plus(90)).ok().json();

        assertTrue(before.path("backend").isNull(), before.toString());
        assertEquals(BACKEND.keyId(), after.path("backend").asText());
        assertTrue(run("audit", "replay", export.toString(), "--until", plus(90)).ok().out()
                .contains("\nbackend: " + BACKEND.keyId() + "\n"));
        assertTrue(new ObjectMapper().readTree(Files.readString(dir.resolve("e.json"))).isObject());
    }
}
