package dev.access.bench.support;

import dev.access.core.AccessControl;
import dev.access.core.EntryResult;
import dev.access.core.LockSetup;
import dev.access.core.LockStore;
import dev.access.core.NewCode;
import dev.access.core.domain.EntrySource;
import dev.access.core.domain.LockId;
import dev.access.crypto.FileKeyRing;
import dev.access.crypto.KeyRing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import dev.access.core.SimulatedClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

/*
 * Implementation notes.
 *
 * A history is built through AccessControl itself (real events, chain metadata, signed
 * checkpoints every 100 events, snapshots every 150 when asked), with cache on and the access log
 * off, from HISTORY_START with one second per command; benchmarks then run on a clock that starts
 * at BENCH_START, years later, so no command is ever stamped before the history's last event.
 *
 * The history is built once in memory and copied through the raw engines, in transactions of 1000
 * events (and the latest snapshot, when snapshots are on), into a SQLite template directory (with
 * its file key ring) under cacheDir(): building 100k events through SQLite would cost 100k fsyncs.
 * Each trial copies the template; an in-memory or PostgreSQL store is then filled from the copy
 * the same way. So one suite builds each history once, not once per fork.
 *
 * A store built with snapshots off holds no snapshot at all: Axon reads a stored snapshot whether
 * or not a snapshot trigger is configured, so "no snapshots" must mean none in the store.
 */
/**
 * A store with locks and their histories, ready for a benchmark: one per trial.
 */
public final class LockFixture implements AutoCloseable {
    /** When histories start. */
    public static final Instant HISTORY_START = Instant.parse("2026-01-01T00:00:00Z");
    /** When benchmark clocks start: after any history. */
    public static final Instant BENCH_START = Instant.parse("2032-01-01T00:00:00Z");
    /** The master code of every benchmark lock. */
    public static final String MASTER = "13572468";
    /** The user code (slot 1) that every entry attempt types: attempts are granted. */
    public static final String USER = "86421357";

    private static final int COPY_BATCH = 1000;

    private final StoreKind kind;
    private final Path dir;
    private final KeyRing keyRing;
    private final PgServer pg;
    private final List<LockId> locks;
    private final SimulatedClock clock = SimulatedClock.ticking(BENCH_START, Duration.ofSeconds(1));
    private LockStore store;
    private final List<AccessControl> opened = Collections.synchronizedList(new ArrayList<>());

    private LockFixture(StoreKind kind, Path dir, KeyRing keyRing, PgServer pg, LockStore store, List<LockId> locks) {
        this.kind = kind;
        this.dir = dir;
        this.keyRing = keyRing;
        this.pg = pg;
        this.store = store;
        this.locks = locks;
    }

