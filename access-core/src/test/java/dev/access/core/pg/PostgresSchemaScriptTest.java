package dev.access.core.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.access.core.AccessControl;
import dev.access.core.LockSetup;
import dev.access.core.LockStore;
import dev.access.core.domain.LockId;
import dev.access.crypto.InMemoryKeyRing;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** docs/postgresql.sql creates the two event tables exactly as LockStore.postgres does, and the store runs on them. */
class PostgresSchemaScriptTest {
    private static final List<String> TABLES = List.of("DomainEventEntry", "SnapshotEventEntry", "TokenEntry",
            "AccessLogView", "AccessStore");
    private static EmbeddedPostgres pg;

    @BeforeAll
    static void start() throws Exception {
        pg = PgSupport.server();
    }

    static Path script() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("docs").resolve("postgresql.sql");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("docs/postgresql.sql not found above " + Path.of("").toAbsolutePath());
    }

    @Test
    void givenEmptyDatabase_whenScriptRuns_thenTablesMatchTheStoresOwn_andTheStoreUsesThem() throws Exception {
        String byStore = PgSupport.createDatabase(pg, "bystore");
        String byScript = PgSupport.createDatabase(pg, "byscript");
        try (HikariDataSource storeDs = PgSupport.pool(pg, byStore, "schema-store", 2);
                HikariDataSource scriptDs = PgSupport.pool(pg, byScript, "schema-script", 2)) {
            LockStore.postgres(storeDs).close();
            PgSupport.execute(scriptDs, Files.readString(script()));
            for (String table : TABLES) {
                Map<String, String> expected = PgSupport.columns(storeDs, table);
                System.out.println("PostgresSchemaScriptTest: " + table + " as LockStore.postgres creates it: "
                        + expected + " " + PgSupport.constraints(storeDs, table));
                assertFalse(expected.isEmpty(), table + " created by the store");
                assertEquals(expected, PgSupport.columns(scriptDs, table), table + " columns");
                assertEquals(PgSupport.constraints(storeDs, table), PgSupport.constraints(scriptDs, table),
                        table + " constraints");
            }
            String relations = "SELECT relname, relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                    + "WHERE n.nspname = 'public' AND (relname LIKE 'domainevententry%' "
                    + "OR relname LIKE 'snapshotevententry%' OR relname LIKE 'tokenentry%' OR relname LIKE 'accesslogview%' OR relname LIKE 'accessstore%') ORDER BY 1";
            List<List<String>> expectedRelations = PgSupport.query(storeDs, relations);
            assertEquals(14, expectedRelations.size(), "5 tables, 1 sequence, 8 indexes: " + expectedRelations);
            assertEquals(expectedRelations, PgSupport.query(scriptDs, relations),
                    "same tables, sequence and indexes, with the same names");

            LockId lock = LockId.of("scripted");
            try (LockStore store = LockStore.postgres(scriptDs)) {
                AccessControl access = AccessControl.builder().store(store).clock(Clock.systemUTC())
                        .keyRing(InMemoryKeyRing.create()).build();
                try {
                    access.commission(LockSetup.of(lock), "80808080".toCharArray());
                    assertTrue(access.state(lock).commissioned());
                } finally {
                    access.close();
                }
            }
            assertEquals(2, PgSupport.queryLong(scriptDs,
                    "SELECT count(*) FROM DomainEventEntry WHERE aggregateIdentifier = ?", lock.value()),
                    "commissioning stored its events in the scripted table");
        }
    }
}
