package dev.access.core.internal.fleet;

import dev.access.core.domain.Credential;
import dev.access.core.domain.LockState;
import dev.access.core.fleet.CodeSync;
import dev.access.core.fleet.SyncStatus;
import dev.access.core.fleet.SyncView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/*
 * A managed slot's status, from its current operation (the change that last set its desired end
 * state) and the trail's facts about the slot:
 *   applied by the lock, then a factory reset        -> FAILED LOCK_RESET
 *   applied, then changed by the lock's own events   -> DRIFTED
 *   applied                                          -> SYNCED
 *   refused by the lock                              -> FAILED with the lock's reason
 *   not applied, but its PIN is sealed to a key epoch the lock no longer has, or the lock was reset
 *   after an earlier operation set the code and no PIN waits to be delivered -> FAILED LOCK_RESET
 *   otherwise                                        -> PENDING (with the batch it was last sent in)
 * A slot the backend asked to empty is listed (once) until that is SYNCED. Every other code the lock
 * holds is UNMANAGED. A lock is in sync when every listed managed slot and the wanted mode are SYNCED
 * and no offline code's revocation waits for a batch (OfflineRules.pending).
 */
/** Internal: sync status from the desired state and the lock's trail. */
public final class SyncRules {
    private SyncRules() {
    }

    /** The status of every code of the lock. */
    public static SyncView view(String lock, DesiredState d, TrailFacts t, LockState s,
            Map<Integer, FleetDesired.Sealed> sealed, java.time.Instant now) {
        List<CodeSync> codes = new ArrayList<>();
        boolean inSync = true;
        java.util.Set<Integer> listed = new java.util.HashSet<>();
        for (DesiredState.Slot slot : d.slots.values()) {
            CodeSync c = status(slot, t, s, sealed.get(slot.slot));
            if (!slot.wanted && c.sync() == SyncStatus.SYNCED) {
                continue;
            }
            codes.add(c);
            listed.add(slot.slot);
            inSync &= c.sync() == SyncStatus.SYNCED;
        }
        if (d.mode != null) {
            inSync &= d.mode.operation().equals(t.appliedModeOp) && t.modeLocalChangeAt == null;
        }
        for (DesiredState.Revocation r : d.revocations.values()) {
            inSync &= !OfflineRules.pending(r, t, s, now);
        }
        for (Credential c : s.credentials().all()) {
            if (!listed.contains(c.slot())) {
                // A code added at the lock: its name is sealed under a key that stays at the lock (the
                // backend learns no names it did not set itself), so the backend lists it without one.
                String name = dev.access.crypto.PersonalData.isSealed(c.name()) ? null : c.name();
                codes.add(new CodeSync(c.slot(), name, c.type(), SyncStatus.UNMANAGED, null,
                        c.changedAt() != null ? c.changedAt() : c.addedAt(), null, null, false));
            }
        }
        codes.sort(java.util.Comparator.comparingInt(CodeSync::slot).thenComparing(c -> c.sync().ordinal()));
        return new SyncView(lock, inSync, d.lastBatch, t.lastAppliedBatch, codes);
    }

    /** One managed slot's status. */
    public static CodeSync status(DesiredState.Slot slot, TrailFacts t, LockState s, FleetDesired.Sealed sealedPin) {
        TrailFacts.SlotFacts f = t.slots.get(slot.slot);
        String op = slot.operation();
        if (f != null && op.equals(f.appliedOp)) {
            if (f.resetAt != null) {
                return entry(slot, SyncStatus.FAILED, "LOCK_RESET", f.resetAt, f.appliedBatch);
            }
            if (f.localChangeAt != null) {
                return entry(slot, SyncStatus.DRIFTED, null, f.localChangeAt, f.appliedBatch);
            }
            return entry(slot, SyncStatus.SYNCED, null, f.appliedAt, f.appliedBatch);
        }
        TrailFacts.Refusal r = t.refused.get(op);
        if (r != null) {
            return entry(slot, SyncStatus.FAILED, r.reason(), r.at(), r.batch());
        }
        if (slot.wanted && (sealedPin == null ? f != null && f.resetAt != null : sealedPin.keyEpoch() != s.keyEpoch()
                && s.keyEpoch() > sealedPin.keyEpoch())) {
            return entry(slot, SyncStatus.FAILED, "LOCK_RESET", f != null && f.resetAt != null ? f.resetAt : slot.at,
                    slot.lastBatch);
        }
        return entry(slot, SyncStatus.PENDING, null, slot.at, slot.lastBatch);
    }

    private static CodeSync entry(DesiredState.Slot slot, SyncStatus sync, String reason, java.time.Instant since, Long batch) {
        return new CodeSync(slot.slot, slot.name, slot.type, sync, reason, since, batch, slot.by, slot.wanted);
    }

    /** Whether the wanted mode waits for the lock. */
    public static boolean modePending(DesiredState d, TrailFacts t) {
        return d.mode != null && !d.mode.operation().equals(t.appliedModeOp) && !t.refused.containsKey(d.mode.operation());
    }
}
