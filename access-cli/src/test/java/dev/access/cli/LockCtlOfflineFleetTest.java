package dev.access.cli;

import static dev.access.cli.CliRun.runWithInput;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
 * {@code lockctl fleet offline-code} (issue, {@code revoke}, {@code list}) on real SQLite data
 * directories for a lock and its backend: the issue's JSON contract, the PIN printed only by the
 * issue, the lock granting it offline, a revocation going down in a batch and its proof coming up,
 * the exit codes of refusals (4) and bad input (2), and no PIN in any error, listing or file of the
 * backend.
 */
class LockCtlOfflineFleetTest {
    private static final String T0 = "2026-12-01T06:00:00Z";
    private static final String MASTER = "97531864";

    @TempDir
    Path dir;

    private String lockData;
    private String backendData;
    private long clock;
    private long held = -1;
    private int files;
    /** Every PIN issued: only the issuing command's standard output may show it. */
    private final List<String> pins = new ArrayList<>();
    /** Every output but the issuing commands' standard output. */
    private final StringBuilder otherOutput = new StringBuilder();

    @BeforeEach
    void setUp() {
        lockData = dir.resolve("lock").toString();
        backendData = dir.resolve("backend").toString();
        backend("fleet", "init").ok();
        lock("commission", "--lock", "front", "--master-pin", MASTER, "--zone", "Europe/Berlin").ok();
        enroll();
        upload();
    }

    // ------------------------------------------------------------------ helpers

    /** Each invocation a minute after the previous one. */
    private String next() {
        clock += 60;
        return Instant.parse(T0).plusSeconds(clock).toString();
    }

    private Result in(String data, String stdin, String... args) {
        Result r = runWithInput(stdin, Stream.concat(Stream.of("--data", data, "--at", next()), Stream.of(args))
                .toArray(String[]::new));
        return r;
    }

    private Result lock(String... args) {
        Result r = in(lockData, null, args);
        otherOutput.append(r.out()).append(r.err());
        return r;
    }

    private Result backend(String... args) {
        Result r = in(backendData, null, args);
        otherOutput.append(r.out()).append(r.err());
        return r;
    }

    private Path file(String name) {
        return dir.resolve(name + "-" + (++files));
    }

    private void enroll() {
        Path pub = file("backend.pub");
        backend("fleet", "key", "--out", pub.toString()).ok();
        Path enrollment = file("enrollment");
        lock("enroll", "--lock", "front", "--backend", pub.toString(), "--out", enrollment.toString()).ok();
        backend("fleet", "enroll", enrollment.toString()).ok();
    }

    private void upload() {
        Path segment = file("segment.jsonl");
        lock("audit", "export", "--lock", "front", "--out", segment.toString(), "--from-sequence",
                String.valueOf(held + 1)).ok();
        held = backend("--json", "fleet", "ingest", segment.toString()).ok().json().path("lastSequence").asLong();
    }

    /** {@code fleet offline-code ...} with {@code --json}: its stdout is the one place the PIN shows. */
    private Result issue(String... args) {
        List<String> all = new ArrayList<>(List.of("--json", "fleet", "offline-code", "--lock", "front"));
        all.addAll(List.of(args));
        Result r = in(backendData, null, all.toArray(String[]::new));
        otherOutput.append(r.err());
        if (r.exit() == 0) {
            pins.add(r.json().path("pin").asText());
        } else {
            otherOutput.append(r.out());
        }
        return r;
    }

    private Result enter(String pin) {
        Result r = in(lockData, pin, "--json", "enter", "--lock", "front", "--pin", "-");
        otherOutput.append(r.out()).append(r.err());
        return r;
    }

    private JsonNode listed(String codeId) {
        JsonNode list = backend("--json", "fleet", "offline-code", "list", "--lock", "front").ok().json();
        for (JsonNode c : list.path("offlineCodes")) {
            if (c.path("codeId").asText().equals(codeId)) {
                return c;
            }
        }
        throw new AssertionError(codeId + " not listed: " + list);
    }

