package dev.access.core.internal.axon;

import dev.access.core.domain.LockId;

/**
 * Asks a lock for its current state through the command bus, so the answer reflects every
 * committed event; records nothing.
 *
 * @param lockId the lock
 */
public record DescribeLock(LockId lockId) {
}
