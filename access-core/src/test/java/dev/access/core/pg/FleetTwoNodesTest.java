package dev.access.core.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.access.core.AccessControl;
import dev.access.core.Fleet;
import dev.access.core.LockSetup;
import dev.access.core.LockStore;
import dev.access.core.NewCode;
import dev.access.core.SimulatedClock;
import dev.access.core.audit.TrailExport;
import dev.access.core.domain.EntrySource;
import dev.access.core.domain.LockId;
import dev.access.core.fleet.Enrollment;
import dev.access.core.fleet.IngestResult;
import dev.access.core.fleet.SegmentRejectedException;
import dev.access.crypto.BackendPublicKey;
import dev.access.crypto.Checkpoint;
import dev.access.crypto.FileKeyRing;
import dev.access.crypto.InMemoryKeyRing;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two backend nodes (two Fleet instances, each with its own pool) on one PostgreSQL database and
 * one key ring file ingest the same and overlapping segments of several locks at once, in shuffled
 * orders, retrying what a gap refuses: every event is stored once and each copy is the lock's trail.
 */
class FleetTwoNodesTest {
    @TempDir
    Path tmp;

    @Test
    void twoNodesIngestingConcurrently_storeEachEventOnce() throws Exception {
        EmbeddedPostgres pg = PgSupport.server();
        String db = PgSupport.createDatabase(pg, "fleet");
        SimulatedClock clock = new SimulatedClock(Instant.parse("2026-07-06T06:00:00Z"));
        InMemoryKeyRing lockKeys = InMemoryKeyRing.create();
        List<String> segments = new ArrayList<>();
        List<String> exports = new ArrayList<>();
        List<LockId> ids = new ArrayList<>();
        try (HikariDataSource a = PgSupport.pool(pg, db, "fleet-a", 4);
                HikariDataSource b = PgSupport.pool(pg, db, "fleet-b", 4);
                LockStore lockStore = LockStore.inMemory();
                AccessControl locks = AccessControl.builder().store(lockStore).clock(clock).keyRing(lockKeys)
                        .checkpointEvery(9).build()) {
            LockStore storeA = LockStore.postgres(a);
            LockStore storeB = LockStore.postgres(b);
            Fleet nodeA = Fleet.builder().store(storeA).keyRing(FileKeyRing.open(tmp.resolve("keys"))).clock(clock).build();
            Fleet nodeB = Fleet.builder().store(storeB).keyRing(FileKeyRing.open(tmp.resolve("keys"))).clock(clock).build();
            BackendPublicKey backend = nodeA.initialize();
            assertEquals(backend, nodeB.publicKey().orElseThrow(), "one identity for both nodes");
            Random r = new Random(42);
            for (int l = 0; l < 4; l++) {
                LockId id = LockId.of("lock-" + l);
                ids.add(id);
                locks.commission(LockSetup.of(id).withTimeZone("Europe/Berlin"), "90817263".toCharArray());
                int epoch = locks.state(id).keyEpoch();
                Checkpoint cp = locks.checkpoint(id);
                (l % 2 == 0 ? nodeA : nodeB).enroll(Enrollment.sign(lockKeys.checkpointSigner(id.value()), backend.keyId(),
                        epoch, lockKeys.sealingPublicKey(id.value(), epoch), cp.sequence(), cp.chainHead(), clock.instant()));
                locks.addCode(id, NewCode.unrestricted(1, "alice"), "31415926".toCharArray());
                long from = 0;
                for (int s = 0; s < 5; s++) {
                    for (int k = 0; k < 15; k++) {
                        clock.advance(Duration.ofMinutes(3));
                        locks.enter(id, (r.nextBoolean() ? "31415926" : "55501234").toCharArray(), EntrySource.KEYPAD);
                    }
                    locks.checkpoint(id);
                    List<String> lines = lines(locks, id);
                    // Each segment starts a little before the previous one ended: overlaps.
                    long start = Math.max(0, from - r.nextInt(6));
                    segments.add(String.join("\n", lines.subList((int) start, lines.size())) + "\n");
                    from = lines.size();
                }
                exports.add(String.join("\n", lines(locks, id)) + "\n");
            }
            AtomicLong stored = new AtomicLong();
            AtomicLong refusals = new AtomicLong();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Fleet node = t % 2 == 0 ? nodeA : nodeB;
                List<String> mine = new ArrayList<>(segments);
                Collections.shuffle(mine, new Random(t));
                done.add(pool.submit(() -> {
                    List<String> left = new ArrayList<>(mine);
                    while (!left.isEmpty()) {
                        List<String> again = new ArrayList<>();
                        for (String seg : left) {
                            try {
                                IngestResult res = node.ingest(new StringReader(seg));
                                stored.addAndGet(res.newEvents());
                            } catch (SegmentRejectedException e) {
                                assertEquals("MISSING_EVENTS", e.problems().get(0).kind().name(), e.getMessage());
                                refusals.incrementAndGet();
                                again.add(seg);
                            }
                        }
                        left = again;
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(5, TimeUnit.MINUTES);
            }
            pool.shutdown();
            long total = 0;
            for (int l = 0; l < ids.size(); l++) {
                StringWriter w = new StringWriter();
                nodeB.export(ids.get(l), w);
                assertEquals(exports.get(l), w.toString(), "node B's copy of " + ids.get(l));
                StringWriter w2 = new StringWriter();
                nodeA.export(ids.get(l), w2);
                assertEquals(exports.get(l), w2.toString());
                total += exports.get(l).split("\n").length;
            }
            assertEquals(total, stored.get(), "every event stored once across both nodes");
            assertEquals(total, PgSupport.queryLong(a, "SELECT COUNT(*) FROM fleet_trail"));
            System.out.println("two fleet nodes: " + segments.size() + " segments x 4 threads, " + total
                    + " events stored once, " + refusals.get() + " gap refusals retried");
        }
    }

    private static List<String> lines(AccessControl locks, LockId id) {
        StringWriter w = new StringWriter();
        TrailExport.write(locks, id, w);
        List<String> out = new ArrayList<>();
        for (String line : w.toString().split("\n")) {
            if (!line.isEmpty()) {
                out.add(line);
            }
        }
        return out;
    }
}
