package dev.access.core.domain;

/**
 * What the lock did with one operation of a batch.
 *
 * @param operation the operation's id
 * @param kind what it set
 * @param slot its slot (0 for the mode)
 * @param refusal the lock's reason ({@link Rejection} name) when it refused it, or null when applied
 * @param events how many of the events recorded right before the batch's {@code BatchApplied} this
 *     operation caused (0 when the end state held already, or when refused), so that a reader of the
 *     trail tells the batch's code events from the lock's own
 */
public record BatchOutcome(String operation, BatchOperation.Kind kind, int slot, String refusal, int events) {
    /** Whether the operation was applied (its end state holds after the batch). */
    public boolean applied() {
        return refusal == null;
    }
}
