package dev.access.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.access.cli.CliRun.Result;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code lockctl audit prune} contract, each step its own process as lockctl is used: exit 0
 * with the number of records removed (text and {@code --json}); then {@code audit export} starts at
 * the anchor, {@code audit verify} exits 0 reporting it (and 5 for a tampered anchor), and {@code
 * status} and {@code enter} behave exactly as before the prune (a lockout, a used one-time code, a
 * use count); bad input is exit 2.
 */
class LockCtlPruneTest {
    private static final String MASTER = "97531864";

    @TempDir
    Path dir;

    /** lockctl --data DIR --at AT args..., in its own JVM. */
    private Result at(String instant, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), LockCtl.class.getName(),
                "--data", dir.resolve("data").toString(), "--at", instant));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("lockctl did not finish: " + cmd);
        }
        Result r = new Result(p.exitValue(), out.join(), err.join());
        CliRun.assertPlainErrors(r);
        // Chain heads and signatures are random hex and base64: a PIN's digits may appear in them by chance.
        for (String pin : CliRun.PINS) {
            assertFalse(CliRun.withoutRandomValues(r.out() + r.err()).contains(pin), "a PIN in the output: " + r);
        }
        return r;
    }

    private static String read(InputStream s) {
        try {
            return new String(s.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The status without what depends on the trail's length ({@code events}). */
    private static JsonNode state(JsonNode status) {
        ObjectNode s = status.deepCopy();
        s.remove("events");
        return s;
    }

    @Test
    void pruneThenExportVerifyStatusAndEnterAsBefore() throws Exception {
        // Through in-process lockctl (the same store), a morning at the door.
        String data = dir.resolve("data").toString();
        CliRun.run("--data", data, "--at", "2026-12-01T06:00:00Z", "commission", "--lock", "front", "--master-pin",
                MASTER, "--zone", "Europe/Berlin", "--wrong-code-limit", "3", "--lockout", "600").ok();
        CliRun.run("--data", data, "--at", "2026-12-01T06:00:10Z", "code", "add", "--lock", "front", "--slot", "1",
                "--pin", "4826", "--name", "alice").ok();
        CliRun.run("--data", data, "--at", "2026-12-01T06:00:20Z", "code", "add", "--lock", "front", "--slot", "2",
                "--pin", "1593", "--type", "disposable", "--name", "courier").ok();
        CliRun.run("--data", data, "--at", "2026-12-01T06:00:30Z", "code", "add", "--lock", "front", "--slot", "3",
                "--pin", "7305", "--max-uses", "3", "--name", "cleaner").ok();
        CliRun.run("--data", data, "--at", "2026-12-01T06:01:00Z", "enter", "--lock", "front", "--pin", "1593").ok();
        CliRun.run("--data", data, "--at", "2026-12-01T06:01:10Z", "enter", "--lock", "front", "--pin", "7305").ok();
        for (int i = 1; i <= 3; i++) {
            assertEquals(3, CliRun.run("--data", data, "--at", "2026-12-01T06:02:0" + i + "Z", "enter", "--lock", "front",
                    "--pin", "7788").exit());
        }
        JsonNode before = at("2026-12-01T06:03:00Z", "status", "--lock", "front", "--json").ok().json();
        assertTrue(before.path("lockedOut").asBoolean(), before.toString());

        Result pruned = at("2026-12-01T06:03:00Z", "audit", "prune", "--lock", "front", "--before",
                "2026-12-01T06:02:02Z", "--json").ok();
        JsonNode p = pruned.json();
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = p.fieldNames(); it.hasNext(); ) {
            keys.add(it.next());
        }
        assertEquals(List.of("ok", "command", "lock", "removed", "before", "anchorSequence", "anchoredAt", "through",
                "firstSequence", "chainHead", "keyId"), keys);
        assertTrue(p.path("ok").asBoolean());
        assertEquals("audit prune", p.path("command").asText());
        assertEquals("front", p.path("lock").asText());
        long removed = p.path("removed").asLong();
        assertTrue(removed > 5, pruned.out());
        long anchor = p.path("anchorSequence").asLong();
        assertEquals(removed - 1, anchor, "every record before the anchor, and the one it replaced");
        assertEquals("2026-12-01T06:03:00Z", p.path("anchoredAt").asText());
        assertEquals(0, p.path("firstSequence").asLong());

        // status and enter as before.
        assertEquals(state(before), state(at("2026-12-01T06:03:00Z", "status", "--lock", "front", "--json").ok().json()));
        Result locked = at("2026-12-01T06:04:00Z", "enter", "--lock", "front", "--pin", "4826", "--json");
        assertEquals(3, locked.exit());
        assertEquals("LOCKED_OUT", locked.json().path("reason").asText());
        Result once = at("2026-12-01T06:13:00Z", "enter", "--lock", "front", "--pin", "1593", "--json");
        assertEquals(3, once.exit(), once.toString());
        assertEquals("USE_LIMIT_REACHED", once.json().path("reason").asText(), "the one-time code stays used");
        JsonNode after = at("2026-12-01T06:13:30Z", "status", "--lock", "front", "--json").ok().json();
        assertEquals(1, after.path("codes").get(3).path("uses").asInt(), after.toString());

        // Export starts at the anchor; verify exits 0 and reports it.
        Path export = dir.resolve("front.jsonl");
        JsonNode ex = at("2026-12-01T06:14:00Z", "audit", "export", "--lock", "front", "--out", export.toString(),
                "--json").ok().json();
        assertEquals(anchor, ex.path("anchorSequence").asLong());
        // A whole export first carries the personal-keys line, then the records: the anchor first.
        List<String> all = Files.readAllLines(export);
        int at = all.get(0).contains("\"personalKeys\"") ? 1 : 0;
        String first = all.get(at);
        assertTrue(first.contains("\"type\":\"TrailAnchored\"") && first.contains("\"sequence\":" + anchor), first);
        JsonNode v = at("2026-12-01T06:14:00Z", "audit", "verify", export.toString(), "--json").ok().json();
        assertTrue(v.path("ok").asBoolean());
        assertEquals(anchor, v.path("locks").path("front").path("anchorSequence").asLong(), v.toString());
        String text = at("2026-12-01T06:14:00Z", "audit", "verify", export.toString()).ok().out();
        assertTrue(text.contains("starts at a retention anchor at sequence " + anchor), text);

        // A tampered anchor fails verification (exit 5).
        List<String> lines = Files.readAllLines(export);
        lines.set(at, lines.get(at).replace("\\\"uses\\\":1", "\\\"uses\\\":0"));
        assertFalse(lines.get(at).equals(Files.readAllLines(export).get(at)), "the anchor holds a use count to change");
        Path forged = dir.resolve("forged.jsonl");
        Files.write(forged, lines);
        Files.copy(Path.of(export + ".pub"), Path.of(forged + ".pub"));
        Result bad = at("2026-12-01T06:14:00Z", "audit", "verify", forged.toString());
        assertEquals(ExitCodes.VERIFY_FAILED, bad.exit(), bad.toString());
        assertTrue(bad.out().contains("ANCHOR_MISMATCH"), bad.out());

        // Replay refuses an instant before what the anchor holds (exit 2); after it, it works.
        at("2026-12-01T06:14:00Z", "audit", "replay", export.toString(), "--until", "2026-12-01T06:01:00Z")
                .fails(ExitCodes.USAGE, "pruned");
        at("2026-12-01T06:14:00Z", "audit", "replay", export.toString(), "--until", "2026-12-01T06:14:00Z").ok();

        // A second prune (text), then one with nothing left before the instant.
        String again = at("2026-12-01T06:15:00Z", "audit", "prune", "--lock", "front", "--before",
                "2026-12-01T06:14:00Z").ok().out();
        assertTrue(again.startsWith("audit prune: lock front: "), again);
        assertTrue(again.contains("records removed (sequences " + anchor + " to "), again);
        JsonNode none = at("2026-12-01T06:15:00Z", "audit", "prune", "--lock", "front", "--before",
                "2026-12-01T06:00:00Z", "--json").ok().json();
        assertEquals(0, none.path("removed").asLong());

        // Bad input: exit 2, one line, nothing changed.
        at("2026-12-01T06:15:00Z", "audit", "prune", "--lock", "front", "--before", "yesterday")
                .fails(ExitCodes.USAGE, "yesterday");
        at("2026-12-01T06:15:00Z", "audit", "prune", "--lock", "front").fails(ExitCodes.USAGE, "--before");
    }
}
