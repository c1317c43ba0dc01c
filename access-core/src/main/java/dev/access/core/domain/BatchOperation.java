package dev.access.core.domain;

import dev.access.crypto.CodeDigest;

/**
 * One operation of a programming batch as the lock's decider sees it: the wanted end state of a
 * slot ("holds this code with these rules", "is empty"), of the mode, or of one offline code ("is
 * revoked until its window ends"), so applying it twice changes nothing. A code's PIN arrives as its digest under the lock's key, opened from its sealed
 * form inside the lock; an operation whose sealed PIN could not be opened carries the refusal.
 *
 * @param id the operation's id (the backend's)
 * @param kind what it sets
 * @param slot the slot (for a code or an empty slot), 0 for the mode
 * @param type the code's user type (SET_CODE)
 * @param name the code's name, or null
 * @param rules the code's rules (SET_CODE)
 * @param suspended whether the code is to be suspended (SET_CODE)
 * @param digest the code's PIN digest under the lock's current key (SET_CODE), or null to keep the
 *     PIN the slot holds
 * @param mode the mode (SET_MODE)
 * @param refusal why the lock refuses it before deciding (its sealed PIN), or null
 * @param codeId the offline code's public id (REVOKE_OFFLINE_CODE), else null
 * @param until the end of that offline code's window (REVOKE_OFFLINE_CODE), else null
 */
public record BatchOperation(String id, Kind kind, int slot, UserType type, String name, CodeRules rules,
        boolean suspended, CodeDigest digest, OperatingMode mode, Rejection refusal, String codeId,
        java.time.Instant until) {
    /** What an operation sets. */
    public enum Kind {
        /** The slot holds this code, with these rules, suspended or not. */
        SET_CODE,
        /** The slot is empty. */
        EMPTY_SLOT,
        /** The lock is in this mode. */
        SET_MODE,
        /**
         * The offline code with this public id is revoked until its window ends (the same rule as a
         * revocation at the lock, {@link LockCommand.RevokeOfflineCode}).
         */
        REVOKE_OFFLINE_CODE
    }

    /** An operation on a slot or the mode (no offline code). */
    public BatchOperation(String id, Kind kind, int slot, UserType type, String name, CodeRules rules,
            boolean suspended, CodeDigest digest, OperatingMode mode, Rejection refusal) {
        this(id, kind, slot, type, name, rules, suspended, digest, mode, refusal, null, null);
    }

    /** "Slot {@code slot} holds this code." */
    public static BatchOperation setCode(String id, int slot, UserType type, String name, CodeRules rules,
            boolean suspended, CodeDigest digest) {
        return new BatchOperation(id, Kind.SET_CODE, slot, type, name, rules, suspended, digest, null, null);
    }

    /** "Slot {@code slot} is empty." */
    public static BatchOperation emptySlot(String id, int slot) {
        return new BatchOperation(id, Kind.EMPTY_SLOT, slot, null, null, null, false, null, null, null);
    }

    /** "The lock is in {@code mode}." */
    public static BatchOperation setMode(String id, OperatingMode mode) {
        return new BatchOperation(id, Kind.SET_MODE, 0, null, null, null, false, null, mode, null);
    }

    /** "The offline code {@code codeId}, whose window ends at {@code until}, is revoked." */
    public static BatchOperation revokeOfflineCode(String id, String codeId, java.time.Instant until) {
        return new BatchOperation(id, Kind.REVOKE_OFFLINE_CODE, 0, null, null, null, false, null, null, null, codeId,
                until);
    }

    /** An operation the lock refuses before deciding it, for {@code reason}. */
    public static BatchOperation refused(String id, Kind kind, int slot, Rejection reason) {
        return new BatchOperation(id, kind, slot, null, null, null, false, null, null, reason);
    }

    /** Never shows the digest. */
    @Override
    public String toString() {
        return "BatchOperation[" + id + ", " + kind + (codeId == null ? ", slot " + slot : ", offline code " + codeId)
                + (mode == null ? "" : ", " + mode)
                + (refusal == null ? "" : ", refused " + refusal) + "]";
    }
}
