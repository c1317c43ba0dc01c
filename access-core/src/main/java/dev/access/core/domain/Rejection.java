package dev.access.core.domain;

/** Why the lock refused a command (as opposed to an entry attempt, which is always recorded). */
public enum Rejection {
    /** The lock has not been commissioned (or was factory reset). */
    NOT_COMMISSIONED,
    /** The lock is already commissioned: factory reset first. */
    ALREADY_COMMISSIONED,
    /** No credential in that slot. */
    UNKNOWN_SLOT,
    /** The slot already holds a credential: change its PIN or remove it first. */
    SLOT_OCCUPIED,
    /** Another slot already holds this PIN (Matter's DUPLICATE status). */
    DUPLICATE,
    /** The command would change the master code in a way only commissioning or a change may. */
    MASTER_SLOT,
    /** A value is out of range or inconsistent (the message names it). */
    INVALID_ARGUMENT,
    /** The PIN was digested under a key epoch the lock no longer uses; digest again. */
    STALE_KEY_EPOCH,
    /** The lock is enrolled with no backend (or another one): a batch cannot be applied. */
    NOT_ENROLLED,
    /** A batch for another lock. */
    WRONG_LOCK,
    /** A batch numbered at or below the last one applied: old or replayed. */
    STALE_BATCH,
    /** A batch operation's sealed PIN does not open inside the lock, or does not hold a valid PIN. */
    PIN_REJECTED,
    /** No such person (subject) in the lock's trail: nothing to erase. */
    UNKNOWN_SUBJECT
}
