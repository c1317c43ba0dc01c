package dev.access.core.internal.store;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Locale;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/*
 * Implementation notes (group commit).
 *
 * SQLite has one writer at a time and, in WAL mode with synchronous=FULL, one fsync per COMMIT. Before
 * this class every unit of work took its own pooled connection, its own BEGIN IMMEDIATE and its own
 * fsync, and concurrent writers met in SQLite's busy handler, which sleeps in milliseconds: two
 * threads were slower than one. Here every write goes through ONE writer connection:
 *
 *  - A participant (a unit of work's connection, or one write statement outside a unit of work)
 *    enters the gate (a fair lock), joins the open transaction (BEGIN IMMEDIATE if none is open)
 *    inside its own SAVEPOINT, and runs its statements while holding the gate, so no two
 *    participants' statements interleave and savepoints never nest.
 *  - Its commit() RELEASEs the savepoint (its work is now part of the open transaction), leaves the
 *    gate and waits for the transaction's COMMIT. Whoever takes the gate first while that
 *    transaction is still open is the leader: it runs COMMIT (one fsync for every participant
 *    released so far). commit() returns only after that COMMIT returned: the unit of work, and so the
 *    command, is acknowledged only when its events are durable. If COMMIT fails, every participant
 *    of that transaction fails (nothing of theirs is acknowledged) and the writer connection is
 *    replaced.
 *  - Its rollback() rolls back to its savepoint: only its own work is undone. A failure there means
 *    SQLite may have rolled the whole transaction back (SQLITE_FULL, SQLITE_IOERR, ...): the
 *    transaction is poisoned and its leader rolls it back and fails all its participants.
 *  - A participant that reads sees other participants' uncommitted rows, but it then waits for the
 *    same COMMIT (or a later one), so nothing it saw can be acknowledged to anyone unless it is
 *    committed: no dirty result leaves. Commands on one lock never overlap in a process anyway: the
 *    aggregate's lock is held until the unit of work's cleanup, after the commit.
 *  - Reads outside a unit of work use pooled connections (WAL readers see committed data only).
 *    Write statements outside one (snapshots after commit, token claims) are prepared on the writer
 *    and executed as one-statement participants, so they do not starve in SQLite's busy handler
 *    behind an always-open group transaction.
 *
 * The writer connection stays in JDBC autocommit mode; transactions are explicit SQL. sqlite-jdbc
 * tries "begin;" after each statement in autocommit mode and commits only if that begin succeeded,
 * i.e. never inside our transaction.
 */
/**
 * SQLite connections for Axon with group commit: concurrent units of work share one transaction and
 * one fsync on a single writer connection, each in its own savepoint, and each is released only after
 * that transaction committed.
 */
public final class SqliteGroupCommit implements ConnectionProvider, AutoCloseable {
    private static final String SAVEPOINT = "participant";

    private final DataSource pool;
    private final DataSource writerSource;
    private final ReentrantLock gate = new ReentrantLock(true);
    /** The writer connection (null until first used, or after a failure); guarded by gate. */
    private Connection writer;
    /** The writer's transaction-control statements, prepared once per connection; guarded by gate. */
    private final java.util.Map<String, PreparedStatement> control = new java.util.HashMap<>();
    /** The open transaction, or null; guarded by gate. */
    private Batch open;
    private volatile boolean closed;

    /**
     * Pooled connections ({@code pool}, autocommit by default) for reads outside units of work, and
     * one writer connection from {@code writerSource} (same database, same settings) for every write.
     */
    public SqliteGroupCommit(DataSource pool, DataSource writerSource) {
        this.pool = pool;
        this.writerSource = writerSource;
    }

    /** One group transaction: the participants released into it and how it ended. */
    private static final class Batch {
        /** Participants released into it; guarded by gate. */
        int members;
        /** Whether SQLite may have rolled it back already; guarded by gate. */
        boolean poisoned;
        volatile SQLException failure;
        volatile boolean done;
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (CurrentUnitOfWork.isStarted()
                && !CurrentUnitOfWork.get().phase().isAfter(UnitOfWork.Phase.PREPARE_COMMIT)) {
            return participant();
        }
        Connection raw = pool.getConnection();
        if (!raw.getAutoCommit()) {
            raw.setAutoCommit(true);
        }
        return writesThroughWriter(raw);
    }

