package dev.access.core.internal.fleet;

import dev.access.core.domain.BatchOperation;
import dev.access.core.domain.BatchOutcome;
import dev.access.core.domain.LockEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/*
 * The events of one batch are recorded together, its BatchApplied last, and BatchApplied says how
 * many events each operation caused: so the code, mode and offline-revocation events right before a
 * BatchApplied, as many as it counts, are the batch's; every other such event is the lock's own
 * (keypad, local administrator). They are buffered until the next other event or BatchApplied
 * decides whose they are.
 *
 * Offline codes: a revocation proves itself whoever made it (the lock's OfflineCodeRevoked names
 * the code), so revoked ids are noted at once; so are one-time codes' first grants, each
 * revoke-all (epoch, generation) and each factory reset (by the epoch it ended).
 */
/** Internal: what a lock's trail says about its backend's operations, folded on event by event. */
public final class TrailFacts {
    /** What the trail says about one slot. */
    public static final class SlotFacts {
        /** The last batch operation applied to the slot, or null. */
        public String appliedOp;
        public long appliedBatch;
        public Instant appliedAt;
        /** A code event of the lock's own for the slot since that operation. */
        public Instant localChangeAt;
        /** A factory reset since that operation. */
        public Instant resetAt;
    }

    /** A refused operation. */
    public record Refusal(String reason, long batch, Instant at) {
    }

    /** A buffered event: a slot's code event, a mode change, or an offline code's revocation. */
    private record Pending(int slot, Instant at, boolean mode, boolean offline) {
    }

    public final Map<Integer, SlotFacts> slots = new HashMap<>();
    public final Map<String, Refusal> refused = new HashMap<>();
    public String appliedModeOp;
    public Instant modeLocalChangeAt;
    public Long lastAppliedBatch;
    /** Offline codes revoked at the lock (by anyone), by id: when. */
    public final Map<String, Instant> offlineRevoked = new HashMap<>();
    /** One-time offline codes the lock granted, by id: when first. */
    public final Map<String, Instant> offlineUsed = new HashMap<>();
    /** Revoke-alls: key epoch to (generation moved to, when). */
    public final Map<Integer, java.util.TreeMap<Integer, Instant>> offlineGenerations = new HashMap<>();
    /** Factory resets: the key epoch each ended, to when. */
    public final Map<Integer, Instant> resets = new HashMap<>();
    /** Applied operations that revoke an offline code: id to when the batch was applied. */
    public final Map<String, Instant> appliedRevocations = new HashMap<>();
    private final List<Pending> buffered = new ArrayList<>();

    /** A copy, to fold on without touching this one. */
    public TrailFacts copy() {
        TrailFacts c = new TrailFacts();
        slots.forEach((k, v) -> {
            SlotFacts f = new SlotFacts();
            f.appliedOp = v.appliedOp;
            f.appliedBatch = v.appliedBatch;
            f.appliedAt = v.appliedAt;
            f.localChangeAt = v.localChangeAt;
            f.resetAt = v.resetAt;
            c.slots.put(k, f);
        });
        c.refused.putAll(refused);
        c.appliedModeOp = appliedModeOp;
        c.modeLocalChangeAt = modeLocalChangeAt;
        c.lastAppliedBatch = lastAppliedBatch;
        c.offlineRevoked.putAll(offlineRevoked);
        c.offlineUsed.putAll(offlineUsed);
        offlineGenerations.forEach((k, v) -> c.offlineGenerations.put(k, new java.util.TreeMap<>(v)));
        c.resets.putAll(resets);
        c.appliedRevocations.putAll(appliedRevocations);
        c.buffered.addAll(buffered);
        return c;
    }

