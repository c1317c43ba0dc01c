package dev.access.core.internal.fleet;

import dev.access.AccessException;
import dev.access.core.internal.store.StoreFailures;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/*
 * Implementation notes.
 *
 * The same DDL runs on SQLite and PostgreSQL (TEXT, BIGINT, INTEGER). Instants are stored as
 * ISO-8601 text, as exports write them. On PostgreSQL, CREATE TABLE IF NOT EXISTS races between
 * nodes starting together, so one node at a time creates the tables, under an advisory lock.
 *
 * Every ingest or enrollment is one transaction that first locks the lock's row: on PostgreSQL
 * with SELECT ... FOR UPDATE (nodes serialise per lock, and READ COMMITTED shows each the rows the
 * other committed), on SQLite by the IMMEDIATE transaction the store's connections begin (one
 * writer at a time).
 */
/** Internal: the backend's tables and the transactions over them. */
public final class FleetTables {
    /** A PostgreSQL advisory lock key: "fleet" schema creation. */
    private static final long SCHEMA_LOCK = 0x666c656574L;

    static final String[] DDL = {
        "CREATE TABLE IF NOT EXISTS fleet_lock (lock TEXT NOT NULL PRIMARY KEY, trail_key TEXT NOT NULL,"
            + " last_sequence BIGINT NOT NULL, last_chain TEXT, last_event_at TEXT, last_ingest_at TEXT,"
            + " alarms_last_ingest INTEGER NOT NULL)",
        "CREATE TABLE IF NOT EXISTS fleet_enrollment (lock TEXT NOT NULL, key_epoch INTEGER NOT NULL,"
            + " sequence BIGINT NOT NULL, chain_head TEXT NOT NULL, sealing_key TEXT NOT NULL, enrolled_at TEXT NOT NULL,"
            + " registered_at TEXT NOT NULL, document TEXT NOT NULL, PRIMARY KEY (lock, key_epoch, sequence))",
        "CREATE TABLE IF NOT EXISTS fleet_trail (lock TEXT NOT NULL, sequence BIGINT NOT NULL, type TEXT NOT NULL,"
            + " chain TEXT NOT NULL, line TEXT NOT NULL, PRIMARY KEY (lock, sequence))",
        "CREATE TABLE IF NOT EXISTS fleet_pending (lock TEXT NOT NULL, sequence BIGINT NOT NULL, line TEXT NOT NULL,"
            + " PRIMARY KEY (lock, sequence))",
        "CREATE TABLE IF NOT EXISTS fleet_alarm (lock TEXT NOT NULL, recorded_at TEXT NOT NULL, code TEXT NOT NULL,"
            + " sequence BIGINT NOT NULL, detail TEXT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS fleet_desired (lock TEXT NOT NULL, sequence BIGINT NOT NULL, type TEXT NOT NULL,"
            + " payload TEXT NOT NULL, at TEXT NOT NULL, by_whom TEXT NOT NULL, PRIMARY KEY (lock, sequence))",
        "CREATE TABLE IF NOT EXISTS fleet_sealed_pin (lock TEXT NOT NULL, slot INTEGER NOT NULL, sequence BIGINT NOT NULL,"
            + " key_epoch INTEGER NOT NULL, enc TEXT NOT NULL, ciphertext TEXT NOT NULL, PRIMARY KEY (lock, slot, sequence))",
        "CREATE TABLE IF NOT EXISTS fleet_offline_key (lock TEXT NOT NULL, key_epoch INTEGER NOT NULL,"
            + " generation INTEGER NOT NULL, digits INTEGER NOT NULL, zone TEXT NOT NULL, enc TEXT NOT NULL,"
            + " ciphertext TEXT NOT NULL, registered_at TEXT NOT NULL, PRIMARY KEY (lock, key_epoch, generation))",
        "CREATE TABLE IF NOT EXISTS fleet_offline_code (lock TEXT NOT NULL, key_epoch INTEGER NOT NULL,"
            + " generation INTEGER NOT NULL, code_id TEXT NOT NULL, valid_from TEXT NOT NULL, valid_until TEXT NOT NULL,"
            + " one_time INTEGER NOT NULL, daily TEXT, variant INTEGER NOT NULL, code_name TEXT, by_whom TEXT NOT NULL,"
            + " issued_at TEXT NOT NULL, PRIMARY KEY (lock, key_epoch, generation, code_id))",
    };

    private final DataSource ds;
    private final boolean postgres;
    private final String description;

    private FleetTables(DataSource ds, boolean postgres, String description) {
        this.ds = ds;
        this.postgres = postgres;
        this.description = description;
    }

    /** Creates the tables if missing. */
    public static FleetTables open(DataSource ds, String description) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            boolean pg = c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
            if (pg) {
                s.execute("SELECT pg_advisory_lock(" + SCHEMA_LOCK + ")");
            }
            try {
                for (String ddl : DDL) {
                    s.execute(ddl);
                }
            } finally {
                if (pg) {
                    s.execute("SELECT pg_advisory_unlock(" + SCHEMA_LOCK + ")");
                }
            }
            return new FleetTables(ds, pg, description);
        } catch (SQLException | RuntimeException e) {
            throw StoreFailures.translate("cannot create the fleet tables in " + description, e);
        }
    }

    /** Work done inside one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        /** Runs on {@code c}, autocommit off; throwing rolls everything back. */
        T run(Connection c) throws SQLException;
    }

    /** Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. */
    public <T> T inTransaction(String what, Work<T> work) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // The connection is broken; nothing was committed.
                }
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (AccessException e) {
            throw e;
        } catch (SQLException | RuntimeException e) {
            throw StoreFailures.translate(what + " in " + description, e);
        }
    }

    /** Runs {@code work} on a connection in autocommit mode (reads: they take no write lock). */
    public <T> T read(String what, Work<T> work) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(true);
            return work.run(c);
        } catch (AccessException e) {
            throw e;
        } catch (SQLException | RuntimeException e) {
            throw StoreFailures.translate(what + " in " + description, e);
        }
    }

    /** Locks a lock's row until (public for the desired state's transactions) the transaction ends (PostgreSQL; SQLite's transaction already excludes writers). */
    public boolean lockRow(Connection c, String lock) throws SQLException {
        String sql = "SELECT lock FROM fleet_lock WHERE lock = ?" + (postgres ? " FOR UPDATE" : "");
        try (java.sql.PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, lock);
            try (java.sql.ResultSet r = p.executeQuery()) {
                return r.next();
            }
        }
    }

    /** Whether any lock was ever enrolled here. */
    public boolean holdsLocks() {
        return inTransaction("reading the fleet", c -> {
            try (Statement s = c.createStatement(); java.sql.ResultSet r = s.executeQuery("SELECT 1 FROM fleet_lock LIMIT 1")) {
                return r.next();
            }
        });
    }

    @Override
    public String toString() {
        return "FleetTables[" + description + "]";
    }
}
