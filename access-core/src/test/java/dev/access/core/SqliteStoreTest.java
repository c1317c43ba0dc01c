package dev.access.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.access.StoreCorruptedException;
import dev.access.StoreUnavailableException;
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
import dev.access.crypto.FileKeyRing;
import dev.access.crypto.KeyRing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded SQLite store: real files, real restarts (store closed and reopened), real key ring file. */
class SqliteStoreTest {
    private static final LockId FRONT = LockId.of("front");
    private static final Instant T0 = Instant.parse("2026-04-01T10:00:00Z");

    @TempDir
    Path dir;

    private final SimulatedClock clock = new SimulatedClock(T0);
    private LockStore store;
    private AccessControl access;

    private AccessControl open(int cacheSize, int snapshotEvery) {
        store = LockStore.sqlite(dir.resolve("data"));
        KeyRing keys = FileKeyRing.open(dir.resolve("data").resolve("keys"));
        access = AccessControl.builder().store(store).clock(clock).keyRing(keys).cacheSize(cacheSize)
                .snapshotEvery(snapshotEvery).build();
        return access;
    }

    private AccessControl open() {
        return open(10_000, 150);
    }

    /** A power cycle: everything closed, the files reopened by a new store, key ring and library. */
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
    }

    private static char[] pin(String s) {
        return s.toCharArray();
    }

    private void commission() {
        access.commission(LockSetup.of(FRONT).withTimeZone("Europe/Paris")
                .withLockoutPolicy(LockoutPolicy.defaults().with(4, Duration.ofSeconds(90))), pin("80808080"));
    }

    @Test
    void givenEveryKindOfCommand_whenRestartedAfterEach_thenStateIsIdentical() {
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
        for (Consumer<AccessControl> c : commands) {
            c.accept(access);
            clock.advance(Duration.ofSeconds(5));
            LockState before = access.state(FRONT);
            List<LockEvent> trail = access.events(FRONT);
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
        clock.advance(Duration.ofSeconds(89));
        EntryResult during = restart().enter(FRONT, pin("4826"), EntrySource.KEYPAD);
        assertEquals(DenialReason.LOCKED_OUT, during.reason());
        clock.advance(Duration.ofSeconds(1));
        assertTrue(restart().enter(FRONT, pin("4826"), EntrySource.KEYPAD).granted());
    }

    @Test
    void givenManyEvents_thenSnapshotsAreStored_andDeletingThemOrTheCacheChangesNoAnswer() throws Exception {
        open(10_000, 20);
        commission();
        access.addCode(FRONT, NewCode.of(1, UserType.UNRESTRICTED, "a", CodeRules.none().withMaxUses(30)), pin("4826"));
        List<EntryResult> live = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            clock.advance(Duration.ofSeconds(100));
            live.add(access.enter(FRONT, pin(i % 3 == 0 ? "9999" : "4826"), EntrySource.KEYPAD));
        }
        LockState before = access.state(FRONT);
        close();
        assertTrue(count("SELECT count(*) FROM SnapshotEventEntry") >= 1, "a snapshot was stored");
        execute("DELETE FROM SnapshotEventEntry");
        open(0, 0);
        assertEquals(before, access.state(FRONT), "no snapshot, no cache: same state");
        EntryResult next = access.enter(FRONT, pin("4826"), EntrySource.KEYPAD);
        assertEquals(DenialReason.USE_LIMIT_REACHED, next.reason(), "uses counted across snapshot and events");
        assertEquals(30, live.stream().filter(EntryResult::granted).count());
    }

    @Test
    void givenASnapshotOfAnotherRevision_thenItIsIgnoredAndTheStateIsRebuiltFromTheEvents() throws Exception {
        open(10_000, 20);
        commission();
        access.addCode(FRONT, NewCode.unrestricted(1, "a"), pin("4826"));
        for (int i = 0; i < 30; i++) {
            clock.advance(Duration.ofSeconds(100));
            access.enter(FRONT, pin(i % 2 == 0 ? "9999" : "4826"), EntrySource.KEYPAD);
        }
        LockState before = access.state(FRONT);
        close();
        assertEquals(count("SELECT count(*) FROM SnapshotEventEntry"),
                count("SELECT count(*) FROM SnapshotEventEntry WHERE payloadRevision = '2'"),
                "snapshots carry the aggregate's revision");
        // A snapshot from before offline codes: no revision and a state without the newer fields.
        execute("UPDATE SnapshotEventEntry SET payloadRevision = NULL, payload = CAST('{}' AS BLOB)");
        open(0, 20);
        assertEquals(before, access.state(FRONT), "the old snapshot was not used");
    }

    @Test
    void givenTwoProcessesWorthOfPools_whenHammeringOneLock_thenEveryAttemptIsStoredOnceInOrder() throws Exception {
        open();
        commission();
        access.addCode(FRONT, NewCode.unrestricted(1, "alice"), pin("4826"));
        LockStore otherStore = LockStore.sqlite(dir.resolve("data"));
        AccessControl other = AccessControl.builder().store(otherStore).clock(clock)
                .keyRing(FileKeyRing.open(dir.resolve("data").resolve("keys"))).build();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<EntryResult>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 80; i++) {
                AccessControl node = i % 2 == 0 ? access : other;
                results.add(pool.submit(() -> node.enter(FRONT, pin("4826"), EntrySource.REMOTE)));
            }
            for (Future<EntryResult> f : results) {
                assertTrue(f.get().granted());
            }
        } finally {
            pool.shutdown();
            other.close();
            otherStore.close();
        }
        long grants = access.events(FRONT).stream().filter(e -> e instanceof LockEvent.EntryGranted).count();
        assertEquals(80, grants);
        close();
        assertEquals(count("SELECT count(*) FROM DomainEventEntry WHERE aggregateIdentifier='front'"),
                count("SELECT max(sequenceNumber) + 1 FROM DomainEventEntry WHERE aggregateIdentifier='front'"),
                "sequence numbers are contiguous");
    }

    @Test
    void givenEmptyStore_thenTokensAndSequenceQueriesWork() {
        open();
        assertEquals(null, store.engine().createHeadToken(), "no events: no head token, and no failure");
        assertEquals(null, store.engine().createTailToken());
        assertFalse(store.engine().lastSequenceNumberFor("nothing").isPresent());
        assertTrue(access.events(FRONT).isEmpty());
        commission();
        assertTrue(store.engine().createHeadToken() != null);
        assertEquals(1L, store.engine().lastSequenceNumberFor(FRONT.value()).orElseThrow());
    }

    @Test
    void givenDataDirectory_thenDatabaseIsCreatedInsideItOwnerOnly() throws Exception {
        open();
        commission();
        Path data = dir.resolve("data");
        assertTrue(Files.exists(data.resolve(LockStore.SQLITE_FILE)));
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(data)));
        // Where sqlite-jdbc extracts its native library is a process-wide setting: the crash
        // harness checks it in fresh JVMs (SqliteCrashTest).
    }

    @Test
    void givenUnwritableDataDirectory_thenClearError() throws Exception {
        Path file = dir.resolve("not-a-dir");
        Files.writeString(file, "x");
        StoreUnavailableException e = assertThrows(StoreUnavailableException.class, () -> LockStore.sqlite(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void givenACorruptedStoredPayload_whenTheLockIsLoaded_thenStoreCorruptedException_andNoAxonOrJacksonType() throws Exception {
        open(0, 0);
        commission();
        access.addCode(FRONT, NewCode.unrestricted(1, "alice"), pin("4826"));
        close();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(
                "jdbc:sqlite:" + dir.resolve("data").resolve(LockStore.SQLITE_FILE));
                java.sql.PreparedStatement st = c.prepareStatement(
                        "UPDATE DomainEventEntry SET payload = ? WHERE payloadType LIKE '%CodeAdded'")) {
            st.setBytes(1, "{\"slot\": \"not a number\"".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertTrue(st.executeUpdate() > 0, "a CodeAdded payload was overwritten");
        }
        open(0, 0);
        StoreCorruptedException e = assertThrows(StoreCorruptedException.class, () -> access.state(FRONT));
        assertFalse(e.isTransient(), "an unreadable event stays unreadable");
        assertTrue(e.getMessage().contains("lock front"), e.getMessage());
        StoreCorruptedException onCommand = assertThrows(StoreCorruptedException.class,
                () -> access.enter(FRONT, pin("4826"), EntrySource.KEYPAD));
        assertTrue(onCommand.getMessage().contains("lock front"), onCommand.getMessage());
    }

    @Test
    void withoutCache_everyCommandLoadsFromTheStore_andAnswersTheSame() {
        open(0, 0);
        commission();
        access.addCode(FRONT, NewCode.unrestricted(1, "alice"), pin("4826"));
        assertTrue(access.enter(FRONT, pin("4826"), EntrySource.KEYPAD).granted());
        assertEquals(DenialReason.UNKNOWN_CODE, access.enter(FRONT, pin("4825"), EntrySource.KEYPAD).reason());
        assertEquals(1, access.state(FRONT).lockout().consecutiveFailures());
    }

    private long count(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data").resolve(LockStore.SQLITE_FILE));
                Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private void execute(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data").resolve(LockStore.SQLITE_FILE));
                Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }
}