    /** Folds one event on. */
    public void add(LockEvent e) {
        Integer slot = codeSlot(e);
        if (slot != null) {
            buffered.add(new Pending(slot, e.at(), false, false));
            return;
        }
        if (e instanceof LockEvent.ModeChanged) {
            buffered.add(new Pending(0, e.at(), true, false));
            return;
        }
        if (e instanceof LockEvent.OfflineCodeRevoked r) {
            offlineRevoked.putIfAbsent(r.codeId(), r.at());
            buffered.add(new Pending(0, e.at(), false, true));
            return;
        }
        if (e instanceof LockEvent.BatchApplied b) {
            int caused = 0;
            for (BatchOutcome o : b.outcomes()) {
                caused += o.events();
            }
            int own = Math.max(0, buffered.size() - caused);
            flushLocal(own);
            buffered.clear();
            for (BatchOutcome o : b.outcomes()) {
                if (!o.applied()) {
                    refused.put(o.operation(), new Refusal(o.refusal(), b.batch(), b.at()));
                    continue;
                }
                refused.remove(o.operation());
                if (o.kind() == BatchOperation.Kind.SET_MODE) {
                    appliedModeOp = o.operation();
                    modeLocalChangeAt = null;
                } else if (o.kind() == BatchOperation.Kind.REVOKE_OFFLINE_CODE) {
                    appliedRevocations.put(o.operation(), b.at());
                } else {
                    SlotFacts f = new SlotFacts();
                    f.appliedOp = o.operation();
                    f.appliedBatch = b.batch();
                    f.appliedAt = b.at();
                    slots.put(o.slot(), f);
                }
            }
            lastAppliedBatch = b.batch();
            return;
        }
        flushLocal(buffered.size());
        buffered.clear();
        if (e instanceof LockEvent.FactoryResetPerformed r) {
            for (SlotFacts f : slots.values()) {
                if (f.appliedOp != null && f.resetAt == null) {
                    f.resetAt = e.at();
                }
            }
            resets.putIfAbsent(r.oldKeyEpoch(), r.at());
        } else if (e instanceof LockEvent.AllOfflineCodesRevoked a) {
            offlineGenerations.computeIfAbsent(a.keyEpoch(), k -> new java.util.TreeMap<>()).putIfAbsent(a.generation(),
                    a.at());
        } else if (e instanceof LockEvent.EntryGranted g && g.offlineCode() != null && g.offlineCode().oneTime()) {
            offlineUsed.putIfAbsent(g.offlineCode().id(), g.at());
        }
    }

    /**
     * When the lock first moved past issuing-key generation {@code generation} of key epoch {@code
     * epoch} (a revoke-all), or null if the trail shows none.
     */
    public Instant revokedAllAfter(int epoch, int generation) {
        java.util.TreeMap<Integer, Instant> moves = offlineGenerations.get(epoch);
        if (moves == null) {
            return null;
        }
        Map.Entry<Integer, Instant> next = moves.higherEntry(generation);
        return next == null ? null : next.getValue();
    }

    /** When the lock's first factory reset at or after key epoch {@code epoch} ended it, or null. */
    public Instant resetSince(int epoch) {
        Instant first = null;
        for (Map.Entry<Integer, Instant> r : resets.entrySet()) {
            if (r.getKey() >= epoch && (first == null || r.getValue().isBefore(first))) {
                first = r.getValue();
            }
        }
        return first;
    }

    /**
     * The end of what is held: a held trail ends at a checkpoint, and a checkpoint follows a
     * command's events, never splits them, so code and mode events still buffered are the lock's own.
     */
    public void settle() {
        flushLocal(buffered.size());
        buffered.clear();
    }

    private void flushLocal(int count) {
        for (int i = 0; i < count; i++) {
            Pending p = buffered.get(i);
            if (p.offline()) {
                continue; // noted when it came: a revocation proves itself whoever made it
            }
            if (p.mode()) {
                modeLocalChangeAt = p.at();
            } else {
                slots.computeIfAbsent(p.slot(), k -> new SlotFacts()).localChangeAt = p.at();
            }
        }
    }

    private static Integer codeSlot(LockEvent e) {
        if (e instanceof LockEvent.CodeAdded a) {
            return a.slot();
        }
        if (e instanceof LockEvent.CodeChanged c) {
            return c.slot();
        }
        if (e instanceof LockEvent.CodeSuspended s) {
            return s.slot();
        }
        if (e instanceof LockEvent.CodeResumed r) {
            return r.slot();
        }
        if (e instanceof LockEvent.CodeRemoved r) {
            return r.slot();
        }
        return null;
    }
}