    /** The lock ids {@code lock-0 .. lock-(count-1)}. */
    public static List<LockId> lockIds(int count) {
        List<LockId> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(LockId.of("lock-" + i));
        }
        return ids;
    }

    /**
     * A store of the given kind holding {@code lockCount} commissioned locks, each with a user
     * code and {@code history} granted entry attempts (plus their checkpoints, about 1 %).
     *
     * @param snapshots whether the history was built with snapshots every 150 events
     */
    public static LockFixture prepare(StoreKind kind, int history, boolean snapshots, int lockCount) {
        List<LockId> ids = lockIds(lockCount);
        try {
            Path template = template(history, snapshots, lockCount);
            Path dir = Files.createTempDirectory("access-bench-" + kind.name().toLowerCase());
            copyTree(template, dir);
            KeyRing keys = FileKeyRing.open(dir.resolve("keys"));
            LockStore sqlite = LockStore.sqlite(dir);
            switch (kind) {
                case SQLITE:
                    return new LockFixture(kind, dir, keys, null, sqlite, ids);
                case MEMORY: {
                    LockStore store = LockStore.inMemory();
                    copyAll(sqlite, store, ids, snapshots);
                    sqlite.close();
                    return new LockFixture(kind, dir, keys, null, store, ids);
                }
                case POSTGRES: {
                    if (!PgServer.available()) {
                        sqlite.close();
                        throw new IllegalStateException("embedded PostgreSQL is not on the class path: run with "
                                + "-cp access-bench/target/benchmarks.jar:'access-bench/target/pg-lib/*' (see README)");
                    }
                    PgServer pg = PgServer.start();
                    LockStore store = LockStore.postgres(pg.dataSource());
                    copyAll(sqlite, store, ids, snapshots);
                    sqlite.close();
                    return new LockFixture(kind, dir, keys, pg, store, ids);
                }
                default:
                    throw new IllegalArgumentException(String.valueOf(kind));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Builds the histories through an AccessControl on {@code store}. */
    private static void build(LockStore store, KeyRing keys, List<LockId> ids, int history, boolean snapshots) {
        try (AccessControl ac = AccessControl.builder().store(store).keyRing(keys)
                .clock(SimulatedClock.ticking(HISTORY_START, Duration.ofSeconds(1))).cacheSize(10_000)
                .snapshotEvery(snapshots ? 150 : 0).accessLog(false).build()) {
            for (LockId id : ids) {
                commission(ac, id);
            }
            for (LockId id : ids) {
                for (int i = 0; i < history; i++) {
                    enter(ac, id);
                }
            }
        }
    }

    private static void copyAll(LockStore from, LockStore to, List<LockId> ids, boolean snapshots) {
        for (LockId id : ids) {
            RawEngine.copy(RawEngine.of(from), RawEngine.of(to), id.value(), snapshots, COPY_BATCH);
        }
    }

    /**
     * The cache directory for history templates ({@code -Daccess.bench.cache=DIR}, default
     * {@code java.io.tmpdir/access-bench-cache}). The run scripts empty it at the start of a suite.
     */
    public static Path cacheDir() {
        String configured = System.getProperty("access.bench.cache");
        return configured != null ? Path.of(configured)
                : Path.of(System.getProperty("java.io.tmpdir"), "access-bench-cache");
    }

    /**
     * A SQLite data directory (events and a file key ring) with the histories: built once in
     * memory, copied to SQLite, and kept for later trials and forks.
     */
    private static synchronized Path template(int history, boolean snapshots, int lockCount) throws IOException {
        Path cache = cacheDir();
        Path template = cache.resolve("sqlite-v1-h" + history + (snapshots ? "-snap" : "-nosnap") + "-l" + lockCount);
        if (Files.exists(template.resolve("complete"))) {
            return template;
        }
        Files.createDirectories(cache);
        Path building = Files.createTempDirectory(cache, "building");
        KeyRing keys = FileKeyRing.open(building.resolve("keys"));
        LockStore scratch = LockStore.inMemory();
        List<LockId> ids = lockIds(lockCount);
        build(scratch, keys, ids, history, snapshots);
        LockStore store = LockStore.sqlite(building);
        try {
            copyAll(scratch, store, ids, snapshots);
        } finally {
            store.close();
            scratch.close();
        }
        Files.write(building.resolve("complete"), new byte[0]);
        deleteTree(template);
        Files.move(building, template, StandardCopyOption.ATOMIC_MOVE);
        return template;
    }

    /** Commissions a lock with the master code and adds the user code in slot 1. */
    public static void commission(AccessControl ac, LockId id) {
        ac.commission(LockSetup.of(id), MASTER.toCharArray());
        ac.addCode(id, NewCode.unrestricted(1, "bench"), USER.toCharArray());
    }

    /** One entry attempt with the user code (granted). */
    public static EntryResult enter(AccessControl ac, LockId id) {
        return ac.enter(id, USER.toCharArray(), EntrySource.KEYPAD);
    }

    /**
     * An AccessControl on this fixture's store, its key ring and its clock, with the access log
     * off (a background read model: left out so only the command path is measured).
     *
     * @param cacheSize 0 for no cache
     * @param snapshotEvery 0 for no snapshots
     */
    public AccessControl open(int cacheSize, int snapshotEvery) {
        AccessControl ac = AccessControl.builder().store(store).keyRing(keyRing).clock(clock).cacheSize(cacheSize)
                .snapshotEvery(snapshotEvery).accessLog(false).build();
        opened.add(ac);
        return ac;
    }

    /** The store. */
    public LockStore store() {
        return store;
    }

    /** The locks, each with the history asked for. */
    public List<LockId> locks() {
        return locks;
    }

    /** The key ring. */
    public KeyRing keyRing() {
        return keyRing;
    }

    /** The key ring's file (the ring itself: {@link #keyRing()}). */
    public Path keyRingFile() {
        return dir.resolve("keys");
    }

    /** Closes the store's connections (SQLite only; the other stores stay as they are). */
    public void closeStore() {
        if (kind == StoreKind.SQLITE && store != null) {
            store.close();
            store = null;
        }
    }

    /** Opens the store again after {@link #closeStore()} (SQLite: a real reopen of the file). */
    public LockStore reopenStore() {
        if (kind == StoreKind.SQLITE && store == null) {
            store = LockStore.sqlite(dir);
        }
        return store;
    }

    @Override
    public void close() {
        synchronized (opened) {
            for (AccessControl ac : opened) {
                try {
                    ac.close();
                } catch (RuntimeException e) {
                    // Already closed.
                }
            }
            opened.clear();
        }
        if (store != null) {
            store.close();
        }
        try {
            if (pg != null) {
                pg.close();
            }
            if (dir != null) {
                deleteTree(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (Files.isRegularFile(f) && !name.equals("complete")) {
                    Files.copy(f, to.resolve(name), StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** Deletes a directory tree if it exists. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
