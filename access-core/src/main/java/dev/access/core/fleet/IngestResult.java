package dev.access.core.fleet;

import dev.access.core.audit.TrailProblem;
import java.util.List;

/**
 * What the backend did with a trail segment it accepted.
 *
 * @param lock the lock the segment belongs to
 * @param lines the segment's lines
 * @param newEvents the records stored by this ingest (0 when the backend held them all already)
 * @param unchanged the segment's records the backend already held (identical)
 * @param heldBack the records after the segment's last verified checkpoint: kept aside, not part of
 *     the backend's copy, until a later segment's checkpoint signs them
 * @param lastSequence the last sequence the backend now holds for the lock (-1 if none)
 * @param problems warnings only (an {@link TrailProblem.Kind#UNSIGNED_TAIL}); a failure is thrown
 *     as {@link SegmentRejectedException}
 */
public record IngestResult(String lock, long lines, long newEvents, long unchanged, long heldBack, long lastSequence,
        List<TrailProblem> problems) {
    /** Copies the list. */
    public IngestResult {
        problems = List.copyOf(problems);
    }
}
