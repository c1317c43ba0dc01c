package dev.access.core.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.access.core.AccessControl;
import dev.access.core.EntryResult;
import dev.access.core.LockSetup;
import dev.access.core.LockStore;
import dev.access.core.NewCode;
import dev.access.core.domain.CodeRules;
import dev.access.core.domain.DenialReason;
import dev.access.core.domain.DeviceEventKind;
import dev.access.core.domain.EntrySource;
import dev.access.core.domain.LockDecider;
import dev.access.core.domain.LockEvent;
import dev.access.core.domain.LockId;
import dev.access.core.domain.LockState;
import dev.access.core.domain.LockoutPolicy;
import dev.access.core.domain.OperatingMode;
import dev.access.core.domain.UserType;
import dev.access.core.SimulatedClock;
import dev.access.crypto.FileKeyRing;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PostgreSQL store: schema on first use, bytea payloads, restarts on new pools, snapshots. */
class PostgresStoreTest {
    private static final LockId FRONT = LockId.of("front");
    private static final Instant T0 = Instant.parse("2026-04-01T10:00:00Z");
    private static EmbeddedPostgres pg;

    @TempDir
    Path dir;

    private final SimulatedClock clock = new SimulatedClock(T0);
    private String database;
    private HikariDataSource pool;
    private LockStore store;
    private AccessControl access;

    @BeforeAll
    static void startServer() throws Exception {
        pg = PgSupport.server();
    }


    @BeforeEach
    void freshDatabase() throws Exception {
        database = PgSupport.createDatabase(pg, "store");
    }

    /** Opens a new pool, store, key ring and library on the test's database. */
    private AccessControl open(int cacheSize, int snapshotEvery) {
        pool = PgSupport.pool(pg, database, "store-test", 4);
        store = LockStore.postgres(pool);
        access = AccessControl.builder().store(store).clock(clock).keyRing(FileKeyRing.open(dir.resolve("keys")))
                .cacheSize(cacheSize).snapshotEvery(snapshotEvery).build();
        return access;
    }

    private AccessControl open() {
        return open(10_000, 150);
    }

    /** A restart: library, store and pool closed; everything reopened on a new pool. */
    private AccessControl restart() {
        close();
        return open();
    }

    @AfterEach
    void close() {
        if (access != null) {
            access.close();
            access = null;
        }
        if (store != null) {
            store.close();
            store = null;
        }
        if (pool != null) {
            pool.close();
            pool = null;
        }
    }

    private static char[] pin(String s) {
        return s.toCharArray();
    }

    private void commission() {
        access.commission(LockSetup.of(FRONT).withTimeZone("Europe/Paris")
                .withLockoutPolicy(LockoutPolicy.defaults().with(4, Duration.ofSeconds(90))), pin("80808080"));
    }

    @Test
    void givenEmptyDatabase_whenStoreOpens_thenTablesAreCreatedWithByteaPayloads_neverOid() throws Exception {
        try (HikariDataSource probe = PgSupport.pool(pg, database, "probe", 1)) {
            assertTrue(PgSupport.columns(probe, "DomainEventEntry").isEmpty(), "no table before first use");
            open();
            assertTrue(pool.isAutoCommit(), "the pool hands out autocommit connections");
            commission();
            for (String table : List.of("DomainEventEntry", "SnapshotEventEntry")) {
                Map<String, String> columns = PgSupport.columns(probe, table);
                assertFalse(columns.isEmpty(), table + " was created (and committed) by LockStore.postgres");
                assertTrue(columns.get("payload").startsWith("bytea/"), table + ".payload: " + columns);
                assertTrue(columns.get("metadata").startsWith("bytea/"), table + ".metaData: " + columns);
            }
            assertEquals(0, PgSupport.queryLong(probe, "SELECT count(*) FROM information_schema.columns "
                    + "WHERE table_schema = 'public' AND data_type IN ('oid', 'lo')"), "no large-object columns");
            assertEquals(0, PgSupport.queryLong(probe, "SELECT count(*) FROM pg_largeobject_metadata"),
                    "no large objects were written");
            assertEquals(2, PgSupport.queryLong(probe,
                    "SELECT count(*) FROM DomainEventEntry WHERE aggregateIdentifier = ?", FRONT.value()));
            restart();
            assertTrue(access.state(FRONT).commissioned(), "opening the store again keeps the existing tables");
        }
    }

