package dev.access.core.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.access.core.AccessControl;
import dev.access.core.LockStore;
import dev.access.core.audit.LockHistory;
import dev.access.core.audit.Replay;
import dev.access.core.audit.SequencedEvent;
import dev.access.core.audit.TrailExport;
import dev.access.core.audit.TrailVerifier;
import dev.access.core.audit.VerificationReport;
import dev.access.core.domain.LockDecider;
import dev.access.core.domain.LockEvent;
import dev.access.core.domain.LockState;
import dev.access.core.internal.trail.AuditForm;
import dev.access.core.trail.TrailAnchored;
import dev.access.crypto.FileKeyRing;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/*
 * The prune kill harness, on SQLite (SqlitePruneCrashTest) or PostgreSQL (pg.PostgresPruneCrashTest).
 * Round k starts a child (PruneCrashChild) with prune instants taken from the trail the parent last
 * verified (so every cut lies inside what the parent knows), lets it enter codes and prune, and
 * SIGKILLs it: in most rounds while a prune runs (after a random PRUNE line, within a few
 * milliseconds), in the others at a random moment. Then a fresh store and library (no cache) must
 * find, whatever the moment:
 *   - a trail that verifies with the lock's public key, starting at its first event or at an anchor;
 *   - the old trail or a new one: the anchor is the one verified before, or a new one at a sequence
 *     the previous trail held, whose state is exactly the previous trail's fold up to that sequence;
 *   - the same state: the lock's live state (rebuilt from the store) is the fold of the trail from
 *     its anchor (compared in audit form, digests as commitments);
 *   - every acknowledged entry after the anchor's cut in the trail, at most one unacknowledged one
 *     per kill (the one in flight); sequences contiguous from the trail's first record.
 */
/** Shared by the SQLite and PostgreSQL prune kill harnesses. */
public abstract class PruneCrashHarness {
    /** The child's arguments that name its store (e.g. {@code sqlite DIR}). */
    protected abstract List<String> storeArgs();

    /** Opens the store the child uses. */
    protected abstract LockStore openStore();

    /** The key ring directory. */
    protected abstract Path keys();

    /** A directory for the harness's files. */
    protected abstract Path work();

    /** The class path for the child JVM. */
    protected String classPath() throws IOException {
        return System.getProperty("java.class.path");
    }

    /** Checks the database itself after a kill (SQLite: integrity_check); nothing by default. */
    protected void checkDatabase(String where) throws Exception {
    }

    /** Runs {@code kills} rounds; returns how many kills landed while a prune ran. */
    protected int run(String name, int kills, long seed) throws Exception {
        System.out.println(name + ": " + kills + " kills, seed " + seed);
        Random random = new Random(seed);
        String previous = null;
        Set<Instant> acked = new HashSet<>();
        int insidePrune = 0;
        int newAnchorsAfterKillInPrune = 0;
        int prunesCompleted = 0;
        for (int k = 0; k < kills; k++) {
            List<Instant> instants = previous == null ? List.of() : instants(previous, random);
            Path file = work().resolve("instants-" + k);
            Files.write(file, instants.stream().map(Instant::toString).collect(Collectors.toList()));
            List<String> lines = new CopyOnWriteArrayList<>();
            Path stderr = work().resolve("child-" + k + ".err");
            Process child = start(file, stderr);
            Thread reader = new Thread(() -> read(child, lines));
            reader.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            int prunesToSee = instants.isEmpty() ? 0 : 1 + random.nextInt(Math.min(3, instants.size()));
            boolean killInPrune = prunesToSee > 0 && random.nextInt(5) != 0;
            while (child.isAlive() && System.nanoTime() < deadline) {
                long prunes = lines.stream().filter(l -> l.startsWith("PRUNE ")).count();
                if (killInPrune ? prunes >= prunesToSee : lines.contains("READY")) {
                    break;
                }
                Thread.sleep(1);
            }
            if (!child.isAlive()) {
                reader.join(5_000);
                fail(name + ": child exited with " + child.exitValue() + " (kill " + k + ", seed " + seed + "): "
                        + Files.readString(stderr));
            }
            if (System.nanoTime() >= deadline) {
                child.toHandle().destroyForcibly();
                fail(name + ": child never got there (kill " + k + ", seed " + seed + "): " + lines);
            }
            if (killInPrune) {
                busyWait(random.nextInt(15_000) * 1_000L);
            } else {
                Thread.sleep(50 + random.nextInt(400));
            }
            child.toHandle().destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            reader.join(120_000);
            assertFalse(reader.isAlive(), "the dead child's output was not read to its end");
            String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
            boolean inPrune = last.startsWith("PRUNE ");
            if (inPrune) {
                insidePrune++;
            }
            prunesCompleted += (int) lines.stream().filter(l -> l.startsWith("PRUNED ")).count();
            lines.stream().filter(l -> l.startsWith("ACK ")).map(l -> Instant.parse(l.split(" ")[1])).forEach(acked::add);
            String where = "kill " + k + " (seed " + seed + ", " + (inPrune ? "during a prune" : "at " + last) + ")";
            TrailAnchored before = previous == null ? null : history(previous).anchor();
            String now = verify(previous, acked, k + 1, where);
            TrailAnchored after = history(now).anchor();
            if (inPrune && after != null && (before == null || after.sequence() != before.sequence())) {
                newAnchorsAfterKillInPrune++;
            }
            checkDatabase(where);
            previous = now;
        }
        System.out.println(name + ": " + acked.size() + " acknowledged entries, " + prunesCompleted + " prunes completed, "
                + insidePrune + " kills during a prune (" + newAnchorsAfterKillInPrune + " of them found the new trail, the"
                + " others the old one)");
        return insidePrune;
    }

