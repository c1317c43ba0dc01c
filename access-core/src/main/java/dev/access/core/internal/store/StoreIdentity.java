package dev.access.core.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Internal: the id a store is known by, kept in a one-row table ({@value #TABLE}) beside the events
 * and written when the store is first opened, so that a key ring can be bound to its store; and
 * whether the store holds any event.
 */
public final class StoreIdentity {
    /** The table holding the store's id. */
    public static final String TABLE = "AccessStore";

    private StoreIdentity() {
    }

    /** Creates the table if it is missing (the same statement on SQLite and PostgreSQL). */
    public static void createTable(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (storeId VARCHAR(64) NOT NULL PRIMARY KEY)");
        }
    }

    /**
     * The store's id: the one recorded, or a new random one recorded now (atomically: of two
     * processes opening a new store together, both read the one that was inserted first).
     */
    public static String readOrCreate(Connection c) throws SQLException {
        createTable(c);
        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + TABLE + " (storeId) SELECT ? WHERE NOT EXISTS"
                + " (SELECT 1 FROM " + TABLE + ")")) {
            p.setString(1, UUID.randomUUID().toString());
            p.executeUpdate();
        }
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT MIN(storeId) FROM " + TABLE)) {
            r.next();
            return r.getString(1);
        }
    }

    /** {@link #readOrCreate(Connection)} on a connection of {@code ds}. */
    public static String readOrCreate(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection()) {
            return readOrCreate(c);
        }
    }

    /** Whether the store holds any event (of any lock). */
    public static boolean holdsEvents(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT 1 FROM DomainEventEntry LIMIT 1")) {
            return r.next();
        }
    }
}
