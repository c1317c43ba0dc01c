package dev.access.core.domain;

import dev.access.core.domain.LockCommand.AddCode;
import dev.access.core.domain.LockCommand.ApplyBatch;
import dev.access.core.domain.LockCommand.ChangeCode;
import dev.access.core.domain.LockCommand.ChangeMode;
import dev.access.core.domain.LockCommand.RemoveCode;
import dev.access.core.domain.LockCommand.ResumeCode;
import dev.access.core.domain.LockCommand.SuspendCode;
import dev.access.core.domain.LockEvent.BatchApplied;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Programming batches from the lock's backend (DESIGN.md section 11): each operation is run through
 * the same rules as a local command (add, change, suspend, resume, remove, mode, revoking an offline
 * code), on the state the operations before it left; an operation the rules refuse is recorded with
 * its reason and the others still apply (a revocation for a lock that takes no offline codes, or of
 * a code whose window has ended, is refused INVALID_ARGUMENT). A code added at the lock is not the
 * backend's to change.
 */
final class Batches {
    private Batches() {
    }

    /** Applies a batch: its operations' events, then {@link BatchApplied} with every outcome. */
    static List<LockEvent> apply(ApplyBatch c, Situation x) {
        LockState s = x.state();
        if (s.backendKeyId() == null || !s.backendKeyId().equals(c.backendKeyId())) {
            throw new LockCommandRejected(Rejection.NOT_ENROLLED, "lock " + c.lockId() + " is "
                    + (s.backendKeyId() == null ? "enrolled with no backend" : "enrolled with backend " + s.backendKeyId())
                    + "; the batch is from backend " + c.backendKeyId());
        }
        if (c.keyEpoch() != s.keyEpoch()) {
            throw new LockCommandRejected(Rejection.STALE_KEY_EPOCH, "the batch is for key epoch " + c.keyEpoch()
                    + ", the lock's is " + s.keyEpoch() + (c.keyEpoch() < s.keyEpoch()
                    ? ": its PINs were sealed to a key a factory reset destroyed" : ""));
        }
        if (c.batch() <= s.programming().lastAppliedBatch()) {
            throw new LockCommandRejected(Rejection.STALE_BATCH, "batch " + c.batch() + " is not above the last batch"
                    + " applied, " + s.programming().lastAppliedBatch() + ": an older or replayed batch");
        }
        List<LockEvent> events = new ArrayList<>();
        List<BatchOutcome> outcomes = new ArrayList<>();
        LockState cur = s;
        for (BatchOperation op : c.operations()) {
            Objects.requireNonNull(op, "operation");
            if (op.refusal() != null) {
                outcomes.add(new BatchOutcome(op.id(), op.kind(), op.slot(), op.refusal().name(), 0));
                continue;
            }
            List<LockEvent> caused;
            try {
                caused = decide(c, op, cur, x);
            } catch (LockCommandRejected r) {
                outcomes.add(new BatchOutcome(op.id(), op.kind(), op.slot(), r.rejection().name(), 0));
                continue;
            }
            for (LockEvent e : caused) {
                cur = LockDecider.evolve(cur, e);
            }
            events.addAll(caused);
            outcomes.add(new BatchOutcome(op.id(), op.kind(), op.slot(), null, caused.size()));
        }
        events.add(new BatchApplied(c.lockId(), c.at(), c.backendKeyId(), c.batch(), outcomes));
        return events;
    }

    /** The events that bring the lock to the operation's end state (none if it is there already). */
    private static List<LockEvent> decide(ApplyBatch c, BatchOperation op, LockState cur, Situation x) {
        Actor by = Actor.backend(c.backendKeyId());
        switch (op.kind()) {
            case SET_MODE:
                return run(new ChangeMode(c.lockId(), c.at(), op.mode(), null, by), cur, x);
            case REVOKE_OFFLINE_CODE:
                return run(new LockCommand.RevokeOfflineCode(c.lockId(), c.at(), op.codeId(), op.until(), by), cur, x);
            case EMPTY_SLOT: {
                Credential held = cur.credentials().get(op.slot());
                if (held == null) {
                    return List.of();
                }
                requireManaged(cur, op.slot());
                return run(new RemoveCode(c.lockId(), c.at(), op.slot(), Actor.backend(c.backendKeyId())), cur, x);
            }
            case SET_CODE:
            default:
                return setCode(c, op, cur, x);
        }
    }

