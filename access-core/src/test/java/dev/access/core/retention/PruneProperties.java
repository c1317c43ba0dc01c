package dev.access.core.retention;

import static dev.access.core.retention.PruneModel.LOCK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.access.core.AccessControl;
import dev.access.core.LockStore;
import dev.access.core.PruneResult;
import dev.access.core.SimulatedClock;
import dev.access.core.audit.LockHistory;
import dev.access.core.audit.Replay;
import dev.access.core.audit.TrailReader;
import dev.access.core.domain.LockState;
import dev.access.core.trail.TrailRecord;
import dev.access.crypto.FileKeyRing;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;

/*
 * Model-based test of retention on SQLite. Each example drives a lock through random steps (codes of
 * every kind, right and wrong entries, lockouts and the daily budget, one-time offline codes, modes,
 * time), closes the store and copies its directory, so two stores hold the same trail and key ring.
 * One copy is pruned at a random instant, the other is not. Then:
 *   "the state is unchanged"         the pruned lock's state equals the state before the prune, live
 *                                    and after a restart without cache (rebuilt from the anchor);
 *   "the cut is the last record before the instant"   as read from the unpruned copy's export;
 *   "exports verify from the anchor" and every way of tampering with the anchor is reported;
 *   "replay starts from the anchor"  the state replayed from the pruned export equals the one
 *                                    replayed from the whole export;
 *   "the lock behaves as before"     further random steps give the same outcome on both copies
 *                                    (every entry's verdict, lockout end, refusal) and the same state;
 *   "prune twice"                    a second prune later on keeps all of the above.
 * 12 examples by default (-Daccess.prune.examples=N for more); QuickTheories prints a failing
 * example's steps and seed.
 */
/** Pruning a random trail at a random instant changes nothing the lock does, and the rest verifies from the anchor. */
class PruneProperties {
    @TempDir
    Path dir;

    private final AtomicInteger example = new AtomicInteger();
    private final AtomicInteger anchored = new AtomicInteger();
    private final AtomicInteger lockouts = new AtomicInteger();
    private final AtomicInteger usedUp = new AtomicInteger();

    static Gen<PruneModel.Step> steps() {
        return integers().between(0, 29).zip(integers().between(0, 99), integers().between(0, 99),
                (k, a, b) -> new PruneModel.Step(k % 10 == 9 && k > 9 ? 1 : k % 10, a, b));
    }

