package dev.access.core.internal.fleet;

import dev.access.core.domain.CodeRules;
import dev.access.core.domain.OperatingMode;
import dev.access.core.domain.UserType;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Internal: the backend's desired state of one lock, the fold of its desired-state events (table
 * {@code fleet_desired}): per slot the wanted end state and the change that last set it, the wanted
 * mode, the offline codes to revoke, and the last batch written.
 */
public final class DesiredState {
    /** The wanted end state of one slot. */
    public static final class Slot {
        public final int slot;
        public boolean wanted;
        public UserType type;
        public String name;
        public CodeRules rules;
        public boolean suspended;
        /** The sequence of the event that set the PIN now wanted (its sealed form is kept under it). */
        public long pinSeq;
        /** The key epoch that PIN is sealed to. */
        public int pinEpoch;
        /** The sequence of the latest change: the operation id is {@code s<slot>-<opSeq>}. */
        public long opSeq;
        public String by;
        public Instant at;
        /** The last batch that carried the current operation, or null. */
        public Long lastBatch;

        Slot(int slot) {
            this.slot = slot;
        }

        /** The id of the batch operation that carries the current end state. */
        public String operation() {
            return "s" + slot + "-" + opSeq;
        }
    }

    /** The wanted mode. */
    public static final class Mode {
        public OperatingMode mode;
        public long opSeq;
        public String by;
        public Instant at;
        public Long lastBatch;

        /** The id of the batch operation that carries it. */
        public String operation() {
            return "mode-" + opSeq;
        }
    }

    /** An offline code the backend asked the lock to revoke. */
    public static final class Revocation {
        public String codeId;
        /** The end of the code's window: the lock remembers the revocation until then. */
        public Instant until;
        /** The key epoch and issuing-key generation the code was issued under. */
        public int keyEpoch;
        public int generation;
        public long opSeq;
        public String by;
        public Instant at;
        public Long lastBatch;

        /** The id of the batch operation that carries it. */
        public String operation() {
            return "revoke-" + opSeq;
        }
    }

    public final Map<Integer, Slot> slots = new TreeMap<>();
    /** Offline codes to revoke, by code id, in the order asked. */
    public final Map<String, Revocation> revocations = new java.util.LinkedHashMap<>();
    public Mode mode;
    public Long lastBatch;
    public long lastSequence = -1;

    /** The slot's entry, created if missing. */
    Slot slot(int slot) {
        return slots.computeIfAbsent(slot, Slot::new);
    }

    /** The slot's entry if the backend wants a code there. */
    public Slot wanted(int slot) {
        Slot s = slots.get(slot);
        return s != null && s.wanted ? s : null;
    }
}
