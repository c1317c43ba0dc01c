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
 * many events each operation caused: so the code and mode events right before a BatchApplied, as
 * many as it counts, are the batch's; every other code or mode event is the lock's own (keypad,
 * local administrator). Code and mode events are buffered until the next other event or
 * BatchApplied decides whose they are.
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

    private record Pending(int slot, Instant at, boolean mode) {
    }

    public final Map<Integer, SlotFacts> slots = new HashMap<>();
    public final Map<String, Refusal> refused = new HashMap<>();
    public String appliedModeOp;
    public Instant modeLocalChangeAt;
    public Long lastAppliedBatch;
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
        c.buffered.addAll(buffered);
        return c;
    }

    /** Folds one event on. */
    public void add(LockEvent e) {
        Integer slot = codeSlot(e);
        if (slot != null) {
            buffered.add(new Pending(slot, e.at(), false));
            return;
        }
        if (e instanceof LockEvent.ModeChanged) {
            buffered.add(new Pending(0, e.at(), true));
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
        if (e instanceof LockEvent.FactoryResetPerformed) {
            for (SlotFacts f : slots.values()) {
                if (f.appliedOp != null && f.resetAt == null) {
                    f.resetAt = e.at();
                }
            }
        }
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
