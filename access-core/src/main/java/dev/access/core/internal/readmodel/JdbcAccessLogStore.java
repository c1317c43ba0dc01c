package dev.access.core.internal.readmodel;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.access.core.internal.json.Json;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import dev.access.core.domain.LockState;
import java.util.Optional;
import org.axonframework.common.jdbc.ConnectionProvider;

/**
 * An {@link AccessLogStore} in a table {@code AccessLogView} of the event store's database (SQLite
 * or PostgreSQL). Connections come from the store's unit-of-work-aware provider, so a view and the
 * processor's token are committed in the same transaction.
 */
public final class JdbcAccessLogStore implements AccessLogStore {
    private static final ObjectMapper JSON = Json.objectMapper();

    private final ConnectionProvider connections;

    /**
     * A store over {@code connections}; creates its table if missing.
     *
     * @throws IllegalStateException if the table cannot be created
     */
    public JdbcAccessLogStore(ConnectionProvider connections) {
        this.connections = connections;
        run(c -> {
            createTable(c);
            return null;
        });
    }

    /** Creates the {@code AccessLogView} table on {@code c} if it does not exist. */
    public static void createTable(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE IF NOT EXISTS AccessLogView (lockId VARCHAR(64) PRIMARY KEY, "
                    + "lastSequence BIGINT NOT NULL, entry TEXT NOT NULL)");
        }
    }

    /**
     * Inside a prune's transaction on {@code c}: the lock's entry without the attempts of the removed
     * events (at or before {@code cut}), and with the anchored state if it had not reached the cut.
     * On PostgreSQL the row is locked ({@code FOR UPDATE}, as the processor's own load does inside
     * its unit of work), so a processor's update cannot bring removed attempts back.
     */
    public static void prune(Connection c, String lockId, long cut, LockState anchored, boolean postgres)
            throws SQLException {
        String json;
        try (PreparedStatement p = c.prepareStatement("SELECT entry FROM AccessLogView WHERE lockId = ?"
                + (postgres ? " FOR UPDATE" : ""))) {
            p.setString(1, lockId);
            try (ResultSet r = p.executeQuery()) {
                json = r.next() ? r.getString(1) : null;
            }
        }
        if (json == null) {
            return;
        }
        AccessLogEntry next;
        String written;
        try {
            next = read(json).pruned(cut, anchored);
            written = JSON.writeValueAsString(next);
        } catch (IOException e) {
            throw new SQLException("the access log of " + lockId + " cannot be read: " + e.getMessage(), e);
        }
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE AccessLogView SET lastSequence = ?, entry = ? WHERE lockId = ?")) {
            p.setLong(1, next.lastSequence());
            p.setString(2, written);
            p.setString(3, lockId);
            p.executeUpdate();
        }
    }

    @Override
    public Optional<AccessLogEntry> load(String lockId) {
        return run(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT entry FROM AccessLogView WHERE lockId = ?"
                    + (lockRows(c) ? " FOR UPDATE" : ""))) {
                p.setString(1, lockId);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? Optional.of(read(r.getString(1))) : Optional.<AccessLogEntry>empty();
                }
            }
        });
    }

    @Override
    public void save(AccessLogEntry entry) {
        String json;
        try {
            json = JSON.writeValueAsString(entry);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize the access log of " + entry.lockId(), e);
        }
        run(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO AccessLogView (lockId, lastSequence, entry) "
                    + "VALUES (?, ?, ?) ON CONFLICT (lockId) DO UPDATE SET lastSequence = excluded.lastSequence, "
                    + "entry = excluded.entry")) {
                p.setString(1, entry.lockId());
                p.setLong(2, entry.lastSequence());
                p.setString(3, json);
                p.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void clear() {
        run(c -> {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM AccessLogView");
            }
            return null;
        });
    }

    /**
     * Whether a load locks the row it reads: on PostgreSQL, inside a transaction (the processor's unit
     * of work), so that a prune's rewrite and the processor's update of one lock's entry serialise.
     * SQLite's IMMEDIATE transactions serialise writers already.
     */
    private boolean lockRows(Connection c) throws SQLException {
        Boolean pg = postgres;
        if (pg == null) {
            pg = c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
            postgres = pg;
        }
        return pg && !c.getAutoCommit();
    }

    private volatile Boolean postgres;

    private static AccessLogEntry read(String json) throws IOException {
        return JSON.readValue(json, AccessLogEntry.class);
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException, IOException;
    }

    private <T> T run(Work<T> work) {
        // Inside a unit of work the provider hands out the unit's shared connection, whose close()
        // waits for the unit's end; outside one, close() returns ours to the pool.
        try (Connection c = connections.getConnection()) {
            return work.run(c);
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("access log table: " + e.getMessage(), e);
        }
    }
}