    /** Enters the gate and opens a savepoint in the open transaction; the caller then holds the gate. */
    private Batch enter() throws SQLException {
        gate.lock();
        try {
            if (closed) {
                throw new SQLException("the event store is closed");
            }
            Connection w = writer();
            if (open == null) {
                exec(w, "BEGIN IMMEDIATE");
                open = new Batch();
            }
            try {
                exec(w, "SAVEPOINT " + SAVEPOINT);
            } catch (SQLException e) {
                open.poisoned = true;
                endIfUnused(open);
                throw e;
            }
            return open;
        } catch (SQLException | RuntimeException e) {
            if (open == null) {
                // BEGIN failed: sqlite-jdbc's view of this connection may be wrong (xerial/sqlite-jdbc#683).
                discardWriter();
            }
            gate.unlock();
            throw e;
        }
    }

    /** Releases the savepoint (caller holds the gate), leaves the gate and waits for the COMMIT. */
    private void release(Batch b) throws SQLException {
        try {
            exec(writer, "RELEASE " + SAVEPOINT);
            b.members++;
        } catch (SQLException e) {
            b.poisoned = true;
            undo(b);
            throw e;
        } finally {
            if (gate.isHeldByCurrentThread()) {
                gate.unlock();
            }
        }
        awaitCommit(b);
    }

    /** Rolls back to the savepoint and leaves the gate (caller holds it). */
    private void undo(Batch b) {
        try {
            exec(writer, "ROLLBACK TO " + SAVEPOINT);
            exec(writer, "RELEASE " + SAVEPOINT);
        } catch (SQLException | RuntimeException e) {
            b.poisoned = true;
        } finally {
            try {
                endIfUnused(b);
            } finally {
                gate.unlock();
            }
        }
    }

    /** Ends an open transaction nobody waits for (caller holds the gate): nothing to keep, so roll back. */
    private void endIfUnused(Batch b) {
        if (open == b && b.members == 0) {
            open = null;
            b.done = true;
            try {
                exec(writer, "ROLLBACK");
            } catch (SQLException | RuntimeException e) {
                discardWriter();
            }
        }
    }

    /** Returns once {@code b} committed; the first to take the gate while it is open commits it. */
    private void awaitCommit(Batch b) throws SQLException {
        while (!b.done) {
            gate.lock();
            try {
                if (b.done) {
                    break;
                }
                // Transactions end in order and b is not done: it is the open one.
                try {
                    if (b.poisoned) {
                        throw new SQLException("[SQLITE_ABORT] a command sharing the transaction left it rolled back");
                    }
                    exec(writer, "COMMIT");
                } catch (SQLException | RuntimeException e) {
                    try {
                        exec(writer, "ROLLBACK");
                    } catch (SQLException | RuntimeException ignored) {
                        // The connection is replaced below.
                    }
                    discardWriter();
                    b.failure = e instanceof SQLException ? (SQLException) e : new SQLException(e.getMessage(), e);
                } finally {
                    open = null;
                    b.done = true;
                }
            } finally {
                gate.unlock();
            }
        }
        SQLException failure = b.failure;
        if (failure != null) {
            throw new SQLException(failure.getMessage(), failure.getSQLState(), failure.getErrorCode(), failure);
        }
    }

    private Connection writer() throws SQLException {
        if (writer == null) {
            Connection c = writerSource.getConnection();
            if (!c.getAutoCommit()) {
                c.setAutoCommit(true);
            }
            writer = c;
        }
        return writer;
    }

    private void discardWriter() {
        Connection w = writer;
        writer = null;
        for (PreparedStatement p : control.values()) {
            try {
                p.close();
            } catch (SQLException | RuntimeException ignored) {
                // The connection goes too.
            }
        }
        control.clear();
        if (w != null) {
            try {
                w.close();
            } catch (SQLException | RuntimeException ignored) {
                // Closing rolls back whatever was open; nothing else to do.
            }
        }
    }

