package dev.access.core.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.zaxxer.hikari.HikariDataSource;
import dev.access.core.AccessControl;
import dev.access.core.LockStore;
import dev.access.core.domain.LockDecider;
import dev.access.core.domain.LockEvent;
import dev.access.crypto.FileKeyRing;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/*
 * Crash harness on PostgreSQL. A child JVM (PgCrashChild) enters codes one command at a time on
 * the parent's embedded PostgreSQL and reports each acknowledgement on stdout as soon as the call
 * returns; this test kills it with SIGKILL at random moments (also during start-up), then opens a
 * fresh store and library (no cache) and checks: every acknowledged attempt is in the trail; at
 * most one unacknowledged attempt per kill made it (the one in flight); sequences are contiguous;
 * the state is the fold of the trail. The server stays up: this is about the client dying
 * mid-transaction (zonky runs PostgreSQL with fsync off, so server crashes are out of scope).
 * To keep the run short, the children of the next two rounds boot ahead of time (they create
 * missing tables and warm up in memory, and read nothing of the lock until they get GO); start-up
 * rounds (1 in 10) start their child cold and kill it within 1.5 s of its JVM's start.
 *
 * 20 kills by default; -Daccess.crash.kills=500 runs more. The seed is printed and can be fixed with
 * -Daccess.crash.seed=N.
 */
/** A client SIGKILLed at random never loses an acknowledged attempt on PostgreSQL nor leaves a partial one. */
class PostgresCrashTest {
    private static EmbeddedPostgres pg;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() throws Exception {
        pg = PgSupport.server();
    }


    @Test
    void givenRandomSigkills_thenEveryAcknowledgedAttemptSurvivesAndTheStoreStaysConsistent() throws Exception {
        int kills = Integer.getInteger("access.crash.kills", 20);
        long seed = Long.getLong("access.crash.seed", System.nanoTime());
        System.out.println("PostgresCrashTest: " + kills + " kills, seed " + seed);
        Random random = new Random(seed);
        String database = PgSupport.createDatabase(pg, "crash");
        String url = pg.getJdbcUrl(PgSupport.USER, database);
        Path keys = dir.resolve("keys");
        Path stderr = dir.resolve("child.err");
        String classPath = childClassPath(dir.resolve("classpath"));
        long startupMillis = 0;
        long verifyMillis = 0;
        int readyCount = 0;
        Set<Instant> acked = new HashSet<>();
        Set<Instant> stored = new HashSet<>();
        int killedDuringStartup = 0;
        int inFlightStored = 0;
        boolean[] duringStartup = new boolean[kills];
        for (int k = 0; k < kills; k++) {
            duringStartup[k] = random.nextInt(10) == 0;
        }
        Map<Integer, Child> prestarted = new HashMap<>();
        try {
            prestart(prestarted, 0, duringStartup, classPath, url, keys, stderr);
            for (int k = 0; k < kills; k++) {
                // A start-up round starts its child now, to kill it anywhere from JVM start to its
                // first commands; the others use a child that booted ahead of time.
                Child child = prestarted.containsKey(k) ? prestarted.remove(k) : new Child(classPath, url, keys, stderr);
                child.go();
                if (duringStartup[k]) {
                    Thread.sleep(random.nextInt(1500));
                    killedDuringStartup++;
                } else {
                    if (!child.ready.await(60, TimeUnit.SECONDS)) {
                        child.kill();
                        fail("child never became ready (kill " + k + ", seed " + seed + "): " + child.lines + "\n"
                                + Files.readString(stderr));
                    }
                    startupMillis += (System.nanoTime() - child.goAt) / 1_000_000;
                    readyCount++;
                    Thread.sleep(30 + random.nextInt(800));
                }
                child.kill();
                prestart(prestarted, k + 1, duringStartup, classPath, url, keys, stderr);
                Set<Instant> newAcks = child.lines.stream().filter(l -> l.startsWith("ACK "))
                        .map(l -> Instant.parse(l.substring(4))).collect(Collectors.toSet());
                acked.addAll(newAcks);
                String where = "kill " + k + " (seed " + seed + "), " + newAcks.size() + " new acks";
                long verifying = System.nanoTime();
                Set<Instant> attempts = verify(url, keys, acked, where);
                verifyMillis += (System.nanoTime() - verifying) / 1_000_000;
                Set<Instant> unacknowledged = new HashSet<>(attempts);
                unacknowledged.removeAll(stored);
                unacknowledged.removeAll(newAcks);
                assertTrue(unacknowledged.size() <= 1, "at most the one attempt in flight is stored unacknowledged "
                        + "after " + where + ": " + unacknowledged);
                assertTrue(attempts.containsAll(stored), "nothing stored earlier disappeared after " + where);
                inFlightStored += unacknowledged.size();
                stored.clear();
                stored.addAll(attempts);
            }
        } finally {
            for (Child c : prestarted.values()) {
                c.kill();
            }
        }
        System.out.println("PostgresCrashTest: " + acked.size() + " acknowledged attempts, " + inFlightStored
                + " stored in flight, " + killedDuringStartup + " kills during start-up; from go to ready "
                + (readyCount == 0 ? 0 : startupMillis / readyCount) + " ms, check " + verifyMillis / kills + " ms on average");
        assertTrue(acked.size() > kills, "the children got work done between kills: " + acked.size());
    }

