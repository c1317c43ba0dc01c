package dev.access.cli;

import dev.access.StoreCorruptedException;
import dev.access.StoreUnavailableException;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.access.core.AccessControl;
import dev.access.core.Fleet;
import dev.access.core.LockStore;
import dev.access.crypto.FileKeyRing;
import dev.access.crypto.InMemoryKeyRing;
import dev.access.crypto.KeyRing;
import dev.access.crypto.KeyRingException;
import dev.access.crypto.KeyRingMismatchException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Opens what one invocation works on: the event store (SQLite in {@code --data}, or PostgreSQL
 * with {@code --jdbc}), the key ring ({@code --data}/keys) and an {@link AccessControl} whose
 * clock stands at {@code --at} (or follows the system clock). Each invocation opens and closes
 * them: state lives only in the store, so consecutive invocations are a lock restarting between
 * keypad presses.
 */
final class StoreOpener {
    /** The key ring's file name inside the data directory. */
    static final String KEY_RING_FILE = "keys";

    private StoreOpener() {
    }

    /** An open store with its library instance; closing releases both. */
    static final class Session implements AutoCloseable {
        private final AccessControl access;
        private final LockStore store;
        private final HikariDataSource pool;
        private final Clock clock;
        private final KeyRing keyRing;

        private Session(AccessControl access, LockStore store, HikariDataSource pool, Clock clock, KeyRing keyRing) {
            this.access = access;
            this.store = store;
            this.pool = pool;
            this.clock = clock;
            this.keyRing = keyRing;
        }

        /** The library. */
        AccessControl access() {
            return access;
        }

        /**
         * The key ring: the one in {@code --data} if the session was opened with it, else an empty
         * in-memory one (whose keys belong to no lock).
         */
        KeyRing keyRing() {
            return keyRing;
        }

        /** The invocation's time. */
        Instant now() {
            return clock.instant();
        }

        @Override
        public void close() {
            try {
                access.close();
            } finally {
                closeStore(store, pool);
            }
        }
    }

    /**
     * Opens the store (PostgreSQL with {@code password}, if any) and, if {@code withKeyRing}, the
     * key ring (a read-only command such as {@code status} needs no key and leaves the key ring
     * untouched). The store's warnings are printed on standard error, one line each.
     *
     * @throws CliError (environment, exit 2) if the data directory, the key ring or the database
     *     cannot be used
     */
    static Session open(GlobalOptions g, String password, boolean withKeyRing) {
        Clock clock = clock(g);
        return withStore(g, password, withKeyRing, (store, pool, keys) -> {
            // One command per process: the access-log read model is left to long-running processes
            // (the library catches it up from the store there); here it would only slow the start.
            AccessControl access = AccessControl.builder().store(store).clock(clock).keyRing(keys)
                    .accessLog(false).build();
            return new Session(access, store, pool, clock, keys);
        });
    }

    /** An open backend store with its {@link Fleet}; closing releases both. */
    static final class FleetSession implements AutoCloseable {
        private final Fleet fleet;
        private final LockStore store;
        private final HikariDataSource pool;

        private FleetSession(Fleet fleet, LockStore store, HikariDataSource pool) {
            this.fleet = fleet;
            this.store = store;
            this.pool = pool;
        }

        /** The backend. */
        Fleet fleet() {
            return fleet;
        }

        @Override
        public void close() {
            try {
                fleet.close();
            } finally {
                closeStore(store, pool);
            }
        }
    }

    /**
     * Opens a backend's store (as {@link #open} does) and its {@link Fleet}; with {@code withKeyRing}
     * the backend's key ring in {@code --data} (its identity), else an empty in-memory one (read-only
     * commands leave the key ring untouched).
     *
     * @throws CliError (environment, exit 2) if the data directory, the key ring or the database
     *     cannot be used
     */
    static FleetSession openFleet(GlobalOptions g, String password, boolean withKeyRing) {
        return withStore(g, password, withKeyRing, (store, pool, keys) -> new FleetSession(
                Fleet.builder().store(store).clock(clock(g)).keyRing(keys).build(), store, pool));
    }

