package dev.access.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.access.core.domain.DenialReason;
import dev.access.core.domain.EntrySource;
import dev.access.core.domain.LockEvent;
import dev.access.core.domain.LockId;
import dev.access.core.domain.LockoutPolicy;
import dev.access.crypto.InMemoryKeyRing;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A forged or broken clock handed to AccessControl never stops the lock from recording and counting attempts. */
class ClockFaultAccessTest {
    private static final LockId FRONT = LockId.of("front-door");
    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
    private static final Instant FAR = Instant.parse("+1000000000-12-31T23:59:00Z");

    @Test
    void givenAClockThatJumpedToTheEndOfTime_whenWrongCodesFollow_thenEachIsRecordedAndTheLockoutHolds() {
        SimulatedClock clock = new SimulatedClock(T0);
        try (AccessControl access = AccessControl.builder().store(LockStore.inMemory()).clock(clock)
                .keyRing(InMemoryKeyRing.create()).build()) {
            access.commission(LockSetup.of(FRONT).withLockoutPolicy(LockoutPolicy.defaults().with(3,
                    Duration.ofSeconds(60))), "9081726".toCharArray());
            access.addCode(FRONT, NewCode.unrestricted(1, "alice"), "4826".toCharArray());
            clock.set(FAR);
            access.reportBattery(FRONT, 50);
            clock.set(T0.plusSeconds(60));
            for (int i = 0; i < 3; i++) {
                int before = access.events(FRONT).size();
                EntryResult r = access.enter(FRONT, "1111".toCharArray(), EntrySource.KEYPAD);
                assertFalse(r.granted());
                assertTrue(access.events(FRONT).size() > before, "every attempt is recorded");
            }
            EntryResult right = access.enter(FRONT, "4826".toCharArray(), EntrySource.KEYPAD);
            assertFalse(right.granted(), "the right PIN must not open during the lockout");
            assertEquals(DenialReason.LOCKED_OUT, right.reason());
            assertFalse(access.state(FRONT).clockTrusted());
            for (LockEvent e : access.events(FRONT)) {
                assertFalse(e.at().isAfter(Instant.parse("9999-12-31T23:59:59Z")), () -> "absurd stamp recorded: " + e);
            }
        }
    }

    @Test
    void givenAClockAtEitherEndOfTime_whenCodesAreTyped_thenEachAttemptIsRecordedAndStoredAtTheFloor() {
        SimulatedClock clock = new SimulatedClock(T0);
        try (AccessControl access = AccessControl.builder().store(LockStore.inMemory()).clock(clock)
                .keyRing(InMemoryKeyRing.create()).build()) {
            access.commission(LockSetup.of(FRONT), "9081726".toCharArray());
            for (Instant absurd : new Instant[] {Instant.MAX, Instant.MIN, FAR, Instant.parse("1901-12-13T20:45:52Z")}) {
                clock.set(absurd);
                int before = access.events(FRONT).size();
                EntryResult r = access.enter(FRONT, "1111".toCharArray(), EntrySource.KEYPAD);
                assertEquals(DenialReason.UNKNOWN_CODE, r.reason());
                assertEquals(T0, r.at(), "judged and stamped at the floor");
                assertTrue(access.events(FRONT).size() > before, "recorded");
            }
            assertTrue(access.events(FRONT).stream().anyMatch(e -> e instanceof LockEvent.ClockFaultDetected
                    && ((LockEvent.ClockFaultDetected) e).reported().equals(Instant.MAX)));
        }
    }
}
