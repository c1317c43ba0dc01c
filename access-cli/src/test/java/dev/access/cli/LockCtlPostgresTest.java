package dev.access.cli;

import static dev.access.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lockctl --jdbc}: the events in PostgreSQL, the key ring still in --data. */
class LockCtlPostgresTest {
    @TempDir
    Path dir;

    private String[] args(String url, String... rest) {
        return Stream.concat(Stream.of("--jdbc", url, "--user", "postgres", "--data", dir.toString(),
                "--at", "2026-12-01T06:00:00Z"), Stream.of(rest)).toArray(String[]::new);
    }

    @Test
    void commandsRunAgainstPostgres_andTheKeyRingStaysInData() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.start()) {
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE lockctl");
            }
            String url = pg.getJdbcUrl("postgres", "lockctl");
            run(args(url, "commission", "--lock", "front", "--master-pin", "97531864")).ok();
            assertEquals(List.of("CodeAdded"),
                    run(args(url, "code", "add", "--lock", "front", "--slot", "1", "--pin", "4826", "--json")).ok().events());
            JsonNode granted = run(args(url, "enter", "--lock", "front", "--pin", "4826", "--json")).ok().json();
            assertEquals("GRANTED", granted.path("outcome").asText());
            run(args(url, "code", "add", "--lock", "front", "--slot", "2", "--pin", "4826")).fails(4, "DUPLICATE");
            JsonNode status = run(args(url, "status", "--lock", "front", "--json")).ok().json();
            assertEquals(4, status.path("events").asInt());
            assertTrue(Files.exists(dir.resolve(StoreOpener.KEY_RING_FILE)), "the key ring lives in --data");
            assertTrue(!Files.exists(dir.resolve("events.db")), "no SQLite store with --jdbc");

            int port = pg.getPort();
            pg.close();
            run(args("jdbc:postgresql://localhost:" + port + "/lockctl", "status", "--lock", "front"))
                    .fails(2, "cannot connect to the PostgreSQL store");
        }
    }
}
