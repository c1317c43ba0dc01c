package dev.access.core.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.access.core.AccessControl;
import dev.access.core.LockStore;
import dev.access.core.domain.LockDecider;
import dev.access.core.domain.LockEvent;
import dev.access.core.domain.LockId;
import dev.access.crypto.FileKeyRing;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/*
 * Crash harness. A child JVM (CrashChild) enters codes one command at a time on the embedded
 * store and reports each acknowledgement on stdout as soon as the call returns; this test kills it
 * with SIGKILL at random moments (also during start-up), reopens the store after each kill and
 * checks: every acknowledged attempt is in the trail; at most one unacknowledged attempt per kill
 * made it (the one in flight); sequences are contiguous; every event deserializes; the state is the
 * fold of the trail; SQLite's integrity_check passes; and sqlite-jdbc's native library was
 * extracted inside the data directory, never into the system temp directory.
 *
 * 20 kills by default; -Daccess.crash.kills=500 runs more. The seed is printed and can be fixed with
 * -Daccess.crash.seed=N.
 */
/** SIGKILL at random moments never loses an acknowledged entry attempt nor leaves a partial one. */
class SqliteCrashTest {
    @TempDir
    Path dir;

    @Test
    void givenRandomSigkills_thenEveryAcknowledgedAttemptSurvivesAndTheStoreStaysConsistent() throws Exception {
        harness(1, Integer.getInteger("access.crash.kills", 20));
    }

    /** Four threads on four locks: their commands share group commits, and a kill hits them mid-group. */
    @Test
    void givenFourThreadsSharingGroupCommits_whenKilled_thenEveryAcknowledgedAttemptSurvives() throws Exception {
        harness(4, Integer.getInteger("access.crash.kills", 12));
    }

    private void harness(int threads, int kills) throws Exception {
        long seed = Long.getLong("access.crash.seed", System.nanoTime());
        System.out.println("SqliteCrashTest: " + threads + " thread(s), " + kills + " kills, seed " + seed);
        Random random = new Random(seed);
        Path data = dir.resolve("data");
        Set<String> tmpBefore = sqliteFilesIn(Path.of(System.getProperty("java.io.tmpdir")));
        Map<LockId, Set<Instant>> acked = new HashMap<>();
        for (int t = 0; t < threads; t++) {
            acked.put(CrashChild.lock(t), new HashSet<>());
        }
        int killedDuringStartup = 0;
        for (int k = 0; k < kills; k++) {
            List<String> lines = new CopyOnWriteArrayList<>();
            CountDownLatch ready = new CountDownLatch(1);
            Path stderr = dir.resolve("child-" + k + ".err");
            Process child = startChild(data, stderr, threads);
            Thread reader = new Thread(() -> read(child, lines, ready));
            reader.start();
            boolean startup = random.nextInt(10) == 0;
            if (startup) {
                Thread.sleep(random.nextInt(800));
                killedDuringStartup++;
            } else {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (!ready.await(200, TimeUnit.MILLISECONDS) && child.isAlive() && System.nanoTime() < deadline) {
                    // waiting for READY
                }
                if (ready.getCount() > 0 && !child.isAlive()) {
                    reader.join(5_000);
                    fail("child exited with " + child.exitValue() + " before it was ready (kill " + k + ", seed " + seed
                            + "): " + Files.readString(stderr));
                }
                if (ready.getCount() > 0) {
                    String dump = threadDump(child.pid());
                    child.destroyForcibly();
                    child.waitFor(30, TimeUnit.SECONDS);
                    fail("child never became ready (kill " + k + ", seed " + seed + "): " + lines + "; stderr: "
                            + Files.readString(stderr) + "\nthread dump:\n" + dump);
                }
                Thread.sleep(50 + random.nextInt(1200));
            }
            // SIGKILL through the process handle: Process.destroyForcibly() also closes our end of the
            // child's stdout, which throws away acknowledgements still unread in the pipe (they then
            // looked like attempts stored without acknowledgement).
            child.toHandle().destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            // Everything the child wrote before it died is in the pipe: read it to its end, however
            // busy the machine is, or an acknowledgement still unread would count as missing.
            reader.join(120_000);
            assertFalse(reader.isAlive(), "the dead child's output was not read to its end within 120 s");
            int before = total(acked);
            for (String l : lines) {
                if (l.startsWith("ACK ")) {
                    String[] parts = l.substring(4).split(" ");
                    LockId lock = parts.length > 1 ? LockId.of(parts[1]) : CrashChild.LOCK;
                    acked.get(lock).add(Instant.parse(parts[0]));
                }
            }
            for (Map.Entry<LockId, Set<Instant>> e : acked.entrySet()) {
                verify(data, e.getKey(), e.getValue(), k + 1, "kill " + k + " (seed " + seed + "), "
                        + (total(acked) - before) + " new acks");
            }
        }
        System.out.println("SqliteCrashTest: " + total(acked) + " acknowledged attempts, " + killedDuringStartup
                + " kills during start-up");
        for (Map.Entry<LockId, Set<Instant>> e : acked.entrySet()) {
            assertTrue(e.getValue().size() > kills / 2, "the children got work done on " + e.getKey() + " between kills: "
                    + e.getValue().size());
        }
        try (Stream<Path> natives = Files.list(data.resolve("native"))) {
            assertTrue(natives.anyMatch(p -> p.getFileName().toString().startsWith("sqlite-")),
                    "sqlite-jdbc extracted its native library inside the data directory");
        }
        Set<String> tmpAfter = sqliteFilesIn(Path.of(System.getProperty("java.io.tmpdir")));
        tmpAfter.removeAll(tmpBefore);
        assertTrue(tmpAfter.isEmpty(), "killed children left native libraries in the temp dir: " + tmpAfter);
    }