    /** Boots the children of the next two rounds that are not start-up rounds, if not booting yet. */
    private static void prestart(Map<Integer, Child> prestarted, int from, boolean[] duringStartup, String classPath,
            String url, Path keys, Path stderr) throws IOException {
        for (int r = from; r < Math.min(from + 2, duringStartup.length); r++) {
            if (!duringStartup[r] && !prestarted.containsKey(r)) {
                prestarted.put(r, new Child(classPath, url, keys, stderr));
            }
        }
    }

    /** Checks the store with a fresh pool, store and library (no cache); returns the stored attempts' instants. */
    private static Set<Instant> verify(String url, Path keys, Set<Instant> acked, String where) throws Exception {
        try (HikariDataSource pool = PgSupport.pool(url, "crash-verify", 2)) {
            if (PgSupport.columns(pool, "DomainEventEntry").isEmpty()) {
                assertTrue(acked.isEmpty(), "no table, yet acknowledged attempts, after " + where);
                return Set.of();
            }
            Set<Instant> attempts;
            try (LockStore store = LockStore.postgres(pool)) {
                AccessControl access = AccessControl.builder().store(store).clock(Clock.systemUTC())
                        .keyRing(FileKeyRing.open(keys)).cacheSize(0).build();
                try {
                    List<LockEvent> trail = access.events(PgCrashChild.LOCK);
                    List<Instant> outcomes = trail.stream()
                            .filter(e -> e instanceof LockEvent.EntryGranted || e instanceof LockEvent.EntryDenied)
                            .map(LockEvent::at).collect(Collectors.toList());
                    attempts = new HashSet<>(outcomes);
                    assertEquals(outcomes.size(), attempts.size(), "every attempt stored once after " + where);
                    Set<Instant> lost = new HashSet<>(acked);
                    lost.removeAll(attempts);
                    assertTrue(lost.isEmpty(), "acknowledged attempts lost after " + where + ": " + lost);
                    assertEquals(LockDecider.fold(trail), access.state(PgCrashChild.LOCK), "state is the fold, " + where);
                } finally {
                    access.close();
                }
            }
            List<List<String>> rows = PgSupport.query(pool, "SELECT count(*), coalesce(max(sequenceNumber) + 1, 0), "
                    + "count(DISTINCT sequenceNumber) FROM DomainEventEntry WHERE aggregateIdentifier = ?",
                    PgCrashChild.LOCK.value());
            assertEquals(rows.get(0).get(1), rows.get(0).get(0), "sequences contiguous after " + where);
            assertEquals(rows.get(0).get(2), rows.get(0).get(0), "no duplicate sequence after " + where);
            return attempts;
        }
    }

    /**
     * The children's class path, with the build's class directories copied aside first: another
     * build recompiling the same module while the harness runs must not pull classes from under
     * a child being started.
     */
    private static String childClassPath(Path copies) throws IOException {
        String testPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> entries = new ArrayList<>();
        int n = 0;
        for (String entry : testPath.split(File.pathSeparator)) {
            Path source = Path.of(entry);
            if (!Files.isDirectory(source)) {
                entries.add(entry);
                continue;
            }
            Path target = copies.resolve(Integer.toString(n++));
            try (Stream<Path> files = Files.walk(source)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Path to = target.resolve(source.relativize(f).toString());
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(f, to);
                    }
                }
            }
            entries.add(target.toString());
        }
        return String.join(File.pathSeparator, entries);
    }

    /** One child JVM and what it printed. */
    private static final class Child {
        final Process process;
        final List<String> lines = new CopyOnWriteArrayList<>();
        final CountDownLatch ready = new CountDownLatch(1);
        final Thread reader;
        long goAt;

        Child(String classPath, String url, Path keys, Path stderr) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-Daxoniq.update-checker.disabled=true", "-Ddisable-axoniq-console-message=true",
                    "-cp", classPath, PgCrashChild.class.getName(), url, keys.toString());
            pb.redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile()));
            process = pb.start();
            reader = new Thread(this::read);
            reader.start();
        }

        /** Lets the child start writing. */
        void go() throws IOException {
            goAt = System.nanoTime();
            process.getOutputStream().write(PgCrashChild.GO.concat("\n").getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
        }

        /** SIGKILL, then waits for the process and for the last of its output. */
        void kill() throws InterruptedException {
            // SIGKILL through the process handle: Process.destroyForcibly() also closes our end of the
            // child's stdout, which throws away acknowledgements still unread in the pipe.
            process.toHandle().destroyForcibly();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the child died");
            // Everything the child wrote before it died is in the pipe: read it to its end, however
            // busy the machine is, or an acknowledgement still unread would count as missing.
            reader.join(120_000);
            assertFalse(reader.isAlive(), "the dead child's output was not read to its end within 120 s");
        }

        private void read() {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
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
    }
}
