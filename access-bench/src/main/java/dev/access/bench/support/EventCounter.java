package dev.access.bench.support;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Events (trail lines) a benchmark handled, reported by JMH per second beside the primary score as {@code events}. */
@AuxCounters(AuxCounters.Type.OPERATIONS)
@State(Scope.Thread)
public class EventCounter {
    /** Events (trail lines) handled in this iteration. */
    public long events;

    /** Starts each iteration at zero. */
    @Setup(Level.Iteration)
    public void reset() {
        events = 0;
    }
}
