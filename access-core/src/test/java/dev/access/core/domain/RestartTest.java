package dev.access.core.domain;

import static dev.access.core.domain.LockFixture.MASTER_PIN;
import static dev.access.core.domain.LockFixture.WRONG_PIN;
import static dev.access.core.domain.LockFixture.commissioned;
import static dev.access.core.domain.LockFixture.enter;
import static dev.access.core.domain.LockFixture.lockedOut;
import static dev.access.core.domain.LockFixture.seconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A restart (re-folding the stored trail) gives back the live state: counts and lockouts survive. */
class RestartTest {

    /** The live lock: decides each command and evolves its state event by event, as the shell does. */
    private static final class LiveLock {
        final List<LockEvent> trail = new ArrayList<>(commissioned());
        LockState state = LockDecider.fold(trail);

        void handle(LockCommand c) {
            for (LockEvent e : LockDecider.decide(c, state)) {
                trail.add(e);
                state = LockDecider.evolve(state, e);
            }
        }
    }

    @ParameterizedTest(name = "{0} wrong codes")
    @ValueSource(ints = {1, 3, 4})
    void givenFewerWrongCodesThanTheLimit_whenRestarted_thenEqualStateWithTheSameCount(int k) {
        LiveLock lock = new LiveLock();
        for (int i = 1; i <= k; i++) {
            lock.handle(enter(WRONG_PIN, seconds(i)));
        }

        LockState restarted = LockDecider.fold(List.copyOf(lock.trail));

        assertEquals(lock.state, restarted);
        assertEquals(k, restarted.lockout().consecutiveFailures());
        assertEquals(k, restarted.lockout().recentFailures().size());
    }

    @Test
    void givenFourWrongCodes_whenRestartedAndFifthEntered_thenLockoutStartsAsWithoutRestart() {
        LiveLock lock = new LiveLock();
        for (int i = 1; i <= 4; i++) {
            lock.handle(enter(WRONG_PIN, seconds(i)));
        }
        LockCommand fifth = enter(WRONG_PIN, seconds(5));

        List<LockEvent> afterRestart = LockDecider.decide(fifth, LockDecider.fold(lock.trail));

        assertEquals(LockDecider.decide(fifth, lock.state), afterRestart);
        assertTrue(afterRestart.stream().anyMatch(e -> e instanceof LockEvent.LockoutStarted), afterRestart::toString);
    }

    @Test
    void givenLockout_whenRestarted_thenStillLockedOutUntilTheSameEnd() {
        LiveLock lock = new LiveLock();
        for (int i = 1; i <= 5; i++) {
            lock.handle(enter(WRONG_PIN, seconds(i)));
        }
        Instant until = seconds(5).plusSeconds(60);

        LockState restarted = LockDecider.fold(List.copyOf(lock.trail));

        assertEquals(lock.state, restarted);
        assertTrue(restarted.lockout().isLockedOutAt(seconds(30)));
        assertEquals(until, restarted.lockout().lockedOutUntil());
        assertEquals(List.of(lockedOut(seconds(30), until)),
                LockDecider.decide(enter(MASTER_PIN, seconds(30)), restarted));
    }
}
