package dev.access.core.domain;

/**
 * What the lock did with one operation of a batch.
 *
 * @param operation the operation's id
 * @param kind what it set
 * @param slot its slot (0 for the mode)
 * @param refusal the lock's reason ({@link Rejection} name) when it refused it, or null when applied
 */
public record BatchOutcome(String operation, BatchOperation.Kind kind, int slot, String refusal) {
    /** Whether the operation was applied (its end state holds after the batch). */
    public boolean applied() {
        return refusal == null;
    }
}
