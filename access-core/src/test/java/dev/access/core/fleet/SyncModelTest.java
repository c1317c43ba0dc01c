package dev.access.core.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.access.core.Fleet;
import dev.access.core.LockStore;
import dev.access.core.NewCode;
import dev.access.core.SimulatedClock;
import dev.access.core.domain.BatchOutcome;
import dev.access.core.domain.Credential;
import dev.access.core.domain.LockCommandRejected;
import dev.access.core.domain.LockState;
import dev.access.crypto.BackendPublicKey;
import dev.access.crypto.FileKeyRing;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/*
 * Model-based: random sequences of backend changes, pushes, deliveries (lost, duplicated, reordered
 * batches), local changes at the lock (codes added at the keypad, managed codes removed or suspended
 * there) and trail uploads. The model knows nothing of trails: it follows what the lock answered to
 * each batch (AppliedBatch outcomes) and what was done at the lock, and after every upload states
 * what each code's sync status must be. The backend must agree with it, from the trail alone.
 */
/** The backend's sync status agrees, after every step, with a model fed by what the lock answered. */
class SyncModelTest {
    private static final String[] PINS = {"73915846", "62840917", "50718293", "41629305", "38205716"};
    private static final int STEPS = 120;
    private final Map<SyncStatus, Integer> seen = new TreeMap<>();

    @TempDir
    Path tmp;

    /** What the model knows of one slot at the lock. */
    private static final class LockSlot {
        String appliedOp;
        boolean localSince;
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void syncStatusFollowsTheModel(long seed) throws Exception {
        Random r = new Random(seed);
        SimulatedClock clock = new SimulatedClock(Instant.parse("2026-07-06T06:00:00Z"));
        try (LockStore store = LockStore.sqlite(tmp.resolve("backend-" + seed))) {
            Fleet fleet = Fleet.builder().store(store).keyRing(FileKeyRing.open(tmp.resolve("backend-" + seed).resolve("keys")))
                    .clock(clock).build();
            BackendPublicKey backend = fleet.initialize();
            LockSim lock = new LockSim(tmp.resolve("lock-" + seed), "door-" + seed, clock);
            try {
                lock.commission();
                fleet.enroll(lock.enroll(backend));
                long held = fleet.ingest(new StringReader(lock.segment(0))).lastSequence();

                Map<Integer, String> desiredOp = new TreeMap<>();   // slot -> current operation id
                Set<Integer> wanted = new HashSet<>();               // slots the backend wants a code in
                Map<Integer, LockSlot> atLock = new HashMap<>();     // the model of the lock
                Set<String> refused = new HashSet<>();
                Map<Integer, LockSlot> known = new HashMap<>();      // the model as of the last upload
                Set<String> knownRefused = new HashSet<>();
                List<ProgrammingBatch> inFlight = new ArrayList<>();
                List<String> log = new ArrayList<>();

                for (int step = 0; step < STEPS; step++) {
                    clock.advance(Duration.ofMinutes(1 + r.nextInt(30)));
                    int action = r.nextInt(13);
                    int slot = 1 + r.nextInt(4);
                    try {
                        switch (action) {
                            case 0, 1 -> {
                                DesiredChange c = wanted.contains(slot)
                                        ? fleet.requestPinChange(lock.id, slot, PINS[r.nextInt(PINS.length)].toCharArray(), "owner")
                                        : fleet.requestCode(lock.id, NewCode.unrestricted(slot, "u" + slot),
                                                PINS[r.nextInt(PINS.length)].toCharArray(), "owner");
                                desiredOp.put(slot, c.operation());
                                wanted.add(slot);
                                log.add(c.change() + " " + slot);
                            }
                            case 2 -> {
                                DesiredChange c = r.nextBoolean() ? fleet.requestSuspend(lock.id, slot, "owner")
                                        : fleet.requestResume(lock.id, slot, "owner");
                                desiredOp.put(slot, c.operation());
                                log.add(c.change() + " " + slot);
                            }
                            case 3 -> {
                                DesiredChange c = fleet.requestRemove(lock.id, slot, "owner");
                                desiredOp.put(slot, c.operation());
                                wanted.remove(slot);
                                log.add("remove " + slot);
                            }
                            case 4, 8 -> fleet.push(lock.id).ifPresent(b -> {
                                inFlight.add(b);
                                log.add("push " + b.batch());
                            });
                            case 5, 6, 9, 10 -> {
                                if (!inFlight.isEmpty()) {
                                    // Any batch in flight, possibly old or delivered before: lost ones stay behind.
                                    ProgrammingBatch b = inFlight.get(r.nextInt(inFlight.size()));
                                    if (r.nextInt(4) == 0) {
                                        inFlight.remove(b);
                                    }
                                    try {
                                        AppliedBatch applied = lock.access.apply(ProgrammingBatch.parse(b.toText()));
                                        for (BatchOutcome o : applied.outcomes()) {
                                            if (o.applied()) {
                                                LockSlot ls = atLock.computeIfAbsent(o.slot(), k -> new LockSlot());
                                                ls.appliedOp = o.operation();
                                                ls.localSince = false;
                                                refused.remove(o.operation());
                                            } else {
                                                refused.add(o.operation());
                                            }
                                        }
                                        log.add("apply " + b.batch());
                                    } catch (LockCommandRejected stale) {
                                        log.add("apply " + b.batch() + " refused " + stale.rejection());
                                    }
                                }
                            }
                            case 7 -> {
                                // At the lock: a code added at the keypad, a managed code removed or suspended there.
                                LockState s = lock.access.state(lock.id);
                                Credential c = s.credentials().get(slot);
                                if (c == null) {
                                    int local = 5 + r.nextInt(2);
                                    if (s.credentials().get(local) == null) {
                                        lock.access.addCode(lock.id, NewCode.unrestricted(local, "local"),
                                                PINS[r.nextInt(PINS.length)].toCharArray());
                                        log.add("local add " + local);
                                    }
                                } else {
                                    if (r.nextBoolean()) {
                                        lock.access.removeCode(lock.id, slot);
                                    } else if (c.suspended()) {
                                        lock.access.resumeCode(lock.id, slot);
                                    } else {
                                        lock.access.suspendCode(lock.id, slot);
                                    }
                                    atLock.computeIfAbsent(slot, k -> new LockSlot()).localSince = true;
                                    log.add("local change " + slot);
                                }
                            }
                            default -> {
                                held = fleet.ingest(new StringReader(lock.segment(held + 1))).lastSequence();
                                known = copy(atLock);
                                knownRefused = new HashSet<>(refused);
                                log.add("upload");
                                check(fleet, lock, desiredOp, wanted, known, knownRefused, log);
                            }
                        }
                    } catch (LockCommandRejected | dev.access.crypto.PinRejectedException refusedAtBackend) {
                        log.add("refused at the backend: " + refusedAtBackend.getMessage());
                    }
                }
                held = fleet.ingest(new StringReader(lock.segment(held + 1))).lastSequence();
                check(fleet, lock, desiredOp, wanted, copy(atLock), refused, log);
                System.out.println("sync model, seed " + seed + ": statuses checked " + seen);
                assertTrue(seen.containsKey(SyncStatus.SYNCED) && seen.containsKey(SyncStatus.PENDING)
                        && seen.containsKey(SyncStatus.UNMANAGED), "the run reached the main statuses: " + seen);
            } finally {
                lock.close();
                fleet.close();
            }
        }
    }

