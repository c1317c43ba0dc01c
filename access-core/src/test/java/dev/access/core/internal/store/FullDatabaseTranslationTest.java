package dev.access.core.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.access.AccessException;
import dev.access.Causes;
import dev.access.StoreUnavailableException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real SQLite database that runs out of room (its page count capped, which SQLite reports exactly
 * as a full disk: SQLITE_FULL), on any machine: the failure is a {@link StoreUnavailableException}
 * saying the disk is full, in plain words; the rows committed before are all there, the refused one
 * is not, and once room returns the insert succeeds.
 */
class FullDatabaseTranslationTest {
    @TempDir
    Path dir;

    @Test
    void sqliteFull_isStoreUnavailable_diskFull_andNothingCommittedIsLost() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("full.db"));
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, payload BLOB NOT NULL)");
            s.execute("PRAGMA max_page_count = " + pages(s));
            int committed = 0;
            SQLException full = null;
            try (PreparedStatement p = c.prepareStatement("INSERT INTO t (payload) VALUES (?)")) {
                for (int i = 0; i < 10_000 && full == null; i++) {
                    p.setBytes(1, new byte[2048]);
                    try {
                        p.executeUpdate();
                        committed++;
                    } catch (SQLException e) {
                        full = e;
                    }
                }
            }
            assertTrue(full != null && committed > 0, "the capped database never filled");
            AccessException translated = StoreFailures.translate("appending to the event store", full);
            assertInstanceOf(StoreUnavailableException.class, translated);
            assertTrue(translated.getMessage().startsWith("appending to the event store: the disk is full (SQLITE_FULL"),
                    translated.getMessage());
            assertFalse(translated.getMessage().matches(".*(Exception|java\\.|org\\.sqlite).*"), translated.getMessage());
            assertEquals(committed, count(s), "every committed row stays; the refused one is not there");

            s.execute("PRAGMA max_page_count = 1000000");
            s.execute("INSERT INTO t (payload) VALUES (x'00')");
            assertEquals(committed + 1, count(s));
        }
    }

    @Test
    void plainWords_forFileSystemFailures_withoutClassNames() {
        assertEquals("no space left on device (/data/keys.tmp-1)", Causes.plain(
                new java.nio.file.FileSystemException("/data/keys.tmp-1", null, "No space left on device")));
        assertEquals("it already exists (/data/keys)",
                Causes.plain(new java.nio.file.FileAlreadyExistsException("/data/keys")));
        assertEquals("disk I/O error", Causes.plain(new java.io.IOException("java.io.IOException: disk I/O error")));
        assertEquals("an unexpected internal failure", Causes.plain(new NullPointerException()));
        StoreUnavailableException e = assertThrows(StoreUnavailableException.class, () -> {
            throw new StoreUnavailableException("cannot use data directory /data",
                    new java.nio.file.AccessDeniedException("/data/native"));
        });
        assertEquals("cannot use data directory /data (permission denied (/data/native))", e.getMessage());
    }

    private static long pages(Statement s) throws SQLException {
        try (ResultSet r = s.executeQuery("PRAGMA page_count")) {
            r.next();
            return r.getLong(1) + 8;
        }
    }

    private static int count(Statement s) throws SQLException {
        try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM t")) {
            r.next();
            return r.getInt(1);
        }
    }
}
