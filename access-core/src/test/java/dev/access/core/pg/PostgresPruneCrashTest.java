package dev.access.core.pg;

import com.zaxxer.hikari.HikariDataSource;
import dev.access.core.LockStore;
import dev.access.core.crash.PruneCrashHarness;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/*
 * The prune kill harness on PostgreSQL (see PruneCrashHarness): the child is a client of the
 * parent's embedded server, SIGKILLed mostly while a prune's transaction runs; the server stays up
 * (the client dying mid-transaction is what is tested). 8 kills by default; -Daccess.prune.kills=200
 * runs more, -Daccess.prune.seed=N fixes the seed (printed).
 */
/** SIGKILL in the middle of a prune on PostgreSQL leaves the old trail or the new one, verifiable, with the same state. */
class PostgresPruneCrashTest extends PruneCrashHarness {
    @TempDir
    Path dir;

    private EmbeddedPostgres pg;
    private String database;
    private HikariDataSource pool;

    @BeforeEach
    void database() throws Exception {
        pg = PgSupport.server();
        database = PgSupport.createDatabase(pg, "prune_crash");
    }

    @AfterEach
    void closePool() {
        if (pool != null) {
            pool.close();
        }
    }

    @Override
    protected List<String> storeArgs() {
        return List.of("pg", pg.getJdbcUrl(PgSupport.USER, database));
    }

    @Override
    protected LockStore openStore() {
        if (pool == null) {
            pool = PgSupport.pool(pg, database, "prune-crash-check", 3);
        }
        return LockStore.postgres(pool);
    }

    @Override
    protected Path keys() {
        return dir.resolve("keys");
    }

    @Override
    protected Path work() {
        return dir;
    }

    @Test
    void givenSigkillsDuringPrunes_thenTheTrailIsTheOldOrTheNewAndVerifies() throws Exception {
        int inPrune = run("PostgresPruneCrashTest", Integer.getInteger("access.prune.kills", 8),
                Long.getLong("access.prune.seed", System.nanoTime()));
        org.junit.jupiter.api.Assertions.assertTrue(inPrune > 0, "at least one kill landed while a prune ran");
    }
}
