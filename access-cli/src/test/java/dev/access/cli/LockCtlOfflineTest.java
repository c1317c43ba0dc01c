package dev.access.cli;

import static dev.access.cli.CliRun.run;
import static dev.access.cli.CliRun.runWithInput;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.access.cli.CliRun.Result;
import dev.access.crypto.OfflineCodes;
import dev.access.crypto.OfflineValidity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Offline codes through lockctl in this JVM: the owner's key export, issuing from the key file with
 * no store, entries at the lock (window edges, one-time reuse, daily hours), revocation by typed
 * PIN and all at once, status and commissioning, and the issuer's refusals. An issued PIN appears
 * on standard output of {@code offline-code issue} and nowhere else.
 */
class LockCtlOfflineTest {
    /** A Tuesday, 07:00 in Berlin. */
    private static final String T0 = "2026-12-01T06:00:00Z";
    private static final String MASTER = "97531864";
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final List<String> ISSUE_KEYS = List.of("pin", "lock", "from", "until", "oneTime", "codeId", "daily",
            "variant");

    @TempDir
    Path dir;

    private String data;

    /** Every offline PIN issued so far: none may appear in any answer but the issuing one. */
    private final List<String> issued = new ArrayList<>();

    /** Everything the lock's commands printed, to check the key never appears in it. */
    private final StringBuilder printed = new StringBuilder();

    @BeforeEach
    void setUp() {
        data = dir.resolve("data").toString();
    }

    /** An issued code as {@code offline-code issue --json} printed it. */
    private record Code(String pin, JsonNode json) {
        String id() {
            return json.path("codeId").asText();
        }

        Instant from() {
            return Instant.parse(json.path("from").asText());
        }

        Instant until() {
            return Instant.parse(json.path("until").asText());
        }
    }

    /** lockctl --data DIR --at AT args..., with {@code stdin} (may be null); no offline PIN in the answer. */
    private Result typed(String instant, String stdin, String... args) {
        Result r = runWithInput(stdin, Stream.concat(Stream.of("--data", data, "--at", instant), Stream.of(args))
                .toArray(String[]::new));
        assertNoOfflinePin(r);
        printed.append(r.out()).append(r.err());
        return r;
    }

    private Result at(String instant, String... args) {
        return typed(instant, null, args);
    }

    private void assertNoOfflinePin(Result r) {
        String out = CliRun.withoutRandomDigits(r.out());
        String err = CliRun.withoutRandomDigits(r.err());
        for (String pin : issued) {
            assertFalse(out.contains(pin) || err.contains(pin), () -> "an offline PIN appears in an answer: " + r);
        }
    }

    private static String plus(String instant, long seconds) {
        return Instant.parse(instant).plusSeconds(seconds).toString();
    }

    private void commission(String lock, String... extra) {
        List<String> args = new ArrayList<>(List.of("commission", "--lock", lock, "--master-pin", MASTER, "--zone",
                "Europe/Berlin", "--wrong-code-limit", "20"));
        args.addAll(List.of(extra));
        at(T0, args.toArray(String[]::new)).ok();
    }

    private Path exportKey(String when, String lock, String name) {
        Path key = dir.resolve(name);
        at(when, "offline-code", "key", "--lock", lock, "--out", key.toString()).ok();
        return key;
    }

    /** offline-code issue --key KEY ... --json, at {@code now}, with a data directory that must stay untouched. */
    private Code issue(String now, Path key, String... options) {
        Path noStore = dir.resolve("no-store");
        Result r = run(Stream.concat(Stream.of("--data", noStore.toString(), "--at", now, "--json", "offline-code",
                "issue", "--key", key.toString()), Stream.of(options)).toArray(String[]::new)).ok();
        assertFalse(Files.exists(noStore), "issue opens no store");
        assertEquals(ISSUE_KEYS, r.jsonKeys());
        JsonNode n = r.json();
        String pin = n.path("pin").asText();
        assertTrue(pin.matches("[0-9]{10}"), "a 10-digit PIN");
        assertTrue(OfflineCodes.isCodeId(n.path("codeId").asText()), n.toString());
        Code code = new Code(pin, n);
        for (String other : issued) {
            assertFalse(r.out().replace(pin, "").contains(other), "an earlier PIN in issue's answer");
        }
        issued.add(pin);
        return code;
    }

    private int events(String when, String lock) {
        return at(when, "status", "--lock", lock, "--json").ok().json().path("events").asInt();
    }

