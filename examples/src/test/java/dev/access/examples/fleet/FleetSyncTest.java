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
import dev.access.core.EntryResult;
import dev.access.core.domain.LockId;
import dev.access.core.domain.OperatingMode;
import dev.access.core.domain.UserType;
import dev.access.core.fleet.CodeSync;
import dev.access.core.fleet.FleetLock;
import dev.access.core.fleet.LockView;
import dev.access.core.fleet.SyncStatus;
import dev.access.core.fleet.SyncView;
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
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet example with its backend on embedded PostgreSQL: four locks on their own SQLite data
 * directories send their trails over a lossy link; at the end the backend holds each trail whole,
 * byte for byte, verified with the lock's key, and sees each lock as the lock sees itself. The
 * owner's codes, issued at the backend, went down another lossy link in batches: every lock holds
 * exactly what the owner asked for (but the code the garage refused), the backend's sync status says
 * so from the trails, the PINs open, and no PIN is printed, in a batch or in the backend's files.
 */
class FleetSyncTest {
    @TempDir
    Path tmp;

    @Test
    void locksOverLossyLinks_endWithTheirTrailsHeldVerifiedSeenAsTheyAre_andTheCodesTheOwnerAskedFor() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Path pgData = tmp.resolve("pg-data");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(pgData).setCleanDataDirectory(true).start();
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
            // And the batches' link too; what arrived was applied, or refused as stale when a newer one had been.
            assertTrue(summary.batches().dropped() > 0, summary.toString());
            assertTrue(summary.batches().duplicated() > 0, summary.toString());
            assertTrue(summary.pushedAgain() > 0, "pushed again while something was pending: " + summary);
            assertTrue(summary.refusedAsStale() > 0, summary.toString());
            assertEquals(summary.batches().delivered(), summary.batchesApplied() + summary.refusedAsStale(), summary.toString());
            assertEquals(summary.batches().sent(), sync.batchTexts().size());
            assertTrue(summary.operationsRefused() > 0, "carol's code, refused by the garage: " + summary);

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
            assertEquals(List.of("0 PROGRAMMING", "1 UNRESTRICTED alice", "2 UNRESTRICTED bob"),
                    back.codes().stream().map(c -> c.slot() + " " + c.type() + (c.slot() == 0 ? "" : " " + c.name()))
                            .collect(Collectors.toList()), "the codes the reset erased, entered again by the owner");
            assertTrue(status(sync, "garage", now).lockedOut(), "the guesser locked the garage out");
            List<Code> office = status(sync, "office", now).codes();
            assertTrue(office.contains(new Code(3, "courier", UserType.DISPOSABLE, "used-up")), office.toString());
            assertTrue(office.contains(new Code(4, "cleaner", UserType.UNRESTRICTED, "suspended")), office.toString());
            assertEquals(List.of("back-door", "front-door", "garage", "office"),
                    sync.backend().locks().stream().map(FleetLock::lock).collect(Collectors.toList()));

            // Every lock is in sync but the garage: the one code the owner asked for that is not SYNCED there is
            // carol's, which the lock refused as a DUPLICATE of the neighbour's code added at its keypad; the
            // backend does not send it again until the owner chooses another PIN (the story leaves that undone).
            Map<String, List<String>> managed = Map.of(
                    "front-door", List.of("1 alice SYNCED", "2 bob SYNCED"),
                    "back-door", List.of("1 alice SYNCED", "2 bob SYNCED"),
                    "garage", List.of("1 alice SYNCED", "3 carol FAILED DUPLICATE"),
                    "office", List.of("1 alice SYNCED", "2 bob SYNCED", "4 cleaner SYNCED"));
            // UNMANAGED: the master codes and the codes added at a keypad (whose names stay sealed at the lock:
            // the backend lists them without one).
            Map<String, List<String>> unmanaged = Map.of(
                    "front-door", List.of("0 master"), "back-door", List.of("0 master"),
                    "garage", List.of("0 master", "5 -"), "office", List.of("0 master", "3 -"));
            // What each lock must hold of the owner's codes: slot, name, type, suspended.
            Map<String, List<String>> owners = Map.of(
                    "front-door", List.of("1 alice UNRESTRICTED active", "2 bob UNRESTRICTED active"),
                    "back-door", List.of("1 alice UNRESTRICTED active", "2 bob UNRESTRICTED active"),
                    "garage", List.of("1 alice UNRESTRICTED active"),
                    "office", List.of("1 alice UNRESTRICTED active", "2 bob UNRESTRICTED active",
                            "4 cleaner UNRESTRICTED suspended"));
            for (FleetSync.LockCheck check : summary.locks()) {
                String id = check.lock().value();
                SyncView v = sync.backend().sync(check.lock());
                assertEquals(!id.equals("garage"), v.inSync(), id + ": " + v);
                assertEquals(managed.get(id), v.codes().stream().filter(c -> c.sync() != SyncStatus.UNMANAGED)
                        .map(c -> c.slot() + " " + c.name() + " " + c.sync() + (c.reason() == null ? "" : " " + c.reason()))
                        .collect(Collectors.toList()), id);
                assertTrue(v.codes().stream().filter(c -> c.sync() != SyncStatus.UNMANAGED)
                        .allMatch(c -> FleetSync.OWNER.equals(c.by()) && c.wanted()), v.toString());
                Set<Integer> unmanagedSlots = v.codes().stream().filter(c -> c.sync() == SyncStatus.UNMANAGED)
                        .map(CodeSync::slot).collect(Collectors.toSet());
                assertEquals(unmanaged.get(id), v.codes().stream().filter(c -> c.sync() == SyncStatus.UNMANAGED)
                        .map(c -> c.slot() + " " + (c.name() == null ? "-" : c.name())).collect(Collectors.toList()), id);
                assertEquals(owners.get(id), locks.get(check.lock()).state().credentials().all().stream()
                        .filter(c -> !unmanagedSlots.contains(c.slot())).sorted((a, b) -> a.slot() - b.slot())
                        .map(c -> c.slot() + " " + locks.get(check.lock()).reveal(c.name()) + " " + c.type()
                                + (c.suspended() ? " suspended" : " active"))
                        .collect(Collectors.toList()), id + ": the lock holds exactly the owner's codes");
                assertTrue(check.holdsWanted(), id + ": the example's own check agrees");
                assertEquals(v, check.sync());
                // The PINs issued at the backend opened the door.
                assertTrue(check.entriesWithIssuedPins() > 0, id + ": " + check);
            }
            assertTrue(summary.allProgrammed(), "the example's own check agrees");
            // The reset lock showed LOCK_RESET until the owner entered the PINs again, then the codes synced.
            assertTrue(text.contains("owner's app, back-door: alice FAILED LOCK_RESET"), text);
            assertTrue(text.lastIndexOf("owner's app, back-door: alice SYNCED")
                    > text.indexOf("owner's app, back-door: alice FAILED LOCK_RESET"), text);
            assertTrue(text.contains("owner's app, garage: carol FAILED DUPLICATE"), text);
            // At the doors that are open to codes now, every resident's PIN from the backend opens, and at the
            // office alice's old PIN no longer does (the owner changed it).
            for (String id : List.of("back-door", "office")) {
                SimulatedLock lock = locks.get(LockId.of(id));
                for (int slot : List.of(1, 2)) {
                    EntryResult r = lock.typeCodeOf(slot);
                    assertTrue(r.granted() && r.slot() == slot, id + " slot " + slot + ": " + r);
                }
            }
            assertFalse(locks.get(LockId.of("office")).typePin(FleetSync.PINS.get(2)).granted(), "alice's old PIN");
            assertTrue(locks.get(LockId.of("back-door")).typePin(FleetSync.PINS.get(2)).granted(),
                    "alice's PIN, entered again at the back door after its reset");

