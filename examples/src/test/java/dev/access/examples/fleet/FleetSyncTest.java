package dev.access.examples.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.access.core.LockStore;
import dev.access.core.SimulatedClock;
import dev.access.core.audit.TrailVerifier;
import dev.access.core.audit.VerificationReport;
import dev.access.core.domain.LockId;
import dev.access.core.domain.OperatingMode;
import dev.access.core.domain.UserType;
import dev.access.core.fleet.FleetLock;
import dev.access.core.fleet.LockView;
import dev.access.crypto.FileKeyRing;
import dev.access.crypto.TrailPublicKey;
import dev.access.examples.fleet.LockStatus.Code;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet example with its backend on embedded PostgreSQL: four locks on their own SQLite data
 * directories send their trails over a lossy link; at the end the backend holds each trail whole,
 * byte for byte, verified with the lock's key, and sees each lock as the lock sees itself.
 */
class FleetSyncTest {
    @TempDir
    Path tmp;

    @Test
    void locksOverALossyLink_endWithTheirTrailsHeldVerifiedAndSeenAsTheyAre() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (EmbeddedPostgres pg = EmbeddedPostgres.start();
                HikariDataSource pool = pool(pg);
                LockStore backendStore = LockStore.postgres(pool);
                PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
                FleetSync sync = new FleetSync(tmp.resolve("locks"), backendStore, FileKeyRing.open(tmp.resolve("backend-keys")),
                        new SimulatedClock(FleetSync.START), 7, out)) {
            FleetSync.Summary summary = sync.run(3);
            String text = bytes.toString(StandardCharsets.UTF_8);

            // The link did what links do, and the backend refused what came after a loss.
            assertTrue(summary.segments().dropped() > 0, summary.toString());
            assertTrue(summary.segments().duplicated() > 0, summary.toString());
            assertTrue(summary.reports().dropped() > 0, summary.toString());
            assertTrue(summary.refusedAsGaps() > 0, summary.toString());
            assertTrue(summary.eventsAgain() > 0, "overlap and duplicates arrived again: " + summary);

            Instant now = sync.backend().now();
            String backendKey = sync.backend().publicKey().orElseThrow().keyId();
            long held = 0;
            Map<LockId, SimulatedLock> locks = sync.locks();
            for (SimulatedLock lock : locks.values()) {
                String own = lock.export();
                StringWriter copy = new StringWriter();
                long lines = sync.backend().export(lock.id(), copy);
                assertEquals(own, copy.toString(), lock.id() + ": the backend's copy is the lock's trail, byte for byte");
                assertEquals(lock.lastSequence() + 1, lines);

                VerificationReport v = verify(copy.toString(), lock.id(), lock.publicKey());
                assertTrue(v.ok(), lock.id() + ": " + v.problems());
                assertEquals(List.of(), v.problems(), "not even a warning (an unsigned tail would be one)");
                assertEquals(lines - 2, v.locks().get(lock.id().value()).lastSignedSequence(),
                        "the last line is a checkpoint signing every line before it");
                SimulatedLock other = locks.values().stream().filter(l -> l != lock).findFirst().orElseThrow();
                assertFalse(verify(copy.toString(), lock.id(), other.publicKey()).ok(), "another lock's key does not verify it");

                LockView view = sync.backend().view(lock.id()).orElseThrow();
                assertEquals(LockStatus.of(lock.state(), now), LockStatus.of(view.state(), now), lock.id().value());
                assertEquals(backendKey, view.state().backendKeyId(), "enrolled to this backend, as its trail says");
                assertEquals(lock.state().lockout(), view.state().lockout());
                assertEquals(lock.lastSequence(), view.lastSequence());
                held += lines;
            }
            assertEquals(held, summary.eventsStored(), "every event stored exactly once");
            assertTrue(summary.allInStep(), "the example's own check agrees");

            // The story happened, so the statuses compared above are not trivially alike.
            LockStatus front = status(sync, "front-door", now);
            assertEquals(OperatingMode.VACATION, front.mode());
            LockStatus back = status(sync, "back-door", now);
            assertEquals(2, back.keyEpoch(), "factory reset once");
            assertEquals(2, sync.backend().view(LockId.of("back-door")).orElseThrow().enrolledEpoch(), "enrolled again");
            assertEquals(List.of("0 PROGRAMMING", "1 UNRESTRICTED alice"),
                    back.codes().stream().map(c -> c.slot() + " " + c.type() + (c.slot() == 0 ? "" : " " + c.name()))
                            .collect(Collectors.toList()), "bob's code went with the reset");
            assertTrue(status(sync, "garage", now).lockedOut(), "the guesser locked the garage out");
            List<Code> office = status(sync, "office", now).codes();
            assertTrue(office.contains(new Code(3, "courier", UserType.DISPOSABLE, "used-up")), office.toString());
            assertTrue(office.contains(new Code(4, "cleaner", UserType.UNRESTRICTED, "suspended")), office.toString());
            assertEquals(List.of("back-door", "front-door", "garage", "office"),
                    sync.backend().locks().stream().map(FleetLock::lock).collect(Collectors.toList()));

            // The summary is printed, and no PIN is, anywhere.
            assertTrue(text.contains("refused as gaps"), text);
            assertTrue(text.contains("front-door") && text.contains("events held; = the lock's export; verified"), text);
            for (String pin : FleetSync.PINS) {
                assertFalse(text.contains(pin), "a PIN in the output");
                for (SimulatedLock lock : locks.values()) {
                    assertFalse(lock.export().contains(pin), "a PIN in a trail");
                }
            }
        }
    }

    @Test
    void main_withASqliteBackend_inAnEmptyDirectory_bringsEveryLockInStep() throws Exception {
        Path dir = tmp.resolve("data");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream console = System.out;
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            System.setOut(out);
            FleetSync.main(new String[] {dir.toString(), "11"});
        } finally {
            System.setOut(console);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(4, text.lines().filter(l -> l.contains("events held; = the lock's export; verified; the backend sees:"))
                .count(), text);
        assertTrue(Files.exists(dir.resolve("backend").resolve(LockStore.SQLITE_FILE)), "a SQLite backend");
        assertTrue(Files.exists(dir.resolve("locks").resolve("garage").resolve(LockStore.SQLITE_FILE)));
        IllegalArgumentException used = assertThrows(IllegalArgumentException.class,
                () -> FleetSync.main(new String[] {dir.toString()}));
        assertTrue(used.getMessage().contains("empty or new"), used.getMessage());
    }

    private static LockStatus status(FleetSync sync, String lock, Instant now) {
        return LockStatus.of(sync.backend().view(LockId.of(lock)).orElseThrow().state(), now);
    }

    private static VerificationReport verify(String export, LockId lock, TrailPublicKey key) {
        return TrailVerifier.verify(new BufferedReader(new StringReader(export)), id -> id.equals(lock.value()) ? key : null);
    }

    private static HikariDataSource pool(EmbeddedPostgres pg) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(pg.getJdbcUrl("postgres", "postgres"));
        config.setUsername("postgres");
        config.setMaximumPoolSize(4);
        config.setAutoCommit(true);
        return new HikariDataSource(config);
    }
}
