package dev.access.bench.support;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves a fixed step on every read, shared safely by threads: simulated time, so a
 * long history spans years without waiting and no two commands share an instant.
 */
public final class TickingClock extends Clock {
    private final AtomicLong millis;
    private final long step;

    /** Starts at {@code start} and advances {@code stepMillis} per read. */
    public TickingClock(Instant start, long stepMillis) {
        this.millis = new AtomicLong(start.toEpochMilli());
        this.step = stepMillis;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis.addAndGet(step));
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
