package dev.access.core.pg;

import static dev.access.core.retention.PruneModel.LOCK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.access.core.AccessControl;
import dev.access.core.EntryResult;
import dev.access.core.LockStore;
import dev.access.core.PruneResult;
import dev.access.core.SimulatedClock;
import dev.access.core.audit.VerificationReport;
import dev.access.core.domain.EntrySource;
import dev.access.core.domain.LockState;
import dev.access.core.readmodel.AttemptView;
import dev.access.core.retention.PruneModel;
import dev.access.core.retention.PruneRun;
import dev.access.crypto.FileKeyRing;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/*
 * Retention on PostgreSQL: the model of PruneRun (copies of a store made with CREATE DATABASE ...
 * TEMPLATE, 6 examples by default, -Daccess.prune.pg.examples=N for more); and two nodes on one
 * database, one pruning the lock while the other enters codes on it and prunes it too: every
 * acknowledged attempt after the cut is in the trail, the prunes serialise (one anchor, the trail
 * verifies from it), and the state is the one the entries made.
 */
/** Pruning on PostgreSQL: the same properties as on SQLite, and prunes beside a second node's writes. */
class PrunePostgresTest {
    private static EmbeddedPostgres pg;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() throws Exception {
        pg = PgSupport.server();
    }

    @Test
    void theModelHoldsOnPostgres() {
        String prefix = "prune_model_" + System.nanoTime() % 100_000;
        Map<String, HikariDataSource> pools = new HashMap<>();
        PruneRun run = new PruneRun(new PruneRun.Stores() {
            private String db(int example, String name) {
                return prefix + "_" + example + "_" + name;
            }

            @Override
            public LockStore open(int example, String name) throws Exception {
                String db = db(example, name);
                boolean exists;
                try (var c = pg.getPostgresDatabase().getConnection(); var s = c.createStatement();
                        var r = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + db + "'")) {
                    exists = r.next();
                }
                if (!exists) {
                    PgSupport.execute(pg.getPostgresDatabase(), "CREATE DATABASE " + db);
                }
                HikariDataSource pool = PgSupport.pool(pg, db, db, 4);
                pools.put(db, pool);
                return LockStore.postgres(pool);
            }

            @Override
            public Path keys(int example, String name) {
                return dir.resolve(db(example, name));
            }

            @Override
            public void closed(int example, String name) {
                HikariDataSource pool = pools.remove(db(example, name));
                if (pool != null) {
                    pool.close();
                }
            }

            @Override
            public void copy(int example, String from, String to) throws Exception {
                // The template must have no session left: a closed pool's may still be ending.
                for (int attempt = 1; ; attempt++) {
                    try {
                        PgSupport.execute(pg.getPostgresDatabase(),
                                "CREATE DATABASE " + db(example, to) + " TEMPLATE " + db(example, from));
                        break;
                    } catch (java.sql.SQLException e) {
                        if (attempt >= 50) {
                            throw e;
                        }
                        Thread.sleep(100);
                    }
                }
                PruneRun.copyTree(dir.resolve(db(example, from)), dir.resolve(db(example, to)));
                // The key ring's personal-data keys live beside its file.
                java.nio.file.Path people = dir.resolve(db(example, from) + ".people");
                if (java.nio.file.Files.exists(people)) {
                    java.nio.file.Files.copy(people, dir.resolve(db(example, to) + ".people"));
                }
            }
        });
        dev.access.core.retention.PruneTestSupport.property(run, Integer.getInteger("access.prune.pg.examples", 6));
        System.out.println(run.summary("PrunePostgresTest"));
        assertTrue(run.anchored() > 0, run.summary(""));
    }

    @Test
    void twoNodes_onePrunesWhileTheOtherEntersCodes_andBothPrune() throws Exception {
        String db = PgSupport.createDatabase(pg, "prune_nodes");
        Path keys = dir.resolve("keys");
        SimulatedClock clock = SimulatedClock.ticking(PruneModel.T0, Duration.ofMillis(10));
        try (HikariDataSource poolA = PgSupport.pool(pg, db, "node-a", 4);
                HikariDataSource poolB = PgSupport.pool(pg, db, "node-b", 4);
                LockStore storeA = LockStore.postgres(poolA);
                LockStore storeB = LockStore.postgres(poolB)) {
            AccessControl a = AccessControl.builder().store(storeA).clock(clock).keyRing(FileKeyRing.open(keys)).build();
            AccessControl b = AccessControl.builder().store(storeB).clock(clock).keyRing(FileKeyRing.open(keys)).build();
            try {
                PruneModel.Driver driver = new PruneModel.Driver(a, clock);
                PruneModel.commission(driver);
                a.addCode(LOCK, dev.access.core.NewCode.unrestricted(1, "resident"), "100001".toCharArray());
                // Past Axon's read batch (100): the anchor lands far above sequence 0.
                for (int i = 0; i < 160; i++) {
                    a.enter(LOCK, (i % 40 == 4 ? "9999" : "100001").toCharArray(), EntrySource.KEYPAD);
                }
                ExecutorService pool = Executors.newFixedThreadPool(3);
                AtomicBoolean stop = new AtomicBoolean();
                CountDownLatch going = new CountDownLatch(1);
                List<EntryResult> acked = new ArrayList<>();
                Future<?> entering = pool.submit(() -> {
                    for (int i = 0; !stop.get() || i < 20; i++) {
                        EntryResult r = b.enter(LOCK, "100001".toCharArray(), EntrySource.KEYPAD);
                        synchronized (acked) {
                            acked.add(r);
                        }
                        going.countDown();
                    }
                    return null;
                });
                assertTrue(going.await(60, TimeUnit.SECONDS));
                Instant cut = clock.instant();
                Future<PruneResult> first = pool.submit(() -> a.pruneTrail(LOCK, cut));
                Future<PruneResult> second = pool.submit(() -> b.pruneTrail(LOCK, cut));
                PruneResult ra = first.get(120, TimeUnit.SECONDS);
                PruneResult rb = second.get(120, TimeUnit.SECONDS);
                stop.set(true);
                entering.get(120, TimeUnit.SECONDS);
                pool.shutdown();
                assertTrue(ra.removed() > 0 || rb.removed() > 0, ra + " / " + rb);
                assertEquals(ra.anchorSequence(), rb.anchorSequence(), "one anchor: " + ra + " / " + rb);
                assertEquals(ra.removed() + rb.removed(), Math.max(ra.removed(), rb.removed()),
                        "the second prune found the first's anchor and removed nothing");
                VerificationReport v = PruneModel.verify(PruneModel.export(a), a.publicKey(LOCK));
                assertTrue(v.ok(), v.problems().toString());
                assertEquals(ra.anchorSequence(), v.locks().get(LOCK.value()).anchorSequence());
                LockState state = b.state(LOCK);
                assertEquals(state, a.state(LOCK));
                int granted = (int) acked.stream().filter(EntryResult::granted).count();
                long after = a.events(LOCK).stream().filter(e -> e instanceof dev.access.core.domain.LockEvent.EntryGranted
                        && e.at().isAfter(cut)).count();
                long ackedAfter = acked.stream().filter(r -> r.granted() && r.at().isAfter(cut)).count();
                assertEquals(ackedAfter, after, "every acknowledged grant after the cut is in the trail");
                assertTrue(granted >= 20);
                assertTrue(a.awaitAccessLog(Duration.ofSeconds(60)));
                for (AttemptView at : a.accessLog(LOCK).recentAttempts()) {
                    assertTrue(at.sequence() > ra.anchorSequence(), "no removed attempt in the access log: " + at);
                }
                assertTrue(ra.anchorSequence() > 100, ra.toString());
                // A third node, no cache and no snapshot: it loads the lock from the anchor.
                PgSupport.execute(poolA, "DELETE FROM SnapshotEventEntry");
                try (HikariDataSource poolC = PgSupport.pool(pg, db, "node-c", 2);
                        LockStore storeC = LockStore.postgres(poolC)) {
                    AccessControl c = AccessControl.builder().store(storeC).clock(clock).keyRing(FileKeyRing.open(keys))
                            .cacheSize(0).accessLog(false).build();
                    try {
                        assertEquals(state, c.state(LOCK), "loaded from the anchor on PostgreSQL");
                    } finally {
                        c.close();
                    }
                }
            } finally {
                a.close();
                b.close();
            }
        }
    }
}
