package dev.access.examples.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.access.crypto.InMemoryKeyRing;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** The fleet example runs two backend nodes on one embedded PostgreSQL and records every attempt once. */
class FleetBackendTest {
    @Test
    void twoNodes_manyThreads_everyAttemptRecordedOnce() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.start()) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            int attempts;
            try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
                attempts = new FleetBackend(pg.getJdbcUrl("postgres", "postgres"), "postgres", "", InMemoryKeyRing.create(),
                        Clock.systemUTC(), out).run(100, 4, 25);
            }
            String text = bytes.toString(StandardCharsets.UTF_8);
            assertEquals(2 * 4 * 25, attempts);
            assertTrue(text.contains("issued codes for 100 locks"), text);
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT count(*) FROM DomainEventEntry WHERE payloadType LIKE '%EntryGranted'"
                            + " OR payloadType LIKE '%EntryDenied'")) {
                r.next();
                assertEquals(attempts, r.getLong(1), "every acknowledged attempt is stored exactly once");
            }
        }
    }
}
