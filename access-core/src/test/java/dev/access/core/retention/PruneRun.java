package dev.access.core.retention;

import static dev.access.core.retention.PruneModel.LOCK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/**
 * One example of the prune model, on any store: drive a lock through random steps, copy its store,
 * prune one copy at a random instant and compare the two (see {@link PruneProperties} for the
 * properties checked). The store kind is a {@link Stores}.
 */
public final class PruneRun {
    /** Where the two copies of an example live. */
    public interface Stores {
        /** Opens the store named {@code name} of example {@code example} (created empty if new). */
        LockStore open(int example, String name) throws Exception;

        /** The key ring directory of that store. */
        Path keys(int example, String name);

        /** After {@code store} (of that name) was closed: release what {@link #open} took. */
        void closed(int example, String name) throws Exception;

        /** Copies store {@code from} with its key ring to {@code to}; both are closed. */
        void copy(int example, String from, String to) throws Exception;
    }

    private final Stores stores;
    private final AtomicInteger example = new AtomicInteger();
    final AtomicInteger anchored = new AtomicInteger();
    final AtomicInteger lockouts = new AtomicInteger();
    final AtomicInteger usedUp = new AtomicInteger();

    public PruneRun(Stores stores) {
        this.stores = stores;
    }

    /** Examples run so far. */
    public int examples() {
        return example.get();
    }

    /** What the run exercised, in one line. */
    public String summary(String name) {
        return name + ": " + example.get() + " examples, " + anchored.get() + " pruned to an anchor, " + lockouts.get()
                + " with a lockout or disabled keypad in the anchored state, " + usedUp.get()
                + " with a used one-time code or a use count in it";
    }

    /** Examples that pruned something. */
    public int anchored() {
        return anchored.get();
    }

    private final class Opened implements AutoCloseable {
        final int n;
        final String name;
        final LockStore store;
        final PruneModel.Driver driver;

        Opened(int n, String name, SimulatedClock clock, int cache) throws Exception {
            this.n = n;
            this.name = name;
            store = stores.open(n, name);
            AccessControl a = AccessControl.builder().store(store).clock(clock)
                    .keyRing(FileKeyRing.open(stores.keys(n, name))).cacheSize(cache).snapshotEvery(10)
                    .checkpointEvery(7).build();
            driver = new PruneModel.Driver(a, clock);
        }

        AccessControl access() {
            return driver.access;
        }

        @Override
        public void close() throws Exception {
            driver.access.close();
            store.close();
            stores.closed(n, name);
        }
    }

    /** Runs one example: {@code before} steps, a prune at {@code where} % of the run, then {@code after} steps. */
    public void check(List<PruneModel.Step> before, int where, List<PruneModel.Step> after) throws Exception {
        int n = example.incrementAndGet();
        SimulatedClock clock = new SimulatedClock(PruneModel.T0);
        try (Opened x = new Opened(n, "whole", clock, 1000)) {
            PruneModel.commission(x.driver);
            for (PruneModel.Step s : before) {
                PruneModel.run(x.driver, s);
                clock.advance(Duration.ofSeconds(1));
            }
        }
        stores.copy(n, "whole", "pruned");
        Instant end = clock.instant();
        Instant cutAt = PruneModel.T0.plusMillis((end.toEpochMilli() - PruneModel.T0.toEpochMilli()) * where / 100);
        SimulatedClock clockY = new SimulatedClock(end);
        Opened x = new Opened(n, "whole", clock, 1000);
        Opened y = new Opened(n, "pruned", clockY, 1000);
        try {
            String wholeExport = PruneModel.export(x.access());
            List<TrailRecord> records = new ArrayList<>();
            TrailReader.read(new BufferedReader(new StringReader(wholeExport)), LOCK.value(), l -> records.add(l.record()));
            LockState state = y.access().state(LOCK);
            assertEquals(x.access().state(LOCK), state, "two copies of one store");

            PruneResult r = y.access().pruneTrail(LOCK, cutAt);
            long cut = -1;
            for (TrailRecord rec : records) {
                if (rec.timestamp().isBefore(cutAt)) {
                    cut = rec.sequence();
                }
            }
            long expectedRemoved = 0;
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
            y = new Opened(n, "pruned", clockY, 0);
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
            // Names are sealed afresh on each copy (a new person's key, a random nonce): compared as read.
            assertEquals(readable(x.access(), x.access().state(LOCK)), readable(y.access(), y.access().state(LOCK)),
                    "the same state after the same steps");

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
            y = new Opened(n, "pruned", clockY, 0);
            assertEquals(now, y.access().state(LOCK), "the state after the second prune and a restart");
        } finally {
            x.close();
            y.close();
        }
    }

    /** The state with every sealed name read back (code names, who added or changed a code, who set the mode). */
    static dev.access.core.domain.LockState readable(AccessControl a, dev.access.core.domain.LockState s) {
        dev.access.core.domain.Credentials c = dev.access.core.domain.Credentials.EMPTY;
        for (dev.access.core.domain.Credential x : s.credentials().all()) {
            c = c.with(new dev.access.core.domain.Credential(x.slot(), x.type(), a.reveal(LOCK, x.name()), x.digest(),
                    x.rules(), x.suspended(), x.uses(), x.firstUsedAt(), x.addedAt(), x.changedAt(),
                    readable(a, x.addedBy()), readable(a, x.changedBy())));
        }
        return s.withCredentials(c).withMode(s.mode(), s.modeSince(), a.reveal(LOCK, s.modeSetBy()));
    }

    private static dev.access.core.domain.Actor readable(AccessControl a, dev.access.core.domain.Actor actor) {
        return actor == null || actor.who() == null ? actor : actor.withWho(a.reveal(LOCK, actor.who()));
    }

    private static LockHistory history(String export) {
        return LockHistory.fromExport(new BufferedReader(new StringReader(export)), LOCK);
    }

    /** Copies a directory tree (a closed SQLite data directory with its key ring). */
    public static void copyTree(Path from, Path to) throws IOException {
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