    private static Map<Integer, LockSlot> copy(Map<Integer, LockSlot> m) {
        Map<Integer, LockSlot> out = new HashMap<>();
        m.forEach((k, v) -> {
            LockSlot c = new LockSlot();
            c.appliedOp = v.appliedOp;
            c.localSince = v.localSince;
            out.put(k, c);
        });
        return out;
    }

    private void check(Fleet fleet, LockSim lock, Map<Integer, String> desiredOp, Set<Integer> wanted,
            Map<Integer, LockSlot> known, Set<String> knownRefused, List<String> log) {
        SyncView v = fleet.sync(lock.id);
        String where = "after " + log;
        LockState s = lock.access.state(lock.id);
        for (Map.Entry<Integer, String> d : desiredOp.entrySet()) {
            int slot = d.getKey();
            LockSlot ls = known.get(slot);
            SyncStatus expected;
            if (ls != null && d.getValue().equals(ls.appliedOp)) {
                expected = ls.localSince ? SyncStatus.DRIFTED : SyncStatus.SYNCED;
            } else if (knownRefused.contains(d.getValue())) {
                expected = SyncStatus.FAILED;
            } else {
                expected = SyncStatus.PENDING;
            }
            CodeSync c = v.codes().stream().filter(x -> x.slot() == slot && x.sync() != SyncStatus.UNMANAGED)
                    .findFirst().orElse(null);
            if (!wanted.contains(slot) && expected == SyncStatus.SYNCED) {
                assertTrue(c == null, "slot " + slot + " emptied and synced is not listed as managed: " + c + " " + where);
                assertEquals(null, s.credentials().get(slot), "slot " + slot + " is empty at the lock " + where);
                continue;
            }
            assertNotNull(c, "slot " + slot + " is listed " + where);
            assertEquals(expected, c.sync(), "slot " + slot + " " + c + " " + where);
            seen.merge(expected, 1, Integer::sum);
            if (expected == SyncStatus.SYNCED) {
                Credential held = s.credentials().get(slot);
                assertNotNull(held, "a SYNCED code is held by the lock " + where);
                assertEquals("u" + slot, lock.access.reveal(lock.id, held.name()), "the batch's name, sealed at the lock");
            }
        }
        boolean allSynced = v.codes().stream().filter(CodeSync::wanted).allMatch(c -> c.sync() == SyncStatus.SYNCED)
                && v.codes().stream().noneMatch(c -> !c.wanted() && c.sync() != SyncStatus.UNMANAGED);
        assertEquals(allSynced, v.inSync(), "inSync " + v + " " + where);
        for (CodeSync c : v.codes()) {
            if (c.sync() == SyncStatus.UNMANAGED) {
                seen.merge(SyncStatus.UNMANAGED, 1, Integer::sum);
                assertTrue(!wanted.contains(c.slot()), "an UNMANAGED slot is not wanted " + where);
            }
        }
    }
}
