package dev.access.bench.support;

import com.zaxxer.hikari.HikariDataSource;
import dev.access.core.Fleet;
import dev.access.core.LockStore;
import dev.access.core.SimulatedClock;
import dev.access.crypto.KeyRing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Empty {@link Fleet} backends, one after another, on SQLite (a new data directory each) or on one
 * embedded PostgreSQL server (a new database each): what a benchmark needs to ingest a trail
 * again from its start. Each new backend has the identity of the key ring given, so one enrollment
 * fits them all; making one, the previous one is closed and removed.
 */
public final class FleetBackends implements AutoCloseable {
    private final StoreKind kind;
    private final KeyRing keys;
    private final SimulatedClock clock = SimulatedClock.ticking(LockFixture.BENCH_START, Duration.ofSeconds(1));
    private final PgServer pg;
    private int made;
    private Path dir;
    private String database;
    private HikariDataSource pool;
    private LockStore store;
    private Fleet fleet;
    /** The floor's connection (see {@link #freshFloor}), or null. */
    private java.sql.Connection floor;

    private FleetBackends(StoreKind kind, KeyRing keys, PgServer pg) {
        this.kind = kind;
        this.keys = keys;
        this.pg = pg;
    }

    /**
     * Backends on {@code kind}, SQLITE or POSTGRES (which starts the embedded server), each with the
     * identity {@code keys} holds (an in-memory key ring: it binds to no store).
     */
    public static FleetBackends on(StoreKind kind, KeyRing keys) {
        switch (kind) {
            case SQLITE:
                return new FleetBackends(kind, keys, null);
            case POSTGRES:
                if (!PgServer.available()) {
                    throw new IllegalStateException("embedded PostgreSQL is not on the class path: run with "
                            + "-cp access-bench/target/benchmarks.jar:'access-bench/target/pg-lib/*' (see README)");
                }
                try {
                    return new FleetBackends(kind, keys, PgServer.start());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            default:
                throw new IllegalArgumentException("a fleet backend needs SQLite or PostgreSQL, not " + kind);
        }
    }

    /** Closes and removes the previous backend, and returns a new, empty one. */
    public Fleet fresh() {
        dispose();
        made++;
        try {
            if (kind == StoreKind.SQLITE) {
                dir = Files.createTempDirectory("access-bench-fleet");
                store = LockStore.sqlite(dir);
            } else {
                database = "fleet_" + made;
                pool = pg.createDatabase(database);
                store = LockStore.postgres(pool);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        fleet = Fleet.builder().store(store).keyRing(keys).clock(clock).build();
        return fleet;
    }

    /**
     * Closes and removes the previous backend, and returns a connection (autocommit off) to a new,
     * empty database with the library's settings (SQLite: WAL, synchronous=FULL, secure_delete, as
     * {@code LockStore.sqlite}; PostgreSQL: a new database on the server) holding only a table
     * {@code floor_trail} with the columns and key of the backend's trail table: where a benchmark
     * measures what storing a segment's rows costs the store, without the library around it.
     */
    public java.sql.Connection freshFloor() {
        dispose();
        made++;
        try {
            if (kind == StoreKind.SQLITE) {
                dir = Files.createTempDirectory("access-bench-floor");
                org.sqlite.SQLiteConfig config = new org.sqlite.SQLiteConfig();
                config.setJournalMode(org.sqlite.SQLiteConfig.JournalMode.WAL);
                config.setSynchronous(org.sqlite.SQLiteConfig.SynchronousMode.FULL);
                config.setTransactionMode(org.sqlite.SQLiteConfig.TransactionMode.IMMEDIATE);
                config.setPragma(org.sqlite.SQLiteConfig.Pragma.SECURE_DELETE, "true");
                org.sqlite.SQLiteDataSource ds = new org.sqlite.SQLiteDataSource(config);
                ds.setUrl("jdbc:sqlite:" + dir.resolve("floor.db"));
                floor = ds.getConnection();
            } else {
                database = "floor_" + made;
                pool = pg.createDatabase(database);
                floor = pool.getConnection();
            }
            try (java.sql.Statement st = floor.createStatement()) {
                st.execute("CREATE TABLE floor_trail (lock TEXT NOT NULL, sequence BIGINT NOT NULL, type TEXT NOT NULL,"
                        + " chain TEXT NOT NULL, line TEXT NOT NULL, PRIMARY KEY (lock, sequence))");
            }
            floor.setAutoCommit(false);
            return floor;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void dispose() {
        try {
            if (floor != null) {
                floor.close();
                floor = null;
            }
            if (fleet != null) {
                fleet.close();
                store.close();
                fleet = null;
            }
            if (pool != null) {
                pool.close();
                pg.dropDatabase(database);
                pool = null;
            }
            if (dir != null) {
                LockFixture.deleteTree(dir);
                dir = null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        dispose();
        if (pg != null) {
            try {
                pg.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
