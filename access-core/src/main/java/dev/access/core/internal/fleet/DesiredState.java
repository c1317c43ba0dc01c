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
 * mode, and the last batch written.
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

    public final Map<Integer, Slot> slots = new TreeMap<>();
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
