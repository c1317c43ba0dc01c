package dev.access.core.domain;

import static dev.access.core.domain.Checks.invalid;
import static dev.access.core.domain.Checks.requireEpoch;
import static dev.access.core.domain.Checks.requireNonNull;
import static dev.access.core.domain.Checks.text;

import dev.access.core.domain.LockCommand.AddCode;
import dev.access.core.domain.LockCommand.ChangeCode;
import dev.access.core.domain.LockCommand.RemoveCode;
import dev.access.core.domain.LockCommand.ResumeCode;
import dev.access.core.domain.LockCommand.SuspendCode;
import dev.access.core.domain.LockEvent.CodeAdded;
import dev.access.core.domain.LockEvent.CodeChanged;
import dev.access.core.domain.LockEvent.CodeRemoved;
import dev.access.core.domain.LockEvent.CodeResumed;
import dev.access.core.domain.LockEvent.CodeSuspended;
import dev.access.crypto.CodeDigest;
import dev.access.crypto.CredentialTable;
import java.util.List;

/**
 * The codes in the slots: adding, changing, suspending, resuming and removing them. Slot 0 is the
 * master code: it can only be changed. A PIN is in one slot at most.
 */
final class CodeManagement {
    private CodeManagement() {
    }

    /** Adds a user code to an empty slot, with rules that fit its type. */
    static List<LockEvent> add(AddCode c, Situation x) {
        LockState s = x.state();
        requireEpoch(s, c.keyEpoch());
        if (c.slot() == 0) {
            throw new LockCommandRejected(Rejection.MASTER_SLOT,
                    "slot 0 holds the master code; change it instead of adding to it");
        }
        if (c.slot() < 1 || c.slot() > LockDecider.MAX_SLOT) {
            throw invalid("slot must be 1.." + LockDecider.MAX_SLOT + " (slot 0 is the master code), was "
                    + c.slot());
        }
        requireNonNull(c.type(), "user type");
        requireNonNull(c.digest(), "code");
        CodeRules rules = c.rules() == null ? CodeRules.none() : c.rules();
        String name = Checks.personal(c.name(), "name");
        Actor actor = Checks.actor(c.actor());
        if (c.type() == UserType.PROGRAMMING) {
            throw new LockCommandRejected(Rejection.MASTER_SLOT,
                    "the master (programming) code is set by commissioning or by changing slot 0");
        }
        if (s.credentials().get(c.slot()) != null) {
            throw new LockCommandRejected(Rejection.SLOT_OCCUPIED,
                    "slot " + c.slot() + " already holds a code; change its PIN or remove it first");
        }
        requireNotDuplicate(s, c.digest(), -1);
        checkTypeRules(c.type(), rules);
        return List.of(new CodeAdded(c.lockId(), c.at(), c.slot(), c.type(), name, c.digest(), rules, actor));
    }

    /** Changes the PIN of any slot's code, the master's included; the same PIN again changes nothing. */
    static List<LockEvent> change(ChangeCode c, Situation x) {
        LockState s = x.state();
        requireEpoch(s, c.keyEpoch());
        requireNonNull(c.digest(), "code");
        Credential cred = s.credentials().get(c.slot());
        if (cred == null) {
            throw new LockCommandRejected(Rejection.UNKNOWN_SLOT, "slot " + c.slot() + " holds no code");
        }
        if (cred.digest().equals(c.digest())) {
            return List.of();
        }
        requireNotDuplicate(s, c.digest(), c.slot());
        return List.of(new CodeChanged(c.lockId(), c.at(), c.slot(), c.digest(), Checks.actor(c.actor())));
    }

    /** Suspends a user code; an already suspended one changes nothing. */
    static List<LockEvent> suspend(SuspendCode c, Situation x) {
        Credential cred = requireUserSlot(x.state(), c.slot(), "suspend");
        return cred.suspended() ? List.of() : List.of(new CodeSuspended(c.lockId(), c.at(), cred.slot(), Checks.actor(c.actor())));
    }

    /** Resumes a suspended user code; one that is not suspended changes nothing. */
    static List<LockEvent> resume(ResumeCode c, Situation x) {
        Credential cred = requireUserSlot(x.state(), c.slot(), "resume");
        return cred.suspended() ? List.of(new CodeResumed(c.lockId(), c.at(), cred.slot(), Checks.actor(c.actor()))) : List.of();
    }