    @Test
    void pruningKeepsTheStateTheBehaviourAndAVerifiableTrail() {
        qt().withExamples(Integer.getInteger("access.prune.examples", 12)).withShrinkCycles(20)
                .forAll(lists().of(steps()).ofSizeBetween(5, 45), integers().between(0, 100),
                        lists().of(steps()).ofSizeBetween(0, 15))
                .checkAssert((before, where, after) -> {
                    try {
                        check(before, where, after);
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                });
        System.out.println("PruneProperties: " + example.get() + " examples, " + anchored.get() + " pruned to an anchor, "
                + lockouts.get() + " with a lockout or disabled keypad before the cut, " + usedUp.get()
                + " with a used one-time code or use count in the anchored state");
        assertTrue(anchored.get() > example.get() / 3, "most examples prune something: " + anchored.get());
    }

    private static final class Opened implements AutoCloseable {
        final LockStore store;
        final PruneModel.Driver driver;

        Opened(Path data, SimulatedClock clock, int cache) {
            store = LockStore.sqlite(data);
            AccessControl a = AccessControl.builder().store(store).clock(clock)
                    .keyRing(FileKeyRing.open(data.resolve("keys"))).cacheSize(cache).snapshotEvery(10)
                    .checkpointEvery(7).build();
            driver = new PruneModel.Driver(a, clock);
        }

        AccessControl access() {
            return driver.access;
        }

        @Override
        public void close() {
            driver.access.close();
            store.close();
        }
    }

    private void check(List<PruneModel.Step> before, int where, List<PruneModel.Step> after) throws Exception {
        Path root = dir.resolve("example-" + example.incrementAndGet());
        Path whole = root.resolve("whole");
        Path pruned = root.resolve("pruned");
        SimulatedClock clock = new SimulatedClock(PruneModel.T0);
        try (Opened x = new Opened(whole, clock, 1000)) {
            PruneModel.commission(x.driver);
            for (PruneModel.Step s : before) {
                PruneModel.run(x.driver, s);
                clock.advance(Duration.ofSeconds(1));
            }
        }
        copy(whole, pruned);
        Instant end = clock.instant();
        Instant cutAt = PruneModel.T0.plusMillis((end.toEpochMilli() - PruneModel.T0.toEpochMilli()) * where / 100);
        SimulatedClock clockY = new SimulatedClock(end);
        Opened x = new Opened(whole, clock, 1000);
        Opened y = new Opened(pruned, clockY, 1000);
        try {
            String wholeExport = PruneModel.export(x.access());
            List<TrailRecord> records = new ArrayList<>();
            TrailReader.read(new BufferedReader(new StringReader(wholeExport)), LOCK.value(), l -> records.add(l.record()));
            LockState state = y.access().state(LOCK);
            assertEquals(x.access().state(LOCK), state, "two copies of one store");

            PruneResult r = y.access().pruneTrail(LOCK, cutAt);
            long cut = -1;
            long expectedRemoved = 0;
            for (TrailRecord rec : records) {
                if (rec.timestamp().isBefore(cutAt)) {
                    cut = rec.sequence();
                }
            }
            for (TrailRecord rec : records) {
                if (rec.sequence() < cut) {
                    expectedRemoved++;
                }
            }
            expectedRemoved = cut < 0 ? 0 : expectedRemoved + 1;
            assertEquals(expectedRemoved, r.removed(), "the cut is the last record before " + cutAt + ": " + r);
            assertEquals(cut, r.anchorSequence());
            assertEquals(state, y.access().state(LOCK), "the state is unchanged");

            String prunedExport = PruneModel.export(y.access());
            if (r.removed() > 0) {
                anchored.incrementAndGet();
                TrailAnchoredStats.count(prunedExport, lockouts, usedUp);
                PruneModel.checkAnchoredExport(prunedExport, y.access().publicKey(LOCK), cut);
                assertEquals(Replay.stateAt(history(wholeExport), end), Replay.stateAt(history(prunedExport), end),
                        "replay from the anchor equals replay from the start");
            } else {
                assertTrue(PruneModel.verify(prunedExport, y.access().publicKey(LOCK)).ok());
            }

            y.close();
            y = new Opened(pruned, clockY, 0);
            assertEquals(state, y.access().state(LOCK), "the state after a restart (rebuilt from the anchor)");

            // The same steps on both copies: the same outcome, step by step.
            clockY.set(clock.instant());
            for (PruneModel.Step s : after) {
                String expected = PruneModel.run(x.driver, s);
                String actual = PruneModel.run(y.driver, s);
                assertEquals(expected, actual, "after the prune, " + s);
                clock.advance(Duration.ofSeconds(1));
                clockY.set(clock.instant());
            }
            assertEquals(x.access().state(LOCK), y.access().state(LOCK), "the same state after the same steps");

            // Prune twice: from the first anchor on, up to now.
            LockState now = y.access().state(LOCK);
            PruneResult again = y.access().pruneTrail(LOCK, clock.instant());
            assertEquals(now, y.access().state(LOCK), "the state after a second prune");
            if (again.removed() > 0) {
                assertEquals(r.removed() > 0 ? r.anchorSequence() : 0, again.firstSequence(),
                        "the second anchor names where the trail started before it");
                PruneModel.checkAnchoredExport(PruneModel.export(y.access()), y.access().publicKey(LOCK),
                        again.anchorSequence());
            }
            y.close();
            y = new Opened(pruned, clockY, 0);
            assertEquals(now, y.access().state(LOCK), "the state after the second prune and a restart");
        } finally {
            x.close();
            y.close();
        }
    }

    private static LockHistory history(String export) {
        return LockHistory.fromExport(new BufferedReader(new StringReader(export)), LOCK);
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