    private static List<LockEvent> setCode(ApplyBatch c, BatchOperation op, LockState cur, Situation x) {
        List<LockEvent> out = new ArrayList<>();
        LockState st = cur;
        Credential held = st.credentials().get(op.slot());
        CodeRules rules = op.rules() == null ? CodeRules.none() : op.rules();
        if (held != null) {
            requireManaged(st, op.slot());
            boolean sameCode = held.type() == op.type() && Objects.equals(held.name(), op.name())
                    && held.rules().equals(rules);
            if (!sameCode) {
                if (op.digest() == null) {
                    throw new LockCommandRejected(Rejection.INVALID_ARGUMENT, "operation " + op.id()
                            + " changes the code's type, name or rules but carries no PIN");
                }
                st = append(out, run(new RemoveCode(c.lockId(), c.at(), op.slot(), Actor.backend(c.backendKeyId())), st, x), st);
                held = null;
            }
        } else if (op.digest() == null) {
            throw new LockCommandRejected(Rejection.UNKNOWN_SLOT, "operation " + op.id() + " keeps the PIN of slot "
                    + op.slot() + ", which holds no code");
        }
        if (held == null) {
            st = append(out, run(new AddCode(c.lockId(), c.at(), op.slot(), op.type(), op.name(), op.digest(), rules,
                    st.keyEpoch(), Actor.backend(c.backendKeyId())), st, x), st);
        } else if (op.digest() != null && !held.digest().identifies(op.digest())) {
            st = append(out, run(new ChangeCode(c.lockId(), c.at(), op.slot(), op.digest(), st.keyEpoch(), Actor.backend(c.backendKeyId())), st, x), st);
        }
        Credential now = st.credentials().get(op.slot());
        if (op.suspended() && !now.suspended()) {
            append(out, run(new SuspendCode(c.lockId(), c.at(), op.slot(), Actor.backend(c.backendKeyId())), st, x), st);
        } else if (!op.suspended() && now.suspended()) {
            append(out, run(new ResumeCode(c.lockId(), c.at(), op.slot(), Actor.backend(c.backendKeyId())), st, x), st);
        }
        return out;
    }

    private static void requireManaged(LockState s, int slot) {
        if (!s.programming().manages(slot)) {
            throw new LockCommandRejected(Rejection.SLOT_OCCUPIED, "slot " + slot
                    + " holds a code added at the lock, not by its backend");
        }
    }

    private static List<LockEvent> run(LockCommand command, LockState s, Situation x) {
        return LockDecider.handle(command, s, x.now(), x.trusted());
    }

    private static LockState append(List<LockEvent> out, List<LockEvent> events, LockState s) {
        LockState next = s;
        for (LockEvent e : events) {
            next = LockDecider.evolve(next, e);
        }
        out.addAll(events);
        return next;
    }

    /** The batch's number is the last applied; the slots its applied code operations set are the backend's. */
    static LockState applied(BatchApplied e, LockState s) {
        Programming p = s.programming();
        for (BatchOutcome o : e.outcomes()) {
            if (!o.applied()) {
                continue;
            }
            if (o.kind() == BatchOperation.Kind.SET_CODE) {
                p = p.withSlot(o.slot(), true);
            } else if (o.kind() == BatchOperation.Kind.EMPTY_SLOT) {
                p = p.withSlot(o.slot(), false);
            }
        }
        return s.withProgramming(p.withAppliedBatch(e.batch()));
    }
}
