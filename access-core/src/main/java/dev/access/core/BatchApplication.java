package dev.access.core;

import dev.access.core.domain.BatchOperation;
import dev.access.core.domain.LockCommand;
import dev.access.core.domain.LockCommandRejected;
import dev.access.core.domain.LockEvent;
import dev.access.core.domain.LockId;
import dev.access.core.domain.LockState;
import dev.access.core.domain.Rejection;
import dev.access.core.fleet.AppliedBatch;
import dev.access.core.fleet.ProgrammingBatch;
import dev.access.crypto.CodeDigest;
import dev.access.crypto.DigestEngine;
import dev.access.crypto.KeyRing;
import dev.access.crypto.PinCode;
import dev.access.crypto.PinRejectedException;
import dev.access.crypto.SealedSecretException;
import dev.access.crypto.SignatureVerificationException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/*
 * The lock's side of a programming batch, before the decider: the signature is checked against the
 * backend key the lock's own enrollment event recorded (so a batch signed by anyone else is refused
 * before anything is opened), then each sealed PIN is opened inside the key ring for its context
 * (lock, epoch, slot), checked against the lock's PIN policy and digested under the
 * current key; the plaintext is wiped at once. A PIN that does not open or breaks the policy refuses
 * that operation alone (PIN_REJECTED). An offline code's revocation carries no secret: it goes to the
 * decider as it is. The decider then checks the backend, the epoch and the number.
 */
/** Internal to the API: applies a programming batch on behalf of {@link AccessControl}. */
final class BatchApplication {
    private BatchApplication() {
    }

    static AppliedBatch apply(ProgrammingBatch batch, LockState s, KeyRing keyRing, DigestEngine engine, Instant now,
            Function<LockCommand, List<LockEvent>> send, People people) throws SignatureVerificationException {
        LockId lock = LockId.of(batch.lock());
        if (s.lockId() == null || !s.commissioned()) {
            throw new LockCommandRejected(Rejection.WRONG_LOCK, "this store holds no commissioned lock '" + batch.lock()
                    + "': the batch is for another lock");
        }
        String key = s.programming().backendSigningKey();
        if (s.backendKeyId() == null || key == null) {
            throw new LockCommandRejected(Rejection.NOT_ENROLLED, "lock " + lock + " is enrolled with no backend");
        }
        batch.verify(key);
        List<BatchOperation> ops = new ArrayList<>();
        boolean sameEpoch = batch.keyEpoch() == s.keyEpoch();
        for (ProgrammingBatch.Operation o : batch.operations()) {
            switch (o.kind()) {
                case SET_CODE -> ops.add(sameEpoch ? openCode(batch, o, s, keyRing, engine,
                        people.sealBatchName(lock, o.name(), s.credentials().get(o.slot())))
                        : BatchOperation.refused(o.id(), o.kind(), o.slot(), Rejection.STALE_KEY_EPOCH));
                case EMPTY_SLOT -> ops.add(BatchOperation.emptySlot(o.id(), o.slot()));
                case SET_MODE -> ops.add(BatchOperation.setMode(o.id(), o.mode()));
                default -> ops.add(BatchOperation.revokeOfflineCode(o.id(), o.codeId(), o.until()));
            }
        }
        List<LockEvent> events = send.apply(new LockCommand.ApplyBatch(lock, now, batch.backendKeyId(), batch.batch(),
                batch.keyEpoch(), ops));
        LockEvent.BatchApplied last = (LockEvent.BatchApplied) events.get(events.size() - 1);
        return new AppliedBatch(batch.lock(), batch.batch(), events, last.outcomes());
    }

    private static BatchOperation openCode(ProgrammingBatch batch, ProgrammingBatch.Operation o, LockState s,
            KeyRing keyRing, DigestEngine engine, String name) {
        if (o.sealedPin() == null) {
            return BatchOperation.setCode(o.id(), o.slot(), o.type(), name, o.rules(), o.suspended(), null);
        }
        String context = ProgrammingBatch.sealContext(batch.lock(), batch.keyEpoch(), o.slot());
        try (PinCode pin = keyRing.unsealPin(batch.lock(), s.keyEpoch(), o.sealedPin(), context,
                s.profile().pinPolicy())) {
            s.profile().pinPolicy().checkStrength(pin);
            CodeDigest digest = keyRing.digester(batch.lock(), s.keyEpoch(), engine).digest(pin);
            return BatchOperation.setCode(o.id(), o.slot(), o.type(), name, o.rules(), o.suspended(), digest);
        } catch (SealedSecretException | PinRejectedException e) {
            return BatchOperation.refused(o.id(), o.kind(), o.slot(), Rejection.PIN_REJECTED);
        }
    }
}
