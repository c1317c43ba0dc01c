package dev.access.core;

import dev.access.StoreUnavailableException;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.access.core.internal.axon.Serialization;
import dev.access.core.internal.readmodel.AccessLogStore;
import dev.access.core.internal.readmodel.InMemoryAccessLogStore;
import dev.access.core.internal.readmodel.JdbcAccessLogStore;
import dev.access.core.internal.store.DuplicateKeyResolver;
import dev.access.core.internal.store.OwnerOnly;
import dev.access.core.internal.store.SqliteTokenStore;
import dev.access.core.internal.store.StoreFailures;
import dev.access.core.internal.store.StoreIdentity;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.GenericTokenTableFactory;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.PostgresTokenTableFactory;
import dev.access.core.internal.store.NullSafeStatements;
import dev.access.core.internal.store.SqliteEventTableFactory;
import dev.access.core.internal.store.SqliteGroupCommit;
import dev.access.core.internal.store.TransactionScopedConnectionProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.serialization.Serializer;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/*
 * Durability, per store (what an acknowledged call survives):
 *   in-memory   nothing beyond the process.
 *   SQLite      WAL journal, synchronous=FULL: each commit is fsynced before the call returns, so
 *               an acknowledged event survives a process kill and a power cut (on storage that
 *               honours fsync). Cost: one fsync per commit; concurrent commands share one commit
 *               (group commit on a single writer connection, SqliteGroupCommit), and each is
 *               acknowledged only after that commit returned; measured in access-bench.
 *   PostgreSQL  whatever the server's settings give (fsync and synchronous_commit on by default:
 *               durable at commit). The library does not change server settings.
 */
/**
 * Where locks' events are kept: in memory (tests), an embedded SQLite file (the default for a lock
 * or a hub: no server), or a PostgreSQL database shared by several backend nodes. One store may be
 * opened by successive {@link AccessControl} instances; that is what a restart (a power cycle) is.
 * Closing the store releases its connections.
 */
public final class LockStore implements AutoCloseable {
    /** How long a processor waits for an append that committed out of global-index order (1 hour). */
    static final int GAP_TIMEOUT_MILLIS = 3_600_000;

    /** The SQLite database file inside a data directory. */
    public static final String SQLITE_FILE = "events.db";

    private final String description;
    private final EventStorageEngine engine;
    private final AutoCloseable resources;
    private final TokenStore tokenStore;
    private final AccessLogStore accessLogStore;
    private final String id;
    private final DataSource database;
    private final List<String> warnings;

    private LockStore(String description, EventStorageEngine engine, AutoCloseable resources, TokenStore tokenStore,
            AccessLogStore accessLogStore, String id, DataSource database, List<String> warnings) {
        this.description = description;
        this.engine = engine;
        this.resources = resources;
        this.tokenStore = tokenStore;
        this.accessLogStore = accessLogStore;
        this.id = id;
        this.database = database;
        this.warnings = List.copyOf(warnings);
    }

    /**
     * A store in this process's memory, for tests and simulations: it survives closing and
     * reopening an {@link AccessControl} within the process, but not the process.
     */
    public static LockStore inMemory() {
        return new LockStore("in-memory", new dev.access.core.internal.store.IndexedInMemoryEngine(), () -> { }, new InMemoryTokenStore(),
                new InMemoryAccessLogStore(), null, null, List.of());
    }

