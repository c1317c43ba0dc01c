package dev.access.cli;

import static dev.access.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.access.cli.CliRun.Result;
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
 * The backend's commands ({@code lockctl fleet ...}) against a lock run by lockctl in its own data
 * directory: the contract (names, JSON fields, exit codes), and that a refusal stores nothing.
 */
class LockCtlBackendTest {
    private static final String T0 = "2026-12-01T06:00:00Z";
    private static final String MASTER = "97531864";

    @TempDir
    Path dir;

    private String lockData;
    private String backendData;

    @BeforeEach
    void setUp() {
        lockData = dir.resolve("lock").toString();
        backendData = dir.resolve("backend").toString();
    }

    private static String plus(long seconds) {
        return Instant.parse(T0).plusSeconds(seconds).toString();
    }

    private Result lock(long at, String... args) {
        return run(Stream.concat(Stream.of("--data", lockData, "--at", plus(at)), Stream.of(args)).toArray(String[]::new));
    }

    private Result backend(long at, String... args) {
        Result r = run(Stream.concat(Stream.of("--data", backendData, "--at", plus(at)), Stream.of(args))
                .toArray(String[]::new));
        CliRun.assertNoPin(r);
        return r;
    }

    private Path segment(long at, String lockId, long from) {
        Path out = dir.resolve("segment-" + lockId + "-" + at + "-" + from + ".jsonl");
        lock(at, "audit", "export", "--lock", lockId, "--out", out.toString(), "--from-sequence", String.valueOf(from)).ok();
        return out;
    }

    private Path enrolled(String lockId) {
        Path pub = dir.resolve("backend.pub");
        backend(0, "fleet", "key", "--out", pub.toString()).ok();
        Path enrollment = dir.resolve("enrollment-" + lockId);
        lock(10, "enroll", "--lock", lockId, "--backend", pub.toString(), "--out", enrollment.toString()).ok();
        backend(11, "fleet", "enroll", enrollment.toString()).ok();
        return enrollment;
    }

    private void commission(String lockId) {
        lock(0, "commission", "--lock", lockId, "--master-pin", MASTER).ok();
        lock(1, "code", "add", "--lock", lockId, "--slot", "1", "--pin", "4826", "--name", "alice").ok();
    }

    @Test
    void init_isIdempotent_andKeyNeedsIt() throws Exception {
        Path pub = dir.resolve("backend.pub");
        backend(0, "fleet", "key", "--out", pub.toString()).fails(2, "fleet init");
        Result first = backend(0, "fleet", "init", "--json").ok();
        assertEquals(List.of("ok", "command", "keyId"), first.jsonKeys());
        assertEquals("fleet init", first.json().path("command").asText());
        String keyId = first.json().path("keyId").asText();
        assertEquals(16, keyId.length());
        assertEquals(keyId, backend(0, "fleet", "init", "--json").ok().json().path("keyId").asText());
        assertTrue(backend(0, "fleet", "init").ok().out().contains("backend key id " + keyId + " (already created)"));
        backend(0, "fleet", "key", "--out", pub.toString()).ok();
        assertTrue(Files.readString(pub).contains("key-id " + keyId));
    }

