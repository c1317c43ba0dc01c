package dev.access.core.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.access.core.AccessControl;
import dev.access.core.Fleet;
import dev.access.core.LockSetup;
import dev.access.core.LockStore;
import dev.access.core.SimulatedClock;
import dev.access.core.audit.TrailExport;
import dev.access.core.domain.DenialReason;
import dev.access.core.domain.EntrySource;
import dev.access.core.domain.LockId;
import dev.access.core.fleet.OfflineCodeIssue;
import dev.access.core.fleet.OfflineCodeRefusedException;
import dev.access.core.fleet.OfflineCodeStatus;
import dev.access.core.fleet.OfflineCodeSync;
import dev.access.core.fleet.ProgrammingBatch;
import dev.access.crypto.BackendPublicKey;
import dev.access.crypto.FileKeyRing;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Offline codes with the backend on PostgreSQL (two nodes, one database, one key ring file) and the
 * lock on its own SQLite store: codes issued on both nodes at once never share a variant, a
 * revocation goes down and its proof comes up, and no row of any fleet table holds a PIN or the
 * issuing key in clear.
 */
class FleetOfflineCodesPostgresTest {
    private static final LockId DOOR = LockId.of("door");
    private static final List<String> FLEET_TABLES = List.of("fleet_lock", "fleet_enrollment", "fleet_trail",
            "fleet_pending", "fleet_alarm", "fleet_desired", "fleet_sealed_pin", "fleet_offline_key",
            "fleet_offline_code");

    @TempDir
    Path tmp;

    private final SimulatedClock clock = new SimulatedClock(Instant.parse("2026-07-06T06:00:00Z"));

