package dev.access.cli;

import static dev.access.cli.CliRun.run;
import static dev.access.cli.CliRun.runWithInput;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.access.core.audit.AccessReport;
import dev.access.crypto.TrailPublicKey;
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
 * Every lockctl command in this JVM through {@link LockCtl#run}: exit codes, JSON shapes, one-line
 * errors, and that a refused command or a usage error leaves the store as it was.
 */
class LockCtlTest {
    /** A Tuesday, 07:00 in Berlin. */
    private static final String T0 = "2026-12-01T06:00:00Z";
    private static final String MASTER = "97531864";

    @TempDir
    Path dir;

    private String data;

    @BeforeEach
    void setUp() {
        data = dir.resolve("data").toString();
    }

    /** lockctl --data DIR --at AT args... */
    private Result at(String instant, String... args) {
        return run(Stream.concat(Stream.of("--data", data, "--at", instant), Stream.of(args)).toArray(String[]::new));
    }

    private Result lc(String... args) {
        return at(T0, args);
    }

    private static String plus(String instant, long seconds) {
        return Instant.parse(instant).plusSeconds(seconds).toString();
    }

    private void commission(String lock, String... extra) {
        List<String> args = new ArrayList<>(List.of("commission", "--lock", lock, "--master-pin", MASTER));
        args.addAll(List.of(extra));
        lc(args.toArray(String[]::new)).ok();
    }

    private int events(String lock) {
        Result r = lc("status", "--lock", lock, "--json");
        if (r.exit() == ExitCodes.REJECTED && r.err().contains("NOT_COMMISSIONED")) {
            return 0;
        }
        return r.ok().json().path("events").asInt();
    }

    private JsonNode enter(String when, String lock, String digits, int expectedExit, String... extra) {
        List<String> args = new ArrayList<>(List.of("enter", "--lock", lock, "--pin", digits, "--json"));
        args.addAll(List.of(extra));
        Result r = at(when, args.toArray(String[]::new));
        assertEquals(expectedExit, r.exit(), () -> r.toString());
        assertEquals("", r.err());
        return r.json();
    }

    private void denied(String when, String lock, String digits, String reason) {
        JsonNode n = enter(when, lock, digits, ExitCodes.DENIED);
        assertEquals("DENIED", n.path("outcome").asText());
        assertEquals(reason, n.path("reason").asText(), n.toString());
        assertEquals(lock, n.path("lock").asText());
    }

    @Test
    void commission_thenStatus_textAndJson() {
        Result c = lc("commission", "--lock", "front", "--master-pin", MASTER, "--zone", "Europe/Berlin");
        c.ok();
        assertEquals("commission: lock front: LockCommissioned, CodeAdded\n", c.out());

        Result s = lc("status", "--lock", "front", "--json").ok();
        assertEquals(List.of("lock", "at", "commissioned", "model", "serial", "firmware", "timeZone", "minPinLength",
                "maxPinLength", "wrongCodeLimit", "lockoutSeconds", "mode", "modeSince", "modeSetBy", "lockedOut",
                "lockedOutUntil", "keypadDisabled", "keypadDisabledAt", "consecutiveWrongCodes", "clockTrusted",
                "clockFloor", "batteryPercent", "batteryLevel", "keyEpoch", "factoryResets", "backend", "offlineCodeLength",
                "offlineKeyGeneration", "offlineRevoked", "offlineUsed", "codes", "events"),
                s.jsonKeys());
        JsonNode n = s.json();
        assertTrue(n.path("commissioned").asBoolean());
        assertEquals("Europe/Berlin", n.path("timeZone").asText());
        assertEquals("NORMAL", n.path("mode").asText());
        assertFalse(n.path("lockedOut").asBoolean());
        assertTrue(n.path("lockedOutUntil").isNull());
        assertTrue(n.path("clockTrusted").asBoolean());
        assertTrue(n.path("batteryPercent").isNull());
        assertEquals(2, n.path("events").asInt());
        assertEquals(1, n.path("codes").size());
        JsonNode master = n.path("codes").get(0);
        assertEquals(0, master.path("slot").asInt());
        assertEquals("PROGRAMMING", master.path("type").asText());
        assertEquals("enabled", master.path("status").asText());
        assertFalse(s.out().contains("digest"), s.out());

        String text = lc("status", "--lock", "front").ok().out();
        assertTrue(text.contains("lock front: commissioned"), text);
        assertTrue(text.contains("mode: NORMAL"), text);
        assertTrue(text.contains("keypad: enabled"), text);
        assertTrue(text.contains("clock: trusted"), text);
        assertTrue(text.contains("battery: not reported"), text);
        assertTrue(text.contains("slot 0     PROGRAMMING"), text);
        assertTrue(text.contains("trail: 2 events"), text);
    }

    @Test
    void commission_refusalsAndUsageErrors_recordNothing() {
        commission("front");
        lc("commission", "--lock", "front", "--master-pin", "5179").fails(4, "ALREADY_COMMISSIONED");
        assertEquals(2, events("front"));

        lc("commission", "--lock", "back", "--master-pin", "48a6").fails(4, "PIN rejected (NOT_DIGITS)");
        lc("commission", "--lock", "back", "--master-pin", "123").fails(4, "PIN rejected (TOO_SHORT)");
        lc("commission", "--lock", "back", "--master-pin", "5179", "--min-pin-length", "6")
                .fails(4, "PIN rejected (TOO_SHORT)");
        lc("commission", "--lock", "back", "--master-pin", "5179", "--min-pin-length", "0").fails(4, "INVALID_ARGUMENT");
        lc("commission", "--lock", "back", "--master-pin", "5179", "--wrong-code-limit", "0")
                .fails(4, "INVALID_ARGUMENT");
        lc("commission", "--lock", "back", "--master-pin", "5179", "--zone", "Mars/Olympus").fails(4, "time zone");
        lc("commission", "--lock", "back", "--master-pin", "5179", "--wrong-code-limit", "-1")
                .fails(2, "--wrong-code-limit must not be negative");
        lc("commission", "--lock", "back", "--master-pin", "5179", "--lockout", "-5").fails(2, "--lockout must not be negative");
        lc("commission", "--lock", "back", "--master-pin", "5179", "--max-pin-length", "-8").fails(2, "negative");
        lc("commission", "--lock", "back").fails(2, "--master-pin");
        lc("commission", "--lock", "bad id!", "--master-pin", "5179").fails(2, "invalid lock id");
        assertEquals(0, events("back"));
        lc("status", "--lock", "back").fails(4, "NOT_COMMISSIONED");

        lc("commission", "--lock", "back", "--master-pin", "5179", "--min-pin-length", "4", "--max-pin-length", "6",
                "--wrong-code-limit", "3", "--lockout", "30").ok();
        JsonNode s = lc("status", "--lock", "back", "--json").ok().json();
        assertEquals(6, s.path("maxPinLength").asInt());
        assertEquals(3, s.path("wrongCodeLimit").asInt());
        assertEquals(30, s.path("lockoutSeconds").asInt());
    }

    @Test
    void codeAdd_everyType_andItsRules() {
        commission("front", "--zone", "Europe/Berlin");
        assertEquals(List.of("CodeAdded"), lc("code", "add", "--lock", "front", "--slot", "1", "--pin", "4826",
                "--name", "alice", "--json").ok().events());
        lc("code", "add", "--lock", "front", "--slot", "2", "--pin", "7305", "--name", "cleaner",
                "--type", "week-day-schedule", "--days", "MON-FRI", "--hours", "09:00-12:00").ok();
        lc("code", "add", "--lock", "front", "--slot", "3", "--pin", "1593", "--type", "disposable").ok();
        lc("code", "add", "--lock", "front", "--slot", "4", "--pin", "4827", "--type", "forced", "--name", "duress").ok();
        lc("code", "add", "--lock", "front", "--slot", "5", "--pin", "3141", "--type", "non-access").ok();
        lc("code", "add", "--lock", "front", "--slot", "6", "--pin", "2718", "--type", "remote-only").ok();
        lc("code", "add", "--lock", "front", "--slot", "7", "--pin", "6912", "--type", "expiring",
                "--expire-after-first-use", "3600").ok();
        lc("code", "add", "--lock", "front", "--slot", "8", "--pin", "5821", "--from", "2027-01-01T00:00:00Z",
                "--until", "2027-02-01T00:00:00Z", "--max-uses", "3", "--days", "sat,sun", "--hours", "10:00-24:00").ok();
        Result add = lc("code", "add", "--lock", "front", "--slot", "9", "--pin", "9402", "--name", "guest");
        assertEquals("code add: lock front: CodeAdded\n", add.ok().out());

        JsonNode codes = lc("status", "--lock", "front", "--json").ok().json().path("codes");
        assertEquals(10, codes.size());
        assertEquals("WEEK_DAY_SCHEDULE", codes.get(2).path("type").asText());
        assertEquals("[\"MON\",\"TUE\",\"WED\",\"THU\",\"FRI\"]", codes.get(2).path("schedules").get(0).path("days").toString());
        assertEquals("09:00", codes.get(2).path("schedules").get(0).path("from").asText());
        assertEquals("DISPOSABLE", codes.get(3).path("type").asText());
        assertEquals(1, codes.get(3).path("maxUses").asInt());
        assertEquals("FORCED", codes.get(4).path("type").asText());
        assertEquals("NON_ACCESS", codes.get(5).path("type").asText());
        assertEquals("REMOTE_ONLY", codes.get(6).path("type").asText());
        assertEquals("EXPIRING", codes.get(7).path("type").asText());
        assertEquals(3600, codes.get(7).path("expireAfterFirstUseSeconds").asInt());
        JsonNode c8 = codes.get(8);
        assertEquals("2027-01-01T00:00:00Z", c8.path("validFrom").asText());
        assertEquals("2027-02-01T00:00:00Z", c8.path("validUntil").asText());
        assertEquals(3, c8.path("maxUses").asInt());
        assertEquals("[\"SAT\",\"SUN\"]", c8.path("schedules").get(0).path("days").toString());
        assertEquals("24:00", c8.path("schedules").get(0).path("until").asText());
        for (JsonNode c : codes) {
            assertEquals("enabled", c.path("status").asText(), c.toString());
        }
        String text = lc("status", "--lock", "front").ok().out();
        assertTrue(text.contains("cleaner  [MON,TUE,WED,THU,FRI 09:00-12:00]"), text);
    }

    @Test
    void codeAdd_refusalsAndUsageErrors_recordNothing() {
        commission("front");
        lc("code", "add", "--lock", "front", "--slot", "1", "--pin", "4826").ok();
        int before = events("front");
        lc("code", "add", "--lock", "front", "--slot", "2", "--pin", "4826").fails(4, "DUPLICATE");
        lc("code", "add", "--lock", "front", "--slot", "1", "--pin", "7305").fails(4, "SLOT_OCCUPIED");
        lc("code", "add", "--lock", "front", "--slot", "0", "--pin", "7305").fails(4, "MASTER_SLOT");
        lc("code", "add", "--lock", "front", "--slot", "70000", "--pin", "7305").fails(4, "INVALID_ARGUMENT");
        lc("code", "add", "--lock", "front", "--slot", "2", "--pin", "48a6").fails(4, "NOT_DIGITS");
        lc("code", "add", "--lock", "front", "--slot", "2", "--pin", "730512345").fails(4, "TOO_LONG");
        lc("code", "add", "--lock", "front", "--slot", "2", "--pin", "7305", "--type", "expiring")
                .fails(4, "INVALID_ARGUMENT");
        lc("code", "add", "--lock", "front", "--slot", "2", "--pin", "7305", "--from", "2027-01-01T00:00:00Z",
                "--until", "2026-01-01T00:00:00Z").fails(4, "INVALID_ARGUMENT");
        lc("code", "add", "--lock", "front", "--slot", "2", "--pin", "7305", "--max-uses", "0").fails(4, "maxUses");
        lc("code", "add", "--lock", "front", "--slot", "2", "--pin", "7305", "--days", "MON")
                .fails(2, "--days and --hours");
        lc("code", "add", "--lock", "front", "--slot", "2", "--pin", "7305", "--hours", "09:00-10:00")
                .fails(2, "--days and --hours");
        lc("code", "add", "--lock", "front", "--slot", "2", "--pin", "7305", "--days", "MON", "--hours", "10:00-09:00")
                .fails(4, "INVALID_ARGUMENT");
        lc("code", "add", "--lock", "front", "--slot", "2", "--pin", "7305", "--days", "FUNDAY", "--hours", "09:00-10:00")
                .fails(2, "not a list of days");
        lc("code", "add", "--lock", "front", "--slot", "2", "--pin", "7305", "--days", "MON", "--hours", "9-10")
                .fails(2, "not a time range");
        lc("code", "add", "--lock", "front", "--slot", "-2", "--pin", "7305").fails(2, "--slot must not be negative");
        lc("code", "add", "--lock", "front", "--slot", "2", "--pin", "7305", "--max-uses", "-1").fails(2, "negative");
        lc("code", "add", "--lock", "front", "--slot", "2", "--pin", "7305", "--expire-after-first-use", "-60")
                .fails(2, "negative");
        lc("code", "add", "--lock", "front", "--slot", "two", "--pin", "7305").fails(2, "--slot");
        lc("code", "add", "--lock", "front", "--slot", "2", "--pin", "7305", "--from", "tomorrow")
                .fails(2, "not an ISO-8601 instant");
        lc("code", "add", "--lock", "front", "--slot", "2", "--pin", "7305", "--type", "programming")
                .fails(2, "is not one of");
        lc("code", "add", "--lock", "front", "--slot", "2", "--pin", "7305", "--type", "vip").fails(2, "is not one of");
        lc("code", "add", "--lock", "front", "--slot", "2").fails(2, "--pin");
        lc("code", "add", "--lock", "nowhere", "--slot", "2", "--pin", "7305").fails(4, "NOT_COMMISSIONED");
        lc("--json", "code", "add", "--lock", "front", "--slot", "2", "--pin", "4826").fails(4, "DUPLICATE");
        assertEquals(before, events("front"));
        assertEquals(0, events("nowhere"));
    }

    @Test
    void codeChangeSuspendResumeRemove() {
        commission("front");
        lc("code", "add", "--lock", "front", "--slot", "1", "--pin", "4826").ok();
        assertEquals(List.of("CodeChanged"),
                lc("code", "change", "--lock", "front", "--slot", "1", "--pin", "8642", "--json").ok().events());
        denied(T0, "front", "4826", "UNKNOWN_CODE");
        enter(T0, "front", "8642", 0);
        assertEquals(List.of(), lc("code", "change", "--lock", "front", "--slot", "1", "--pin", "8642", "--json")
                .ok().events());

        assertEquals(List.of("CodeSuspended"),
                lc("code", "suspend", "--lock", "front", "--slot", "1", "--json").ok().events());
        denied(T0, "front", "8642", "SUSPENDED");
        assertEquals("suspended", lc("status", "--lock", "front", "--json").ok().json().path("codes").get(1)
                .path("status").asText());
        assertEquals("code suspend: lock front: no change (nothing to record)\n",
                lc("code", "suspend", "--lock", "front", "--slot", "1").ok().out());
        assertEquals(List.of("CodeResumed"),
                lc("code", "resume", "--lock", "front", "--slot", "1", "--json").ok().events());
        enter(T0, "front", "8642", 0);
        assertEquals(List.of("CodeRemoved"),
                lc("code", "remove", "--lock", "front", "--slot", "1", "--json").ok().events());
        denied(T0, "front", "8642", "UNKNOWN_CODE");

        int before = events("front");
        lc("code", "remove", "--lock", "front", "--slot", "1").fails(4, "UNKNOWN_SLOT");
        lc("code", "resume", "--lock", "front", "--slot", "9").fails(4, "UNKNOWN_SLOT");
        lc("code", "change", "--lock", "front", "--slot", "9", "--pin", "8643").fails(4, "UNKNOWN_SLOT");
        lc("code", "suspend", "--lock", "front", "--slot", "0").fails(4, "MASTER_SLOT");
        lc("code", "suspend", "--lock", "front", "--slot", "-1").fails(2, "negative");
        lc("code", "change", "--lock", "front", "--slot", "0", "--pin", "48a6").fails(4, "NOT_DIGITS");
        lc("code", "frobnicate", "--lock", "front").fails(2, "unknown command 'frobnicate'");
        lc("code").fails(2, "missing subcommand");
        assertEquals(before, events("front"));

        lc("code", "change", "--lock", "front", "--slot", "0", "--pin", "8643").ok();
        enter(T0, "front", "8643", 0);
    }

    @Test
    void enter_jsonShapes_andEveryDenialReason() {
        commission("front", "--zone", "Europe/Berlin", "--wrong-code-limit", "100");
        lc("code", "add", "--lock", "front", "--slot", "1", "--pin", "4826", "--name", "alice").ok();
        lc("code", "add", "--lock", "front", "--slot", "2", "--pin", "7305", "--days", "MON-FRI", "--hours",
                "09:00-12:00").ok();
        lc("code", "add", "--lock", "front", "--slot", "3", "--pin", "1593", "--type", "disposable").ok();
        lc("code", "add", "--lock", "front", "--slot", "4", "--pin", "4827", "--type", "forced").ok();
        lc("code", "add", "--lock", "front", "--slot", "5", "--pin", "3141", "--type", "non-access").ok();
        lc("code", "add", "--lock", "front", "--slot", "6", "--pin", "2718", "--type", "remote-only").ok();
        lc("code", "add", "--lock", "front", "--slot", "7", "--pin", "5821", "--from", "2027-01-01T00:00:00Z").ok();
        lc("code", "add", "--lock", "front", "--slot", "8", "--pin", "9402", "--until", "2026-12-01T06:30:00Z").ok();

        Result granted = lc("enter", "--lock", "front", "--pin", "4826", "--json");
        assertEquals(0, granted.exit());
        assertEquals(List.of("outcome", "lock", "slot", "userType", "source", "at"), granted.jsonKeys());
        assertEquals("{\"outcome\":\"GRANTED\",\"lock\":\"front\",\"slot\":1,\"userType\":\"UNRESTRICTED\","
                + "\"source\":\"KEYPAD\",\"at\":\"2026-12-01T06:00:00Z\"}", granted.out().strip());
        assertEquals("GRANTED: slot 1 (UNRESTRICTED)\n", lc("enter", "--lock", "front", "--pin", "4826").ok().out());

        Result unknown = lc("enter", "--lock", "front", "--pin", "7788", "--json");
        assertEquals(3, unknown.exit());
        assertEquals(List.of("outcome", "lock", "reason", "source", "at"), unknown.jsonKeys());
        Result text = lc("enter", "--lock", "front", "--pin", "7788");
        assertEquals(3, text.exit());
        assertEquals("DENIED: UNKNOWN_CODE\n", text.out());
        assertEquals("", text.err());

        denied(T0, "front", "48a6", "MALFORMED");
        denied(T0, "front", "12", "MALFORMED");
        denied(T0, "front", "7305", "OUTSIDE_SCHEDULE");
        assertEquals(2, enter(T0, "front", "7305", 3).path("slot").asInt());
        denied(T0, "front", "5821", "NOT_YET_VALID");
        denied("2026-12-01T07:00:00Z", "front", "9402", "EXPIRED");
        denied("2026-12-01T07:00:00Z", "front", "3141", "NON_ACCESS");
        denied("2026-12-01T07:00:00Z", "front", "2718", "MODE_FORBIDS");
        JsonNode remote = enter("2026-12-01T07:00:00Z", "front", "2718", 0, "--source", "remote");
        assertEquals("REMOTE", remote.path("source").asText());
        JsonNode duress = enter("2026-12-01T07:00:00Z", "front", "4827", 0);
        assertEquals("GRANTED", duress.path("outcome").asText());
        assertEquals("FORCED", duress.path("userType").asText());
        enter("2026-12-01T07:00:00Z", "front", "1593", 0);
        denied("2026-12-01T07:01:00Z", "front", "1593", "USE_LIMIT_REACHED");
        JsonNode used = lc("status", "--lock", "front", "--json", "--at", "2026-12-01T07:02:00Z").ok().json();
        assertEquals("used-up", used.path("codes").get(3).path("status").asText());
        assertEquals("expired", used.path("codes").get(8).path("status").asText());

        assertEquals(List.of("ModeChanged"), at("2026-12-01T07:03:00Z", "mode", "--lock", "front", "privacy", "--json")
                .ok().events());
        denied("2026-12-01T07:04:00Z", "front", "4826", "MODE_FORBIDS");
        at("2026-12-01T07:05:00Z", "mode", "--lock", "front", "vacation").ok();
        denied("2026-12-01T07:06:00Z", "front", "4826", "MODE_FORBIDS");
        enter("2026-12-01T07:06:00Z", "front", MASTER, 0);
        at("2026-12-01T07:07:00Z", "mode", "--lock", "front", "normal").ok();

        at("2026-12-01T07:08:00Z", "battery", "--lock", "front", "--percent", "3").ok();
        denied("2026-12-01T07:09:00Z", "front", "4826", "INSUFFICIENT_BATTERY");
        at("2026-12-01T07:10:00Z", "battery", "--lock", "front", "--percent", "80").ok();
        enter("2026-12-01T08:30:00Z", "front", "7305", 0);

        // The clock goes back: time-bound codes cannot be checked, permanent ones still open.
        denied("2000-01-01T00:00:00Z", "front", "7305", "CLOCK_UNTRUSTED");
        enter("2000-01-01T00:00:01Z", "front", "4826", 0);
        assertFalse(at("2000-01-01T00:00:02Z", "status", "--lock", "front", "--json").ok().json()
                .path("clockTrusted").asBoolean());
        at("2026-12-01T08:40:00Z", "clock", "--lock", "front", "--set", "2026-12-01T08:40:00Z").ok();
        enter("2026-12-01T08:41:00Z", "front", "7305", 0);
    }

    @Test
    void lockout_startsAtTheLimit_isRecorded_andClears() {
        commission("front", "--wrong-code-limit", "3", "--lockout", "60");
        lc("code", "add", "--lock", "front", "--slot", "1", "--pin", "4826").ok();
        JsonNode first = enter("2026-12-01T06:01:00Z", "front", "7788", 3);
        assertTrue(first.path("lockedOutUntil").isMissingNode(), first.toString());
        enter("2026-12-01T06:01:01Z", "front", "7788", 3);
        JsonNode third = enter("2026-12-01T06:01:02Z", "front", "7788", 3);
        assertEquals("UNKNOWN_CODE", third.path("reason").asText());
        assertEquals("2026-12-01T06:02:02Z", third.path("lockedOutUntil").asText());
        Result during = at("2026-12-01T06:01:30Z", "enter", "--lock", "front", "--pin", "4826", "--json");
        assertEquals(3, during.exit());
        assertEquals(List.of("outcome", "lock", "reason", "lockedOutUntil", "source", "at"), during.jsonKeys());
        assertEquals("LOCKED_OUT", during.json().path("reason").asText());
        Result duringText = at("2026-12-01T06:01:31Z", "enter", "--lock", "front", "--pin", "4826");
        assertEquals("DENIED: LOCKED_OUT; keypad locked out until 2026-12-01T06:02:02Z\n", duringText.out());

        JsonNode s = at("2026-12-01T06:01:40Z", "status", "--lock", "front", "--json").ok().json();
        assertTrue(s.path("lockedOut").asBoolean());
        assertEquals("2026-12-01T06:02:02Z", s.path("lockedOutUntil").asText());
        assertTrue(at("2026-12-01T06:01:40Z", "status", "--lock", "front").ok().out()
                .contains("keypad: LOCKED OUT until 2026-12-01T06:02:02Z"));
        enter("2026-12-01T06:02:02Z", "front", "4826", 0);

        for (int i = 0; i < 3; i++) {
            enter("2026-12-01T06:03:0" + i + "Z", "front", "7788", 3);
        }
        assertEquals(List.of("LockoutCleared"), at("2026-12-01T06:03:10Z", "clear-lockout", "--lock", "front", "--by",
                "admin", "--json").ok().events());
        enter("2026-12-01T06:03:11Z", "front", "4826", 0);
        assertEquals(List.of(), at("2026-12-01T06:03:12Z", "clear-lockout", "--lock", "front", "--json").ok().events());
    }

    @Test
    void deviceCommands_modeBatteryDeviceFirmwareClock() {
        commission("front");
        assertEquals(List.of("ModeChanged"), lc("mode", "--lock", "front", "vacation", "--by", "owner", "--json")
                .ok().events());
        assertEquals(List.of(), lc("mode", "--lock", "front", "vacation", "--json").ok().events());
        lc("mode", "--lock", "front", "no-remote").ok();
        lc("mode", "--lock", "front", "passage").ok();
        JsonNode st = lc("status", "--lock", "front", "--json").ok().json();
        assertEquals("PASSAGE", st.path("mode").asText());
        assertEquals("local", st.path("modeSetBy").asText(), "--by defaults to local");

        assertEquals(List.of("BatteryReported"), lc("battery", "--lock", "front", "--percent", "15", "--json")
                .ok().events());
        assertEquals(List.of("DeviceEventReported", "AlarmRaised"),
                lc("device", "--lock", "front", "door-forced", "--json").ok().events());
        lc("device", "--lock", "front", "jammed").ok();
        lc("device", "--lock", "front", "tamper").ok();
        lc("device", "--lock", "front", "restarted").ok();
        assertEquals(List.of("FirmwareUpdated"), lc("firmware", "--lock", "front", "--version", "2.0.1", "--json")
                .ok().events());
        assertEquals(List.of("ClockSet"), lc("clock", "--lock", "front", "--set", "2026-12-01T06:30:00Z", "--json")
                .ok().events());
        JsonNode s = lc("status", "--lock", "front", "--json").ok().json();
        assertEquals(15, s.path("batteryPercent").asInt());
        assertEquals("LOW", s.path("batteryLevel").asText());
        assertEquals("2.0.1", s.path("firmware").asText());
        assertEquals("2026-12-01T06:30:00Z", s.path("clockFloor").asText());

        int before = events("front");
        lc("mode", "--lock", "front", "sideways").fails(2, "is not one of");
        lc("mode", "--lock", "front").fails(2, "MODE");
        lc("battery", "--lock", "front", "--percent", "-5").fails(2, "--percent must not be negative");
        lc("battery", "--lock", "front", "--percent", "101").fails(4, "INVALID_ARGUMENT");
        lc("device", "--lock", "front", "exploded").fails(2, "is not one of");
        lc("firmware", "--lock", "front").fails(2, "--version");
        lc("firmware", "--lock", "front", "--version", " ").fails(4, "INVALID_ARGUMENT");
        lc("clock", "--lock", "front", "--set", "yesterday").fails(2, "not an ISO-8601 instant");
        lc("clock", "--lock", "unknown", "--set", T0).fails(4, "NOT_COMMISSIONED");
        lc("battery", "--lock", "unknown", "--percent", "50").fails(4, "NOT_COMMISSIONED");
        assertEquals(before, events("front"));
        assertEquals(0, events("unknown"));
    }

    @Test
    void reset_erasesEverything_andOldCodesNeverOpenAgain() {
        commission("front");
        lc("code", "add", "--lock", "front", "--slot", "1", "--pin", "4826").ok();
        int before = events("front");
        lc("reset", "--lock", "front").fails(2, "--factory");
        lc("reset", "--lock", "other", "--factory").fails(4, "NOT_COMMISSIONED");
        assertEquals(0, events("other"));
        assertEquals(before, events("front"));

        assertEquals(List.of("FactoryResetPerformed", "AlarmRaised"),
                lc("reset", "--lock", "front", "--factory", "--json").ok().events());
        JsonNode s = lc("status", "--lock", "front", "--json").ok().json();
        assertFalse(s.path("commissioned").asBoolean());
        assertEquals(0, s.path("codes").size());
        assertEquals(1, s.path("factoryResets").asInt());
        assertEquals(2, s.path("keyEpoch").asInt());
        assertTrue(lc("status", "--lock", "front").ok().out().contains("not commissioned (factory reset 1 time(s))"));
        lc("enter", "--lock", "front", "--pin", "4826").fails(4, "NOT_COMMISSIONED");
        lc("code", "add", "--lock", "front", "--slot", "1", "--pin", "4826").fails(4, "NOT_COMMISSIONED");

        lc("commission", "--lock", "front", "--master-pin", "5179").ok();
        denied(T0, "front", "4826", "UNKNOWN_CODE");
        denied(T0, "front", MASTER, "UNKNOWN_CODE");
    }

    @Test
    void pinFromStandardInput() {
        runWithInput(MASTER + "\n", "--data", data, "--at", T0, "commission", "--lock", "front", "--master-pin", "-")
                .ok();
        runWithInput("4826\r\n", "--data", data, "--at", T0, "code", "add", "--lock", "front", "--slot", "1",
                "--pin", "-").ok();
        Result r = runWithInput("4826", "--data", data, "--at", T0, "enter", "--lock", "front", "--pin", "-", "--json");
        assertEquals(0, r.exit(), r.toString());
        assertEquals(1, r.json().path("slot").asInt());
        runWithInput("8642\nextra\n", "--data", data, "--at", T0, "code", "change", "--lock", "front", "--slot", "1",
                "--pin", "-").ok();
        assertEquals(0, runWithInput("8642\n", "--data", data, "--at", T0, "enter", "--lock", "front", "--pin", "-")
                .exit());

        int before = events("front");
        runWithInput(null, "--data", data, "--at", T0, "enter", "--lock", "front", "--pin", "-")
                .fails(2, "standard input is empty");
        runWithInput("1".repeat(300) + "\n", "--data", data, "--at", T0, "enter", "--lock", "front", "--pin", "-")
                .fails(2, "longer than");
        runWithInput("48a6\n", "--data", data, "--at", T0, "code", "add", "--lock", "front", "--slot", "2", "--pin", "-")
                .fails(4, "NOT_DIGITS");
        assertEquals(before, events("front"));
        Result empty = runWithInput("\n", "--data", data, "--at", T0, "enter", "--lock", "front", "--pin", "-", "--json");
        assertEquals(3, empty.exit());
        assertEquals("MALFORMED", empty.json().path("reason").asText());
    }

    @Test
    void usageErrors_areOneLine_exit2_andOpenNothing() {
        run().fails(2, "missing command");
        run("frobnicate").fails(2, "unknown command 'frobnicate'");
        run("--data", data, "status", "--lock", "front", "--frob").fails(2, "status: unknown option '--frob'");
        run("--frob=1234", "status", "--lock", "front").fails(2, "unknown option '--frob'");
        run("--data", data, "enter", "--lock", "front", "--pin", "4826", "5179")
                .fails(2, "enter: unexpected argument (not shown: it contains digits)");
        run("--data", data, "enter", "--lock", "front", "4826").fails(2, "enter:");
        run("--data", data, "--at", "2026-13-01T00:00:00Z", "status", "--lock", "front")
                .fails(2, "'2026-13-01T00:00:00Z' is not an ISO-8601 instant");
        run("--data", data, "status", "--lock", "front", "--at", "noon").fails(2, "not an ISO-8601 instant");
        run("--data", data, "status").fails(2, "--lock");
        run("--data", data, "--user", "bob", "status", "--lock", "front").fails(2, "--user and --password apply only with --jdbc");
        run("--data", data, "--jdbc", "jdbc:sqlite:x.db", "status", "--lock", "front").fails(2, "PostgreSQL URL");
        assertFalse(Files.exists(dir.resolve("data")), "a usage error must not create the store");

        assertEquals(0, run("--help").exit());
        assertEquals(0, run("--version").exit());
        Result help = run("code", "add", "--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("--expire-after-first-use"), help.out());
        assertTrue(run("--help").out().contains("Exit codes:"));
    }

    @Test
    void globalOptions_beforeOrAfterTheCommand() {
        run("commission", "--lock", "front", "--master-pin", MASTER, "--data", data, "--at", T0, "--json").ok();
        JsonNode a = run("status", "--json", "--lock", "front", "--data", data, "--at", T0).ok().json();
        JsonNode b = run("--json", "--data", data, "--at", T0, "status", "--lock", "front").ok().json();
        assertEquals(a, b);
        assertEquals(List.of("CodeAdded"), run("code", "--data", data, "--at", T0, "add", "--lock", "front", "--slot", "1",
                "--pin", "4826", "--json").ok().events());
    }

    @Test
    void store_environmentErrors() throws Exception {
        Path file = dir.resolve("not-a-dir");
        Files.writeString(file, "precious", StandardCharsets.UTF_8);
        run("--data", file.toString(), "status", "--lock", "front").fails(2, "is not a writable directory");
        run("--data", file.toString(), "commission", "--lock", "front", "--master-pin", MASTER)
                .fails(2, "is not a writable directory");
        run("--data", file.toString(), "--json", "enter", "--lock", "front", "--pin", "4826")
                .fails(2, "is not a writable directory");
        assertEquals("precious", Files.readString(file, StandardCharsets.UTF_8));

        Path empty = Files.createDirectory(dir.resolve("empty"));
        run("--data", empty.toString(), "status", "--lock", "front").fails(4, "NOT_COMMISSIONED");
        assertFalse(Files.exists(empty.resolve(StoreOpener.KEY_RING_FILE)), "status must not create a key ring");

        // A key ring that others may read is refused, and nothing is recorded.
        commission("front");
        Path keys = Path.of(data, StoreOpener.KEY_RING_FILE);
        Files.setPosixFilePermissions(keys, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        lc("code", "add", "--lock", "front", "--slot", "1", "--pin", "4826").fails(2, "accessible to others");
        assertEquals(2, events("front"));
    }

    // ---- audit and diagnose ----

    /**
     * A Tuesday morning at the front door (07:00 Berlin = 06:00Z), exported at 06:10Z: alice opens,
     * the cleaner comes before her schedule (Mon-Fri 09:00-12:00), three wrong codes lock the keypad
     * out from 06:03:02Z until 06:04:02Z.
     */
    private Path auditScenario() {
        commission("front", "--zone", "Europe/Berlin", "--wrong-code-limit", "3", "--lockout", "60");
        lc("code", "add", "--lock", "front", "--slot", "1", "--pin", "4826", "--name", "alice").ok();
        lc("code", "add", "--lock", "front", "--slot", "2", "--pin", "7305", "--name", "cleaner", "--days", "MON-FRI",
                "--hours", "09:00-12:00").ok();
        enter("2026-12-01T06:01:00Z", "front", "4826", 0);
        denied("2026-12-01T06:02:00Z", "front", "7305", "OUTSIDE_SCHEDULE");
        for (int i = 0; i < 3; i++) {
            enter("2026-12-01T06:03:0" + i + "Z", "front", "7788", ExitCodes.DENIED);
        }
        Path export = dir.resolve("front.jsonl");
        at("2026-12-01T06:10:00Z", "audit", "export", "--lock", "front", "--out", export.toString()).ok();
        return export;
    }

    private static int firstLineWith(List<String> lines, String fragment) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(fragment)) {
                return i;
            }
        }
        throw new AssertionError("no line holds " + fragment);
    }

    private static List<String> keys(JsonNode n) {
        List<String> keys = new ArrayList<>();
        n.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static List<String> findingCodes(JsonNode diagnosis) {
        List<String> codes = new ArrayList<>();
        diagnosis.path("findings").forEach(f -> codes.add(f.path("code").asText()));
        return codes;
    }

    @Test
    void auditExport_thenVerify_ok_tampered_unsignedTail_andKeyErrors() throws Exception {
        Path export = auditScenario();
        Path pub = dir.resolve("front.jsonl.pub");
        TrailPublicKey key = TrailPublicKey.parse(Files.readString(pub));
        assertEquals("front", key.lockId());

        Result again = at("2026-12-01T06:11:00Z", "audit", "export", "--lock", "front", "--out", export.toString(),
                "--json").ok();
        assertEquals(List.of("ok", "command", "lock", "events", "out", "publicKey", "keyId", "lines", "signedUpTo",
                "fromSequence", "personalKeys", "anchorSequence", "anchoredAt"), again.jsonKeys());
        assertEquals(3, again.json().path("personalKeys").asInt(), "alice's, the cleaner's and the actor 'local''s keys");
        assertTrue(again.json().path("anchorSequence").isNull(), "a trail that was never pruned starts at sequence 0");
        assertEquals(List.of("TrailCheckpointed"), again.events());
        assertEquals("audit export", again.json().path("command").asText());
        assertEquals(pub.toString(), again.json().path("publicKey").asText());
        assertEquals(key.keyId(), again.json().path("keyId").asText());
        List<String> lines = Files.readAllLines(export, StandardCharsets.UTF_8);
        int n = lines.size();
        assertTrue(lines.get(0).startsWith("{\"lock\":\"front\",\"personalKeys\":{"), "the keys line comes first");
        int records = n - 1;
        assertEquals(n, again.json().path("lines").asInt());
        assertEquals(records - 2, again.json().path("signedUpTo").asInt());
        assertTrue(lines.get(n - 1).contains("\"type\":\"TrailCheckpointed\""), "the export ends signed");

        // Verified with the public key alone: no store is opened or created.
        String never = dir.resolve("never").toString();
        Result ok = run("--data", never, "audit", "verify", export.toString()).ok();
        assertTrue(ok.out().startsWith(export + ": OK, " + n + " lines verified with public key " + key.keyId()
                + " of lock front\nkey " + key.keyId() + " of lock front from " + pub + " (the file beside the export: "
                + "confirm the key id with the lock's owner, or give --key-id)\nlock front: " + records + " lines, last sequence "
                + (records - 1) + ", "), ok.out());
        assertTrue(ok.out().contains(", signed up to sequence " + (records - 2) + " at 2026-12-01T06:11:00Z; names readable: "
                + "3 people"), ok.out());
        Result okJson = run("--data", never, "--json", "audit", "verify", export.toString()).ok();
        assertEquals(List.of("ok", "keyId", "keyLock", "publicKey", "publicKeyBesideExport", "requiredKeyId", "lines",
                "problems", "locks"), okJson.jsonKeys());
        JsonNode v = okJson.json();
        assertTrue(v.path("ok").asBoolean());
        assertEquals(n, v.path("lines").asInt());
        assertEquals(0, v.path("problems").size());
        JsonNode front = v.path("locks").path("front");
        assertEquals(List.of("events", "lastSequence", "checkpoints", "lastSignedSequence", "lastSignedAt", "signed",
                "personalKeys", "unreadablePeople", "anchorSequence", "anchoredAt"), keys(front));
        assertEquals(3, front.path("personalKeys").asInt());
        assertEquals(0, front.path("unreadablePeople").asInt());
        assertTrue(front.path("anchorSequence").isNull());
        assertEquals(key.keyId(), v.path("keyId").asText());
        assertTrue(v.path("publicKeyBesideExport").asBoolean());
        assertTrue(v.path("requiredKeyId").isNull());
        assertEquals("2026-12-01T06:11:00Z", front.path("lastSignedAt").asText());
        assertTrue(front.path("signed").asBoolean());
        assertEquals(records, front.path("events").asInt());
        assertEquals(records - 1, front.path("lastSequence").asInt());
        assertEquals(records - 2, front.path("lastSignedSequence").asInt());
        assertTrue(front.path("checkpoints").asInt() >= 2, front.toString()); // the lockout's and the exports'
        assertFalse(Files.exists(Path.of(never)), "audit verify must not open a store");

        // One attempt's outcome changed in one line: exit 5, naming the line.
        int denial = firstLineWith(lines, "\"type\":\"EntryDenied\"");
        List<String> forged = new ArrayList<>(lines);
        forged.set(denial, forged.get(denial).replace("\"type\":\"EntryDenied\"", "\"type\":\"EntryGranted\""));
        Path bad = dir.resolve("forged.jsonl");
        Files.write(bad, forged, StandardCharsets.UTF_8);
        Result failed = run("audit", "verify", bad.toString(), "--public-key", pub.toString());
        assertEquals(ExitCodes.VERIFY_FAILED, failed.exit(), failed.toString());
        assertEquals("", failed.err());
        assertTrue(failed.out().startsWith(bad + ": FAILED verification, 1 problem(s) in " + n + " lines"), failed.out());
        assertTrue(failed.out().contains("\nline " + (denial + 1) + " (lock front, sequence " + (denial - 1)
                + "): MODIFIED_EVENT: "), failed.out());
        Result failedJson = run("--json", "audit", "verify", bad.toString(), "--public-key", pub.toString());
        assertEquals(5, failedJson.exit());
        assertEquals(List.of("ok", "keyId", "keyLock", "publicKey", "publicKeyBesideExport", "requiredKeyId", "lines",
                "problems", "locks"), failedJson.jsonKeys());
        assertFalse(failedJson.json().path("publicKeyBesideExport").asBoolean());
        JsonNode f = failedJson.json();
        assertFalse(f.path("ok").asBoolean());
        assertEquals(1, f.path("problems").size());
        JsonNode problem = f.path("problems").get(0);
        assertEquals(List.of("line", "lock", "sequence", "kind", "message"), keys(problem));
        assertEquals(denial + 1, problem.path("line").asInt());
        assertEquals("front", problem.path("lock").asText());
        assertEquals(denial - 1, problem.path("sequence").asInt());
        assertEquals("MODIFIED_EVENT", problem.path("kind").asText());

        // The last checkpoint cut off after later events: a warning about the unsigned tail, not a failure.
        enter("2026-12-01T06:20:00Z", "front", "4826", 0);
        Path later = dir.resolve("later.jsonl");
        at("2026-12-01T06:21:00Z", "audit", "export", "--lock", "front", "--out", later.toString()).ok();
        List<String> laterLines = Files.readAllLines(later, StandardCharsets.UTF_8);
        Path cut = dir.resolve("cut.jsonl");
        Files.write(cut, laterLines.subList(0, laterLines.size() - 1), StandardCharsets.UTF_8);
        Result tail = run("audit", "verify", cut.toString(), "--public-key", pub.toString()).ok();
        assertTrue(tail.out().contains("\nwarning: the export as a whole (lock front, sequence "), tail.out());
        assertTrue(tail.out().contains("UNSIGNED_TAIL"), tail.out());
        JsonNode tailJson = run("--json", "audit", "verify", cut.toString(), "--public-key", pub.toString()).ok().json();
        assertTrue(tailJson.path("ok").asBoolean());
        assertEquals("UNSIGNED_TAIL", tailJson.path("problems").get(0).path("kind").asText());
        assertEquals(0, tailJson.path("problems").get(0).path("line").asInt());

        // The key must come from outside the export: missing or garbage key files are exit 2.
        run("audit", "verify", bad.toString()).fails(2, "cannot read the public key " + bad + ".pub");
        run("--json", "audit", "verify", export.toString(), "--public-key", dir.resolve("none.pub").toString())
                .fails(2, "no such file");
        Path garbage = dir.resolve("garbage.pub");
        Files.writeString(garbage, "not a key\n");
        run("audit", "verify", export.toString(), "--public-key", garbage.toString()).fails(2, "is not usable");
        Files.write(garbage, new byte[] {(byte) 0xff, 0, 1, 2, '\n'});
        run("audit", "verify", export.toString(), "--public-key", garbage.toString()).fails(2, "is not usable");
        run("audit", "verify", dir.resolve("missing.jsonl").toString()).fails(2, "no such file");
        run("audit", "verify").fails(2, "FILE");
        run("audit").fails(2, "missing subcommand");

        // Export refusals record nothing and write nothing.
        int before = events("front");
        lc("audit", "export", "--lock", "front", "--out", dir.resolve("no/such/dir/x.jsonl").toString())
                .fails(2, "not a writable directory");
        lc("audit", "export", "--lock", "nowhere", "--out", dir.resolve("nowhere.jsonl").toString())
                .fails(4, "NOT_COMMISSIONED");
        lc("audit", "export", "--lock", "front").fails(2, "--out");
        assertFalse(Files.exists(dir.resolve("nowhere.jsonl")));
        assertEquals(before, events("front"));
        assertEquals(0, events("nowhere"));
    }

    @Test
    void auditVerify_failsWhatItCannotVouchFor_andAppliesTheAuditorsPolicy() throws Exception {
        Path export = auditScenario();
        Path pub = dir.resolve("front.jsonl.pub");
        String keyId = TrailPublicKey.parse(Files.readString(pub)).keyId();
        List<String> lines = Files.readAllLines(export, StandardCharsets.UTF_8);
        int n = lines.size() - 1; // the records: the first line carries the personal keys

        // Nothing signed: the events before the first checkpoint, intact and chained, are not vouched for.
        Path unsigned = dir.resolve("unsigned.jsonl");
        Files.write(unsigned, lines.subList(0, firstLineWith(lines, "\"type\":\"TrailCheckpointed\"")),
                StandardCharsets.UTF_8);
        Result none = run("audit", "verify", unsigned.toString(), "--public-key", pub.toString());
        assertEquals(ExitCodes.VERIFY_FAILED, none.exit(), none.toString());
        assertTrue(none.out().contains("chained but unsigned") && none.out().contains("NOT_SIGNED"), none.out());
        JsonNode noneJson = run("--json", "audit", "verify", unsigned.toString(), "--public-key", pub.toString()).json();
        assertFalse(noneJson.path("locks").path("front").path("signed").asBoolean());
        assertTrue(noneJson.path("locks").path("front").path("lastSignedAt").isNull());

        // The key the auditor was given by the owner: required by id.
        Result required = run("audit", "verify", export.toString(), "--key-id", keyId).ok();
        assertTrue(required.out().contains("from " + pub + ": the required key"), required.out());
        String other = (keyId.charAt(0) == '0' ? "1" : "0") + keyId.substring(1);
        Result wrongKey = run("audit", "verify", export.toString(), "--key-id", other);
        assertEquals(ExitCodes.VERIFY_FAILED, wrongKey.exit(), wrongKey.toString());
        assertTrue(wrongKey.out().contains(": NOT the required key " + other), wrongKey.out());
        assertFalse(run("--json", "audit", "verify", export.toString(), "--key-id", other).json().path("ok").asBoolean());
        run("audit", "verify", export.toString(), "--key-id", "front").fails(2, "--key-id 'front' is not a key id");

        // A cut export is refused when the auditor says what to expect.
        run("audit", "verify", export.toString(), "--require-signed-through", "2026-12-01T06:10:00Z").ok();
        run("audit", "verify", export.toString(), "--min-sequence", String.valueOf(n - 2)).ok();
        Result late = run("audit", "verify", export.toString(), "--require-signed-through", "2026-12-01T06:10:01Z");
        assertEquals(ExitCodes.VERIFY_FAILED, late.exit(), late.toString());
        assertTrue(late.out().contains("POLICY_NOT_MET"), late.out());
        Result few = run("--json", "audit", "verify", export.toString(), "--min-sequence", String.valueOf(n - 1));
        assertEquals(ExitCodes.VERIFY_FAILED, few.exit(), few.toString());
        assertEquals("POLICY_NOT_MET", few.json().path("problems").get(0).path("kind").asText());
        run("audit", "verify", export.toString(), "--min-sequence", "-1").fails(2, "--min-sequence must be >= 0");
    }

    @Test
    void auditReport_onACraftedExport_keepsOneLock_namesFewLocks_andReportsMalformedValues() throws Exception {
        Path export = auditScenario();
        List<String> lines = new ArrayList<>(Files.readAllLines(export, StandardCharsets.UTF_8));
        ObjectMapper mapper = new ObjectMapper();
        int added = firstLineWith(lines, "\"type\":\"CodeAdded\"");
        String template = lines.get(added);
        // Thousands of other locks' lines, a CodeAdded without rules and a commissioning in no real zone.
        List<String> crafted = new ArrayList<>(lines);
        for (int i = 0; i < 3000; i++) {
            crafted.add(template.replace("\"lock\":\"front\"", "\"lock\":\"other-" + i + "\""));
        }
        com.fasterxml.jackson.databind.node.ObjectNode noRules =
                (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(template);
        noRules.put("sequence", 9_999);
        noRules.put("payload", noRules.get("payload").asText().replaceAll("\"rules\":\\{.*\\}", "\"rules\":null}"));
        crafted.add(mapper.writeValueAsString(noRules));
        int commissioned = firstLineWith(lines, "\"type\":\"LockCommissioned\"");
        com.fasterxml.jackson.databind.node.ObjectNode noZone =
                (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(lines.get(commissioned));
        noZone.put("sequence", 10_000);
        noZone.put("payload", noZone.get("payload").asText().replace("Europe/Berlin", "Mars/Olympus_Mons"));
        crafted.add(mapper.writeValueAsString(noZone));
        Path file = dir.resolve("crafted.jsonl");
        Files.write(file, crafted, StandardCharsets.UTF_8);

        Result several = run("audit", "report", file.toString(), "--format", "csv", "--out", dir.resolve("r.csv").toString());
        several.fails(2, "holds several locks (front, other-0, other-1, other-2, other-3, …); choose one with --lock");
        assertTrue(several.err().length() < 300, "the message names a few locks, not thousands: " + several.err().length());
        run("audit", "report", file.toString(), "--format", "csv", "--out", dir.resolve("r.csv").toString(), "--lock", "x")
                .fails(2, "holds no event of lock 'x' (it holds front, other-0, other-1, other-2, other-3, …)");

        for (String format : List.of("csv", "json", "html")) {
            Path out = dir.resolve("crafted." + format);
            JsonNode r = run("--json", "audit", "report", file.toString(), "--format", format, "--out", out.toString(),
                    "--lock", "front").ok().json();
            assertEquals(2, r.path("unreadableLines").asInt(), format + ": " + r);
            assertTrue(Files.size(out) > 0);
        }
        Result replay = run("--json", "audit", "replay", file.toString(), "--until", "2026-12-01T06:05:00Z", "--lock",
                "front").ok();
        assertEquals(2, replay.json().path("unreadableLines").asInt(), replay.out());
    }

    @Test
    void auditReplay_theLockAtAnInstant_fromTheExportAlone() throws Exception {
        String export = auditScenario().toString();
        String never = dir.resolve("never").toString();

        // During the lockout; the cleaner is outside the schedule (Tue 07:03 in Berlin).
        Result during = run("--data", never, "--json", "audit", "replay", export, "--until", "2026-12-01T06:03:30Z").ok();
        JsonNode r = during.json();
        assertEquals("front", r.path("lock").asText());
        assertEquals("2026-12-01T06:03:30Z", r.path("at").asText());
        assertTrue(r.path("commissioned").asBoolean());
        assertEquals("Europe/Berlin", r.path("timeZone").asText());
        assertEquals("NORMAL", r.path("mode").asText());
        assertTrue(r.path("lockedOut").asBoolean());
        assertEquals("2026-12-01T06:04:02Z", r.path("lockedOutUntil").asText());
        assertEquals("LOCKED_OUT", r.path("keypadBlockedBy").asText());
        assertTrue(r.path("clockTrusted").asBoolean());
        assertTrue(r.path("batteryPercent").isNull());
        assertEquals(3, r.path("slots").size());
        JsonNode alice = r.path("slots").get(1);
        assertEquals("alice", alice.path("name").asText());
        assertTrue(alice.path("valid").asBoolean());
        assertFalse(alice.path("opens").asBoolean());
        assertEquals("LOCKED_OUT", alice.path("outcomeReason").asText());
        JsonNode cleaner = r.path("slots").get(2);
        assertFalse(cleaner.path("valid").asBoolean());
        assertEquals("OUTSIDE_SCHEDULE", cleaner.path("reason").asText());
        assertEquals(0, r.path("openingSlots").size());
        JsonNode attempts = r.path("attempts");
        assertEquals(5, attempts.size());
        assertEquals("GRANTED", attempts.get(0).path("outcome").asText());
        assertEquals("alice", attempts.get(0).path("user").asText());
        assertEquals("OUTSIDE_SCHEDULE", attempts.get(1).path("reason").asText());
        assertEquals("2026-12-01T06:04:02Z", attempts.get(4).path("lockedOutUntil").asText());

        // A window: both ends inclusive.
        JsonNode window = run("--json", "audit", "replay", export, "--from", "2026-12-01T06:02:00Z", "--until",
                "2026-12-01T06:02:00Z").ok().json();
        assertEquals(1, window.path("attempts").size());
        assertEquals("2026-12-01T06:02:00Z", window.path("attemptsFrom").asText());

        // 10:30 in Berlin: the lockout is over and the cleaner's code opens.
        String text = run("audit", "replay", export, "--until", "2026-12-01T09:30:00Z").ok().out();
        assertTrue(text.startsWith("lock front at 2026-12-01T09:30:00Z (replayed "), text);
        assertTrue(text.contains("\nkeypad: enabled"), text);
        assertTrue(text.contains("\nclock: trusted"), text);
        assertTrue(text.contains("cleaner          valid, opens"), text);
        assertTrue(text.contains("attempts up to 2026-12-01T09:30:00Z: 5"), text);
        String early = run("audit", "replay", export, "--until", "2026-12-01T06:02:30Z").ok().out();
        assertTrue(early.contains("cleaner          not valid: OUTSIDE_SCHEDULE"), early);

        JsonNode before = run("--json", "audit", "replay", export, "--until", "2026-11-30T00:00:00Z").ok().json();
        assertFalse(before.path("commissioned").asBoolean());
        assertEquals(0, before.path("slots").size());
        assertEquals(0, before.path("attempts").size());

        run("audit", "replay", export, "--until", "2026-12-01T06:00:00Z", "--from", "2026-12-01T07:00:00Z")
                .fails(2, "is after --until");
        run("audit", "replay", export).fails(2, "--until");
        run("audit", "replay", export, "--until", "noon").fails(2, "not an ISO-8601 instant");
        run("audit", "replay", export, "--until", "2026-12-01T06:00:00Z", "--lock", "back")
                .fails(2, "holds no event of lock 'back'");
        Path empty = Files.writeString(dir.resolve("empty.jsonl"), "");
        run("audit", "replay", empty.toString(), "--until", "2026-12-01T06:00:00Z").fails(2, "holds no trail record");
        assertFalse(Files.exists(Path.of(never)), "audit replay must not open a store");
    }

    @Test
    void auditReport_csvJsonAndSelfContainedHtml() throws Exception {
        Path export = auditScenario();
        Path csv = dir.resolve("attempts.csv");
        Result c = run("--json", "audit", "report", export.toString(), "--format", "csv", "--out", csv.toString()).ok();
        assertEquals(List.of("ok", "command", "lock", "format", "out", "attempts", "unreadableLines"), c.jsonKeys());
        assertEquals("csv", c.json().path("format").asText());
        assertEquals(5, c.json().path("attempts").asInt());
        List<String> rows = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertEquals(String.join(",", AccessReport.COLUMNS), rows.get(0));
        assertEquals(6, rows.size());
        assertTrue(rows.get(1).contains(",front,KEYPAD,1,alice,UNRESTRICTED,GRANTED,"), rows.get(1));
        assertTrue(rows.get(2).contains(",DENIED,OUTSIDE_SCHEDULE,"), rows.get(2));

        Path json = dir.resolve("attempts.json");
        assertEquals("audit report: lock front: 5 attempts, json report written to " + json + "\n",
                run("audit", "report", export.toString(), "--format", "JSON", "--out", json.toString()).ok().out());
        JsonNode array = new ObjectMapper().readTree(json.toFile());
        assertTrue(array.isArray());
        assertEquals(5, array.size());
        assertEquals("OUTSIDE_SCHEDULE", array.get(1).path("reason").asText());
        assertEquals("cleaner", array.get(1).path("user").asText());

        Path html = dir.resolve("timeline.html");
        run("audit", "report", export.toString(), "--format", "html", "--out", html.toString()).ok();
        String page = Files.readString(html, StandardCharsets.UTF_8);
        assertTrue(page.startsWith("<!DOCTYPE html>"), page);
        assertTrue(page.contains("Trail of lock front"), page);
        assertTrue(page.contains("OUTSIDE_SCHEDULE"), page);
        for (String external : new String[] {"http://", "https://", "src=", "<script", "<link", "@import", "url("}) {
            assertFalse(page.contains(external), "the HTML report must be self-contained: " + external);
        }
        for (String pin : CliRun.PINS) {
            for (Path report : List.of(csv, json, html)) {
                assertFalse(CliRun.withoutRandomValues(Files.readString(report, StandardCharsets.UTF_8)).contains(pin),
                        report + " holds a PIN");
            }
        }

        run("audit", "report", export.toString(), "--format", "pdf", "--out", dir.resolve("r.pdf").toString())
                .fails(2, "is not one of csv, json, html");
        run("audit", "report", export.toString(), "--format", "csv").fails(2, "--out");
        run("audit", "report", export.toString(), "--format", "csv", "--out", export.toString())
                .fails(2, "is the input");
        run("audit", "report", export.toString(), "--format", "csv", "--out", dir.resolve("no/dir/r.csv").toString())
                .fails(2, "cannot write");
        assertFalse(Files.exists(dir.resolve("r.pdf")));
    }

    @Test
    void diagnose_bySlotAndByTypedPin_neverShowsThePin_andWritesASupportBundle() throws Exception {
        auditScenario();
        int before = events("front");

        // During the lockout, about the cleaner's slot: the lockout first, then the schedule.
        Result bySlot = at("2026-12-01T06:03:30Z", "diagnose", "--lock", "front", "--slot", "2", "--json").ok();
        assertEquals(List.of("lock", "at", "slot", "typedCode", "typedLength", "findings", "supportBundle",
                "offlineSearch"), bySlot.jsonKeys());
        assertTrue(bySlot.json().path("offlineSearch").isNull(), "no offline PIN was typed");
        JsonNode d = bySlot.json();
        assertEquals(2, d.path("slot").asInt());
        assertFalse(d.path("typedCode").asBoolean());
        assertTrue(d.path("typedLength").isNull());
        assertTrue(d.path("supportBundle").isNull());
        assertEquals(List.of("LOCKED_OUT", "OUTSIDE_SCHEDULE"), findingCodes(d));
        JsonNode lockedOut = d.path("findings").get(0);
        assertEquals(List.of("code", "summary", "by", "since", "until", "evidence", "nextStep"), keys(lockedOut));
        assertEquals("2026-12-01T06:03:02Z", lockedOut.path("since").asText());
        assertEquals("2026-12-01T06:04:02Z", lockedOut.path("until").asText());
        assertTrue(lockedOut.path("evidence").size() >= 3, lockedOut.toString());
        assertTrue(lockedOut.path("nextStep").asText().startsWith("wait until"), lockedOut.toString());
        assertEquals(before, events("front"), "a diagnosis by slot records nothing");

        // By the typed PIN, once the lockout is over: digested with the lock's key, never shown.
        JsonNode byPin = at("2026-12-01T06:30:00Z", "diagnose", "--lock", "front", "--pin", "7305", "--json").ok().json();
        assertTrue(byPin.path("slot").isNull());
        assertTrue(byPin.path("typedCode").asBoolean());
        assertEquals(4, byPin.path("typedLength").asInt());
        assertEquals(List.of("OUTSIDE_SCHEDULE"), findingCodes(byPin));
        assertTrue(byPin.path("findings").get(0).path("summary").asText().contains("slot 2 ('cleaner')"), byPin.toString());
        Result text = runWithInput("7305\n", "--data", data, "--at", "2026-12-01T06:30:00Z", "diagnose", "--lock", "front",
                "--pin", "-").ok();
        assertTrue(text.out().startsWith("diagnose: lock front at 2026-12-01T06:30:00Z, a typed code of 4 digit(s): "
                + "1 finding(s)\nOUTSIDE_SCHEDULE: the code in slot 2 ('cleaner') opens only"), text.out());
        assertTrue(text.out().contains("\n  next step: wait until "), text.out());
        assertEquals(List.of("CODE_OK"), findingCodes(at("2026-12-01T06:30:00Z", "diagnose", "--lock", "front", "--pin",
                "4826", "--json").ok().json()));
        assertEquals(List.of("UNKNOWN_CODE"), findingCodes(at("2026-12-01T06:30:00Z", "diagnose", "--lock", "front",
                "--pin", "7788", "--json").ok().json()));
        assertTrue(findingCodes(at("2026-12-01T06:30:00Z", "diagnose", "--lock", "front", "--pin", "12", "--json").ok()
                .json()).contains("WRONG_LENGTH"));
        assertEquals(List.of("NOTHING_FOUND"), findingCodes(at("2026-12-01T06:30:00Z", "diagnose", "--lock", "front",
                "--json").ok().json()));

        Path bundle = dir.resolve("bundle.json");
        JsonNode withBundle = at("2026-12-01T06:30:00Z", "diagnose", "--lock", "front", "--pin", "7305",
                "--support-bundle", bundle.toString(), "--json").ok().json();
        assertEquals(bundle.toString(), withBundle.path("supportBundle").asText());
        String bundleText = Files.readString(bundle, StandardCharsets.UTF_8);
        JsonNode b = new ObjectMapper().readTree(bundleText);
        assertEquals("access-support-bundle/1", b.path("format").asText());
        assertEquals("front", b.path("lock").asText());
        assertEquals("OUTSIDE_SCHEDULE", b.path("findings").get(0).path("code").asText());
        assertEquals(5 + 6, b.path("recentAttempts").size(), "the five entries and the six checks so far");
        for (String pin : CliRun.PINS) {
            assertFalse(CliRun.withoutRandomValues(bundleText).contains(pin), "the support bundle holds a PIN");
        }
        assertFalse(bundleText.contains("sha256:") || bundleText.contains("digest"), bundleText);
        assertTrue(at("2026-12-01T06:30:00Z", "diagnose", "--lock", "front", "--slot", "1", "--support-bundle",
                bundle.toString()).ok().out().endsWith("\nsupport bundle written to " + bundle + "\n"));

        lc("diagnose", "--lock", "front", "--pin", "7305", "--slot", "2").fails(2, "not both");
        lc("diagnose", "--lock", "front", "--pin", "48a6").fails(2, "digits 0-9 only");
        lc("diagnose", "--lock", "front", "--slot", "70000").fails(2, "--slot must be 0..65535");
        lc("diagnose", "--lock", "front", "--slot", "-1").fails(2, "negative");
        runWithInput(null, "--data", data, "diagnose", "--lock", "front", "--pin", "-").fails(2, "standard input is empty");
        lc("diagnose", "--lock", "nowhere", "--slot", "1").fails(4, "NOT_COMMISSIONED");
        lc("diagnose", "--lock", "front", "--support-bundle", dir.resolve("no/dir/b.json").toString())
                .fails(2, "cannot write");
        assertEquals(before + 6, events("front"), "each check of a typed PIN is recorded, usage errors record nothing");
        assertEquals(0, events("nowhere"));
    }

    @Test
    void aFarFutureTimestamp_isAClockFault_laterAttemptsAreRecordedAndCounted_andTheExportReports() throws Exception {
        commission("front", "--wrong-code-limit", "3");
        lc("code", "add", "--lock", "front", "--slot", "1", "--pin", "4826", "--name", "alice").ok();
        at("-1000000000-01-01T00:00:00Z", "battery", "--lock", "front", "--percent", "40").ok();
        at("+1000000000-12-31T23:59:00Z", "battery", "--lock", "front", "--percent", "50").ok();
        for (int i = 0; i < 3; i++) {
            int before = events("front");
            enter(plus(T0, 60 + i), "front", "7788", ExitCodes.DENIED);
            assertTrue(events("front") > before, "every wrong code is recorded");
        }
        denied(plus(T0, 70), "front", "4826", "LOCKED_OUT");
        assertFalse(lc("status", "--lock", "front", "--json").ok().json().path("clockTrusted").asBoolean());

        Path export = dir.resolve("front.jsonl");
        at(plus(T0, 80), "audit", "export", "--lock", "front", "--out", export.toString()).ok();
        run("audit", "verify", export.toString()).ok();
        Path html = dir.resolve("front.html");
        run("audit", "report", export.toString(), "--format", "html", "--out", html.toString()).ok();
        String page = Files.readString(html, StandardCharsets.UTF_8);
        assertTrue(page.contains("clock fault"), page);
        run("audit", "replay", export.toString(), "--until", plus(T0, 80)).ok();
        lc("diagnose", "--lock", "front", "--slot", "1").ok();
    }

    @Test
    void diagnoseWithAPin_countsLikeAnEntryAttempt_andDuringALockoutTellsNothingAboutThePin() throws Exception {
        commission("front", "--wrong-code-limit", "3", "--lockout", "60");
        lc("code", "add", "--lock", "front", "--slot", "1", "--pin", "4826", "--name", "alice").ok();
        for (int i = 0; i < 3; i++) {
            int before = events("front");
            JsonNode d = at(plus(T0, 10 + i), "diagnose", "--lock", "front", "--pin", "7788", "--json").ok().json();
            assertTrue(findingCodes(d).contains("UNKNOWN_CODE"), d.toString());
            assertTrue(events("front") > before, "each check is recorded");
        }
        // The third wrong check started the lockout: the keypad's own entry is refused.
        denied(plus(T0, 20), "front", "4826", "LOCKED_OUT");

        int during = events("front");
        Result right = at(plus(T0, 30), "diagnose", "--lock", "front", "--pin", "4826", "--json");
        Result wrong = at(plus(T0, 30), "diagnose", "--lock", "front", "--pin", "7788", "--json");
        assertEquals(ExitCodes.DENIED, right.exit(), right.toString());
        assertEquals(ExitCodes.DENIED, wrong.exit(), wrong.toString());
        assertEquals("", right.err());
        assertEquals(right.json().path("findings"), wrong.json().path("findings"),
                "during a lockout a right and a wrong PIN get the same answer");
        assertEquals(List.of("LOCKED_OUT"), findingCodes(right.json()));
        assertTrue(right.json().path("typedCode").asBoolean());
        assertTrue(events("front") >= during + 2, "a check refused by the lockout is recorded");
        Result text = runWithInput("4826\n", "--data", data, "--at", plus(T0, 31), "diagnose", "--lock", "front",
                "--pin", "-");
        assertEquals(ExitCodes.DENIED, text.exit());
        assertTrue(text.out().contains("LOCKED_OUT"), text.out());

        // After the lockout a right PIN is diagnosed, and opens nothing.
        JsonNode ok = at(plus(T0, 200), "diagnose", "--lock", "front", "--pin", "4826", "--json").ok().json();
        assertEquals(List.of("CODE_OK"), findingCodes(ok));
        Path export = dir.resolve("front.jsonl");
        at(plus(T0, 300), "audit", "export", "--lock", "front", "--out", export.toString()).ok();
        String trail = Files.readString(export, StandardCharsets.UTF_8);
        assertTrue(trail.contains("\\\"source\\\":\\\"DIAGNOSTIC\\\""), trail);
        assertTrue(trail.contains("CodeChecked"), trail);
        assertFalse(trail.contains("EntryGranted"), "a diagnosis never opens the door");
        Path csv = dir.resolve("attempts.csv");
        run("audit", "report", export.toString(), "--format", "csv", "--out", csv.toString()).ok();
        String rows = Files.readString(csv, StandardCharsets.UTF_8);
        assertTrue(rows.contains(",DIAGNOSTIC,1,alice,UNRESTRICTED,CHECKED,"), rows);
    }
}
