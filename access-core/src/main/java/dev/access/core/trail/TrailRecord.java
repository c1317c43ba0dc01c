package dev.access.core.trail;

import java.time.Instant;

/**
 * One event of a lock's trail as an auditor sees it: one line of an export.
 *
 * @param lock the lock
 * @param sequence its position in the lock's stream, from 0
 * @param type its type name
 * @param timestamp its time
 * @param payload its audit form (JSON text; digests replaced by commitments)
 * @param chain the chain head after it, 64 hex characters
 */
public record TrailRecord(String lock, long sequence, String type, Instant timestamp, String payload, String chain) {
}