    /**
     * The embedded store: one SQLite database ({@value #SQLITE_FILE}) in {@code dataDir}, created
     * on first use, in WAL mode with {@code synchronous=FULL}, so every acknowledged event is on
     * disk. What it creates is owner-only: the directory, the database and its {@code -wal} and
     * {@code -shm} files (0600) and the {@code native} directory. An existing directory or
     * database that others may write or read is used as it is, and reported in {@link #warnings()}.
     *
     * @throws dev.access.StoreUnavailableException naming the directory if it cannot be created,
     *     written or opened, or the database is read-only
     * @throws dev.access.StoreCorruptedException if the database file is corrupt, truncated or not
     *     a database
     */
    public static LockStore sqlite(Path dataDir) {
        Objects.requireNonNull(dataDir, "dataDir");
        Path dir = dataDir.toAbsolutePath();
        Path db = dir.resolve(SQLITE_FILE);
        List<String> warnings = new ArrayList<>();
        try {
            if (!Files.exists(dir)) {
                Files.createDirectories(dir);
                OwnerOnly.restrict(dir);
            }
            if (Files.isDirectory(dir) && Files.getFileStore(dir).isReadOnly()) {
                throw new StoreUnavailableException("data directory " + dir + " is on a read-only file system;"
                        + " nothing was recorded", null);
            }
            if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
                throw new StoreUnavailableException("data directory " + dir + " is not a writable directory", null);
            }
            OwnerOnly.warnIfOthersCanWrite(dir, "data directory", warnings);
            // SQLite gives the -wal and -shm files the database file's permissions.
            if (OwnerOnly.createFile(db)) {
                OwnerOnly.warnIfOthersCanRead(db, "database", warnings);
            }
            prepareNativeLibraryDir(dir.resolve("native"));
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot use data directory " + dir, e);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(10_000);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        // Deleted rows are overwritten with zeros (a backend's delivered sealed PINs): see the README.
        config.setPragma(SQLiteConfig.Pragma.SECURE_DELETE, "true");
        SQLiteDataSource sqlite = new SQLiteDataSource(config);
        sqlite.setUrl("jdbc:sqlite:" + db);
        HikariConfig pool = new HikariConfig();
        pool.setDataSource(sqlite);
        pool.setPoolName("access-sqlite");
        pool.setMaximumPoolSize(4);
        pool.setAutoCommit(true);
        String what = "cannot open the event store " + db;
        try {
            // Processes and threads opening a new directory together: one at a time opens the
            // database (its journal mode), creates the tables and the store id, under the
            // directory's schema lock; the others find them.
            return underSchemaLock(dir, () -> openSqlite(db, pool, sqlite, what, warnings));
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot lock the event store " + db + " to open it", e);
        }
    }

