package dev.access.core.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What verifying an export established.
 *
 * @param ok whether no failure was found: every line intact, every lock signed at least once, the
 *     auditor's policy met (an unsigned tail after the last signature is reported but does not fail)
 * @param lines the lines read
 * @param problems failures and warnings, in line order (at most {@link TrailVerifier#MAX_PROBLEMS})
 * @param locks per lock: what was verified
 */
public record VerificationReport(boolean ok, long lines, List<TrailProblem> problems, Map<String, LockSummary> locks) {
    /**
     * One lock's result.
     *
     * @param events the lock's lines (records; its personal-keys line is not one)
     * @param lastSequence the last sequence number seen
     * @param checkpoints signed checkpoints that verified
     * @param lastSignedSequence the last event whose chain head a verified checkpoint signs, or -1
     * @param lastSignedAt when that checkpoint was made (its time is signed too), or null if none
     * @param readablePeople the personal-data keys that came with the export, each its subject's own
     *     and opening every name of that subject: whose names are readable ("names readable: N people")
     * @param unreadablePeople the subjects the records name (sealed) whose key did not come with the
     *     export: erased people, or an export made without keys; their names read as erased
     * @param anchorSequence where a pruned trail starts: the sequence of its verified retention anchor
     *     (its first line, a signed point itself), or -1 for a trail from its first event
     * @param anchoredAt when that anchor was signed, or null
     */
    public record LockSummary(long events, long lastSequence, long checkpoints, long lastSignedSequence,
            Instant lastSignedAt, long readablePeople, long unreadablePeople, long anchorSequence, Instant anchoredAt) {
        /** A summary of a trail that starts at its first event (no anchor) and carries no personal data. */
        public LockSummary(long events, long lastSequence, long checkpoints, long lastSignedSequence,
                Instant lastSignedAt) {
            this(events, lastSequence, checkpoints, lastSignedSequence, lastSignedAt, 0, 0, -1, null);
        }

        /** Whether the trail starts at a verified retention anchor (it was pruned). */
        public boolean anchored() {
            return anchorSequence >= 0;
        }

        /** Whether a verified signature covers at least one event ("signed up to S at T"). */
        public boolean signed() {
            return lastSignedSequence >= 0;
        }
    }
}