    @Test
    void givenEveryKindOfCommand_whenRestartedOnANewPoolAfterEach_thenStateAndEventsAreIdentical() {
        open();
        List<Consumer<AccessControl>> commands = List.of(
                a -> commission(),
                a -> a.addCode(FRONT, NewCode.unrestricted(1, "alice"), pin("4826")),
                a -> a.addCode(FRONT, NewCode.of(2, UserType.EXPIRING, "guest",
                        CodeRules.none().withExpireAfterFirstUse(Duration.ofHours(1))), pin("5937")),
                a -> a.enter(FRONT, pin("5937"), EntrySource.KEYPAD),
                a -> a.changeCode(FRONT, 1, pin("4827")),
                a -> a.suspendCode(FRONT, 2),
                a -> a.resumeCode(FRONT, 2),
                a -> a.enter(FRONT, pin("0000"), EntrySource.REMOTE),
                a -> a.enter(FRONT, pin("12x"), EntrySource.KEYPAD),
                a -> a.changeMode(FRONT, OperatingMode.PRIVACY, "owner"),
                a -> a.changeMode(FRONT, OperatingMode.NORMAL, "owner"),
                a -> a.reportBattery(FRONT, 4),
                a -> a.reportBattery(FRONT, 80),
                a -> a.reportDeviceEvent(FRONT, DeviceEventKind.JAMMED),
                a -> a.updateFirmware(FRONT, "2.0.0"),
                a -> {
                    clock.set(T0.minusSeconds(3600));
                    a.enter(FRONT, pin("4827"), EntrySource.KEYPAD);
                },
                a -> a.setClock(FRONT, T0.plusSeconds(60)),
                a -> a.clearLockout(FRONT, "admin"),
                a -> a.removeCode(FRONT, 2),
                a -> a.factoryReset(FRONT),
                a -> commission());
        int expectedEvents = 0;
        for (Consumer<AccessControl> c : commands) {
            c.accept(access);
            clock.advance(Duration.ofSeconds(5));
            LockState before = access.state(FRONT);
            List<LockEvent> trail = access.events(FRONT);
            assertTrue(trail.size() > expectedEvents, "every command recorded something");
            expectedEvents = trail.size();
            restart();
            assertEquals(before, access.state(FRONT), "state after restart, trail " + trail.size() + " events");
            assertEquals(trail, access.events(FRONT));
            assertEquals(before, LockDecider.fold(trail), "the state is the fold of the trail");
        }
    }

    @Test
    void givenWrongCodesBelowLimit_whenRestarted_thenCountIsKept_andLockoutSurvivesRestart() {
        open();
        commission();
        access.addCode(FRONT, NewCode.unrestricted(1, "alice"), pin("4826"));
        for (int k = 1; k <= 3; k++) {
            access.enter(FRONT, pin("000" + k), EntrySource.KEYPAD);
            assertEquals(k, restart().state(FRONT).lockout().consecutiveFailures());
        }
        EntryResult fourth = access.enter(FRONT, pin("0004"), EntrySource.KEYPAD);
        assertEquals(T0.plusSeconds(90), fourth.lockedOutUntil());
        assertEquals(T0.plusSeconds(90), restart().state(FRONT).lockout().lockedOutUntil());
        clock.advance(Duration.ofSeconds(89));
        EntryResult during = restart().enter(FRONT, pin("4826"), EntrySource.KEYPAD);
        assertEquals(DenialReason.LOCKED_OUT, during.reason(), "the right code is refused during the lockout");
        clock.advance(Duration.ofSeconds(1));
        assertTrue(restart().enter(FRONT, pin("4826"), EntrySource.KEYPAD).granted(), "and opens after it");
    }

    @Test
    void givenSnapshotEvery10_thenSnapshotsAreStored_andDeletingThemWithoutCacheChangesNoState() throws Exception {
        open(10_000, 10);
        commission();
        access.addCode(FRONT, NewCode.of(1, UserType.UNRESTRICTED, "a", CodeRules.none().withMaxUses(30)), pin("4826"));
        List<EntryResult> live = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            clock.advance(Duration.ofSeconds(100));
            live.add(access.enter(FRONT, pin(i % 3 == 0 ? "9999" : "4826"), EntrySource.KEYPAD));
        }
        LockState before = access.state(FRONT);
        List<LockEvent> trail = access.events(FRONT);
        close();
        try (HikariDataSource probe = PgSupport.pool(pg, database, "probe", 1)) {
            long snapshots = PgSupport.queryLong(probe,
                    "SELECT count(*) FROM SnapshotEventEntry WHERE aggregateIdentifier = ?", FRONT.value());
            assertTrue(snapshots >= 1, "a snapshot was stored, found " + snapshots);
            assertTrue(PgSupport.queryLong(probe, "SELECT max(sequenceNumber) FROM SnapshotEventEntry") >= 10,
                    "a snapshot covers at least 10 events");

            open(0, 0);
            assertEquals(before, access.state(FRONT), "from the snapshot, no cache: same state");
            close();

            PgSupport.execute(probe, "DELETE FROM SnapshotEventEntry");
            assertEquals(0, PgSupport.queryLong(probe, "SELECT count(*) FROM SnapshotEventEntry"));
        }
        open(0, 0);
        assertEquals(before, access.state(FRONT), "no snapshot, no cache: same state");
        assertEquals(trail, access.events(FRONT));
        assertEquals(before, LockDecider.fold(trail));
        EntryResult next = access.enter(FRONT, pin("4826"), EntrySource.KEYPAD);
        assertEquals(DenialReason.USE_LIMIT_REACHED, next.reason(), "uses counted across the whole trail");
        assertEquals(30, live.stream().filter(EntryResult::granted).count());
    }
}