    /** Runs a transaction-control statement on the writer (caller holds the gate). */
    private void exec(Connection c, String sql) throws SQLException {
        if (c == null) {
            throw new SQLException("the writer connection was replaced after a failure");
        }
        PreparedStatement p = control.get(sql);
        if (p == null) {
            p = c.prepareStatement(sql);
            control.put(sql, p);
        }
        p.execute();
    }

    /** A unit of work's connection: the writer, inside the gate and a savepoint, until commit or rollback. */
    private Connection participant() throws SQLException {
        Batch b = enter();
        Connection w = writer;
        boolean[] active = {true};
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    String name = method.getName();
                    boolean noArgs = args == null || args.length == 0;
                    switch (name) {
                        case "commit":
                            if (noArgs) {
                                ensureActive(active);
                                active[0] = false;
                                release(b);
                                return null;
                            }
                            break;
                        case "rollback":
                            if (noArgs) {
                                if (active[0]) {
                                    active[0] = false;
                                    undo(b);
                                }
                                return null;
                            }
                            break;
                        case "close":
                            if (active[0]) {
                                active[0] = false;
                                undo(b);
                            }
                            return null;
                        case "isClosed":
                            return !active[0];
                        case "getAutoCommit":
                            return false;
                        case "setAutoCommit":
                            if (Boolean.TRUE.equals(args[0])) {
                                throw new SQLException("a unit of work's connection cannot switch to autocommit");
                            }
                            return null;
                        case "equals":
                            return proxy == args[0];
                        case "hashCode":
                            return System.identityHashCode(proxy);
                        case "toString":
                            return "SqliteGroupCommit participant";
                        default:
                            break;
                    }
                    if (name.equals("setSavepoint") || name.equals("releaseSavepoint") || name.equals("rollback")
                            || name.equals("commit")) {
                        throw new java.sql.SQLFeatureNotSupportedException(name + " on a group-commit participant");
                    }
                    ensureActive(active);
                    return invoke(w, method, args);
                });
    }

    private static void ensureActive(boolean[] active) throws SQLException {
        if (!active[0]) {
            throw new SQLException("this unit of work's connection has already committed or rolled back");
        }
    }

    /**
     * A pooled connection for work outside a unit of work: reads run on it; a write statement is
     * prepared on the writer and executed as a one-statement participant (committed, durably, before
     * it returns, as autocommit would).
     */
    private Connection writesThroughWriter(Connection raw) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("prepareStatement") && args != null && args.length == 1
                            && args[0] instanceof String && isWrite((String) args[0])) {
                        return writeStatement((String) args[0], (Connection) proxy);
                    }
                    return invoke(raw, method, args);
                });
    }

    private PreparedStatement writeStatement(String sql, Connection owner) throws SQLException {
        PreparedStatement real;
        gate.lock();
        try {
            real = writer().prepareStatement(sql);
        } finally {
            gate.unlock();
        }
        return (PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
                    String name = method.getName();
                    if (name.equals("getConnection")) {
                        return owner;
                    }
                    if (name.startsWith("execute")) {
                        if (args != null && args.length > 0) {
                            throw new java.sql.SQLFeatureNotSupportedException(name + " with SQL on a prepared write");
                        }
                        Batch b = enter();
                        Object result;
                        try {
                            result = invoke(real, method, args);
                        } catch (Throwable e) {
                            undo(b);
                            throw e;
                        }
                        release(b);
                        return result;
                    }
                    return invoke(real, method, args);
                });
    }

    private static boolean isWrite(String sql) {
        String s = sql.stripLeading().toUpperCase(Locale.ROOT);
        return s.startsWith("INSERT") || s.startsWith("UPDATE") || s.startsWith("DELETE") || s.startsWith("REPLACE");
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Closes the writer connection (after the runtime stopped: no participant is left). */
    @Override
    public void close() {
        gate.lock();
        try {
            closed = true;
            if (open != null) {
                // Nobody can still be waiting once the runtime stopped; never commit half-finished work.
                open.failure = new SQLException("the event store was closed before this transaction committed");
                open.done = true;
                open = null;
            }
            discardWriter();
        } finally {
            gate.unlock();
        }
    }
}
