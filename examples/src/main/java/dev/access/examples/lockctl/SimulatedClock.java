package dev.access.examples.lockctl;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that a simulation sets and advances by hand. */
public final class SimulatedClock extends Clock {
    private volatile Instant now;

    /** A clock standing at {@code start}. */
    public SimulatedClock(Instant start) {
        this.now = start;
    }

    /** Moves the clock by {@code d}. */
    public void advance(Duration d) {
        now = now.plus(d);
    }

    /** Sets the clock (a real-time clock reset after a battery swap sets it back). */
    public void set(Instant t) {
        now = t;
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