    private static int total(Map<LockId, Set<Instant>> acked) {
        return acked.values().stream().mapToInt(Set::size).sum();
    }

    private static void verify(Path data, LockId lock, Set<Instant> acked, int killsSoFar, String where)
            throws Exception {
        try (LockStore store = LockStore.sqlite(data)) {
            AccessControl access = AccessControl.builder().store(store).clock(Clock.systemUTC())
                    .keyRing(FileKeyRing.open(data.resolve("keys"))).cacheSize(0).build();
            try {
                List<LockEvent> trail = access.events(lock);
                Set<Instant> attempts = trail.stream()
                        .filter(e -> e instanceof LockEvent.EntryGranted || e instanceof LockEvent.EntryDenied)
                        .map(LockEvent::at).collect(Collectors.toSet());
                Set<Instant> lost = new HashSet<>(acked);
                lost.removeAll(attempts);
                assertTrue(lost.isEmpty(), "acknowledged attempts on " + lock + " lost after " + where + ": " + lost);
                assertTrue(attempts.size() - acked.size() <= killsSoFar,
                        "more unacknowledged attempts than kills after " + where);
                assertEquals(LockDecider.fold(trail), access.state(lock), "state is the fold, " + where);
            } finally {
                access.close();
            }
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve(LockStore.SQLITE_FILE));
                Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
                r.next();
                assertEquals("ok", r.getString(1), "integrity after " + where);
            }
            try (ResultSet r = s.executeQuery("SELECT count(*), coalesce(max(sequenceNumber) + 1, 0) FROM DomainEventEntry "
                    + "WHERE aggregateIdentifier = '" + lock.value() + "'")) {
                r.next();
                assertEquals(r.getLong(2), r.getLong(1), "sequences contiguous after " + where);
            }
        }
    }

    private static Process startChild(Path data, Path stderr, int threads) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-Daxoniq.update-checker.disabled=true",
                "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(), data.toString(),
                Integer.toString(threads));
        pb.redirectError(stderr.toFile());
        return pb.start();
    }

    /** A jstack thread dump of a stuck child, for the failure message. */
    private static String threadDump(long pid) {
        try {
            Path jstack = Path.of(System.getProperty("java.home"), "bin", "jstack");
            Process p = new ProcessBuilder(jstack.toString(), Long.toString(pid)).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            return out;
        } catch (IOException | InterruptedException e) {
            return "(no thread dump: " + e + ")";
        }
    }

    private static void read(Process child, List<String> lines, CountDownLatch ready) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.equals("READY")) {
                    ready.countDown();
                }
                lines.add(line);
            }
        } catch (IOException e) {
            // The child was killed mid-line: what was read stays.
        }
    }

    private static Set<String> sqliteFilesIn(Path tmp) throws IOException {
        try (Stream<Path> files = Files.list(tmp)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("sqlite-"))
                    .collect(Collectors.toCollection(HashSet::new));
        }
    }

}
