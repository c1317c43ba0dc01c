package dev.access.core.internal.fleet;

import dev.access.core.domain.LockState;
import dev.access.core.fleet.OfflineCodeStatus;
import dev.access.core.fleet.OfflineCodeSync;
import dev.access.core.fleet.OfflineIssuance;
import java.time.Instant;

/*
 * An issued offline code's status, first match wins:
 *   the trail shows a factory reset of its key epoch (or the lock is at a later epoch) -> LOCK_RESET
 *   the trail shows it revoked (OfflineCodeRevoked with its id; or the batch operation that revoked
 *   it applied)                                                                          -> REVOKED
 *   the trail shows a revoke-all past its generation, in its epoch                         -> REVOKED_ALL
 *   a one-time code the trail shows granted                                                -> USED
 *   its window ended by the backend's clock                                               -> EXPIRED
 *   the backend's revocation was refused by the lock                                       -> REVOKE_FAILED
 *   the backend asked to revoke it                                                         -> REVOKE_PENDING
 *   otherwise                                                                              -> ISSUED
 * A revocation is sent in a batch while REVOKE_PENDING only: once the trail proves it, or the code
 * cannot open any more (reset, revoke-all, window ended), or the lock refused it, it is not sent.
 */
/** Internal: issued offline codes' status and pending revocations, from the desired state and the lock's trail. */
public final class OfflineRules {
    private OfflineRules() {
    }

    /** An issued code's status; {@code r} is the backend's revocation request for it, or null. */
    public static OfflineCodeSync status(OfflineIssuance i, DesiredState.Revocation r, TrailFacts t, LockState s,
            Instant now) {
        Long batch = r == null ? null : r.lastBatch;
        Instant reset = t.resetSince(i.keyEpoch());
        if (reset != null || s.keyEpoch() > i.keyEpoch()) {
            return sync(i, r, OfflineCodeStatus.LOCK_RESET, null, reset, batch);
        }
        Instant revoked = t.offlineRevoked.get(i.codeId());
        if (revoked == null && r != null) {
            revoked = t.appliedRevocations.get(r.operation());
        }
        if (revoked != null) {
            return sync(i, r, OfflineCodeStatus.REVOKED, null, revoked, batch);
        }
        Instant all = t.revokedAllAfter(i.keyEpoch(), i.generation());
        if (all != null) {
            return sync(i, r, OfflineCodeStatus.REVOKED_ALL, null, all, batch);
        }
        Instant used = i.oneTime() ? t.offlineUsed.get(i.codeId()) : null;
        if (used != null) {
            return sync(i, r, OfflineCodeStatus.USED, null, used, batch);
        }
        if (!i.until().isAfter(now)) {
            return sync(i, r, OfflineCodeStatus.EXPIRED, null, i.until(), batch);
        }
        if (r != null) {
            TrailFacts.Refusal refused = t.refused.get(r.operation());
            if (refused != null) {
                return sync(i, r, OfflineCodeStatus.REVOKE_FAILED, refused.reason(), refused.at(), refused.batch());
            }
            return sync(i, r, OfflineCodeStatus.REVOKE_PENDING, null, r.at, batch);
        }
        return sync(i, null, OfflineCodeStatus.ISSUED, null, i.issuedAt(), null);
    }

    /**
     * Whether the next batch carries the revocation {@code r}: the trail does not show it done, the
     * lock did not refuse it, and the code can still open (the lock is at its epoch, no revoke-all
     * past its generation, its window not ended).
     */
    public static boolean pending(DesiredState.Revocation r, TrailFacts t, LockState s, Instant now) {
        return !t.offlineRevoked.containsKey(r.codeId) && !t.appliedRevocations.containsKey(r.operation())
                && !t.refused.containsKey(r.operation()) && r.keyEpoch == s.keyEpoch() && s.commissioned()
                && t.resetSince(r.keyEpoch) == null && t.revokedAllAfter(r.keyEpoch, r.generation) == null
                && r.until.isAfter(now);
    }

    private static OfflineCodeSync sync(OfflineIssuance i, DesiredState.Revocation r, OfflineCodeStatus status,
            String reason, Instant since, Long batch) {
        return new OfflineCodeSync(i, status, reason, since, batch, r != null);
    }
}
