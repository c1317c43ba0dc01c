package dev.access.core.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.access.core.LockStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/*
 * The prune kill harness on SQLite (see PruneCrashHarness): 12 kills by default, most of them while
 * a prune runs; -Daccess.prune.kills=200 runs more, -Daccess.prune.seed=N fixes the seed (printed).
 * After each kill SQLite's integrity_check must pass too.
 */
/** SIGKILL in the middle of a prune on SQLite leaves the old trail or the new one, verifiable, with the same state. */
class SqlitePruneCrashTest extends PruneCrashHarness {
    @TempDir
    Path dir;

    @Override
    protected List<String> storeArgs() {
        return List.of("sqlite", dir.resolve("data").toString());
    }

    @Override
    protected LockStore openStore() {
        return LockStore.sqlite(dir.resolve("data"));
    }

    @Override
    protected Path keys() {
        return dir.resolve("data").resolve("keys");
    }

    @Override
    protected Path work() {
        return dir;
    }

    @Override
    protected void checkDatabase(String where) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data").resolve(LockStore.SQLITE_FILE));
                Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
            r.next();
            assertEquals("ok", r.getString(1), "integrity after " + where);
        }
    }

    @Test
    void givenSigkillsDuringPrunes_thenTheTrailIsTheOldOrTheNewAndVerifies() throws Exception {
        int inPrune = run("SqlitePruneCrashTest", Integer.getInteger("access.prune.kills", 12),
                Long.getLong("access.prune.seed", System.nanoTime()));
        org.junit.jupiter.api.Assertions.assertTrue(inPrune > 0, "at least one kill landed while a prune ran");
    }
}
