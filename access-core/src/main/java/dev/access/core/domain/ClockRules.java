package dev.access.core.domain;

import dev.access.core.domain.LockCommand.SetClock;
import dev.access.core.domain.LockEvent.ClockFaultDetected;
import dev.access.core.domain.LockEvent.ClockRollbackDetected;
import dev.access.core.domain.LockEvent.ClockSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/*
 * Time: every command carries the time it was stamped with. The state keeps a floor (the latest
 * event time). A command stamped before the floor is evaluated at the floor ("effective time"), so
 * expired codes never revive and lockouts never end early. If it is stamped more than
 * ROLLBACK_TOLERANCE before the floor, a ClockRollbackDetected event is recorded first, which makes
 * the clock untrusted until a SetClock; within the tolerance it is an ordinary concurrent call.
 * A stamp outside EARLIEST_TIME..LATEST_TIME is a clock fault (LockDecider's notes): judged at the
 * floor, recorded as ClockFaultDetected, the clock untrusted.
 */
/** The clock's rules: the floor, rollback detection, and setting trusted time. */
final class ClockRules {
    private ClockRules() {
    }

    /** Whether {@code c} is stamped more than the tolerance before the floor (a clock set never is). */
    static boolean isRollback(LockCommand c, LockState s) {
        return !(c instanceof SetClock) && s.clockFloor() != null
                && c.at().isBefore(Instants.minus(s.clockFloor(), LockDecider.ROLLBACK_TOLERANCE));
    }

    /**
     * The events of {@code c}, stamped outside the range a clock can hold: refused before anything
     * is recorded and for a clock set; otherwise judged and stamped at the floor with the clock
     * untrusted, preceded by the fault if the clock was trusted and the command causes anything.
     */
    static List<LockEvent> afterFault(LockCommand c, LockState s) {
        if (c instanceof SetClock || s.clockFloor() == null) {
            throw Checks.invalid("time " + c.at() + " is outside what a lock's clock can hold ("
                    + LockDecider.EARLIEST_TIME + " to " + LockDecider.LATEST_TIME + "): a clock fault"
                    + (c instanceof SetClock ? ", not trusted time" : ", and the lock has no earlier time to judge it at"));
        }
        Instant floor = Instants.bounded(s.clockFloor());
        List<LockEvent> events = LockDecider.handle(c.restampedAt(floor), s, floor, false);
        if (!s.clockTrusted() || events.isEmpty()) {
            return events;
        }
        List<LockEvent> withFault = new ArrayList<>(events.size() + 1);
        withFault.add(new ClockFaultDetected(c.lockId(), floor, c.at()));
        withFault.addAll(events);
        return List.copyOf(withFault);
    }

    /** {@code events} preceded by the rollback that {@code c}, stamped before the floor, reveals. */
    static List<LockEvent> afterRollback(LockCommand c, LockState s, List<LockEvent> events) {
        List<LockEvent> withRollback = new ArrayList<>(events.size() + 1);
        withRollback.add(new ClockRollbackDetected(c.lockId(), c.at(), s.clockFloor()));
        withRollback.addAll(events);
        return List.copyOf(withRollback);
    }

    /** Trusted time: accepted in any state, even before commissioning. */
    static List<LockEvent> set(SetClock c, Situation x) {
        return List.of(new ClockSet(c.lockId(), c.at(), x.state().clockFloor(), Checks.actor(c.actor())));
    }

    /** The clock is untrusted; the floor stays where the event left it. */
    static LockState rollbackDetected(ClockRollbackDetected e, LockState s) {
        return s.withClock(s.clockFloor(), false);
    }

    /** The clock is untrusted after a fault; the floor stays where it was. */
    static LockState faultDetected(ClockFaultDetected e, LockState s) {
        return s.withClock(s.clockFloor(), false);
    }

    /** The clock is trusted again, its floor at the set time (even if that is earlier). */
    static LockState clockSet(ClockSet e, LockState s) {
        return s.withClock(e.at(), true);
    }
}
