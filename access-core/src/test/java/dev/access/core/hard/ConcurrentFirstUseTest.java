package dev.access.core.hard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.access.core.AccessControl;
import dev.access.core.EntryResult;
import dev.access.core.LockSetup;
import dev.access.core.LockStore;
import dev.access.core.NewCode;
import dev.access.core.SimulatedClock;
import dev.access.core.audit.TrailExport;
import dev.access.core.audit.TrailVerifier;
import dev.access.core.audit.VerificationReport;
import dev.access.core.domain.EntrySource;
import dev.access.core.domain.LockId;
import dev.access.crypto.FileKeyRing;
import dev.access.crypto.TrailPublicKey;
import java.io.BufferedReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many threads of one JVM opening the same new data directory at the same moment (store, key ring,
 * people keys, library), each then commissioning its own lock and naming a code's holder: every one
 * succeeds, the directory ends with one key ring, one people file and one store id, no temporary
 * file is left, and every lock's trail is there and verifies after a restart.
 */
class ConcurrentFirstUseTest {
    private static final int THREADS = 12;
    private static final Instant T0 = Instant.parse("2026-12-01T06:00:00Z");

    @TempDir
    Path tmp;

    @RepeatedTest(3)
    void threadsOpeningANewDirectoryTogether_allSucceed_andShareOneKeyRingAndOneStore() throws Exception {
        Path data = tmp.resolve("data");
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Future<String>> rings = new ArrayList<>();
        try {
            for (int i = 0; i < THREADS; i++) {
                LockId lock = LockId.of("lock-" + i);
                rings.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    FileKeyRing keys = FileKeyRing.open(data.resolve("keys"));
                    try (LockStore store = LockStore.sqlite(data);
                            AccessControl access = AccessControl.builder().store(store)
                                    .clock(new SimulatedClock(T0)).keyRing(keys).build()) {
                        access.commission(LockSetup.of(lock), "97531864".toCharArray());
                        access.addCode(lock, NewCode.unrestricted(1, "holder of " + lock.value()), "4826".toCharArray());
                    }
                    return keys.created() ? "created" : "found";
                }));
            }
            int created = 0;
            for (Future<String> f : rings) {
                created += f.get(2, TimeUnit.MINUTES).equals("created") ? 1 : 0;
            }
            assertEquals(1, created, "exactly one thread created the key ring");
        } finally {
            pool.shutdownNow();
        }

        try (Stream<Path> files = Files.list(data)) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertTrue(names.stream().noneMatch(n -> n.contains(".tmp-")), "temporary files left: " + names);
            assertEquals(1, names.stream().filter(n -> n.equals("keys")).count(), names.toString());
            assertTrue(names.contains("keys.people"), names.toString());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve(LockStore.SQLITE_FILE));
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT COUNT(*) FROM AccessStore")) {
            r.next();
            assertEquals(1, r.getInt(1), "one store id");
        }

        // A restart: every lock is there, its code opens, its names read and its trail verifies.
        try (LockStore store = LockStore.sqlite(data);
                AccessControl access = AccessControl.builder().store(store).clock(new SimulatedClock(T0.plusSeconds(60)))
                        .keyRing(FileKeyRing.open(data.resolve("keys"))).build()) {
            for (int i = 0; i < THREADS; i++) {
                LockId lock = LockId.of("lock-" + i);
                EntryResult r = access.enter(lock, "4826".toCharArray(), EntrySource.KEYPAD);
                assertTrue(r.granted(), lock + ": " + r);
                assertEquals("holder of " + lock.value(), access.reveal(lock, access.state(lock).credentials().get(1).name()));
                access.checkpoint(lock);
                StringWriter w = new StringWriter();
                TrailExport.write(access, lock, w);
                TrailPublicKey key = TrailPublicKey.parse(access.publicKey(lock).export());
                VerificationReport report = TrailVerifier.verify(new BufferedReader(new StringReader(w.toString())),
                        id -> id.equals(key.lockId()) ? key : null);
                assertTrue(report.ok(), lock + ": " + report.problems());
            }
        }
    }
}
