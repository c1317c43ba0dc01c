package dev.access.core.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.zaxxer.hikari.HikariDataSource;
import dev.access.core.Fleet;
import dev.access.core.LockStore;
import dev.access.crypto.FileKeyRing;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/postgresql.sql creates the fleet backend's tables exactly as Fleet does, and a Fleet runs on them. */
class FleetSchemaScriptTest {
    private static final List<String> TABLES = List.of("fleet_lock", "fleet_enrollment", "fleet_trail", "fleet_pending",
            "fleet_alarm", "fleet_desired", "fleet_sealed_pin", "fleet_offline_key", "fleet_offline_code");

    @TempDir
    Path tmp;

    @Test
    void givenEmptyDatabase_whenScriptRuns_thenTheFleetTablesMatchFleetsOwn() throws Exception {
        EmbeddedPostgres pg = PgSupport.server();
        String byFleet = PgSupport.createDatabase(pg, "byfleet");
        String byScript = PgSupport.createDatabase(pg, "fleetscript");
        try (HikariDataSource fleetDs = PgSupport.pool(pg, byFleet, "fleet-schema", 2);
                HikariDataSource scriptDs = PgSupport.pool(pg, byScript, "fleet-script", 2)) {
            try (LockStore store = LockStore.postgres(fleetDs)) {
                Fleet.builder().store(store).clock(Clock.systemUTC()).keyRing(FileKeyRing.open(tmp.resolve("a")))
                        .build().close();
            }
            PgSupport.execute(scriptDs, Files.readString(PostgresSchemaScriptTest.script()));
            for (String table : TABLES) {
                Map<String, String> expected = PgSupport.columns(fleetDs, table);
                assertFalse(expected.isEmpty(), table + " created by Fleet");
                assertEquals(expected, PgSupport.columns(scriptDs, table), table + " columns");
                assertEquals(PgSupport.constraints(fleetDs, table), PgSupport.constraints(scriptDs, table),
                        table + " constraints");
            }
            String fleetTables = "SELECT relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE n.nspname = 'public' AND relkind = 'r' AND relname LIKE 'fleet%' ORDER BY 1";
            assertEquals(PgSupport.query(fleetDs, fleetTables), PgSupport.query(scriptDs, fleetTables),
                    "the script creates every fleet table, and no other");
            try (LockStore store = LockStore.postgres(scriptDs)) {
                Fleet fleet = Fleet.builder().store(store).clock(Clock.systemUTC())
                        .keyRing(FileKeyRing.open(tmp.resolve("b"))).build();
                fleet.initialize();
                assertEquals(List.of(), fleet.locks());
                fleet.close();
            }
        }
    }
}
