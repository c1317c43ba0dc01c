package dev.access.core.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.access.core.internal.store.DuplicateKeyResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** DuplicateKeyResolver against real unique violations (and other failures) from PostgreSQL and SQLite. */
class DuplicateKeyResolverTest {
    private static final DuplicateKeyResolver RESOLVER = new DuplicateKeyResolver();
    private static EmbeddedPostgres pg;
    private static javax.sql.DataSource db;

    @BeforeAll
    static void startServer() throws Exception {
        pg = PgSupport.server();
        db = pg.getDatabase(PgSupport.USER, PgSupport.createDatabase(pg, "dupkey"));
        PgSupport.execute(db,
                "CREATE TABLE dup (id INT PRIMARY KEY, agg VARCHAR(10) NOT NULL, seq INT NOT NULL, "
                        + "UNIQUE (agg, seq), CHECK (seq >= 0))",
                "INSERT INTO dup VALUES (1, 'a', 0)");
    }


    private static SQLException onPostgres(String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            return assertThrows(SQLException.class, () -> s.executeUpdate(sql), sql);
        }
    }

    private static SQLException onSqlite(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:"); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE dup (id INTEGER PRIMARY KEY, agg TEXT NOT NULL, seq INTEGER NOT NULL, "
                    + "eventId TEXT NOT NULL UNIQUE, UNIQUE (agg, seq), CHECK (seq >= 0))");
            s.executeUpdate("INSERT INTO dup VALUES (1, 'a', 0, 'e1')");
            return assertThrows(SQLException.class, () -> s.executeUpdate(sql), sql);
        }
    }

    @Test
    void postgresUniqueAndPrimaryKeyViolations_areDuplicates_evenWrapped() throws Exception {
        SQLException unique = onPostgres("INSERT INTO dup VALUES (2, 'a', 0)");
        assertEquals("23505", unique.getSQLState());
        assertTrue(RESOLVER.isDuplicateKeyViolation(unique));
        SQLException primary = onPostgres("INSERT INTO dup VALUES (1, 'b', 0)");
        assertTrue(RESOLVER.isDuplicateKeyViolation(primary));
        assertTrue(RESOLVER.isDuplicateKeyViolation(new IllegalStateException("append failed",
                new RuntimeException(unique))), "found anywhere in the cause chain");
    }

    @Test
    void postgresBatchWithADuplicate_isADuplicate() throws Exception {
        try (Connection c = db.getConnection();
                PreparedStatement p = c.prepareStatement("INSERT INTO dup VALUES (?, ?, ?)")) {
            p.setInt(1, 10);
            p.setString(2, "batch");
            p.setInt(3, 0);
            p.addBatch();
            p.setInt(1, 11);
            p.setString(2, "batch");
            p.setInt(3, 0);
            p.addBatch();
            BatchUpdateException e = assertThrows(BatchUpdateException.class, p::executeBatch);
            assertTrue(RESOLVER.isDuplicateKeyViolation(e), "the violation may sit in getNextException()");
        }
    }

    @Test
    void postgresOtherFailures_areNotDuplicates() throws Exception {
        SQLException notNull = onPostgres("INSERT INTO dup VALUES (3, NULL, 0)");
        assertEquals("23502", notNull.getSQLState());
        assertFalse(RESOLVER.isDuplicateKeyViolation(notNull));
        SQLException check = onPostgres("INSERT INTO dup VALUES (4, 'c', -1)");
        assertEquals("23514", check.getSQLState());
        assertFalse(RESOLVER.isDuplicateKeyViolation(check));
        assertFalse(RESOLVER.isDuplicateKeyViolation(onPostgres("INSERT INTO missing VALUES (1)")));
        assertFalse(RESOLVER.isDuplicateKeyViolation(onPostgres("INSERT INTO dup VALUES ('x', 'd', 0)")));
    }

    @Test
    void sqliteUniqueAndPrimaryKeyViolations_areDuplicates() throws Exception {
        SQLException unique = onSqlite("INSERT INTO dup VALUES (2, 'a', 0, 'e2')");
        assertTrue(RESOLVER.isDuplicateKeyViolation(unique), unique.getMessage());
        SQLException primary = onSqlite("INSERT INTO dup VALUES (1, 'b', 0, 'e3')");
        assertTrue(RESOLVER.isDuplicateKeyViolation(primary), primary.getMessage());
        SQLException eventId = onSqlite("INSERT INTO dup VALUES (4, 'c', 0, 'e1')");
        assertTrue(RESOLVER.isDuplicateKeyViolation(new RuntimeException(eventId)), eventId.getMessage());
    }

    @Test
    void sqliteOtherFailures_areNotDuplicates() throws Exception {
        SQLException notNull = onSqlite("INSERT INTO dup VALUES (5, NULL, 0, 'e5')");
        assertFalse(RESOLVER.isDuplicateKeyViolation(notNull), notNull.getMessage());
        SQLException check = onSqlite("INSERT INTO dup VALUES (6, 'f', -1, 'e6')");
        assertFalse(RESOLVER.isDuplicateKeyViolation(check), check.getMessage());
        SQLException mismatch = onSqlite("INSERT INTO dup VALUES ('x', 'g', 0, 'e7')");
        assertFalse(RESOLVER.isDuplicateKeyViolation(mismatch), mismatch.getMessage());
        assertFalse(RESOLVER.isDuplicateKeyViolation(onSqlite("INSERT INTO missing VALUES (1)")));
    }
}