    private static List<String> keys(JsonNode n) {
        List<String> keys = new ArrayList<>();
        n.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    /** No issued PIN in any other output, nor in any file of the backend's data directory. */
    private void assertNoPinElsewhere() throws IOException {
        assertFalse(pins.isEmpty());
        for (String pin : pins) {
            assertFalse(otherOutput.toString().contains(pin), "a PIN in an output other than its issue");
        }
        try (Stream<Path> walk = Files.walk(Path.of(backendData))) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                String bytes = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
                for (String pin : pins) {
                    assertFalse(bytes.contains(pin), () -> "a PIN in " + p.getFileName());
                }
            }
        }
    }

    // ------------------------------------------------------------------ tests

    @Test
    void issue_printsThePinWithTheWindowItReallyHas_andTheLockGrantsIt_andListShowsIt() throws Exception {
        Result r = issue("--from", "2026-12-01T06:30:00Z", "--until", "2026-12-01T23:00:00Z", "--name", "guest").ok();

        JsonNode n = r.json();
        assertEquals(List.of("pin", "lock", "from", "until", "oneTime", "codeId", "daily", "variant"), keys(n));
        assertTrue(n.path("pin").asText().matches("[0-9]{10}"), "a 10-digit PIN");
        assertEquals("front", n.path("lock").asText());
        Instant from = Instant.parse(n.path("from").asText());
        Instant until = Instant.parse(n.path("until").asText());
        assertFalse(from.isBefore(Instant.parse("2026-12-01T07:00:00Z")), "on whole hours, inside what was asked");
        assertFalse(until.isAfter(Instant.parse("2026-12-01T23:00:00Z")));
        assertFalse(n.path("oneTime").asBoolean());
        assertTrue(n.path("codeId").asText().matches("[0-9a-f]{16}"));
        assertTrue(n.path("daily").isNull());
        assertEquals(0, n.path("variant").asInt());

        JsonNode c = listed(n.path("codeId").asText());
        assertEquals(List.of("codeId", "name", "from", "until", "oneTime", "daily", "variant", "keyEpoch", "generation",
                "status", "reason", "since", "batch", "by", "issuedAt"), keys(c));
        assertEquals("ISSUED", c.path("status").asText());
        assertEquals("guest", c.path("name").asText());
        assertEquals(n.path("from").asText(), c.path("from").asText());
        assertEquals(n.path("until").asText(), c.path("until").asText());

        clock = from.getEpochSecond() - Instant.parse(T0).getEpochSecond() + 600;
        Result entry = enter(n.path("pin").asText()).ok();
        assertEquals("GRANTED", entry.json().path("outcome").asText());
        assertEquals("OFFLINE", entry.json().path("userType").asText());

        Result text = in(backendData, null, "fleet", "offline-code", "--lock", "front", "--from", "2026-12-02T08:00:00Z",
                "--until", "2026-12-02T12:00:00Z", "--one-time").ok();
        List<String> lines = text.out().lines().toList();
        assertEquals(2, lines.size(), text.out());
        assertTrue(lines.get(0).matches("[0-9]{10}"), "the PIN alone on the first line");
        pins.add(lines.get(0));
        assertTrue(lines.get(1).contains("opens from 2026-12-02T08:00:00Z until 2026-12-02T12:00:00Z, one-time"),
                lines.get(1));
        assertFalse(lines.get(1).contains(lines.get(0)));
        Result listText = backend("fleet", "offline-code", "list", "--lock", "front").ok();
        assertTrue(listText.out().contains("ISSUED"), listText.out());
        assertNoPinElsewhere();
    }

    @Test
    void twoIssuesForTheSameWindow_giveTwoPins_untilTheVariantsRunOut_exit4() throws Exception {
        List<String> variants = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            JsonNode n = issue("--from", "2026-12-02T08:00:00Z", "--until", "2026-12-02T12:00:00Z").ok().json();
            assertEquals(i, n.path("variant").asInt());
            variants.add(n.path("pin").asText());
        }
        assertEquals(4, variants.stream().distinct().count());

        issue("--from", "2026-12-02T08:00:00Z", "--until", "2026-12-02T12:00:00Z")
                .fails(4, "VARIANTS_EXHAUSTED");

        JsonNode daily = issue("--from", "2026-12-02T00:00:00Z", "--until", "2026-12-05T00:00:00Z", "--daily",
                "09:00-17:30").ok().json();
        assertEquals("09:00-17:00", daily.path("daily").asText(), "the daily hours the PIN really has");
        assertEquals(Instant.parse("2026-12-02T08:00:00Z"), Instant.parse(daily.path("from").asText()),
                "09:00 in Berlin");
        assertNoPinElsewhere();
    }

    @Test
    void badInput_exits2NamingTheValue_andRecordsNothing() throws Exception {
        issue("--from", "yesterday", "--until", "2026-12-02T12:00:00Z").fails(2, "'yesterday'");
        issue("--from", "2026-12-02T08:00:00Z", "--until", "2028-01-01T00:00:00Z").fails(2, "366 days");
        issue("--from", "2026-12-02T00:00:00Z", "--until", "2026-12-05T00:00:00Z", "--daily", "22:00-06:00")
                .fails(2, "22:00-06:00");
        issue("--from", "2026-12-02T00:00:00Z", "--until", "2026-12-05T00:00:00Z", "--daily", "nine to five")
                .fails(2, "'nine to five'");
        issue("--from", "2026-12-02T00:00:00Z").fails(2, "missing --until");
        issue("--from", "2028-01-02T00:00:00Z", "--until", "2028-01-03T00:00:00Z").fails(2, "2028-01-02T00:00:00Z");
        issue("--from", "2026-11-02T00:00:00Z", "--until", "2026-11-03T00:00:00Z").fails(2, "ended");
        backend("fleet", "offline-code").fails(2, "missing --lock");
        Result unknownLock = in(backendData, null, "fleet", "offline-code", "--lock", "nobody", "--from",
                "2026-12-02T08:00:00Z", "--until", "2026-12-02T12:00:00Z");
        otherOutput.append(unknownLock.out()).append(unknownLock.err());
        unknownLock.fails(4, "NOT_ENROLLED");
        JsonNode list = backend("--json", "fleet", "offline-code", "list", "--lock", "front").ok().json();
        assertEquals(List.of("lock", "offlineCodes"), keys(list));
        assertEquals(0, list.path("offlineCodes").size(), "nothing recorded");
    }

    @Test
    void revoke_queuesForTheNextPush_theLockDeniesThePin_andTheTrailProvesIt() throws Exception {
        JsonNode code = issue("--from", "2026-12-01T07:00:00Z", "--until", "2026-12-01T20:00:00Z").ok().json();
        String id = code.path("codeId").asText();

        JsonNode r = backend("--json", "fleet", "offline-code", "revoke", "--lock", "front", "--code-id", id).ok().json();

        assertEquals(List.of("ok", "command", "lock", "codeId", "until", "status", "since"), keys(r));
        assertEquals("fleet offline-code revoke", r.path("command").asText());
        assertEquals("REVOKE_PENDING", r.path("status").asText());
        assertEquals(code.path("until").asText(), r.path("until").asText());
        Result status = backend("fleet", "status", "--lock", "front").ok();
        assertTrue(status.out().contains("sync: NOT in sync"), status.out());
        assertTrue(status.out().contains("offline codes: 1 issued, 1 revocation(s) pending"), status.out());
        Path batch = file("batch");
        JsonNode pushed = backend("--json", "fleet", "push", "--lock", "front", "--out", batch.toString()).ok().json();
        assertEquals(1, pushed.path("operations").asInt());
        assertTrue(Files.readString(batch).contains("\"codeId\":\"" + id + "\""));
        JsonNode applied = lock("--json", "apply", batch.toString()).ok().json();
        assertEquals(1, applied.path("applied").size());
        clock = Instant.parse("2026-12-01T08:00:00Z").getEpochSecond() - Instant.parse(T0).getEpochSecond();
        Result denied = enter(code.path("pin").asText());
        assertEquals(3, denied.exit());
        assertEquals("REVOKED", denied.json().path("reason").asText());
        upload();
        assertEquals("REVOKED", listed(id).path("status").asText());
        JsonNode nothing = backend("--json", "fleet", "push", "--lock", "front", "--out", file("batch").toString())
                .ok().json();
        assertTrue(nothing.path("batch").isNull(), "a proven revocation is not sent again: " + nothing);
        Result again = backend("fleet", "offline-code", "revoke", "--lock", "front", "--code-id", id).ok();
        assertTrue(again.out().contains("REVOKED"), again.out());

        backend("fleet", "offline-code", "revoke", "--lock", "front", "--code-id", "0123456789abcdef")
                .fails(4, "UNKNOWN_CODE");
        String pin = code.path("pin").asText();
        Result pasted = in(backendData, null, "fleet", "offline-code", "revoke", "--lock", "front", "--code-id", pin);
        pasted.fails(2, "--code-id is not an offline code id");
        assertFalse(pasted.err().contains(pin), "a PIN given as a code id is not echoed");
        assertNoPinElsewhere();
    }

    @Test
    void afterAFactoryReset_issuingIsRefused_exit4_andTheCodesAreListedLockReset() throws Exception {
        JsonNode code = issue("--from", "2026-12-01T07:00:00Z", "--until", "2026-12-01T20:00:00Z").ok().json();
        lock("reset", "--lock", "front", "--factory").ok();
        upload();

        issue("--from", "2026-12-02T08:00:00Z", "--until", "2026-12-02T12:00:00Z").fails(4, "LOCK_RESET");

        assertEquals("LOCK_RESET", listed(code.path("codeId").asText()).path("status").asText());
        lock("commission", "--lock", "front", "--master-pin", MASTER, "--zone", "Europe/Berlin").ok();
        enroll();
        upload();
        JsonNode fresh = issue("--from", "2026-12-02T08:00:00Z", "--until", "2026-12-02T12:00:00Z").ok().json();
        assertNotEquals(code.path("pin").asText(), fresh.path("pin").asText());
        assertEquals(2, listed(fresh.path("codeId").asText()).path("keyEpoch").asInt());
        assertNoPinElsewhere();
    }
}
