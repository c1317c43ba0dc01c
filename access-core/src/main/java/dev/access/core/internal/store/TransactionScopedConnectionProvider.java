package dev.access.core.internal.store;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/*
 * Implementation notes.
 *
 * Without Spring, Axon's UnitOfWorkAwareConnectionProviderWrapper commits a connection at the end
 * of a unit of work only if the connection had autocommit off. Two pitfalls follow:
 *  1. A pool with autocommit off everywhere silently rolls back work done outside a unit of work
 *     or after its commit: the snapshotter (runs after commit) and schema creation.
 *  2. sqlite-jdbc begins a new transaction right after commit() when autocommit is off; with
 *     IMMEDIATE transactions that takes the write lock back until the connection is closed, and
 *     every other writer waits for busy_timeout.
 * So connections come from a pool with autocommit ON; autocommit is switched off only when a unit
 * of work is active and not yet past PREPARE_COMMIT (the events' append); and a proxy switches it
 * back on right after commit or rollback.
 */
/** Gives Axon transactional connections inside a unit of work and autocommit ones outside it. */
public final class TransactionScopedConnectionProvider implements ConnectionProvider {
    private final DataSource dataSource;

    /** Connections from {@code dataSource}, whose connections must default to autocommit. */
    public TransactionScopedConnectionProvider(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection raw = dataSource.getConnection();
        if (CurrentUnitOfWork.isStarted()
                && !CurrentUnitOfWork.get().phase().isAfter(UnitOfWork.Phase.PREPARE_COMMIT)) {
            raw.setAutoCommit(false);
            return endsTransactionOnCommit(raw);
        }
        if (!raw.getAutoCommit()) {
            raw.setAutoCommit(true);
        }
        return raw;
    }

    private static Connection endsTransactionOnCommit(Connection raw) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    Object result = invoke(raw, method, args);
                    String name = method.getName();
                    if ((name.equals("commit") || name.equals("rollback")) && (args == null || args.length == 0)) {
                        raw.setAutoCommit(true);
                    }
                    return result;
                });
    }

    private static Object invoke(Connection raw, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(raw, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
