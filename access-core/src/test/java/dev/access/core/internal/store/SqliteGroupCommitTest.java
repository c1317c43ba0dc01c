package dev.access.core.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/*
 * Two units of work are forced into one group transaction: the first holds the writer (it is inside
 * its savepoint) while the second queues for it; the fair gate hands the writer to the second as soon
 * as the first released its savepoint, and the first's COMMIT comes after the second left. The
 * database has deferred foreign keys on, so a row with a dangling reference is accepted by its INSERT
 * and refused only by COMMIT: a real COMMIT failure.
 */
/** Group commit on SQLite: a participant that rolls back undoes only itself; a failed COMMIT fails all. */
class SqliteGroupCommitTest {
    @TempDir
    Path dir;

    private SQLiteDataSource source() throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(10_000);
        config.enforceForeignKeys(true);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl("jdbc:sqlite:" + dir.resolve("t.db"));
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS parent (id TEXT PRIMARY KEY)");
            s.execute("CREATE TABLE IF NOT EXISTS child (id TEXT PRIMARY KEY, parent TEXT "
                    + "REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED)");
            s.execute("INSERT OR IGNORE INTO parent VALUES ('p')");
        }
        return ds;
    }

    private static void insert(Connection c, String id, String parent) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO child (id, parent) VALUES (?, ?)")) {
            p.setString(1, id);
            p.setString(2, parent);
            p.executeUpdate();
        }
    }

    private static List<String> children(SQLiteDataSource ds) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT id FROM child ORDER BY id")) {
            while (r.next()) {
                ids.add(r.getString(1));
            }
        }
        return ids;
    }

    /**
     * Runs {@code first} and {@code second} in one group transaction: first inserts, waits until the
     * second queues for the writer, then commits; second inserts and commits or rolls back.
     *
     * @return what each unit's commit threw (null: it committed)
     */
    private static Throwable[] together(ConnectionProvider provider, String firstParent, String secondParent,
            boolean secondRollsBack) throws Exception {
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        AtomicReference<Throwable> secondFailure = new AtomicReference<>();
        CountDownLatch firstInside = new CountDownLatch(1);
        CountDownLatch secondConnecting = new CountDownLatch(1);
        Thread second = new Thread(() -> {
            try {
                firstInside.await();
                DefaultUnitOfWork<?> uow = DefaultUnitOfWork.startAndGet(null);
                try {
                    secondConnecting.countDown();
                    Connection c = provider.getConnection();
                    insert(c, "b", secondParent);
                } catch (Exception e) {
                    uow.rollback(e);
                    throw e;
                }
                if (secondRollsBack) {
                    uow.rollback(new IllegalStateException("the command failed"));
                } else {
                    uow.commit();
                }
            } catch (Throwable e) {
                secondFailure.set(e);
            }
        });
        second.start();
        DefaultUnitOfWork<?> uow = DefaultUnitOfWork.startAndGet(null);
        try {
            Connection c = provider.getConnection();
            insert(c, "a", firstParent);
            firstInside.countDown();
            assertTrue(secondConnecting.await(10, TimeUnit.SECONDS));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (second.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertEquals(Thread.State.WAITING, second.getState(), "the second unit queues for the writer");
            uow.commit();
        } catch (Throwable e) {
            firstFailure.set(e);
        }
        second.join(10_000);
        return new Throwable[] {firstFailure.get(), secondFailure.get()};
    }

    @Test
    void givenTwoUnitsInOneGroup_whenTheSecondRollsBack_thenOnlyItsRowIsGoneAndTheFirstCommits() throws Exception {
        SQLiteDataSource ds = source();
        try (SqliteGroupCommit group = new SqliteGroupCommit(ds, ds)) {
            Throwable[] failures = together(new UnitOfWorkAwareConnectionProviderWrapper(group), "p", "p", true);
            assertNull(failures[0], "the first unit committed");
            assertNull(failures[1], "the second unit's rollback itself did not fail");
            assertEquals(List.of("a"), children(ds));
        }
    }

    @Test
    void givenTwoUnitsInOneGroup_whenTheCommitFails_thenBothFailAndNeitherRowIsStored() throws Exception {
        SQLiteDataSource ds = source();
        try (SqliteGroupCommit group = new SqliteGroupCommit(ds, ds)) {
            ConnectionProvider provider = new UnitOfWorkAwareConnectionProviderWrapper(group);
            // "a" refers to a missing parent: its INSERT passes, the group's COMMIT is refused.
            Throwable[] failures = together(provider, "missing", "p", false);
            assertNotNull(failures[0], "the unit whose row broke the commit failed");
            assertNotNull(failures[1], "the other unit of the same group failed too: nothing acknowledged");
            assertTrue(String.valueOf(failures[1].getCause()).contains("FOREIGN KEY")
                    || causes(failures[1]).contains("FOREIGN KEY"), causes(failures[1]));
            assertEquals(List.of(), children(ds));
            // The writer recovers: the next unit commits.
            DefaultUnitOfWork<?> uow = DefaultUnitOfWork.startAndGet(null);
            insert(provider.getConnection(), "c", "p");
            uow.commit();
            assertEquals(List.of("c"), children(ds));
        }
    }

    @Test
    void givenAWriteOutsideAUnitOfWork_thenItIsCommittedWhenItReturns() throws Exception {
        SQLiteDataSource ds = source();
        try (SqliteGroupCommit group = new SqliteGroupCommit(ds, ds); Connection c = group.getConnection()) {
            insert(c, "x", "p");
            assertEquals(List.of("x"), children(ds));
            assertThrows(SQLException.class, () -> insert(c, "x", "p"), "a duplicate key fails its statement");
            insert(c, "y", "p");
            assertEquals(List.of("x", "y"), children(ds));
        }
    }

    private static String causes(Throwable t) {
        StringBuilder b = new StringBuilder();
        for (Throwable e = t; e != null; e = e.getCause() == e ? null : e.getCause()) {
            b.append(e).append(" / ");
        }
        return b.toString();
    }
}
