package dev.access.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.access.cli.CliRun.Result;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Twelve real lockctl processes ({@code java -cp <test class path> LockCtl}) started at once on a
 * data directory that does not exist yet, each commissioning its own lock and naming a code's
 * holder: all exit 0, exactly one key ring (and one people file, one store id) comes out of it, no
 * temporary file is left, and every later command on every lock works.
 */
class LockCtlConcurrentFirstUseTest {
    private static final int PROCESSES = 12;
    private static final String MASTER = "97531864";

    @TempDir
    Path dir;

    /** Starts lockctl with {@code args} in a new JVM, standard input empty. */
    private static Process start(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), LockCtl.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    }

    /** Waits for {@code p} and returns what it did (its error lines checked as every test's are). */
    private static Result finish(Process p) throws InterruptedException {
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("lockctl did not finish");
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

    @Test
    void twelveProcessesOnANewDataDirectory_allSucceed_withOneKeyRing_andEveryLaterCommandWorks() throws Exception {
        Path data = dir.resolve("new").resolve("data");
        List<Process> started = new ArrayList<>();
        for (int i = 0; i < PROCESSES; i++) {
            started.add(start("--data", data.toString(), "--at", "2026-12-01T06:00:00Z", "commission", "--lock",
                    "lock-" + i, "--master-pin", MASTER, "--by", "installer-" + i));
        }
        List<Result> results = new ArrayList<>();
        for (Process p : started) {
            results.add(finish(p));
        }
        for (int i = 0; i < PROCESSES; i++) {
            Result r = results.get(i);
            assertEquals(0, r.exit(), "process " + i + ": " + r);
            assertEquals("", r.err(), "process " + i + ": " + r);
        }

        try (Stream<Path> files = Files.list(data)) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertTrue(names.stream().noneMatch(n -> n.contains(".tmp-")), "temporary files left: " + names);
            assertTrue(names.contains("keys") && names.contains("keys.people") && names.contains("events.db"),
                    names.toString());
        }
        String ring = Files.readString(data.resolve("keys"));
        assertEquals(1, ring.lines().filter(l -> l.startsWith("root ")).count(), "one root secret");
        assertEquals(1, ring.lines().filter(l -> l.startsWith("store ")).count(), "bound to one store");
        for (int i = 0; i < PROCESSES; i++) {
            assertTrue(ring.contains("\nepoch lock-" + i + " 1 "), "lock-" + i + " has its key epoch");
        }

        // Later commands, on every lock: a code, an entry with it, the status, and an export that verifies.
        for (int i = 0; i < PROCESSES; i++) {
            String lock = "lock-" + i;
            CliRun.run("--data", data.toString(), "--at", "2026-12-01T06:01:00Z", "code", "add", "--lock", lock,
                    "--slot", "1", "--pin", "4826", "--name", "holder-" + i).ok();
            CliRun.run("--data", data.toString(), "--at", "2026-12-01T06:02:00Z", "enter", "--lock", lock,
                    "--pin", "4826").ok();
            assertEquals("holder-" + i, CliRun.run("--data", data.toString(), "--at", "2026-12-01T06:03:00Z", "status",
                    "--lock", lock, "--json").ok().json().path("codes").get(1).path("name").asText());
        }
        Path export = dir.resolve("lock-7.jsonl");
        CliRun.run("--data", data.toString(), "--at", "2026-12-01T06:04:00Z", "audit", "export", "--lock", "lock-7",
                "--out", export.toString()).ok();
        Result verified = CliRun.run("audit", "verify", export.toString()).ok();
        assertTrue(verified.out().contains(": OK, "), verified.out());
    }
}
