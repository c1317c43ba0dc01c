package dev.access.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that a simulation or a test sets and advances by hand, to pass as
 * {@link AccessControl.Builder#clock}: lockouts, schedules and expiries then follow simulated time,
 * and setting it back simulates a real-time clock reset. A {@link #ticking} clock also moves a
 * fixed step on every read, so no two commands share an instant. Safe to share between threads.
 */
public final class SimulatedClock extends Clock {
    private final AtomicReference<Instant> now;
    private final Duration step;

    /** A clock standing at {@code start}. */
    public SimulatedClock(Instant start) {
        this(start, Duration.ZERO);
    }

    private SimulatedClock(Instant start, Duration step) {
        this.now = new AtomicReference<>(Objects.requireNonNull(start, "start"));
        this.step = step;
    }

    /**
     * A clock that moves {@code step} on every read: the first read returns {@code start} plus one
     * step.
     *
     * @throws IllegalArgumentException if {@code step} is negative
     */
    public static SimulatedClock ticking(Instant start, Duration step) {
        if (step.isNegative()) {
            throw new IllegalArgumentException("step must not be negative, was " + step);
        }
        return new SimulatedClock(start, step);
    }

    /** Moves the clock by {@code d} (negative to go back, as a reset real-time clock does). */
    public void advance(Duration d) {
        now.updateAndGet(t -> t.plus(d));
    }

    /** Sets the clock. */
    public void set(Instant t) {
        now.set(Objects.requireNonNull(t, "t"));
    }

    @Override
    public Instant instant() {
        return step.isZero() ? now.get() : now.updateAndGet(t -> t.plus(step));
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