    /** enter --pin - --json with {@code pin} on standard input; asserts the exit code. */
    private JsonNode enter(String when, String lock, String pin, int exit) {
        Result r = typed(when, pin + "\n", "enter", "--lock", lock, "--pin", "-", "--json");
        assertEquals(exit, r.exit(), r::toString);
        assertEquals("", r.err());
        return r.json();
    }

    private void granted(String when, String lock, Code code) {
        JsonNode n = enter(when, lock, code.pin(), 0);
        assertEquals("GRANTED", n.path("outcome").asText());
        assertEquals("OFFLINE", n.path("userType").asText());
        assertTrue(n.has("slot") && n.path("slot").isNull(), n.toString());
        assertEquals(code.id(), n.path("offlineCode").asText());
        assertEquals(code.from().toString(), n.path("offlineFrom").asText());
        assertEquals(code.until().toString(), n.path("offlineUntil").asText());
    }

    private JsonNode denied(String when, String lock, String pin, String reason) {
        JsonNode n = enter(when, lock, pin, 3);
        assertEquals("DENIED", n.path("outcome").asText());
        assertEquals(reason, n.path("reason").asText(), n.toString());
        return n;
    }

    @Test
    void wholeFlow_key_issue_enter_oneTime_revoke_revokeAll() throws Exception {
        commission("front");
        JsonNode s = at(plus(T0, 60), "status", "--lock", "front", "--json").ok().json();
        assertEquals(10, s.path("offlineCodeLength").asInt());
        assertEquals(1, s.path("offlineKeyGeneration").asInt());
        assertEquals(0, s.path("offlineRevoked").asInt());
        assertEquals(0, s.path("offlineUsed").asInt());
        assertTrue(at(plus(T0, 60), "status", "--lock", "front").ok().out()
                .contains("offline codes: 10 digits, issuing-key generation 1 (0 revoked, 0 used"));

        // The owner's export: a new owner-only file, recorded (without the key).
        Path key1 = dir.resolve("front.key");
        Result k = at(plus(T0, 120), "offline-code", "key", "--lock", "front", "--out", key1.toString(), "--json").ok();
        assertEquals(List.of("ok", "command", "lock", "events", "out", "keyEpoch", "generation", "digits", "timeZone"),
                k.jsonKeys());
        assertEquals("offline-code key", k.json().path("command").asText());
        assertEquals("OfflineKeyExported", k.json().path("events").get(0).asText());
        assertEquals(1, k.json().path("generation").asInt());
        assertEquals("Europe/Berlin", k.json().path("timeZone").asText());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key1)));
        List<String> keyLines = Files.readAllLines(key1, StandardCharsets.UTF_8);
        assertEquals("access-offline-issuing-key 1", keyLines.get(0));
        String secret = keyLines.stream().filter(l -> l.startsWith("key ")).findFirst().orElseThrow().substring(4);
        assertTrue(secret.length() >= 40, "a 32-byte key in base64");

        // An existing file is never overwritten, and the refusal records nothing.
        int before = events(plus(T0, 130), "front");
        byte[] original = Files.readAllBytes(key1);
        at(plus(T0, 140), "offline-code", "key", "--lock", "front", "--out", key1.toString())
                .fails(2, key1 + " already exists");
        assertTrue(java.util.Arrays.equals(original, Files.readAllBytes(key1)));
        assertEquals(before, events(plus(T0, 150), "front"));

        // Issuing, with no store: the window on the grid inside the request, and several PINs per window.
        String now = plus(T0, 240);
        Code a = issue(now, key1, "--from", "2026-12-01T07:00:00Z", "--until", "2026-12-02T07:00:00Z");
        OfflineValidity fit = OfflineCodes.fitPlain(Instant.parse("2026-12-01T07:00:00Z"),
                Instant.parse("2026-12-02T07:00:00Z"), false, 0);
        assertEquals(fit.from(BERLIN), a.from());
        assertEquals(fit.until(BERLIN), a.until());
        assertEquals("front", a.json().path("lock").asText());
        assertFalse(a.json().path("oneTime").asBoolean());
        assertTrue(a.json().path("daily").isNull());
        assertEquals(0, a.json().path("variant").asInt());
        Code twin = issue(now, key1, "--from", "2026-12-01T07:00:00Z", "--until", "2026-12-02T07:00:00Z",
                "--variant", "3");
        assertEquals(a.from(), twin.from());
        assertEquals(a.until(), twin.until());
        assertNotEquals(a.pin(), twin.pin());
        assertNotEquals(a.id(), twin.id());
        Code once = issue(now, key1, "--from", "2026-12-01T08:00:00Z", "--until", "2026-12-01T12:00:00Z", "--one-time",
                "--variant", "1");
        assertTrue(once.json().path("oneTime").asBoolean());
        Code revokable = issue(now, key1, "--from", "2026-12-01T08:00:00Z", "--until", "2026-12-01T12:00:00Z",
                "--variant", "2");

        // The text answer: the PIN alone on the first line, then the code's id and window.
        Result text = run("--at", now, "offline-code", "issue", "--key", key1.toString(), "--from",
                "2026-12-01T07:00:00Z", "--until", "2026-12-02T07:00:00Z").ok();
        List<String> lines = text.out().lines().toList();
        assertEquals(2, lines.size(), text.out());
        assertEquals(a.pin(), lines.get(0), "the same request and variant: the same code");
        assertTrue(lines.get(1).startsWith("offline code " + a.id() + " for lock front: valid " + a.from() + " to "
                + a.until()), lines.get(1));
        assertTrue(lines.get(1).contains("asked for 2026-12-01T07:00:00Z to 2026-12-02T07:00:00Z"), lines.get(1));
        assertFalse(text.out().contains(secret) || printed.indexOf(secret) >= 0, "the key is never printed");

        // At the lock: granted inside the window, with the code's id and window.
        granted(a.from().toString(), "front", a);
        Result t = typed(plus(a.from().toString(), 1), a.pin() + "\n", "enter", "--lock", "front", "--pin", "-").ok();
        assertEquals("GRANTED: offline code " + a.id() + " (valid " + a.from() + " to " + a.until() + ")\n", t.out());

        // One-time: the first use consumes it.
        granted(plus(a.from().toString(), 60), "front", once);
        JsonNode reused = denied(plus(a.from().toString(), 61), "front", once.pin(), "USE_LIMIT_REACHED");
        assertEquals(once.id(), reused.path("offlineCode").asText());
        assertTrue(reused.path("offlineOneTime").asBoolean());
        assertEquals(1, at(plus(a.from().toString(), 62), "status", "--lock", "front", "--json").ok().json()
                .path("offlineUsed").asInt());

        // Revoked by typing it at the lock: denied REVOKED until its window ends.
        Result rv = typed(plus(a.from().toString(), 120), revokable.pin() + "\n", "offline-code", "revoke", "--lock", "front",
                "--pin", "-", "--json").ok();
        assertEquals(List.of("ok", "command", "lock", "events", "revoked"), rv.jsonKeys());
        assertEquals(List.of("OfflineCodeRevoked"), rv.events());
        JsonNode r0 = rv.json().path("revoked").get(0);
        assertEquals(1, rv.json().path("revoked").size());
        assertEquals(revokable.id(), r0.path("codeId").asText());
        assertEquals(revokable.from().toString(), r0.path("from").asText());
        assertEquals(revokable.until().toString(), r0.path("until").asText());
        JsonNode refused = denied(plus(a.from().toString(), 121), "front", revokable.pin(), "REVOKED");
        assertEquals(revokable.id(), refused.path("offlineCode").asText());
        Result again = typed(plus(a.from().toString(), 122), revokable.pin() + "\n", "offline-code", "revoke", "--lock",
                "front", "--pin", "-").ok();
        assertTrue(again.out().contains("no change"), again.out());
        JsonNode after = at(plus(a.from().toString(), 123), "status", "--lock", "front", "--json").ok().json();
        assertEquals(1, after.path("offlineRevoked").asInt());
        assertEquals(1, after.path("offlineUsed").asInt());

        // A PIN that is no code: refused (exit 4), the PIN not shown, nothing recorded.
        int held = events(plus(a.from().toString(), 124), "front");
        String notACode = "0000000000".equals(a.pin()) ? "0000000001" : "0000000000";
        Result none = typed(plus(a.from().toString(), 125), notACode + "\n", "offline-code", "revoke", "--lock", "front",
                "--pin", "-").fails(4, "no offline code");
        assertFalse(none.err().contains(notACode));
        typed(plus(a.from().toString(), 126), "4826\n", "offline-code", "revoke", "--lock", "front", "--pin", "-")
                .fails(4, "PIN rejected");
        assertEquals(held, events(plus(a.from().toString(), 127), "front"));

        // Revoke-all: a new issuing key; every earlier code stops opening, the new key's codes open.
        Result all = at(plus(a.from().toString(), 180), "offline-code", "revoke-all", "--lock", "front", "--json").ok();
        assertEquals(List.of("ok", "command", "lock", "events", "keyEpoch", "generation"), all.jsonKeys());
        assertEquals(List.of("AllOfflineCodesRevoked"), all.events());
        assertEquals(2, all.json().path("generation").asInt());
        assertTrue(at(plus(a.from().toString(), 181), "offline-code", "revoke-all", "--lock", "front").ok().out()
                .contains("issuers need the new key"));
        denied(plus(a.from().toString(), 182), "front", a.pin(), "UNKNOWN_CODE");
        JsonNode s3 = at(plus(a.from().toString(), 183), "status", "--lock", "front", "--json").ok().json();
        assertEquals(3, s3.path("offlineKeyGeneration").asInt());
        assertEquals(0, s3.path("offlineRevoked").asInt());
        Code stale = issue(plus(a.from().toString(), 184), key1, "--from", a.from().toString(), "--until",
                a.until().toString(), "--variant", "1");
        denied(plus(a.from().toString(), 185), "front", stale.pin(), "UNKNOWN_CODE");
        Path key3 = exportKey(plus(a.from().toString(), 186), "front", "front-3.key");
        assertTrue(Files.readAllLines(key3).contains("generation 3"));
        Code fresh = issue(plus(a.from().toString(), 187), key3, "--from", a.from().toString(), "--until",
                a.until().toString());
        granted(plus(a.from().toString(), 188), "front", fresh);

        // Neither key file holds a line the trail or status prints, nor does any answer hold a key.
        Path trail = dir.resolve("front.jsonl");
        at(plus(a.from().toString(), 200), "audit", "export", "--lock", "front", "--out", trail.toString()).ok();
        String exported = Files.readString(trail);
        String status = at(plus(a.from().toString(), 201), "status", "--lock", "front").ok().out()
                + at(plus(a.from().toString(), 201), "status", "--lock", "front", "--json").ok().out();
        List<String> outputLines = new ArrayList<>(exported.lines().toList());
        outputLines.addAll(status.lines().toList());
        for (Path file : List.of(key1, key3)) {
            for (String line : Files.readAllLines(file)) {
                assertFalse(outputLines.contains(line), () -> "the trail or status prints the key file's line " + line);
            }
            String value = Files.readAllLines(file).get(6).substring(4);
            assertFalse(exported.contains(value) || status.contains(value) || printed.indexOf(value) >= 0,
                    "an issuing key appears in an answer or the trail");
        }
        for (String pin : issued) {
            assertFalse(exported.contains(pin), "an offline PIN in the trail");
        }
        assertTrue(exported.contains("OfflineKeyExported") && exported.contains("AllOfflineCodesRevoked"), "recorded");
    }

    @Test
    void windowEdges_plainAndDaily_andTheClock_throughTheCli() {
        commission("front");
        Path key = exportKey(plus(T0, 60), "front", "front.key");
        Code plain = issue(plus(T0, 120), key, "--from", "2026-12-01T08:00:00Z", "--until", "2026-12-01T14:00:00Z");
        assertEquals(Instant.parse("2026-12-01T08:00:00Z"), plain.from());
        assertEquals(Instant.parse("2026-12-01T14:00:00Z"), plain.until());
        // Daily 09:00-17:00 Berlin (UTC+1 in December), from Tuesday to Thursday.
        Code daily = issue(plus(T0, 120), key, "--from", T0, "--until", "2026-12-04T06:00:00Z", "--daily",
                "09:00-17:00");
        assertEquals("09:00-17:00", daily.json().path("daily").asText());
        assertEquals(Instant.parse("2026-12-01T08:00:00Z"), daily.from());
        assertEquals(Instant.parse("2026-12-03T16:00:00Z"), daily.until());

        // The lock checks only the codes valid now: before its first second a code is unknown to it.
        denied("2026-12-01T07:59:59Z", "front", plain.pin(), "UNKNOWN_CODE");
        denied("2026-12-01T07:59:59Z", "front", daily.pin(), "UNKNOWN_CODE");
        granted("2026-12-01T08:00:00Z", "front", plain);
        granted("2026-12-01T08:00:00Z", "front", daily);
        granted("2026-12-01T13:59:59Z", "front", plain);
        denied("2026-12-01T14:00:00Z", "front", plain.pin(), "UNKNOWN_CODE");
        granted("2026-12-01T15:59:59Z", "front", daily);
        denied("2026-12-01T16:00:00Z", "front", daily.pin(), "UNKNOWN_CODE");
        denied("2026-12-02T07:59:59Z", "front", daily.pin(), "UNKNOWN_CODE");
        granted("2026-12-02T08:00:00Z", "front", daily);
        granted("2026-12-03T15:59:59Z", "front", daily);
        denied("2026-12-03T16:00:00Z", "front", daily.pin(), "UNKNOWN_CODE");
        denied("2026-12-04T08:00:00Z", "front", daily.pin(), "UNKNOWN_CODE");
        Result t = typed("2026-12-04T08:00:01Z", daily.pin() + "\n", "enter", "--lock", "front", "--pin", "-");
        assertEquals(3, t.exit());
        assertEquals("DENIED: UNKNOWN_CODE\n", t.out());

        // A clock set back: no offline code can be judged.
        Code later = issue("2026-12-04T09:00:00Z", key, "--from", "2026-12-04T10:00:00Z", "--until",
                "2026-12-04T12:00:00Z");
        denied("2000-01-01T00:00:00Z", "front", later.pin(), "CLOCK_UNTRUSTED");
        at("2026-12-04T10:00:00Z", "clock", "--lock", "front", "--set", "2026-12-04T10:00:00Z").ok();
        granted("2026-12-04T10:00:01Z", "front", later);
    }

    @Test
    void issue_refusesBadInput_exit2_namingTheValue_neverAPinOrKey() throws Exception {
        commission("front");
        Path key = exportKey(plus(T0, 60), "front", "front.key");
        String secret = Files.readAllLines(key).get(6).substring(4);
        String now = plus(T0, 120);
        Path missing = dir.resolve("missing.key");
        Path garbage = dir.resolve("garbage.key");
        Files.writeString(garbage, "access-offline-issuing-key 1\nlock front\n");
        Path tooLong = dir.resolve("long.key");
        Files.write(tooLong, new byte[OfflineKeyFile.MAX_BYTES + 1]);

        String[][] cases = {
            {missing.toString(), "2026-12-01T08:00:00Z", "2026-12-01T10:00:00Z", missing.toString()},
            {garbage.toString(), "2026-12-01T08:00:00Z", "2026-12-01T10:00:00Z", garbage + " is not usable"},
            {tooLong.toString(), "2026-12-01T08:00:00Z", "2026-12-01T10:00:00Z", tooLong.toString()},
            {dir.toString(), "2026-12-01T08:00:00Z", "2026-12-01T10:00:00Z", dir + ": it is a directory"},
            {key.toString(), "tomorrow", "2026-12-01T10:00:00Z", "'tomorrow'"},
            {key.toString(), "2026-12-01T08:00:00Z", "2026-12-01T25:00:00Z", "2026-12-01T25:00:00Z"},
            {key.toString(), "2026-12-01T10:00:00Z", "2026-12-01T08:00:00Z",
                "--until 2026-12-01T08:00:00Z is not after --from 2026-12-01T10:00:00Z"},
            {key.toString(), "2026-12-01T08:00:00Z", "2027-12-03T08:00:00Z",
                "--from 2026-12-01T08:00:00Z to --until 2027-12-03T08:00:00Z is longer than 366 days"},
            {key.toString(), "2027-12-03T08:00:00Z", "2027-12-04T08:00:00Z",
                "--from 2027-12-03T08:00:00Z starts more than 366 days after now (2026-12-01T06:02:00Z)"},
            {key.toString(), "2026-11-01T08:00:00Z", "2026-11-02T08:00:00Z",
                "--until 2026-11-02T08:00:00Z is not after now"},
            {key.toString(), "2026-12-01T08:10:00Z", "2026-12-01T08:50:00Z", "holds no whole UTC hour"},
        };
        for (String[] c : cases) {
            Result r = run("--at", now, "--json", "offline-code", "issue", "--key", c[0], "--from", c[1], "--until", c[2]);
            r.fails(2, c[3]);
            assertTrue(r.err().startsWith("lockctl: offline-code issue: "), r.err());
            assertFalse(r.err().contains(secret) || r.err().contains("Exception"), r.err());
        }
        String[][] options = {
            {"--daily", "22:00-02:00", "--daily 22:00-02:00 crosses midnight"},
            {"--daily", "09:30-10:15", "--daily 09:30-10:15 holds no whole hour"},
            {"--daily", "9-17", "'9-17'"},
            {"--one-time", "--daily=09:00-17:00", "--one-time cannot go with --daily 09:00-17:00"},
            {"--variant", "4", "--variant 4 is out of range: a plain code has variants 0 to 3"},
            {"--variant", "-1", "--variant -1 is out of range"},
            {"--variant=2", "--daily=09:00-17:00", "--variant 2 is out of range: a daily code has variants 0 to 1"},
            {"--daily", "11:00-12:00", "no whole day's hours 11:00-12:00"},
        };
        for (String[] o : options) {
            Result r = run("--at", now, "offline-code", "issue", "--key", key.toString(), "--from", T0, "--until",
                    "2026-12-01T09:30:00Z", o[0], o[1]);
            r.fails(2, o[2]);
            assertFalse(r.err().contains(secret), r.err());
        }

        // A key file others may read still issues, with a warning.
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        Result shared = run("--at", now, "offline-code", "issue", "--key", key.toString(), "--from",
                "2026-12-01T08:00:00Z", "--until", "2026-12-01T10:00:00Z");
        assertEquals(0, shared.exit(), shared.toString());
        assertTrue(shared.err().startsWith("lockctl: warning: the key file " + key + " may be read by others"),
                shared.err());
        assertFalse(shared.err().contains(secret));
    }

    @Test
    void commission_offlineLength_statusAndRefusals() throws Exception {
        commission("long", "--offline-length", "12");
        JsonNode s = at(plus(T0, 1), "status", "--lock", "long", "--json").ok().json();
        assertEquals(12, s.path("offlineCodeLength").asInt());
        Path key = exportKey(plus(T0, 2), "long", "long.key");
        assertTrue(Files.readAllLines(key).contains("digits 12"));
        Result r = run("--at", plus(T0, 3), "--json", "offline-code", "issue", "--key", key.toString(), "--from",
                "2026-12-01T08:00:00Z", "--until", "2026-12-01T10:00:00Z").ok();
        String pin = r.json().path("pin").asText();
        assertTrue(pin.matches("[0-9]{12}"), "a 12-digit PIN");
        issued.add(pin);
        JsonNode g = enter("2026-12-01T08:00:00Z", "long", pin, 0);
        assertEquals("OFFLINE", g.path("userType").asText());

        // No offline codes: status says so; key, revoke-all and revoke are refused (exit 4), nothing written.
        commission("none", "--offline-length", "0");
        JsonNode n = at(plus(T0, 1), "status", "--lock", "none", "--json").ok().json();
        assertEquals(0, n.path("offlineCodeLength").asInt());
        assertTrue(n.path("offlineKeyGeneration").isNull());
        assertTrue(at(plus(T0, 1), "status", "--lock", "none").ok().out().contains("offline codes: none\n"));
        int held = n.path("events").asInt();
        Path nokey = dir.resolve("none.key");
        at(plus(T0, 2), "offline-code", "key", "--lock", "none", "--out", nokey.toString())
                .fails(4, "takes no offline codes");
        assertFalse(Files.exists(nokey), "no file is left behind");
        at(plus(T0, 3), "offline-code", "revoke-all", "--lock", "none").fails(4, "takes no offline codes");
        typed(plus(T0, 4), "0123456789\n", "offline-code", "revoke", "--lock", "none", "--pin", "-")
                .fails(4, "takes no offline codes");
        assertEquals(held, events(plus(T0, 5), "none"));
        at(plus(T0, 6), "offline-code", "key", "--lock", "ghost", "--out", nokey.toString())
                .fails(4, "NOT_COMMISSIONED");
        assertFalse(Files.exists(nokey));

        // A user-code length, or a length outside 10 to 16: refused by the lock, nothing recorded.
        at(T0, "commission", "--lock", "clash", "--master-pin", MASTER, "--max-pin-length", "12", "--offline-length",
                "10").fails(4, "INVALID_ARGUMENT: the offline code length 10 is also a user-code length (4 to 12)");
        at(T0, "commission", "--lock", "clash", "--master-pin", MASTER, "--offline-length", "8")
                .fails(4, "10 to 16 digits");
        at(T0, "commission", "--lock", "clash", "--master-pin", MASTER, "--offline-length", "17")
                .fails(4, "10 to 16 digits");
        at(T0, "commission", "--lock", "clash", "--master-pin", MASTER, "--offline-length", "-1")
                .fails(2, "--offline-length must not be negative, was -1");
        at(T0, "status", "--lock", "clash").fails(4, "NOT_COMMISSIONED");
    }
}
