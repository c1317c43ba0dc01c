package dev.access.core.domain;

/**
 * Why an entry attempt was refused: exactly one reason per denial.
 *
 * <p>When several apply, the first in this order wins (see {@link LockDecider}): LOCKED_OUT,
 * MODE_FORBIDS for privacy mode and for remote entries in no-remote mode, INSUFFICIENT_BATTERY,
 * MALFORMED, UNKNOWN_CODE, then for a known code SUSPENDED, NON_ACCESS, MODE_FORBIDS (remote-only
 * code at the keypad, non-master code in vacation mode), USE_LIMIT_REACHED, EXPIRED,
 * CLOCK_UNTRUSTED, NOT_YET_VALID, OUTSIDE_SCHEDULE.
 */
public enum DenialReason {
    /** No credential holds the code. Counts as a wrong code. */
    UNKNOWN_CODE(1),
    /** The input had the wrong length or a non-digit. Counts as a wrong code. */
    MALFORMED(1),
    /** The credential is suspended (kept, not usable). */
    SUSPENDED(2),
    /** Its validity window has not started. */
    NOT_YET_VALID(3),
    /** Its validity window has ended, or its time after first use has run out. */
    EXPIRED(3),
    /** Outside its week-day schedules, or inside an exclusion window. */
    OUTSIDE_SCHEDULE(3),
    /** Its use-count limit (or single use) is spent. */
    USE_LIMIT_REACHED(2),
    /** The keypad is locked out after wrong codes, or disabled after the daily failure budget. */
    LOCKED_OUT(0),
    /** The operating mode, or the credential's own source rule, forbids this entry. */
    MODE_FORBIDS(3),
    /** The clock is untrusted, so a time-bound credential cannot be checked. */
    CLOCK_UNTRUSTED(3),
    /** The battery is critical: the lock refuses to drive the bolt. */
    INSUFFICIENT_BATTERY(4),
    /** A non-access user's code: recorded, never opens. */
    NON_ACCESS(2),
    /** An offline code that was revoked (singly, or all at once by moving to a new issuing key). */
    REVOKED(2);

    private final int matterOperationError;

    DenialReason(int matterOperationError) {
        this.matterOperationError = matterOperationError;
    }

    /**
     * The nearest value of Matter's {@code OperationErrorEnum}: 0 Unspecified, 1
     * InvalidCredential, 2 DisabledUserDenied, 3 Restricted, 4 InsufficientBattery.
     */
    public int matterOperationError() {
        return matterOperationError;
    }

    /** Whether this denial counts toward the wrong-code limit and the daily budget. */
    public boolean isWrongCode() {
        return this == UNKNOWN_CODE || this == MALFORMED;
    }
}
