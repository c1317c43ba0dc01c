package dev.access.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A clock that a simulation or a test sets and advances by hand, to pass as
 * {@link AccessControl.Builder#clock}: lockouts, schedules and expiries then follow simulated time,
 * and setting it back simulates a real-time clock reset. Safe to share between threads.
 */
public final class SimulatedClock extends Clock {
    private volatile Instant now;

    /** A clock standing at {@code start}. */
    public SimulatedClock(Instant start) {
        this.now = Objects.requireNonNull(start, "start");
    }

    /** Moves the clock by {@code d} (negative to go back, as a reset real-time clock does). */
    public void advance(Duration d) {
        now = now.plus(d);
    }

    /** Sets the clock. */
    public void set(Instant t) {
        now = Objects.requireNonNull(t, "t");
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
