package dev.access.core.domain;

import java.time.Instant;

/**
 * A span of time, {@code from} inclusive to {@code until} exclusive.
 *
 * @param from the start
 * @param until the end, after {@code from}
 */
public record TimeWindow(Instant from, Instant until) {
    /** Validates the window, naming the offending value. */
    public TimeWindow {
        if (from == null || until == null || !until.isAfter(from)) {
            throw new LockCommandRejected(Rejection.INVALID_ARGUMENT,
                    "window end " + until + " must be after its start " + from);
        }
    }

    /** Whether {@code at} is inside the window. */
    public boolean contains(Instant at) {
        return !at.isBefore(from) && at.isBefore(until);
    }
}