    /** Up to 4 ascending instants among the previous trail's record times (so each cut is inside it). */
    private static List<Instant> instants(String export, Random random) {
        LockHistory h = history(export);
        List<SequencedEvent> events = h.events();
        TreeSet<Instant> out = new TreeSet<>();
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n && !events.isEmpty(); i++) {
            out.add(events.get(random.nextInt(events.size())).event().at());
        }
        return new ArrayList<>(out);
    }

    private static LockHistory history(String export) {
        return LockHistory.fromExport(new BufferedReader(new StringReader(export)), PruneCrashChild.LOCK);
    }

    /** The checks after a kill; the trail as now exported (a checkpoint signed first). */
    private String verify(String previous, Set<Instant> acked, int killsSoFar, String where) throws Exception {
        try (LockStore store = openStore()) {
            AccessControl access = AccessControl.builder().store(store).clock(Clock.systemUTC())
                    .keyRing(FileKeyRing.open(keys())).cacheSize(0).accessLog(false).build();
            try {
                LockState state = access.state(PruneCrashChild.LOCK);
                if (!state.commissioned()) {
                    return previous; // killed before commissioning finished: nothing to check yet
                }
                // As an export is made: a checkpoint signed first, so the whole trail is signed.
                access.checkpoint(PruneCrashChild.LOCK);
                StringWriter w = new StringWriter();
                TrailExport.write(access, PruneCrashChild.LOCK, w);
                String export = w.toString();
                VerificationReport v = TrailVerifier.verify(new BufferedReader(new StringReader(export)),
                        l -> access.publicKey(PruneCrashChild.LOCK));
                assertTrue(v.problems().stream().noneMatch(p -> p.isFailure()), "the trail verifies after " + where + ": "
                        + v.problems());
                LockHistory h = history(export);
                TrailAnchored anchor = h.anchor();
                // The same state: the live state is the fold of the trail from its anchor.
                LockState folded = h.initialState();
                for (SequencedEvent e : h.events()) {
                    folded = LockDecider.evolve(folded, e.event());
                }
                assertEquals(AuditForm.stateHash(folded), AuditForm.stateHash(state),
                        "the live state is the fold of the trail from its anchor, " + where);
                assertEquals(folded, Replay.stateAt(h, Instant.MAX));
                // The old trail or the new one.
                if (previous != null && anchor != null) {
                    LockHistory old = history(previous);
                    if (old.anchor() == null || anchor.sequence() != old.anchor().sequence()) {
                        assertTrue(old.anchor() == null || anchor.sequence() > old.anchor().sequence(), where);
                        LockState expected = old.initialState();
                        long lastOld = -1;
                        for (SequencedEvent e : old.events()) {
                            if (e.sequence() <= anchor.sequence()) {
                                expected = LockDecider.evolve(expected, e.event());
                            }
                            lastOld = e.sequence();
                        }
                        assertTrue(anchor.sequence() <= lastOld + 1, "the cut lies inside the trail verified before, "
                                + where);
                        assertEquals(AuditForm.stateHash(expected), anchor.stateSha256(),
                                "the new anchor holds the old trail's state at its cut, " + where);
                    } else {
                        assertEquals(old.anchor(), anchor, "the old anchor, unchanged, " + where);
                    }
                }
                // Every acknowledged entry after the cut is there; at most one in flight per kill.
                Set<Instant> attempts = h.events().stream().map(SequencedEvent::event)
                        .filter(e -> e instanceof LockEvent.EntryGranted || e instanceof LockEvent.EntryDenied)
                        .map(LockEvent::at).collect(Collectors.toSet());
                Instant through = anchor == null ? Instant.MIN : anchor.through();
                Set<Instant> lost = acked.stream().filter(t -> t.isAfter(through) && !attempts.contains(t))
                        .collect(Collectors.toSet());
                assertTrue(lost.isEmpty(), "acknowledged entries lost after " + where + ": " + lost);
                long unacked = attempts.stream().filter(t -> !acked.contains(t)).count();
                assertTrue(unacked <= killsSoFar, "more unacknowledged entries than kills after " + where);
                // Sequences contiguous from the first record.
                long first = anchor == null ? 0 : anchor.sequence();
                long expectedNext = first + 1;
                List<Long> seqs = new ArrayList<>();
                access.trail(PruneCrashChild.LOCK, r -> seqs.add(r.sequence()));
                assertEquals(first, seqs.get(0).longValue(), where);
                for (int i = 1; i < seqs.size(); i++) {
                    assertEquals(expectedNext++, seqs.get(i).longValue(), "sequences contiguous, " + where);
                }
                return export;
            } finally {
                access.close();
            }
        }
    }

    private Process start(Path instants, Path stderr) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-Daxoniq.update-checker.disabled=true", "-cp", classPath(), PruneCrashChild.class.getName()));
        cmd.addAll(storeArgs());
        cmd.add(keys().toString());
        cmd.add(instants.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.redirectError(stderr.toFile());
        return pb.start();
    }

    private static void read(Process child, List<String> lines) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            // The child was killed mid-line: what was read stays.
        }
    }

    private static void busyWait(long nanos) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }
}
