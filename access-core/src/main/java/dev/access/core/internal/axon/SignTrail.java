package dev.access.core.internal.axon;

import dev.access.core.domain.LockId;
import java.time.Instant;

/**
 * Asks the lock to sign a checkpoint of its trail now (on demand).
 *
 * @param lockId the lock
 * @param at when
 */
public record SignTrail(LockId lockId, Instant at) {
}
