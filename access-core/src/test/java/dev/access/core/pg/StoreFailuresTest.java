package dev.access.core.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.access.AccessException;
import dev.access.ConflictRetriesExhaustedException;
import dev.access.StoreUnavailableException;
import dev.access.core.AccessControl;
import dev.access.core.LockSetup;
import dev.access.core.LockStore;
import dev.access.core.SimulatedClock;
import dev.access.core.domain.LockId;
import dev.access.crypto.InMemoryKeyRing;
import dev.access.crypto.KeyRing;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The error tree on a real PostgreSQL store: a store that goes away mid-run and concurrent writers
 * that win every retry give transient {@link AccessException}s, never an Axon, JDBC or Hikari type.
 */
class StoreFailuresTest {
    private static final LockId FRONT = LockId.of("front");

    @Test
    void givenTheDatabaseGoneMidRun_thenStoreUnavailableException_whichIsTransient() throws Exception {
        EmbeddedPostgres pg = PgSupport.server();
        String db = PgSupport.createDatabase(pg, "gone");
        HikariDataSource pool = PgSupport.pool(pg, db, "gone", 2);
        pool.setConnectionTimeout(1_000);
        SimulatedClock clock = SimulatedClock.ticking(Instant.parse("2026-12-01T08:00:00Z"), Duration.ofSeconds(1));
        try (LockStore store = LockStore.postgres(pool);
                AccessControl access = AccessControl.builder().store(store).clock(clock).keyRing(InMemoryKeyRing.create())
                        .cacheSize(0).build()) {
            access.commission(LockSetup.of(FRONT), "80808080".toCharArray());
            access.reportBattery(FRONT, 80);

            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE " + db + " WITH (FORCE)");
            }

            StoreUnavailableException e = assertThrows(StoreUnavailableException.class,
                    () -> access.reportBattery(FRONT, 70));
            assertTrue(e.isTransient(), "a store that is away may come back");
            assertTrue(e.getMessage().contains("lock front"), e.getMessage());
            assertThrows(StoreUnavailableException.class, () -> access.state(FRONT));
            assertThrows(StoreUnavailableException.class, () -> access.events(FRONT));
        } catch (StoreUnavailableException closing) {
            // Closing a store whose database is gone may fail too; it is the same kind of error.
            assertTrue(closing.isTransient());
        } finally {
            pool.close();
        }
    }

    @Test
    void givenOneAttemptOnly_whenTwoNodesWriteOneLock_thenConflictRetriesExhausted_andNothingElse() throws Exception {
        EmbeddedPostgres pg = PgSupport.server();
        String db = PgSupport.createDatabase(pg, "conflicts");
        KeyRing keys = InMemoryKeyRing.create();
        SimulatedClock clock = SimulatedClock.ticking(Instant.parse("2026-12-01T08:00:00Z"), Duration.ofMillis(10));
        List<HikariDataSource> pools = new ArrayList<>();
        List<LockStore> stores = new ArrayList<>();
        List<AccessControl> nodes = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            for (int n = 0; n < 2; n++) {
                pools.add(PgSupport.pool(pg, db, "node" + n, 8));
                stores.add(LockStore.postgres(pools.get(n)));
                nodes.add(AccessControl.builder().store(stores.get(n)).clock(clock).keyRing(keys).cacheSize(0)
                        .snapshotEvery(0).accessLog(false).conflictAttempts(1).build());
            }
            nodes.get(0).commission(LockSetup.of(FRONT), "80808080".toCharArray());

            ConcurrentLinkedQueue<ConflictRetriesExhaustedException> conflicts = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<Throwable> others = new ConcurrentLinkedQueue<>();
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                AccessControl node = nodes.get(t % 2);
                work.add(threads.submit(() -> {
                    for (int i = 0; i < 150 && conflicts.isEmpty(); i++) {
                        try {
                            node.reportBattery(FRONT, 50 + i % 50);
                        } catch (ConflictRetriesExhaustedException e) {
                            conflicts.add(e);
                        } catch (Throwable e) {
                            others.add(e);
                        }
                    }
                }));
            }
            for (Future<?> f : work) {
                f.get(2, TimeUnit.MINUTES);
            }
            assertEquals(List.of(), List.copyOf(others), "only conflicts may fail here");
            assertFalse(conflicts.isEmpty(), "eight writers on two nodes with one attempt each never conflicted");
            ConflictRetriesExhaustedException e = conflicts.peek();
            assertTrue(e.isTransient());
            assertEquals(1, e.attempts());
            assertTrue(e.getMessage().contains("lock front") && e.getMessage().contains("nothing was recorded"),
                    e.getMessage());
        } finally {
            threads.shutdownNow();
            for (AccessControl node : nodes) {
                node.close();
            }
            for (LockStore s : stores) {
                s.close();
            }
            for (HikariDataSource p : pools) {
                p.close();
            }
        }
    }
}
