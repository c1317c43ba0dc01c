package dev.access.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The simulated clock stands still until moved; a ticking one moves a step on every read. */
class SimulatedClockTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void plainClock_standsStill_untilAdvancedOrSet() {
        SimulatedClock c = new SimulatedClock(T);
        assertEquals(T, c.instant());
        assertEquals(T, c.instant());
        c.advance(Duration.ofSeconds(-5));
        assertEquals(T.minusSeconds(5), c.instant());
        c.set(T.plusSeconds(60));
        assertEquals(T.plusSeconds(60), c.instant());
    }

    @Test
    void tickingClock_movesOneStepPerRead_fromWhereItWasSet() {
        SimulatedClock c = SimulatedClock.ticking(T, Duration.ofMillis(100));
        assertEquals(T.plusMillis(100), c.instant());
        assertEquals(T.plusMillis(200), c.instant());
        c.set(T.plusSeconds(10));
        assertEquals(T.plusSeconds(10).plusMillis(100), c.instant());
        assertThrows(IllegalArgumentException.class, () -> SimulatedClock.ticking(T, Duration.ofMillis(-1)));
    }
}