    @Test
    void enroll_ingest_status_locks_followTheContract() throws Exception {
        backend(0, "fleet", "init").ok();
        commission("front");
        Path enrollment = enrolled("front");
        Result again = backend(12, "fleet", "enroll", enrollment.toString(), "--json").ok();
        assertFalse(again.json().path("added").asBoolean());
        assertEquals("front", again.json().path("lock").asText());

        // Wrong codes up to the lockout (the default policy's limit, from the lock's own status).
        int limit = lock(19, "status", "--lock", "front", "--json").ok().json().path("wrongCodeLimit").asInt();
        for (int i = 0; i < limit; i++) {
            assertEquals(3, lock(20 + i, "enter", "--lock", "front", "--pin", "1111").exit());
        }
        lock(30, "battery", "--lock", "front", "--percent", "64").ok();
        Path s1 = segment(40, "front", 0);
        Result in = backend(41, "fleet", "ingest", s1.toString(), "--json").ok();
        assertEquals(List.of("ok", "lock", "newEvents", "lastSequence", "problems"), in.jsonKeys());
        long lines = Files.readAllLines(s1).size();
        assertEquals(lines, in.json().path("newEvents").asLong());
        assertEquals(lines - 1, in.json().path("lastSequence").asLong());
        assertEquals(0, backend(42, "fleet", "ingest", s1.toString(), "--json").ok().json().path("newEvents").asLong());
        assertTrue(backend(42, "fleet", "ingest", s1.toString()).ok().out().contains("0 new event(s)"));

        Result status = backend(50, "fleet", "status", "--lock", "front", "--json").ok();
        assertEquals(List.of("lock", "keyEpoch", "lastSequence", "lastEventAt", "lastIngestAt", "mode", "lockedOut",
                "lockedOutUntil", "batteryPercent", "alarms", "codes", "inSync", "lastPushedBatch", "lastAppliedBatch"),
                status.jsonKeys());
        JsonNode f = status.json();
        JsonNode own = lock(50, "status", "--lock", "front", "--json").ok().json();
        assertEquals(own.path("mode").asText(), f.path("mode").asText());
        assertEquals(own.path("lockedOut").asBoolean(), f.path("lockedOut").asBoolean());
        assertEquals(own.path("lockedOutUntil").asText(), f.path("lockedOutUntil").asText());
        assertEquals(64, f.path("batteryPercent").asInt());
        assertEquals(own.path("keyEpoch").asInt(), f.path("keyEpoch").asInt());
        assertEquals(lines - 1, f.path("lastSequence").asLong());
        assertEquals(plus(42), f.path("lastIngestAt").asText(), "a no-op ingest is still the lock heard from");
        assertEquals(own.path("codes").size(), f.path("codes").size());
        for (int i = 0; i < own.path("codes").size(); i++) {
            JsonNode mine = f.path("codes").get(i);
            JsonNode theirs = own.path("codes").get(i);
            List<String> keys = new ArrayList<>();
            mine.fieldNames().forEachRemaining(keys::add);
            assertEquals(List.of("slot", "name", "type", "status", "sync", "reason", "since", "batch", "by"), keys);
            for (String k : List.of("slot", "type", "status")) {
                assertEquals(theirs.path(k), mine.path(k), k);
            }
            // A name given at the lock stays there (sealed under a key the backend does not hold).
            assertEquals(theirs.path("name").asText().equals("master") ? theirs.path("name") : NullNode.getInstance(),
                    mine.path("name"), "name of slot " + theirs.path("slot"));
            assertEquals("UNMANAGED", mine.path("sync").asText(), "the backend asked for none of them");
        }
        assertTrue(f.path("alarms").size() >= 1, "the lockout's alarm: " + f);
        assertTrue(f.path("inSync").asBoolean(), "no managed code: in sync");
        assertTrue(f.path("lastPushedBatch").isNull());
        assertTrue(f.path("lastAppliedBatch").isNull());
        String text = backend(50, "fleet", "status", "--lock", "front").ok().out();
        assertTrue(text.contains("battery: 64 %"), text);
        assertTrue(text.contains("slot 1"), text);

        Result locks = backend(51, "fleet", "locks", "--json").ok();
        assertEquals(List.of("locks"), locks.jsonKeys());
        JsonNode l = locks.json().path("locks").get(0);
        List<String> keys = new ArrayList<>();
        l.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("lock", "lastSequence", "lastIngestAt", "batteryPercent", "lockedOut", "alarms"), keys);
        assertEquals("front", l.path("lock").asText());
        assertEquals(64, l.path("batteryPercent").asInt());
        assertTrue(backend(51, "fleet", "locks").ok().out().startsWith("front"));
    }

    @Test
    void refusedSegments_exit5Or4_andStoreNothing() throws Exception {
        backend(0, "fleet", "init").ok();
        commission("front");
        enrolled("front");
        Path s1 = segment(20, "front", 0);
        long held = backend(21, "fleet", "ingest", s1.toString(), "--json").ok().json().path("lastSequence").asLong();
        lock(30, "battery", "--lock", "front", "--percent", "50").ok();
        lock(31, "battery", "--lock", "front", "--percent", "49").ok();

        // A gap: the segment starts after what the backend holds.
        Path gap = segment(40, "front", held + 3);
        Result g = backend(41, "fleet", "ingest", gap.toString(), "--json");
        assertEquals(5, g.exit(), g.toString());
        JsonNode gj = g.json();
        assertFalse(gj.path("ok").asBoolean());
        assertEquals(0, gj.path("newEvents").asLong());
        assertEquals(held, gj.path("lastSequence").asLong());
        assertEquals("MISSING_EVENTS", gj.path("problems").get(0).path("kind").asText());
        assertTrue(gj.path("problems").get(0).path("message").asText().contains((held + 1) + ".." + (held + 2)), gj.toString());
        assertTrue(g.err().startsWith("lockctl: fleet ingest: "), g.err());

        // A changed line.
        Path good = segment(50, "front", held + 1);
        String text = Files.readString(good);
        Path changed = dir.resolve("changed.jsonl");
        Files.writeString(changed, text.replace("\"percent\\\":50", "\"percent\\\":90"), StandardCharsets.UTF_8);
        assertFalse(text.equals(Files.readString(changed)), "the fixture changes a line");
        Result c = backend(51, "fleet", "ingest", changed.toString());
        assertEquals(5, c.exit(), c.toString());
        assertEquals(held, backend(52, "fleet", "status", "--lock", "front", "--json").ok().json().path("lastSequence").asLong());

        // A lock the backend does not know.
        commission("back");
        backend(60, "fleet", "ingest", segment(60, "back", 0).toString()).fails(4, "NOT_ENROLLED");
        backend(60, "fleet", "status", "--lock", "back").fails(4, "NOT_ENROLLED");
        // Unreadable files.
        backend(60, "fleet", "ingest", dir.resolve("missing.jsonl").toString()).fails(2, "missing.jsonl");
        backend(60, "fleet", "enroll", dir.resolve("missing").toString()).fails(2, "missing");
        Path notEnrollment = Files.writeString(dir.resolve("not-enrollment"), "hello\n");
        backend(60, "fleet", "enroll", notEnrollment.toString()).fails(2, "not-enrollment");

        // The genuine segment is then accepted.
        assertTrue(backend(70, "fleet", "ingest", good.toString(), "--json").ok().json().path("newEvents").asLong() > 0);
    }

    @Test
    void anEnrollmentThatDoesNotVerify_exits5_andRecordsNothing() throws Exception {
        backend(0, "fleet", "init").ok();
        commission("front");
        Path enrollment = dir.resolve("enrollment");
        Path pub = dir.resolve("backend.pub");
        backend(0, "fleet", "key", "--out", pub.toString()).ok();
        lock(10, "enroll", "--lock", "front", "--backend", pub.toString(), "--out", enrollment.toString()).ok();
        String doc = Files.readString(enrollment);
        String forged = doc.replaceFirst("\"keyEpoch\":1", "\"keyEpoch\":2");
        assertFalse(forged.equals(doc));
        Path bad = Files.writeString(dir.resolve("forged"), forged);
        backend(11, "fleet", "enroll", bad.toString()).fails(5, "does not verify");
        backend(12, "fleet", "status", "--lock", "front").fails(4, "NOT_ENROLLED");
        backend(13, "fleet", "enroll", enrollment.toString()).ok();
    }
}