    /** Removes a user code. */
    static List<LockEvent> remove(RemoveCode c, Situation x) {
        Credential cred = requireUserSlot(x.state(), c.slot(), "remove");
        return List.of(new CodeRemoved(c.lockId(), c.at(), cred.slot(), Checks.actor(c.actor())));
    }

    /** The code is in its slot, unused and not suspended (replacing whatever was there). */
    static LockState added(CodeAdded e, LockState s) {
        Credential c = new Credential(e.slot(), e.type(), e.name(), e.digest(), e.rules(), false, 0, null, e.at(),
                null, e.actor(), null);
        return s.withCredentials(s.credentials().without(e.slot()).with(c));
    }

    /** The slot's code has the new PIN; an empty slot stays empty. */
    static LockState changed(CodeChanged e, LockState s) {
        Credential old = s.credentials().get(e.slot());
        return old == null ? s : s.withCredentials(s.credentials().with(old.withDigest(e.digest(), e.at(), e.actor())));
    }

    /** The slot's code is suspended; an empty slot stays empty. */
    static LockState suspended(CodeSuspended e, LockState s) {
        return withSuspended(s, e.slot(), true, e.actor());
    }

    /** The slot's code is no longer suspended; an empty slot stays empty. */
    static LockState resumed(CodeResumed e, LockState s) {
        return withSuspended(s, e.slot(), false, e.actor());
    }

    /** The slot is empty. */
    static LockState removed(CodeRemoved e, LockState s) {
        return s.withCredentials(s.credentials().without(e.slot()));
    }

    private static LockState withSuspended(LockState s, int slot, boolean suspended, Actor by) {
        Credential old = s.credentials().get(slot);
        return old == null ? s : s.withCredentials(s.credentials().with(old.withSuspended(suspended, by)));
    }

    private static void checkTypeRules(UserType type, CodeRules rules) {
        switch (type) {
            case WEEK_DAY_SCHEDULE:
                if (rules.schedules().isEmpty()) {
                    throw invalid("a WEEK_DAY_SCHEDULE code needs at least one week-day schedule");
                }
                break;
            case YEAR_DAY_SCHEDULE:
                if (rules.validFrom() == null && rules.validUntil() == null) {
                    throw invalid("a YEAR_DAY_SCHEDULE code needs a validity window (from and/or until)");
                }
                break;
            case SCHEDULE_RESTRICTED:
                if (!rules.isTimeBound()) {
                    throw invalid("a SCHEDULE_RESTRICTED code needs a schedule, window or exclusion");
                }
                break;
            case EXPIRING:
                if (rules.expireAfterFirstUse() == null) {
                    throw invalid("an EXPIRING code needs expireAfterFirstUse");
                }
                break;
            default:
                break;
        }
        if (type != UserType.EXPIRING && rules.expireAfterFirstUse() != null) {
            throw invalid("expireAfterFirstUse applies to EXPIRING codes only, not " + type);
        }
        if (type == UserType.DISPOSABLE && rules.maxUses() != null && rules.maxUses() != 1) {
            throw invalid("a DISPOSABLE code opens once; maxUses must be 1 or unset, was " + rules.maxUses());
        }
    }

    /**
     * Refuses a PIN another slot already holds. The message names no slot: whoever may add a code
     * is not necessarily the one who may learn whose PIN a guess is.
     */
    private static void requireNotDuplicate(LockState s, CodeDigest digest, int ownSlot) {
        int holder = s.credentials().find(digest);
        if (holder != CredentialTable.NOT_FOUND && holder != ownSlot) {
            throw new LockCommandRejected(Rejection.DUPLICATE, "another code already uses this PIN");
        }
    }

    private static Credential requireUserSlot(LockState s, int slot, String verb) {
        if (slot == 0) {
            throw new LockCommandRejected(Rejection.MASTER_SLOT,
                    "cannot " + verb + " the master code (slot 0); change it instead");
        }
        Credential cred = s.credentials().get(slot);
        if (cred == null) {
            throw new LockCommandRejected(Rejection.UNKNOWN_SLOT, "slot " + slot + " holds no code");
        }
        return cred;
    }
}
