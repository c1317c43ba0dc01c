package dev.access.cli;

import static dev.access.cli.CliRun.run;
import static dev.access.cli.CliRun.runWithInput;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.access.cli.CliRun.Result;
import java.io.IOException;
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
 * Fleet part 2 through lockctl, on real SQLite data directories for a lock and its backend: the
 * backend's desired state ({@code fleet code ...}, {@code fleet mode}), batches ({@code fleet push},
 * {@code apply}), the sync status ({@code fleet status}) proven by the lock's trail segments, the
 * batches the lock refuses, and that no PIN ever reaches the backend's files, a batch or an output.
 */
class LockCtlProgrammingTest {
    private static final String T0 = "2026-12-01T06:00:00Z";
    private static final String MASTER = "97531864";
    /** Distinctive PINs the backend is given (each in {@link CliRun#PINS}): none may be found in clear. */
    private static final String CAROL = "73915846";
    private static final String CAROL_NEW = "52840613";
    private static final String DAVE = "61937402";
    private static final String LOCAL = "48261937";
    private static final List<String> BACKEND_PINS = List.of(CAROL, CAROL_NEW, DAVE, LOCAL);

    @TempDir
    Path dir;

    private String lockData;
    private String backendData;
    private long clock;
    private long held;
    private int files;
    private final StringBuilder backendOutput = new StringBuilder();
    private final List<Path> batches = new ArrayList<>();

    @BeforeEach
    void setUp() {
        lockData = dir.resolve("lock").toString();
        backendData = dir.resolve("backend").toString();
    }

    // ------------------------------------------------------------------ helpers

    /** Each invocation a minute after the previous one (the lock's clock only goes forward). */
    private String next() {
        clock += 60;
        return Instant.parse(T0).plusSeconds(clock).toString();
    }

    private Result in(String data, String stdin, String... args) {
        return runWithInput(stdin, Stream.concat(Stream.of("--data", data, "--at", next()), Stream.of(args))
                .toArray(String[]::new));
    }

    private Result lock(String... args) {
        return in(lockData, null, args);
    }

    private Result backend(String... args) {
        return backendIn(null, args);
    }

    private Result backendIn(String stdin, String... args) {
        Result r = in(backendData, stdin, args);
        backendOutput.append(r.out()).append(r.err());
        return r;
    }

    private Path file(String name) {
        return dir.resolve(name + "-" + (++files));
    }

    /** A backend with its identity, the lock "front" commissioned and enrolled with it, its trail ingested. */
    private void enrolledLock() {
        backend("fleet", "init").ok();
        lock("commission", "--lock", "front", "--master-pin", MASTER).ok();
        enroll(lockData, "front", backendData);
        held = -1;
        upload();
    }

    private void enroll(String lockDir, String lockId, String backendDir) {
        Path pub = file("backend.pub");
        in(backendDir, null, "fleet", "key", "--out", pub.toString()).ok();
        Path enrollment = file("enrollment");
        in(lockDir, null, "enroll", "--lock", lockId, "--backend", pub.toString(), "--out", enrollment.toString()).ok();
        in(backendDir, null, "fleet", "enroll", enrollment.toString()).ok();
    }

    /** Carries the lock's new trail to the backend: a segment from what it holds on, ingested. */
    private void upload() {
        held = upload(lockData, "front", backendData, held);
    }

    private long upload(String lockDir, String lockId, String backendDir, long from) {
        Path segment = file("segment.jsonl");
        in(lockDir, null, "audit", "export", "--lock", lockId, "--out", segment.toString(), "--from-sequence",
                String.valueOf(from + 1)).ok();
        Result r = in(backendDir, null, "--json", "fleet", "ingest", segment.toString()).ok();
        backendOutput.append(r.out());
        return r.json().path("lastSequence").asLong();
    }

    private JsonNode request(String stdin, String... args) {
        List<String> all = new ArrayList<>(List.of("--json", "fleet"));
        all.addAll(List.of(args));
        return backendIn(stdin, all.toArray(String[]::new)).ok().json();
    }

