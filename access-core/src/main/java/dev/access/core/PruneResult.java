package dev.access.core;

import dev.access.core.domain.LockId;
import dev.access.core.trail.TrailAnchored;
import java.time.Instant;

/**
 * What {@link AccessControl#pruneTrail} did: how many trail records it removed and the signed anchor
 * the trail now starts at.
 *
 * @param lock the lock
 * @param removed the records removed (events and checkpoints, an earlier anchor and the event the new
 *     anchor replaced included); 0 when there was nothing before the instant (or only the anchor)
 * @param anchorSequence the sequence of the trail's anchor afterwards (its first record), or -1 if the
 *     trail has none
 * @param anchoredAt when that anchor was signed, or null
 * @param firstSequence the first sequence the trail held before that anchor's prune, or -1
 * @param through every removed event was stamped at or before this instant, or null
 * @param chainHead the chain head the anchor signs (after its sequence), or null
 * @param keyId the key that signed the anchor, or null
 */
public record PruneResult(LockId lock, long removed, long anchorSequence, Instant anchoredAt, long firstSequence,
        Instant through, String chainHead, String keyId) {

    /** The result for {@code removed} records and the trail's anchor afterwards (null: none). */
    static PruneResult of(LockId lock, long removed, TrailAnchored anchor) {
        return anchor == null ? new PruneResult(lock, removed, -1, null, -1, null, null, null)
                : new PruneResult(lock, removed, anchor.sequence(), anchor.at(), anchor.firstSequence(), anchor.through(),
                        anchor.chainHead(), anchor.keyId());
    }
}
