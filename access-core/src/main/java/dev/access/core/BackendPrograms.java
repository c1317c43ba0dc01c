package dev.access.core;

import dev.access.core.domain.CodeRules;
import dev.access.core.domain.LockCommand;
import dev.access.core.domain.LockCommandRejected;
import dev.access.core.domain.LockDecider;
import dev.access.core.domain.LockId;
import dev.access.core.domain.LockState;
import dev.access.core.domain.Rejection;
import dev.access.core.fleet.CodeSync;
import dev.access.core.fleet.ProgrammingBatch;
import dev.access.core.fleet.SyncStatus;
import dev.access.core.internal.fleet.DesiredState;
import dev.access.core.internal.fleet.FleetDesired;
import dev.access.core.internal.fleet.OfflineRules;
import dev.access.core.internal.fleet.SyncRules;
import dev.access.core.internal.fleet.TrailFacts;
import dev.access.crypto.CodeDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/*
 * A new code is checked at the backend with the lock's own rules, as far as the backend can: the
 * decider decides an AddCode on the state the lock's trail gives, with a random stand-in digest (the
 * backend holds no PIN key, so it cannot tell a DUPLICATE: the lock refuses that one, and the trail
 * brings the refusal back as FAILED). A slot the lock holds a code of its own in is refused at once;
 * a slot whose code a batch set is the backend's to replace.
 *
 * A batch holds every operation the trail has not confirmed: PENDING slots (their sealed PIN if one
 * waits for delivery, else "keep the slot's PIN"), the mode if pending, and each offline code's
 * revocation the trail does not show done while the code can still open (OfflineRules.pending). A
 * slot whose PIN is sealed to an older key epoch is left out (FAILED LOCK_RESET: the PIN must be
 * entered again).
 */
/** Internal to the API: the backend's checks of a requested code, and the operations of the next batch. */
final class BackendPrograms {
    private static final SecureRandom RANDOM = new SecureRandom();

    private BackendPrograms() {
    }

    /** Refuses a code the lock would refuse for a reason the backend can see. */
    static void checkAdd(LockId lock, NewCode code, LockState s, Instant now) {
        LockState judged = s;
        if (code.slot() != 0 && s.credentials().get(code.slot()) != null) {
            if (!s.programming().manages(code.slot())) {
                throw new LockCommandRejected(Rejection.SLOT_OCCUPIED, "slot " + code.slot()
                        + " holds a code added at the lock (UNMANAGED); remove it there first");
            }
            judged = s.withCredentials(s.credentials().without(code.slot()));
        }
        byte[] standIn = new byte[CodeDigest.LENGTH];
        RANDOM.nextBytes(standIn);
        LockDecider.decide(new LockCommand.AddCode(lock, judged.effectiveTime(now), code.slot(), code.type(), code.name(),
                CodeDigest.fromBytes(standIn), code.rules() == null ? CodeRules.none() : code.rules(), judged.keyEpoch()),
                judged);
    }

    /** The operations the lock's trail has not confirmed, as the next batch carries them. */
    static List<ProgrammingBatch.Operation> pendingOperations(DesiredState d, TrailFacts t, LockState s,
            Map<Integer, FleetDesired.Sealed> sealed, Instant now) {
        List<ProgrammingBatch.Operation> ops = new ArrayList<>();
        for (DesiredState.Slot slot : d.slots.values()) {
            CodeSync c = SyncRules.status(slot, t, s, sealed.get(slot.slot));
            if (c.sync() != SyncStatus.PENDING) {
                continue;
            }
            if (!slot.wanted) {
                ops.add(ProgrammingBatch.Operation.emptySlot(slot.operation(), slot.slot));
                continue;
            }
            FleetDesired.Sealed pin = sealed.get(slot.slot);
            if (pin != null && pin.keyEpoch() != s.keyEpoch()) {
                continue;
            }
            ops.add(ProgrammingBatch.Operation.setCode(slot.operation(), slot.slot, slot.type, slot.name, slot.rules,
                    slot.suspended, pin == null ? null : pin.secret()));
        }
        if (SyncRules.modePending(d, t)) {
            ops.add(ProgrammingBatch.Operation.setMode(d.mode.operation(), d.mode.mode));
        }
        for (DesiredState.Revocation r : d.revocations.values()) {
            if (OfflineRules.pending(r, t, s, now)) {
                ops.add(ProgrammingBatch.Operation.revokeOfflineCode(r.operation(), r.codeId, r.until));
            }
        }
        return ops;
    }
}