    private JsonNode addCode(int slot, String pin, String name) {
        return request(pin, "code", "add", "--lock", "front", "--slot", String.valueOf(slot), "--pin", "-", "--name", name);
    }

    /** {@code fleet push} to a new file; returns the answer (the file is {@code out}, if one was written). */
    private JsonNode push() {
        Path out = file("batch");
        JsonNode n = backend("--json", "fleet", "push", "--lock", "front", "--out", out.toString()).ok().json();
        if (!n.path("out").isNull()) {
            batches.add(out);
        }
        return n;
    }

    private Path pushed() {
        JsonNode n = push();
        assertFalse(n.path("out").isNull(), "something was pending: " + n);
        return Path.of(n.path("out").asText());
    }

    private Result apply(Path batch) {
        return lock("--json", "apply", batch.toString());
    }

    private JsonNode status() {
        return backend("--json", "fleet", "status", "--lock", "front").ok().json();
    }

    private static JsonNode code(JsonNode status, int slot) {
        for (JsonNode c : status.path("codes")) {
            if (c.path("slot").asInt() == slot) {
                return c;
            }
        }
        return null;
    }

    private JsonNode lockCode(int slot) {
        return code(lock("--json", "status", "--lock", "front").ok().json(), slot);
    }

    private void assertSync(JsonNode status, int slot, String sync, String lockStatus) {
        JsonNode c = code(status, slot);
        assertNotNull(c, "slot " + slot + " is listed: " + status);
        assertEquals(sync, c.path("sync").asText(), () -> "slot " + slot + ": " + status);
        if (lockStatus == null) {
            assertTrue(c.path("status").isNull(), () -> "the lock does not hold slot " + slot + ": " + status);
        } else {
            assertEquals(lockStatus, c.path("status").asText(), () -> "slot " + slot + ": " + status);
        }
    }

