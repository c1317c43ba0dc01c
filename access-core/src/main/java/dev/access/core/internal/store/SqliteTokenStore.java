package dev.access.core.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;

/**
 * Axon's JDBC token store without {@code SELECT … FOR UPDATE}, which SQLite rejects. Safe there:
 * SQLite has a single writer and serializable transactions, so the claim read and its update cannot
 * interleave with another writer's. Tokens persist, so a processor resumes after a restart without
 * replaying.
 */
public final class SqliteTokenStore extends JdbcTokenStore {
    /** A token store configured by {@code builder}. */
    public SqliteTokenStore(JdbcTokenStore.Builder builder) {
        super(builder);
    }

    @Override
    protected PreparedStatement select(Connection connection, String processorName, int segment, boolean forUpdate)
            throws SQLException {
        return super.select(connection, processorName, segment, false);
    }
}