    private static LockStore openSqlite(Path db, HikariConfig pool, SQLiteDataSource sqlite, String what,
            List<String> warnings) {
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(pool);
        } catch (RuntimeException e) {
            throw StoreFailures.translate(what, e);
        }
        // Every write goes through one writer connection with group commit (see SqliteGroupCommit):
        // concurrent commands share one transaction and one fsync, each acknowledged after that commit.
        SqliteGroupCommit groupCommit = new SqliteGroupCommit(ds, sqlite);
        AutoCloseable resources = () -> {
            try {
                groupCommit.close();
            } finally {
                ds.close();
            }
        };
        try {
            ConnectionProvider connections = new UnitOfWorkAwareConnectionProviderWrapper(groupCommit);
            JdbcEventStorageEngine engine = jdbcEngine(connections, true, GAP_TIMEOUT_MILLIS);
            engine.createSchema(SqliteEventTableFactory.INSTANCE);
            SqliteTokenStore tokens = new SqliteTokenStore(tokenStoreBuilder(connections));
            tokens.createSchema(GenericTokenTableFactory.INSTANCE);
            String id = StoreIdentity.readOrCreate(ds);
            return new LockStore("SQLite " + db, engine, resources, tokens, new JdbcAccessLogStore(connections), id, ds,
                    warnings);
        } catch (RuntimeException | SQLException e) {
            groupCommit.close();
            ds.close();
            throw StoreFailures.translate(what, e);
        }
    }

    /** The step of opening a SQLite store that runs under its schema lock. */
    @FunctionalInterface
    private interface SchemaStep {
        LockStore run();
    }

    /** One monitor per data directory in this JVM (an OS file lock is held per JVM, not per thread). */
    private static final java.util.concurrent.ConcurrentHashMap<Path, Object> SCHEMA_WRITERS =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** Runs {@code step} holding this JVM's monitor of {@code dir} and the OS lock on {@code events.db.lock}. */
    private static LockStore underSchemaLock(Path dir, SchemaStep step) throws IOException {
        synchronized (SCHEMA_WRITERS.computeIfAbsent(dir, d -> new Object())) {
            Path lockFile = dir.resolve(SQLITE_FILE + ".lock");
            java.nio.channels.FileChannel ch;
            try {
                OwnerOnly.createFile(lockFile);
                ch = java.nio.channels.FileChannel.open(lockFile, java.nio.file.StandardOpenOption.WRITE);
            } catch (java.nio.file.FileSystemException e) {
                // A read-only directory or file: nothing can be created there, so nothing races;
                // the database itself reports what it cannot do.
                return step.run();
            }
            try (ch; java.nio.channels.FileLock held = ch.lock()) {
                return step.run();
            }
        }
    }

    /**
     * A store on a PostgreSQL database (a pooled {@link DataSource} whose connections default to
     * autocommit, e.g. HikariCP), shared safely by several nodes: concurrent commands on one lock
     * conflict on the unique (lock, sequence) key and are retried. The tables are created on
     * first use (see {@code docs/postgresql.sql} to create them beforehand). The caller keeps
     * ownership of the data source.
     */
    public static LockStore postgres(DataSource dataSource) {
        return postgres(dataSource, Duration.ofMillis(GAP_TIMEOUT_MILLIS));
    }

    /**
     * {@link #postgres(DataSource)} with another gap timeout: how long the access-log processor
     * waits, in global order, for an append that committed out of order before moving on (it still
     * picks such an event up later from the lock's own stream).
     *
     * @throws IllegalArgumentException if the timeout is not between 1 ms and 24 days
     */
    public static LockStore postgres(DataSource dataSource, Duration gapTimeout) {
        Objects.requireNonNull(dataSource, "dataSource");
        if (gapTimeout == null || gapTimeout.toMillis() < 1 || gapTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("gapTimeout must be 1 ms..24 days, was " + gapTimeout);
        }
        ConnectionProvider connections = connections(dataSource);
        JdbcEventStorageEngine engine = jdbcEngine(connections, false, (int) gapTimeout.toMillis());
        JdbcTokenStore tokens = tokenStoreBuilder(connections).build();
        String id = createPostgresSchema(dataSource);
        return new LockStore("PostgreSQL", engine, () -> { }, tokens, new JdbcAccessLogStore(connections), id,
                dataSource, List.of());
    }

    /** A PostgreSQL advisory lock key: "access" schema creation. */
    private static final long SCHEMA_LOCK = 0x616363657373L;

    /**
     * Creates the event, snapshot, token, access-log and store-id tables if missing, and returns
     * the store's id (recorded now if it was not). CREATE TABLE IF NOT EXISTS races between nodes
     * starting together on an empty database, so one node at a time does it, under an advisory
     * lock, all on the one connection that holds the lock (a pool of one connection must not
     * deadlock).
     */
    private static String createPostgresSchema(DataSource ds) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            s.execute("SELECT pg_advisory_lock(" + SCHEMA_LOCK + ")");
            try {
                EventSchema events = new EventSchema();
                try (PreparedStatement p = PostgresEventTableFactory.INSTANCE.createDomainEventTable(c, events)) {
                    p.execute();
                }
                try (PreparedStatement p = PostgresEventTableFactory.INSTANCE.createSnapshotEventTable(c, events)) {
                    p.execute();
                }
                try (PreparedStatement p = PostgresTokenTableFactory.INSTANCE.createTable(c, new TokenSchema())) {
                    p.execute();
                }
                JdbcAccessLogStore.createTable(c);
                return StoreIdentity.readOrCreate(c);
            } finally {
                s.execute("SELECT pg_advisory_unlock(" + SCHEMA_LOCK + ")");
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot create the PostgreSQL tables", e);
        }
    }

    private static ConnectionProvider connections(DataSource ds) {
        return new UnitOfWorkAwareConnectionProviderWrapper(new TransactionScopedConnectionProvider(ds));
    }

    private static JdbcTokenStore.Builder tokenStoreBuilder(ConnectionProvider connections) {
        return JdbcTokenStore.builder().connectionProvider(connections).serializer(Serialization.serializer())
                .contentType(byte[].class);
    }

    private static JdbcEventStorageEngine jdbcEngine(ConnectionProvider connections, boolean nullSafe, int gapTimeout) {
        Serializer serializer = Serialization.serializer();
        JdbcEventStorageEngine.Builder b = JdbcEventStorageEngine.builder()
                .connectionProvider(connections)
                // A late-committed append must not be given up on quickly: the access log also
                // heals from each lock's own stream, but processors should not skip events.
                .gapTimeout(gapTimeout)
                .transactionManager(org.axonframework.common.transaction.NoTransactionManager.INSTANCE)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .snapshotFilter(dev.access.core.internal.axon.LockAggregate.snapshotFilter())
                .persistenceExceptionResolver(new DuplicateKeyResolver())
                // A pruned stream starts at its anchor, far above 0: read by order, not by range.
                .readEventDataForAggregate(dev.access.core.internal.store.StreamStatements::readEventDataForAggregate)
                .dataType(byte[].class);
        if (nullSafe) {
            b.createTokenAt(NullSafeStatements::createTokenAt)
                    .lastSequenceNumberFor(NullSafeStatements::lastSequenceNumberFor)
                    .createTailToken(NullSafeStatements::createTailToken)
                    .createHeadToken(NullSafeStatements::createHeadToken)
                    .fetchTrackedEvents(NullSafeStatements::fetchTrackedEvents);
        }
        return b.build();
    }

    /**
     * sqlite-jdbc extracts its native library into a temporary directory and leaves a copy behind
     * after every crash. Point it into the data directory and remove leftovers older than a minute
     * (a copy that another live process has loaded stays usable after its file is removed).
     */
    private static void prepareNativeLibraryDir(Path nativeDir) throws IOException {
        if (!Files.exists(nativeDir)) {
            Files.createDirectories(nativeDir);
            OwnerOnly.restrict(nativeDir);
        }
        if (System.getProperty("org.sqlite.tmpdir") == null) {
            System.setProperty("org.sqlite.tmpdir", nativeDir.toString());
        }
        // Ages are measured on the file system's own clock: touch a marker and compare with it.
        Path marker = nativeDir.resolve(".now");
        OwnerOnly.createFile(marker);
        Files.write(marker, new byte[0]);
        FileTime cutoff = FileTime.from(Files.getLastModifiedTime(marker).toInstant().minusSeconds(60));
        try (Stream<Path> files = Files.list(nativeDir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                try {
                    if (f.getFileName().toString().startsWith("sqlite-")
                            && Files.getLastModifiedTime(f).compareTo(cutoff) < 0) {
                        Files.deleteIfExists(f);
                    }
                } catch (java.nio.file.NoSuchFileException e) {
                    // Another process opening the store removed it first.
                }
            }
        }
    }

    /**
     * The id this store is known by (a random UUID recorded in the database when the store was
     * first opened), to which a key ring is bound ({@link dev.access.crypto.KeyRing#bindToStore});
     * empty for an in-memory store, which binds no key ring.
     */
    public Optional<String> id() {
        return Optional.ofNullable(id);
    }

    /**
     * What was found unsafe when the store was opened, one sentence each (empty if nothing): a
     * data directory that group or others may write, a database file others may read. The store
     * is used anyway; an embedding shows these to whoever installs the lock (lockctl prints each
     * as a warning on standard error).
     */
    public List<String> warnings() {
        return warnings;
    }

    /** Whether the store holds any event of any lock. */
    boolean holdsEvents() {
        if (database == null) {
            return false;
        }
        try {
            return StoreIdentity.holdsEvents(database);
        } catch (SQLException | RuntimeException e) {
            throw StoreFailures.translate("reading " + description, e);
        }
    }

    /** The database (SQLite or PostgreSQL), or null for the in-memory store. */
    DataSource database() {
        return database;
    }

    /** What the store is, for messages. */
    String description() {
        return description;
    }

    EventStorageEngine engine() {
        return engine;
    }

    TokenStore tokenStore() {
        return tokenStore;
    }

    AccessLogStore accessLogStore() {
        return accessLogStore;
    }

    /** Releases the store's connections; events already committed stay. */
    @Override
    public void close() {
        try {
            resources.close();
        } catch (Exception e) {
            throw new StoreUnavailableException("closing " + description, e);
        }
    }

    @Override
    public String toString() {
        return "LockStore[" + description + "]";
    }
}