    private static List<String> keys(JsonNode n) {
        List<String> keys = new ArrayList<>();
        n.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private int enter(String pin) {
        return in(lockData, pin, "enter", "--lock", "front", "--pin", "-").exit();
    }

    /** The lock's own state, as {@code status --json} says it, without the invocation's time. */
    private String lockState() {
        JsonNode s = lock("--json", "status", "--lock", "front").ok().json();
        ((com.fasterxml.jackson.databind.node.ObjectNode) s).remove("at");
        return s.toString();
    }

    /** No distinctive PIN in any file of the backend's data directory, in a batch, or in the backend's outputs. */
    private void assertNoPinAtTheBackend() throws IOException {
        List<Path> checked = new ArrayList<>(batches);
        try (Stream<Path> walk = Files.walk(Path.of(backendData))) {
            walk.filter(Files::isRegularFile).forEach(checked::add);
        }
        assertTrue(checked.stream().anyMatch(p -> p.getFileName().toString().equals("events.db")), checked.toString());
        for (Path p : checked) {
            String bytes = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
            for (String pin : BACKEND_PINS) {
                assertFalse(bytes.contains(pin), () -> "PIN " + pin + " in clear in " + p);
            }
        }
        for (String pin : BACKEND_PINS) {
            assertFalse(backendOutput.toString().contains(pin), "PIN in the backend's output");
        }
    }

    // ------------------------------------------------------------------ the full loop

    @Test
    void fullLoop_addChangeSuspendResumeRemoveAndMode_eachEndsSynced() throws Exception {
        enrolledLock();

        JsonNode add = addCode(3, CAROL, "carol");
        assertEquals(List.of("ok", "command", "lock", "slot", "operation"), keys(add));
        assertEquals("fleet code add", add.path("command").asText());
        assertEquals("front", add.path("lock").asText());
        assertEquals(3, add.path("slot").asInt());
        String addOp = add.path("operation").asText();
        assertFalse(addOp.isEmpty());

        JsonNode s = status();
        assertEquals(List.of("lock", "keyEpoch", "lastSequence", "lastEventAt", "lastIngestAt", "mode", "lockedOut",
                "lockedOutUntil", "batteryPercent", "alarms", "codes", "inSync", "lastPushedBatch", "lastAppliedBatch"),
                keys(s));
        assertEquals(List.of("slot", "name", "type", "status", "sync", "reason", "since", "batch", "by"),
                keys(code(s, 3)));
        assertSync(s, 3, "PENDING", null);
        assertEquals("carol", code(s, 3).path("name").asText());
        assertEquals("UNRESTRICTED", code(s, 3).path("type").asText());
        assertEquals("backend", code(s, 3).path("by").asText());
        assertTrue(code(s, 3).path("batch").isNull());
        assertTrue(code(s, 3).path("reason").isNull());
        assertFalse(s.path("inSync").asBoolean());
        assertTrue(s.path("lastPushedBatch").isNull());

        JsonNode p = push();
        assertEquals(List.of("ok", "command", "lock", "batch", "operations", "out"), keys(p));
        assertEquals("fleet push", p.path("command").asText());
        assertEquals(1, p.path("operations").asInt());
        long b1 = p.path("batch").asLong();
        Path batch = Path.of(p.path("out").asText());
        assertTrue(Files.exists(batch));
        s = status();
        assertSync(s, 3, "PENDING", null);
        assertEquals(b1, code(s, 3).path("batch").asLong());
        assertEquals(b1, s.path("lastPushedBatch").asLong());

        JsonNode a = apply(batch).ok().json();
        assertEquals(List.of("ok", "command", "lock", "batch", "applied", "refused"), keys(a));
        assertEquals("apply", a.path("command").asText());
        assertEquals("front", a.path("lock").asText());
        assertEquals(b1, a.path("batch").asLong());
        assertEquals(addOp, a.path("applied").get(0).asText());
        assertEquals(0, a.path("refused").size());
        assertEquals(0, enter(CAROL), "the code opens at the lock");
        assertSync(status(), 3, "PENDING", null);

        upload();
        s = status();
        assertSync(s, 3, "SYNCED", "enabled");
        assertEquals(b1, code(s, 3).path("batch").asLong());
        assertTrue(s.path("inSync").asBoolean(), s.toString());
        assertEquals(b1, s.path("lastAppliedBatch").asLong());
        String text = backend("fleet", "status", "--lock", "front").ok().out();
        assertTrue(text.contains("sync: in sync"), text);
        assertTrue(text.matches("(?s).*slot 3 .*enabled +SYNCED +carol.*"), text);

        // Nothing pending: nothing written.
        Path none = dir.resolve("none.batch");
        JsonNode empty = backend("--json", "fleet", "push", "--lock", "front", "--out", none.toString()).ok().json();
        assertEquals(List.of("ok", "command", "lock", "batch", "operations", "out"), keys(empty));
        assertEquals(0, empty.path("operations").asInt());
        assertTrue(empty.path("out").isNull());
        assertTrue(empty.path("batch").isNull());
        assertTrue(backend("fleet", "push", "--lock", "front", "--out", none.toString()).ok().out()
                .contains("nothing pending"));
        assertFalse(Files.exists(none));

        // change (by someone named), suspend, resume, remove, mode: each through push, apply and upload.
        JsonNode change = request(CAROL_NEW, "code", "change", "--lock", "front", "--slot", "3", "--pin", "-",
                "--by", "desk");
        assertEquals("fleet code change", change.path("command").asText());
        assertSync(status(), 3, "PENDING", "enabled");
        apply(pushed()).ok();
        assertEquals(0, enter(CAROL_NEW));
        assertEquals(3, enter(CAROL), "the old PIN no longer opens");
        upload();
        s = status();
        assertSync(s, 3, "SYNCED", "enabled");
        assertEquals("desk", code(s, 3).path("by").asText());

        assertEquals("fleet code suspend",
                request(null, "code", "suspend", "--lock", "front", "--slot", "3").path("command").asText());
        apply(pushed()).ok();
        upload();
        assertSync(status(), 3, "SYNCED", "suspended");
        assertEquals(3, enter(CAROL_NEW));

        request(null, "code", "resume", "--lock", "front", "--slot", "3");
        apply(pushed()).ok();
        upload();
        assertSync(status(), 3, "SYNCED", "enabled");
        assertEquals(0, enter(CAROL_NEW));

        JsonNode remove = request(null, "code", "remove", "--lock", "front", "--slot", "3");
        assertEquals("fleet code remove", remove.path("command").asText());
        s = status();
        assertSync(s, 3, "PENDING", "enabled");
        assertEquals(1, s.path("codes").findValues("slot").stream().filter(n -> n.asInt() == 3).count(),
                "one line per slot: " + s);
        assertEquals(remove.path("operation").asText(), apply(pushed()).ok().json().path("applied").get(0).asText());
        assertNull(lockCode(3), "the lock holds no code in slot 3");
        upload();
        s = status();
        assertNull(code(s, 3), "an emptied slot is listed until it is synced: " + s);
        assertTrue(s.path("inSync").asBoolean(), s.toString());

        JsonNode mode = request(null, "mode", "--lock", "front", "vacation");
        assertEquals(List.of("ok", "command", "lock", "mode", "operation"), keys(mode));
        assertEquals("fleet mode", mode.path("command").asText());
        assertEquals("VACATION", mode.path("mode").asText());
        assertFalse(status().path("inSync").asBoolean(), "the desired mode is not applied yet");
        apply(pushed()).ok();
        upload();
        s = status();
        assertEquals("VACATION", s.path("mode").asText());
        assertTrue(s.path("inSync").asBoolean(), s.toString());
        assertEquals("VACATION", lock("--json", "status", "--lock", "front").ok().json().path("mode").asText());

        assertNoPinAtTheBackend();
    }

    @Test
    void text_ofRequestPushAndApply() throws Exception {
        enrolledLock();
        String add = backendIn(CAROL, "fleet", "code", "add", "--lock", "front", "--slot", "3", "--pin", "-").ok().out();
        assertTrue(add.startsWith("fleet code add: lock front: slot 3: add recorded as operation "), add);
        Path out = file("batch");
        String push = backend("fleet", "push", "--lock", "front", "--out", out.toString()).ok().out();
        assertTrue(push.startsWith("fleet push: lock front: batch "), push);
        assertTrue(push.contains(" with 1 operation(s) written to " + out), push);
        String apply = lock("apply", out.toString()).ok().out();
        assertTrue(apply.startsWith("apply: lock front: batch "), apply);
        assertTrue(apply.contains(" applied: 1 operation(s) applied, 0 refused"), apply);
        String mode = backend("fleet", "mode", "--lock", "front", "privacy").ok().out();
        assertTrue(mode.startsWith("fleet mode: lock front: mode privacy recorded as operation "), mode);
        String text = backend("fleet", "status", "--lock", "front").ok().out();
        assertTrue(text.contains("sync: NOT in sync"), text);
    }

    // ------------------------------------------------------------------ lost, replayed and refused batches

    @Test
    void aLostBatch_staysPending_theNextPushCarriesItAgain_andEitherOrderEndsAsTheNewest() throws Exception {
        enrolledLock();
        addCode(3, CAROL, "carol");
        JsonNode lost = push();
        long b1 = lost.path("batch").asLong();
        upload();
        assertSync(status(), 3, "PENDING", null);
        assertEquals(b1, code(status(), 3).path("batch").asLong());

        addCode(4, DAVE, "dave");
        JsonNode again = push();
        long b2 = again.path("batch").asLong();
        assertTrue(b2 > b1);
        assertEquals(2, again.path("operations").asInt(), "the lost change goes out again: " + again);
        JsonNode s = status();
        assertEquals(b2, code(s, 3).path("batch").asLong());
        assertEquals(b2, code(s, 4).path("batch").asLong());

        assertEquals(2, apply(Path.of(again.path("out").asText())).ok().json().path("applied").size());
        String after = lockState();
        lock("apply", lost.path("out").asText()).fails(4, "STALE_BATCH");
        assertEquals(after, lockState(), "the older batch changes nothing");
        upload();
        s = status();
        assertSync(s, 3, "SYNCED", "enabled");
        assertSync(s, 4, "SYNCED", "enabled");
        assertTrue(s.path("inSync").asBoolean());
        assertEquals(0, enter(CAROL));
        assertEquals(0, enter(DAVE));

        // The older batch first, then the newer: the lock ends as if the newer alone was applied once.
        request(CAROL_NEW, "code", "change", "--lock", "front", "--slot", "3", "--pin", "-");
        Path older = pushed();
        request(null, "code", "suspend", "--lock", "front", "--slot", "4");
        Path newer = pushed();
        apply(older).ok();
        JsonNode applied = apply(newer).ok().json();
        assertEquals(2, applied.path("applied").size(), applied.toString());
        lock("apply", older.toString()).fails(4, "STALE_BATCH");
        assertEquals("enabled", lockCode(3).path("status").asText());
        assertEquals("suspended", lockCode(4).path("status").asText());
        assertEquals(0, enter(CAROL_NEW));
        assertEquals(3, enter(CAROL));
        upload();
        s = status();
        assertSync(s, 3, "SYNCED", "enabled");
        assertSync(s, 4, "SYNCED", "suspended");
        assertTrue(s.path("inSync").asBoolean(), s.toString());

        assertNoPinAtTheBackend();
    }

    @Test
    void replayedTamperedForeignAndWrongLockBatches_areRefused_andChangeNothing() throws Exception {
        enrolledLock();
        addCode(3, CAROL, "carol");
        Path first = pushed();
        apply(first).ok();
        addCode(4, DAVE, "dave");
        Path genuine = pushed();
        String before = lockState();

        // Replayed.
        lock("apply", first.toString()).fails(4, "STALE_BATCH");
        // Tampered: a name changed, the signature left as it was.
        String text = Files.readString(genuine);
        Path tampered = Files.writeString(dir.resolve("tampered.batch"), text.replace("\"dave\"", "\"eve\""));
        assertNotEquals(text, Files.readString(tampered));
        lock("apply", tampered.toString()).fails(5, "does not verify");
        lock("--json", "apply", tampered.toString()).fails(5, "does not verify");
        // Not a batch at all, or a broken one: its format does not verify.
        Path garbage = Files.writeString(dir.resolve("garbage.batch"), "hello\n");
        lock("apply", garbage.toString()).fails(5, "is not a batch");
        Path cut = Files.writeString(dir.resolve("cut.batch"), text.substring(0, text.length() / 2));
        lock("apply", cut.toString()).fails(5, "is not a batch");
        Path extra = Files.writeString(dir.resolve("extra.batch"), text.replaceFirst("\\{", "{\"x\":1,"));
        lock("apply", extra.toString()).fails(5, "is not a batch");
        // Unreadable.
        lock("apply", dir.resolve("missing.batch").toString()).fails(2, "missing.batch");
        lock("apply", dir.toString()).fails(2, "it is a directory");
        lock("apply").fails(2, "BATCH");

        // Signed by another backend's identity, for a lock of the same name enrolled with it.
        String otherBackend = dir.resolve("other-backend").toString();
        String otherLocks = dir.resolve("other-locks").toString();
        in(otherBackend, null, "fleet", "init").ok();
        in(otherLocks, null, "commission", "--lock", "front", "--master-pin", MASTER).ok();
        enroll(otherLocks, "front", otherBackend);
        upload(otherLocks, "front", otherBackend, -1);
        in(otherBackend, DAVE, "fleet", "code", "add", "--lock", "front", "--slot", "4", "--pin", "-").ok();
        Path foreign = file("foreign.batch");
        in(otherBackend, null, "fleet", "push", "--lock", "front", "--out", foreign.toString()).ok();
        lock("apply", foreign.toString()).fails(5, "does not verify");

        // For another lock: this backend's batch for a lock this store does not hold.
        in(otherLocks, null, "commission", "--lock", "side", "--master-pin", MASTER).ok();
        enroll(otherLocks, "side", backendData);
        upload(otherLocks, "side", backendData, -1);
        backendIn(CAROL, "fleet", "code", "add", "--lock", "side", "--slot", "5", "--pin", "-").ok();
        Path forSide = file("side.batch");
        backend("fleet", "push", "--lock", "side", "--out", forSide.toString()).ok();
        lock("apply", forSide.toString()).fails(4, "WRONG_LOCK");
        lock("apply", genuine.toString(), "--lock", "side").fails(4, "WRONG_LOCK");

        assertEquals(before, lockState(), "no refused batch changed anything");
        assertEquals(3, enter(DAVE));
        // The batch carries slot 3 again (the trail the backend holds does not show it applied yet):
        // the same end state, which changes nothing at the lock.
        JsonNode ok = apply(genuine).ok().json();
        assertEquals(2, ok.path("applied").size(), ok.toString());
        assertEquals(0, enter(DAVE));
    }

    @Test
    void applyToALockNotEnrolled_orSealedToAnOlderEpoch_isRefused() throws Exception {
        enrolledLock();
        addCode(3, CAROL, "carol");
        Path batch = pushed();
        // A factory reset: the lock is no longer commissioned (nor enrolled) in this store.
        lock("reset", "--lock", "front", "--factory").ok();
        lock("apply", batch.toString()).fails(4, "WRONG_LOCK");
        // Commissioned again but not enrolled.
        lock("commission", "--lock", "front", "--master-pin", MASTER).ok();
        String before = lockState();
        lock("apply", batch.toString()).fails(4, "NOT_ENROLLED");
        assertEquals(before, lockState());
        // Enrolled again: a new key epoch, the batch sealed to the old one.
        enroll(lockData, "front", backendData);
        before = lockState();
        lock("--json", "apply", batch.toString()).fails(4, "STALE_KEY_EPOCH");
        assertEquals(before, lockState());
        assertNull(lockCode(3));
    }

    // ------------------------------------------------------------------ what the lock decides

    @Test
    void unmanaged_failedWithTheLocksReason_drifted_andLockReset() throws Exception {
        enrolledLock();
        in(lockData, LOCAL, "code", "add", "--lock", "front", "--slot", "7", "--pin", "-", "--name", "local").ok();
        addCode(3, CAROL, "carol");
        JsonNode dup = addCode(8, LOCAL, "copy");
        Path batch = pushed();
        JsonNode a = apply(batch).ok().json();
        assertEquals(1, a.path("applied").size(), a.toString());
        assertEquals(1, a.path("refused").size(), a.toString());
        JsonNode refused = a.path("refused").get(0);
        assertEquals(List.of("operation", "slot", "reason"), keys(refused));
        assertEquals(dup.path("operation").asText(), refused.path("operation").asText());
        assertEquals(8, refused.path("slot").asInt());
        assertEquals("DUPLICATE", refused.path("reason").asText());

        upload();
        JsonNode s = status();
        assertSync(s, 7, "UNMANAGED", "enabled");
        assertTrue(code(s, 7).path("by").isNull());
        assertTrue(code(s, 7).path("name").isNull(), "a name given at the lock stays sealed there: " + code(s, 7));
        assertSync(s, 3, "SYNCED", "enabled");
        assertSync(s, 8, "FAILED", null);
        assertEquals("DUPLICATE", code(s, 8).path("reason").asText());
        assertFalse(s.path("inSync").asBoolean());
        String text = backend("fleet", "status", "--lock", "front").ok().out();
        assertTrue(text.contains("FAILED") && text.contains(": DUPLICATE"), text);
        assertTrue(text.contains("UNMANAGED"), text);

        // The text answer of apply names each refused operation with its reason.
        request(null, "code", "remove", "--lock", "front", "--slot", "8");
        addCode(9, LOCAL, "again");
        String out = lock("apply", pushed().toString()).ok().out();
        assertTrue(out.contains("1 refused"), out);
        assertTrue(out.contains("(slot 9): DUPLICATE"), out);

        // Suspended at the lock by someone else: drifted.
        lock("code", "suspend", "--lock", "front", "--slot", "3").ok();
        upload();
        assertSync(status(), 3, "DRIFTED", "suspended");

        // A factory reset erases every code: the managed ones must be entered again.
        lock("reset", "--lock", "front", "--factory").ok();
        upload();
        s = status();
        assertSync(s, 3, "FAILED", null);
        assertEquals("LOCK_RESET", code(s, 3).path("reason").asText());
        assertFalse(s.path("inSync").asBoolean());
        // Nothing can be sealed to a lock reset since it enrolled: commission and enroll it again first.
        backendIn(DAVE, "fleet", "code", "add", "--lock", "front", "--slot", "4", "--pin", "-")
                .fails(4, "STALE_KEY_EPOCH");

        assertNoPinAtTheBackend();
    }

    // ------------------------------------------------------------------ refused requests

    @Test
    void refusedRequests_exit4Or2_andRecordNothing() throws Exception {
        enrolledLock();
        backendIn(CAROL, "fleet", "code", "add", "--lock", "ghost", "--slot", "3", "--pin", "-")
                .fails(4, "NOT_ENROLLED");
        backend("fleet", "code", "suspend", "--lock", "ghost", "--slot", "3").fails(4, "NOT_ENROLLED");
        backend("fleet", "mode", "--lock", "ghost", "privacy").fails(4, "NOT_ENROLLED");
        backend("fleet", "push", "--lock", "ghost", "--out", file("ghost").toString()).fails(4, "NOT_ENROLLED");
        backendIn(CAROL, "fleet", "code", "change", "--lock", "front", "--slot", "3", "--pin", "-")
                .fails(4, "UNKNOWN_SLOT");
        for (String c : List.of("suspend", "resume", "remove")) {
            backend("fleet", "code", c, "--lock", "front", "--slot", "3").fails(4, "UNKNOWN_SLOT");
        }
        backendIn("12", "fleet", "code", "add", "--lock", "front", "--slot", "3", "--pin", "-")
                .fails(4, "PIN rejected (TOO_SHORT)");
        backendIn(CAROL, "fleet", "code", "add", "--lock", "front", "--slot", "70000", "--pin", "-")
                .fails(4, "INVALID_ARGUMENT");
        backendIn(CAROL, "--json", "fleet", "code", "add", "--lock", "front", "--slot", "3", "--pin", "-", "--max-uses",
                "0").fails(4, "INVALID_ARGUMENT");
        // Usage errors, before anything is opened.
        backendIn(CAROL, "fleet", "code", "add", "--lock", "front", "--slot", "3", "--pin", "-", "--days", "MON")
                .fails(2, "--days and --hours");
        backend("fleet", "code", "add", "--lock", "front", "--slot", "3", "--pin", "-").fails(2, "standard input is empty");
        backend("fleet", "code", "add", "--lock", "front", "--slot", "-1", "--pin", "-").fails(2, "--slot must not be negative");
        backend("fleet", "mode", "--lock", "front", "sideways").fails(2, "sideways");
        backend("fleet", "push", "--lock", "front").fails(2, "--out");
        backend("fleet", "push", "--lock", "front", "--out", dir.resolve("backend/keys").toString())
                .fails(2, "would overwrite the store's own file");
        backend("fleet", "code").fails(2, "missing subcommand");

        JsonNode s = status();
        assertEquals(1, s.path("codes").size(), "only the master code: " + s);
        assertTrue(s.path("inSync").asBoolean(), s.toString());
        assertTrue(push().path("out").isNull(), "nothing was recorded");

        addCode(3, CAROL, "carol");
        backendIn(DAVE, "fleet", "code", "add", "--lock", "front", "--slot", "3", "--pin", "-").fails(4, "SLOT_OCCUPIED");
        backendIn(DAVE, "fleet", "code", "add", "--lock", "front", "--slot", "0", "--pin", "-").fails(4, "MASTER_SLOT");
        assertEquals(1, push().path("operations").asInt());

        assertNoPinAtTheBackend();
    }
}
