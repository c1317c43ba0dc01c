package dev.access.core.fleet;

/**
 * A change the backend recorded in a lock's desired state, waiting for the next programming batch.
 *
 * @param lock the lock
 * @param slot the slot it concerns (0 for the mode)
 * @param operation the id of the batch operation that carries it (what the lock's {@code
 *     BatchApplied} names when it applies or refuses it)
 * @param change what was asked: {@code add}, {@code change}, {@code suspend}, {@code resume},
 *     {@code remove} or {@code mode}
 */
public record DesiredChange(String lock, int slot, String operation, String change) {
}
