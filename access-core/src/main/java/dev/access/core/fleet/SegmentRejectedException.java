package dev.access.core.fleet;

import dev.access.AccessException;
import dev.access.core.audit.TrailProblem;
import java.util.List;

/**
 * A trail segment the backend refused as a whole: nothing of it was stored. The problems name each
 * line and what is wrong: a failed verification, a gap ({@link TrailProblem.Kind#MISSING_EVENTS}
 * with the missing range) or a {@link TrailProblem.Kind#FORK}, which is also recorded as an alarm
 * on the lock. Permanent: the same segment is refused again.
 */
public final class SegmentRejectedException extends AccessException {
    private static final long serialVersionUID = 1L;
    private final String lock;
    private final transient List<TrailProblem> problems;

    /** A refusal of a segment of {@code lock} (null if unknown) for {@code problems} (at least one). */
    public SegmentRejectedException(String lock, List<TrailProblem> problems) {
        super("segment" + (lock == null ? "" : " of lock '" + lock + "'") + " refused, nothing was stored: "
                + problems.get(0) + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
        this.lock = lock;
        this.problems = List.copyOf(problems);
    }

    /** The segment's lock, or null if no line named one. */
    public String lock() {
        return lock;
    }

    /** Every problem found, the failures first. */
    public List<TrailProblem> problems() {
        return problems;
    }

    /** Whether the lock signed a trail that differs from the one held (see {@link TrailProblem.Kind#FORK}). */
    public boolean isFork() {
        return problems.stream().anyMatch(p -> p.kind() == TrailProblem.Kind.FORK);
    }
}