    @Test
    void twoNodesIssueRevokeAndList_andNoRowHoldsAPinOrTheKey() throws Exception {
        EmbeddedPostgres pg = PgSupport.server();
        String db = PgSupport.createDatabase(pg, "offline");
        List<String> pins = new ArrayList<>();
        try (HikariDataSource a = PgSupport.pool(pg, db, "offline-a", 4);
                HikariDataSource b = PgSupport.pool(pg, db, "offline-b", 4);
                LockStore lockStore = LockStore.sqlite(tmp.resolve("lock"))) {
            FileKeyRing lockKeys = FileKeyRing.open(tmp.resolve("lock").resolve("keys"));
            AccessControl lock = AccessControl.builder().store(lockStore).clock(clock).keyRing(lockKeys).build();
            Fleet nodeA = Fleet.builder().store(LockStore.postgres(a)).keyRing(FileKeyRing.open(tmp.resolve("keys")))
                    .clock(clock).build();
            Fleet nodeB = Fleet.builder().store(LockStore.postgres(b)).keyRing(FileKeyRing.open(tmp.resolve("keys")))
                    .clock(clock).build();
            try {
                BackendPublicKey backend = nodeA.initialize();
                lock.commission(LockSetup.of(DOOR).withTimeZone("Europe/Berlin"), "90817263".toCharArray());
                nodeB.enroll(lock.enroll(DOOR, backend));
                long held = upload(lock, nodeA, -1);

                // Both nodes ask for codes for the same window at once: every variant once, then no more.
                ExecutorService pool = Executors.newFixedThreadPool(4);
                List<Future<OfflineCodeIssue>> asked = new ArrayList<>();
                for (int t = 0; t < 6; t++) {
                    Fleet node = t % 2 == 0 ? nodeA : nodeB;
                    asked.add(pool.submit(() -> node.issueOfflineCode(DOOR, Instant.parse("2026-07-06T08:00:00Z"),
                            Instant.parse("2026-07-06T20:00:00Z"), false, null, null, "guest", "owner")));
                }
                List<OfflineCodeIssue> issued = new ArrayList<>();
                int exhausted = 0;
                for (Future<OfflineCodeIssue> f : asked) {
                    try {
                        issued.add(f.get(2, TimeUnit.MINUTES));
                    } catch (java.util.concurrent.ExecutionException e) {
                        assertEquals(OfflineCodeRefusedException.Reason.VARIANTS_EXHAUSTED,
                                ((OfflineCodeRefusedException) e.getCause()).reason());
                        exhausted++;
                    }
                }
                pool.shutdown();
                assertEquals(4, issued.size());
                assertEquals(2, exhausted);
                Set<Integer> variants = new HashSet<>();
                Set<String> distinct = new HashSet<>();
                for (OfflineCodeIssue i : issued) {
                    variants.add(i.issuance().variant());
                    String pin = new String(i.code().pin());
                    pins.add(pin);
                    distinct.add(pin);
                }
                assertEquals(Set.of(0, 1, 2, 3), variants);
                assertEquals(4, distinct.size());

                OfflineCodeIssue revoked = issued.get(0);
                OfflineCodeIssue kept = issued.get(1);
                assertEquals(OfflineCodeStatus.REVOKE_PENDING,
                        nodeB.revokeOfflineCode(DOOR, revoked.issuance().codeId(), "owner").status());
                clock.advance(Duration.ofMinutes(1));
                ProgrammingBatch batch = nodeA.push(DOOR).orElseThrow();
                lock.apply(ProgrammingBatch.parse(batch.toText()));
                clock.set(Instant.parse("2026-07-06T09:00:00Z"));
                assertEquals(DenialReason.REVOKED, lock.enter(DOOR, revoked.code().pin(), EntrySource.KEYPAD).reason());
                assertTrue(lock.enter(DOOR, kept.code().pin(), EntrySource.KEYPAD).granted());
                upload(lock, nodeB, held);

                List<OfflineCodeSync> listed = nodeA.offlineCodes(DOOR);
                assertEquals(4, listed.size());
                assertEquals(1, listed.stream().filter(c -> c.status() == OfflineCodeStatus.REVOKED).count());
                assertEquals(3, listed.stream().filter(c -> c.status() == OfflineCodeStatus.ISSUED).count());
                assertTrue(nodeB.push(DOOR).isEmpty(), "the proven revocation is not sent again");
                assertThrows(OfflineCodeRefusedException.class,
                        () -> nodeB.revokeOfflineCode(DOOR, "0123456789abcdef", "owner"));

                String key = keyBase64(lockKeys);
                int rows = 0;
                for (String table : FLEET_TABLES) {
                    for (List<String> row : PgSupport.query(a, "SELECT * FROM " + table)) {
                        rows++;
                        String text = String.join("|", row.stream().map(String::valueOf).toList());
                        for (String pin : pins) {
                            assertFalse(text.contains(pin), "a PIN in a row of " + table);
                        }
                        assertFalse(text.contains(key), "the issuing key in clear in " + table);
                    }
                }
                assertEquals(4, PgSupport.queryLong(a, "SELECT COUNT(*) FROM fleet_offline_code"));
                assertEquals(1, PgSupport.queryLong(a, "SELECT COUNT(*) FROM fleet_offline_key"));
                assertTrue(rows > 10, rows + " rows read");
            } finally {
                nodeA.close();
                nodeB.close();
                lock.close();
            }
        }
    }

    /** Checkpoints the lock and ingests its trail after {@code held}; returns the new last sequence held. */
    private long upload(AccessControl lock, Fleet node, long held) {
        clock.advance(Duration.ofSeconds(5));
        lock.checkpoint(DOOR);
        StringWriter w = new StringWriter();
        TrailExport.write(lock, DOOR, w, held + 1);
        return node.ingest(new StringReader(w.toString())).lastSequence();
    }

    private static String keyBase64(FileKeyRing ring) {
        String file = new String(ring.offlineIssuingKey("door", 1, 1, 10, ZoneId.of("Europe/Berlin")).fileBytes(),
                StandardCharsets.UTF_8);
        return file.lines().filter(l -> l.startsWith("key ")).findFirst().orElseThrow().substring(4);
    }
}
