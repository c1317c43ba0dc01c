package dev.access.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.access.cli.CliRun.Result;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lockctl as it is used: every step its own process ({@code java -cp <test class path> LockCtl}),
 * so the only state carried between steps is what the store holds. Each process takes a second
 * or two, so each test batches many steps.
 */
class LockCtlProcessTest {
    private static final String MASTER = "97531864";

    @TempDir
    Path dir;

    /** Runs lockctl in a new JVM with {@code stdin} (null: none) and returns what it did. */
    private static Result proc(String stdin, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), LockCtl.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("lockctl did not finish: " + cmd);
        }
        Result r = new Result(p.exitValue(), out.join(), err.join());
        CliRun.assertNoPin(r);
        return r;
    }

    private static String read(InputStream s) {
        try {
            return new String(s.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** lockctl --data DIR --at AT args..., in its own process. */
    private Result at(String instant, String... args) throws IOException, InterruptedException {
        return atWithInput(instant, null, args);
    }

    private Result atWithInput(String instant, String stdin, String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of("--data", dir.resolve("data").toString(), "--at", instant));
        all.addAll(List.of(args));
        return proc(stdin, all.toArray(String[]::new));
    }

    /** The lock's event count, read by opening the store in this JVM (0 for a lock with no trail). */
    private int events(String lock) {
        Result r = CliRun.run("--data", dir.resolve("data").toString(), "--at", "2026-12-01T23:59:59Z",
                "status", "--lock", lock, "--json");
        if (r.exit() == ExitCodes.REJECTED) {
            return 0;
        }
        return r.ok().json().path("events").asInt();
    }

    @Test
    void aDayAtTheDoor_eachStepItsOwnProcess() throws Exception {
        // 07:00 in Berlin, a Tuesday.
        at("2026-12-01T06:00:00Z", "commission", "--lock", "front", "--master-pin", MASTER, "--zone", "Europe/Berlin",
                "--wrong-code-limit", "3", "--lockout", "120").ok();
        List<String> added = atWithInput("2026-12-01T06:00:10Z", "4826\n", "code", "add", "--lock", "front",
                "--slot", "1", "--pin", "-", "--name", "alice", "--json").ok().events();
        assertEquals(List.of("CodeAdded"), added);
        at("2026-12-01T06:00:20Z", "code", "add", "--lock", "front", "--slot", "2", "--pin", "7305", "--name",
                "cleaner", "--days", "MON-FRI", "--hours", "09:00-12:00").ok();

        Result granted = at("2026-12-01T06:01:00Z", "enter", "--lock", "front", "--pin", "4826", "--json").ok();
        assertEquals("{\"outcome\":\"GRANTED\",\"lock\":\"front\",\"slot\":1,\"userType\":\"UNRESTRICTED\","
                + "\"source\":\"KEYPAD\",\"at\":\"2026-12-01T06:01:00Z\"}", granted.out().strip());
        Result early = at("2026-12-01T06:02:00Z", "enter", "--lock", "front", "--pin", "7305", "--json");
        assertEquals(3, early.exit());
        assertEquals("OUTSIDE_SCHEDULE", early.json().path("reason").asText());
        assertEquals(2, early.json().path("slot").asInt());

        // Three wrong codes, each from a fresh process: the third starts a lockout.
        for (int i = 1; i <= 3; i++) {
            Result wrong = at("2026-12-01T06:03:0" + i + "Z", "enter", "--lock", "front", "--pin", "7788", "--json");
            assertEquals(3, wrong.exit(), wrong.toString());
            assertEquals("", wrong.err());
            assertEquals("UNKNOWN_CODE", wrong.json().path("reason").asText());
            assertEquals(i == 3, wrong.json().has("lockedOutUntil"), wrong.out());
        }
        // A restart later, the right code is still refused until the lockout ends.
        Result during = at("2026-12-01T06:04:00Z", "enter", "--lock", "front", "--pin", "4826", "--json");
        assertEquals(3, during.exit());
        assertEquals("LOCKED_OUT", during.json().path("reason").asText());
        assertEquals("2026-12-01T06:05:03Z", during.json().path("lockedOutUntil").asText());

        JsonNode status = at("2026-12-01T06:04:30Z", "status", "--lock", "front", "--json").ok().json();
        assertTrue(status.path("lockedOut").asBoolean());
        assertEquals("2026-12-01T06:05:03Z", status.path("lockedOutUntil").asText());
        assertEquals(3, status.path("codes").size());
        assertEquals("cleaner", status.path("codes").get(2).path("name").asText());
        assertTrue(status.path("events").asInt() >= 11, status.toString()); // 11 commands' events, plus alarms

        assertEquals(0, at("2026-12-01T06:05:03Z", "enter", "--lock", "front", "--pin", "4826").ok().exit());

        Result reset = at("2026-12-01T07:00:00Z", "reset", "--lock", "front", "--factory", "--json").ok();
        assertEquals(List.of("FactoryResetPerformed", "AlarmRaised"), reset.events());
        String after = at("2026-12-01T07:00:10Z", "status", "--lock", "front").ok().out();
        assertTrue(after.contains("not commissioned"), after);
        assertTrue(after.contains("codes: 0"), after);
        at("2026-12-01T07:00:20Z", "enter", "--lock", "front", "--pin", "4826").fails(4, "NOT_COMMISSIONED");
    }

    @Test
    void badInput_oneLineErrors_rightExitCodes_storeUnchanged() throws Exception {
        String data = dir.resolve("data").toString();
        CliRun.run("--data", data, "--at", "2026-12-01T06:00:00Z", "commission", "--lock", "front", "--master-pin",
                MASTER).ok();
        CliRun.run("--data", data, "--at", "2026-12-01T06:00:00Z", "code", "add", "--lock", "front", "--slot", "1",
                "--pin", "4826").ok();
        int count = events("front");

        proc(null, "--data", data, "unlock", "--lock", "front").fails(2, "unknown command 'unlock'");
        assertEquals(count, events("front"));
        proc(null, "--data", data, "status", "--lock", "front", "--verbose").fails(2, "unknown option '--verbose'");
        assertEquals(count, events("front"));
        at("2026-02-30T25:00:00Z", "battery", "--lock", "front", "--percent", "50").fails(2, "not an ISO-8601 instant");
        assertEquals(count, events("front"));
        at("2026-12-01T06:10:00Z", "battery", "--lock", "front", "--percent", "-5").fails(2, "must not be negative");
        assertEquals(count, events("front"));
        at("2026-12-01T06:10:00Z", "code", "add", "--lock", "front", "--slot", "-1", "--pin", "7305")
                .fails(2, "must not be negative");
        assertEquals(count, events("front"));
        at("2026-12-01T06:10:00Z", "code", "add", "--lock", "front", "--slot", "2", "--pin", "48a6")
                .fails(4, "PIN rejected (NOT_DIGITS)");
        assertEquals(count, events("front"));
        atWithInput("2026-12-01T06:10:00Z", "4826\n", "code", "add", "--lock", "front", "--slot", "2", "--pin", "-")
                .fails(4, "DUPLICATE");
        assertEquals(count, events("front"));

        // At the keypad, letters are not an error but a recorded MALFORMED attempt.
        Result malformed = at("2026-12-01T06:11:00Z", "enter", "--lock", "front", "--pin", "48a6", "--json");
        assertEquals(3, malformed.exit());
        assertEquals("", malformed.err());
        assertEquals("MALFORMED", malformed.json().path("reason").asText());
        assertEquals(count + 1, events("front"));
        Result fromStdin = atWithInput("2026-12-01T06:12:00Z", "4826\n", "enter", "--lock", "front", "--pin", "-",
                "--json");
        assertEquals(0, fromStdin.exit(), fromStdin.toString());
        assertEquals("GRANTED", fromStdin.json().path("outcome").asText());
        count = events("front");

        Path empty = Files.createDirectory(dir.resolve("empty"));
        proc(null, "--data", empty.toString(), "status", "--lock", "front").fails(4, "NOT_COMMISSIONED");
        proc(null, "--data", empty.toString(), "--json", "enter", "--lock", "front", "--pin", "4826")
                .fails(4, "NOT_COMMISSIONED");

        Path file = dir.resolve("a-file");
        Files.writeString(file, "not a store\n");
        proc(null, "--data", file.toString(), "commission", "--lock", "front", "--master-pin", MASTER)
                .fails(2, "is not a writable directory");
        assertEquals("not a store\n", Files.readString(file));
        assertEquals(count, events("front"));
        assertFalse(Files.exists(dir.resolve("a-file").resolve("keys")));
    }

    @Test
    void auditExport_thenVerify_asProcesses_andATamperedCopyFails() throws Exception {
        String data = dir.resolve("data").toString();
        CliRun.run("--data", data, "--at", "2026-12-01T06:00:00Z", "commission", "--lock", "front", "--master-pin",
                MASTER, "--zone", "Europe/Berlin").ok();
        CliRun.run("--data", data, "--at", "2026-12-01T06:00:10Z", "code", "add", "--lock", "front", "--slot", "1",
                "--pin", "4826", "--name", "alice").ok();
        // A scheduled code's days are serialized into the chained bytes: appended in this JVM,
        // exported by another process, they must still verify.
        CliRun.run("--data", data, "--at", "2026-12-01T06:00:20Z", "code", "add", "--lock", "front", "--slot", "2",
                "--pin", "7305", "--name", "cleaner", "--type", "week-day-schedule", "--days", "MON-FRI",
                "--hours", "09:00-12:00").ok();
        CliRun.run("--data", data, "--at", "2026-12-01T06:01:00Z", "enter", "--lock", "front", "--pin", "4826").ok();
        assertEquals(ExitCodes.DENIED, CliRun.run("--data", data, "--at", "2026-12-01T06:02:00Z", "enter", "--lock",
                "front", "--pin", "7788").exit());

        Path export = dir.resolve("front.jsonl");
        Result exported = at("2026-12-01T06:05:00Z", "audit", "export", "--lock", "front", "--out", export.toString(),
                "--json").ok();
        assertEquals(List.of("TrailCheckpointed"), exported.events());
        List<String> lines = Files.readAllLines(export, StandardCharsets.UTF_8);
        assertEquals(lines.size(), exported.json().path("lines").asInt());

        // The auditor's side: another process, no store, the key file beside the export.
        Path never = dir.resolve("never");
        Result ok = proc(null, "--data", never.toString(), "audit", "verify", export.toString()).ok();
        assertTrue(ok.out().startsWith(export + ": OK, " + lines.size() + " lines verified"), ok.out());
        assertFalse(Files.exists(never), "audit verify opens no store");

        int denial = -1;
        for (int i = 0; i < lines.size() && denial < 0; i++) {
            denial = lines.get(i).contains("\"type\":\"EntryDenied\"") ? i : -1;
        }
        List<String> forged = new ArrayList<>(lines);
        forged.set(denial, forged.get(denial).replace("\"type\":\"EntryDenied\"", "\"type\":\"EntryGranted\""));
        Path copy = dir.resolve("copy.jsonl");
        Files.write(copy, forged, StandardCharsets.UTF_8);
        Result bad = proc(null, "--json", "audit", "verify", copy.toString(), "--public-key", export + ".pub");
        assertEquals(ExitCodes.VERIFY_FAILED, bad.exit(), bad.toString());
        assertEquals("", bad.err());
        JsonNode report = bad.json();
        assertFalse(report.path("ok").asBoolean());
        assertEquals(denial + 1, report.path("problems").get(0).path("line").asInt());
        assertEquals("MODIFIED_EVENT", report.path("problems").get(0).path("kind").asText());

        proc(null, "audit", "verify", copy.toString()).fails(2, "cannot read the public key");
    }
}