    private static Clock clock(GlobalOptions g) {
        return g.at == null ? Clock.systemUTC() : Clock.fixed(g.at, ZoneOffset.UTC);
    }

    /** What is built on an open store. */
    @FunctionalInterface
    private interface OnStore<T> {
        T build(LockStore store, HikariDataSource pool, KeyRing keys);
    }

    /**
     * Opens the store (printing its warnings) and the key ring, then builds on them; on a failure
     * closes the store, and removes a key ring this invocation created if the store refused it.
     */
    private static <T> T withStore(GlobalOptions g, String password, boolean withKeyRing, OnStore<T> then) {
        HikariDataSource pool = null;
        LockStore store = null;
        Path createdRing = null;
        try {
            if (g.jdbcUrl != null) {
                pool = postgresPool(g, password);
                store = openPostgres(pool);
            } else {
                store = openSqlite(g.data);
            }
            store.warnings().forEach(Console.system(g.json)::warn);
            KeyRing keys = InMemoryKeyRing.create();
            if (withKeyRing) {
                keys = openKeyRing(g.data);
                // Only the ring this invocation created (of processes started together on a new
                // directory, exactly one creates it; the others must never remove it).
                createdRing = ((FileKeyRing) keys).created() ? ((FileKeyRing) keys).file() : null;
            }
            return then.build(store, pool, keys);
        } catch (RuntimeException e) {
            closeStore(store, pool);
            if (createdRing != null && e instanceof KeyRingMismatchException) {
                removeNewRing(createdRing);
            }
            throw e;
        }
    }

    /**
     * Removes the key ring this invocation created when the store refused it (a store that holds
     * locks needs its own key ring back, not a new empty one): it holds no key of any lock.
     */
    private static void removeNewRing(Path ring) {
        try {
            Files.deleteIfExists(ring);
        } catch (IOException e) {
            // It stays behind, empty; the next invocation refuses it the same way.
        }
    }

    private static LockStore openSqlite(Path data) {
        try {
            return LockStore.sqlite(data);
        } catch (StoreUnavailableException | StoreCorruptedException e) {
            throw CliError.environment(e.getMessage(), e);
        }
    }

    private static KeyRing openKeyRing(Path data) {
        try {
            if (!Files.exists(data)) {
                // With --jdbc the SQLite store did not create it: owner-only, as LockStore.sqlite does.
                Files.createDirectories(data);
                try {
                    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
                } catch (UnsupportedOperationException e) {
                    // Not a POSIX file system.
                }
            }
            return FileKeyRing.open(data.resolve(KEY_RING_FILE));
        } catch (KeyRingException e) {
            throw CliError.environment(e.getMessage(), e);
        } catch (IOException e) {
            throw CliError.environment("cannot create data directory " + data.toAbsolutePath() + ": "
                    + dev.access.Causes.plain(e), e);
        }
    }

    private static HikariDataSource postgresPool(GlobalOptions g, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(g.jdbcUrl);
        if (g.user != null) {
            config.setUsername(g.user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setPoolName("lockctl-postgres");
        config.setMaximumPoolSize(2);
        config.setMinimumIdle(1);
        config.setAutoCommit(true);
        config.setConnectionTimeout(10_000);
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw CliError.environment("cannot connect to the PostgreSQL store: " + rootMessage(e), e);
        }
    }

    private static LockStore openPostgres(HikariDataSource pool) {
        try {
            return LockStore.postgres(pool);
        } catch (RuntimeException e) {
            throw CliError.environment("cannot open the PostgreSQL store: " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable c = e;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return dev.access.Causes.plain(c);
    }

    private static void closeStore(LockStore store, HikariDataSource pool) {
        try {
            if (store != null) {
                store.close();
            }
        } finally {
            if (pool != null) {
                pool.close();
            }
        }
    }
}