            // The summary is printed, and no PIN is, anywhere: not in the output, a trail, a batch, or the backend's files.
            assertTrue(text.contains("refused as gaps"), text);
            assertTrue(text.contains("front-door") && text.contains("events held; = the lock's export; verified"), text);
            assertTrue(text.contains("link down, batches: " + summary.batches().sent() + " pushed"), text);
            for (String pin : FleetSync.PINS) {
                assertFalse(text.contains(pin), "a PIN in the output");
                for (SimulatedLock lock : locks.values()) {
                    assertFalse(lock.export().contains(pin), "a PIN in a trail");
                }
                for (String batch : sync.batchTexts()) {
                    assertFalse(batch.contains(pin), "a PIN in a batch");
                }
            }
            try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
                st.execute("CHECKPOINT"); // the server's pages on disk too, not only its write-ahead log
            }
            assertNoPinIn(pgData, "carol"); // carol's code, requested and refused: in the backend's database
            assertNoPinIn(tmp.resolve("backend-keys"), "");
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
        assertEquals(3, text.lines().filter(l -> l.contains(" sync: in sync;")).count(), text);
        assertEquals(1, text.lines().filter(l -> l.contains(" sync: NOT in sync (the lock refused 3:carol")).count(), text);
        assertEquals(4, text.lines().filter(l -> l.contains("; holds what the owner asked for;")).count(), text);
        assertTrue(Files.exists(dir.resolve("backend").resolve(LockStore.SQLITE_FILE)), "a SQLite backend");
        assertTrue(Files.exists(dir.resolve("locks").resolve("garage").resolve(LockStore.SQLITE_FILE)));
        for (String pin : FleetSync.PINS) {
            assertFalse(text.contains(pin), "a PIN in the output");
        }
        assertNoPinIn(dir.resolve("backend"), "carol");
        IllegalArgumentException used = assertThrows(IllegalArgumentException.class,
                () -> FleetSync.main(new String[] {dir.toString()}));
        assertTrue(used.getMessage().contains("empty or new"), used.getMessage());
    }

    /** No PIN of the story in any file under {@code dir}, byte for byte (a name the backend stored is found there). */
    private static void assertNoPinIn(Path dir, String stored) throws Exception {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).collect(Collectors.toList());
        }
        boolean seen = false;
        for (Path f : files) {
            String raw = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            seen |= raw.contains(stored);
            for (String pin : FleetSync.PINS) {
                assertFalse(raw.contains(pin), "a PIN in " + f);
            }
        }
        assertTrue(seen, "the files under " + dir + " hold what the backend stored");
    }

    /**
     * The lock as the backend's copy of its trail says, names read with the lock's own keys (the
     * backend's copy holds them sealed; that the two agree is checked by the example itself).
     */
    private static LockStatus status(FleetSync sync, String lock, Instant now) {
        SimulatedLock own = sync.locks().get(LockId.of(lock));
        return LockStatus.of(sync.backend().view(LockId.of(lock)).orElseThrow().state(), now, own::reveal);
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
