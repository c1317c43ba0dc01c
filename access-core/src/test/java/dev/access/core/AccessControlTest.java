package dev.access.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.access.core.domain.CodeRules;
import dev.access.core.domain.DenialReason;
import dev.access.core.domain.EntrySource;
import dev.access.core.domain.LockCommandRejected;
import dev.access.core.domain.LockEvent;
import dev.access.core.domain.LockId;
import dev.access.core.domain.LockState;
import dev.access.core.domain.LockoutPolicy;
import dev.access.core.domain.OperatingMode;
import dev.access.core.domain.Rejection;
import dev.access.core.domain.UserType;
import dev.access.crypto.InMemoryKeyRing;
import dev.access.crypto.KeyRing;
import dev.access.crypto.PinRejectedException;
import dev.access.crypto.PinRule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The embedding API end to end over the in-memory store, with real crypto and real restarts. */
class AccessControlTest {
    private static final LockId FRONT = LockId.of("front-door");
    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

    private final SimulatedClock clock = new SimulatedClock(T0);
    private final KeyRing keyRing = InMemoryKeyRing.create();
    private final LockStore store = LockStore.inMemory();
    private AccessControl access;

    @BeforeEach
    void start() {
        access = open();
        access.commission(LockSetup.of(FRONT).withDevice("KP-100", "SN-1", "1.0.0")
                .withLockoutPolicy(LockoutPolicy.defaults().with(3, Duration.ofSeconds(60))), pin("9081726"));
        access.addCode(FRONT, NewCode.unrestricted(1, "alice"), pin("4826"));
    }

    @AfterEach
    void stop() {
        access.close();
    }

    private AccessControl open() {
        return AccessControl.builder().store(store).clock(clock).keyRing(keyRing).build();
    }

    private AccessControl restart() {
        access.close();
        access = open();
        return access;
    }

    private static char[] pin(String digits) {
        return digits.toCharArray();
    }

    @Test
    void givenUserCode_whenEntered_thenGrantedWithSlotAndType() {
        EntryResult r = access.enter(FRONT, pin("4826"), EntrySource.KEYPAD);
        assertTrue(r.granted());
        assertEquals(1, r.slot());
        assertEquals(UserType.UNRESTRICTED, r.userType());
        assertNull(r.reason());
    }

    @Test
    void givenUnknownCode_whenEntered_thenDeniedAndRecorded() {
        EntryResult r = access.enter(FRONT, pin("1111"), EntrySource.KEYPAD);
        assertFalse(r.granted());
        assertEquals(DenialReason.UNKNOWN_CODE, r.reason());
        LockEvent last = access.events(FRONT).get(access.events(FRONT).size() - 1);
        assertTrue(last instanceof LockEvent.EntryDenied, "the attempt is in the trail: " + last);
    }

    @Test
    void givenTypedBuffer_whenEntered_thenBufferIsWiped() {
        char[] typed = pin("4826");
        access.enter(FRONT, typed, EntrySource.KEYPAD);
        assertArrayEquals(new char[4], typed);
        char[] added = pin("5937");
        access.addCode(FRONT, NewCode.unrestricted(2, "bob"), added);
        assertArrayEquals(new char[4], added);
    }

    @Test
    void givenMalformedInput_whenEntered_thenRecordedAsMalformedAttempt() {
        EntryResult letters = access.enter(FRONT, pin("12a4"), EntrySource.KEYPAD);
        EntryResult tooShort = access.enter(FRONT, pin("12"), EntrySource.KEYPAD);
        EntryResult nothing = access.enter(FRONT, null, EntrySource.KEYPAD);
        assertEquals(DenialReason.MALFORMED, letters.reason());
        assertEquals(DenialReason.MALFORMED, tooShort.reason());
        assertEquals(DenialReason.MALFORMED, nothing.reason(), "no input at all is malformed too");
        assertNotNull(nothing.lockedOutUntil(), "the third wrong entry starts the lockout");
        assertEquals(DenialReason.LOCKED_OUT, access.enter(FRONT, pin("4826"), EntrySource.KEYPAD).reason());
    }

    @Test
    void givenWrongCodesBelowLimit_whenRestarted_thenCountSurvives() {
        access.enter(FRONT, pin("0000"), EntrySource.KEYPAD);
        access.enter(FRONT, pin("0001"), EntrySource.KEYPAD);
        assertEquals(2, restart().state(FRONT).lockout().consecutiveFailures());
        EntryResult third = access.enter(FRONT, pin("0002"), EntrySource.KEYPAD);
        assertEquals(T0.plusSeconds(60), third.lockedOutUntil(), "the third failure after restart locks out");
    }

    @Test
    void givenLockout_whenRestarted_thenStillLockedOutUntilTheSameInstant() {
        for (int i = 0; i < 3; i++) {
            access.enter(FRONT, pin("000" + i), EntrySource.KEYPAD);
        }
        clock.advance(Duration.ofSeconds(30));
        restart();
        EntryResult master = access.enter(FRONT, pin("9081726"), EntrySource.KEYPAD);
        assertEquals(DenialReason.LOCKED_OUT, master.reason());
        assertEquals(T0.plusSeconds(60), master.lockedOutUntil());
        clock.advance(Duration.ofSeconds(30));
        assertTrue(access.enter(FRONT, pin("4826"), EntrySource.KEYPAD).granted());
    }

    @Test
    void givenRestart_thenStateEqualsStateBeforeRestart() {
        access.addCode(FRONT, NewCode.of(2, UserType.DISPOSABLE, "guest", CodeRules.none()), pin("7391"));
        access.enter(FRONT, pin("7391"), EntrySource.KEYPAD);
        access.changeMode(FRONT, OperatingMode.VACATION, "owner");
        access.reportBattery(FRONT, 18);
        LockState before = access.state(FRONT);
        assertEquals(before, restart().state(FRONT));
    }

    @Test
    void givenDuplicatePin_whenAdded_thenRejectedAndNothingRecorded() {
        int before = access.events(FRONT).size();
        LockCommandRejected e = assertThrows(LockCommandRejected.class,
                () -> access.addCode(FRONT, NewCode.unrestricted(5, "eve"), pin("4826")));
        assertEquals(Rejection.DUPLICATE, e.rejection());
        assertFalse(e.getMessage().contains("4826"));
        assertEquals(before, access.events(FRONT).size());
    }

    @Test
    void givenWeakPinUnderStrictPolicy_whenAdded_thenTypedErrorWithoutDigits() {
        LockId back = LockId.of("back-door");
        access.commission(LockSetup.of(back).withPinPolicy(dev.access.crypto.PinPolicy.strict()), pin("918273"));
        PinRejectedException e = assertThrows(PinRejectedException.class,
                () -> access.addCode(back, NewCode.unrestricted(1, "x"), pin("123456")));
        assertEquals(PinRule.SEQUENTIAL, e.rule());
        assertFalse(e.getMessage().contains("123456"));
    }

    @Test
    void givenUncommissionedLock_whenEntered_thenRejectedNotCommissioned() {
        LockCommandRejected e = assertThrows(LockCommandRejected.class,
                () -> access.enter(LockId.of("nowhere"), pin("1234"), EntrySource.KEYPAD));
        assertEquals(Rejection.NOT_COMMISSIONED, e.rejection());
        assertTrue(access.events(LockId.of("nowhere")).isEmpty());
    }

    @Test
    void givenFactoryReset_thenOldKeyDestroyedAndOldCodesNeverOpenAgain() {
        int oldEpoch = access.state(FRONT).keyEpoch();
        access.factoryReset(FRONT);
        assertTrue(keyRing.isDestroyed(FRONT.value(), oldEpoch));
        assertFalse(access.state(FRONT).commissioned());
        access.commission(LockSetup.of(FRONT), pin("5550123"));
        EntryResult old = access.enter(FRONT, pin("4826"), EntrySource.KEYPAD);
        assertEquals(DenialReason.UNKNOWN_CODE, old.reason());
        assertTrue(access.state(FRONT).keyEpoch() > oldEpoch);
        assertTrue(access.enter(FRONT, pin("5550123"), EntrySource.KEYPAD).granted());
    }

    @Test
    void givenResetOnAnotherNode_whenEntered_thenStaleEpochIsRefreshedTransparently() {
        AccessControl other = open();
        try {
            access.enter(FRONT, pin("4826"), EntrySource.KEYPAD); // caches the profile here
            other.factoryReset(FRONT);
            other.commission(LockSetup.of(FRONT), pin("7654321"));
            other.addCode(FRONT, NewCode.unrestricted(1, "alice"), pin("4826"));
            assertTrue(access.enter(FRONT, pin("4826"), EntrySource.KEYPAD).granted());
        } finally {
            other.close();
        }
    }

    @Test
    void givenManyThreadsAndLocks_whenEntering_thenEveryAttemptIsRecordedOnce() throws Exception {
        int locks = 8;
        int perLock = 40;
        for (int l = 0; l < locks; l++) {
            LockId id = LockId.of("lock-" + l);
            access.commission(LockSetup.of(id), pin("90817" + l + "6"));
            access.addCode(id, NewCode.unrestricted(1, "u"), pin("4826"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<EntryResult>> results = new ArrayList<>();
        for (int i = 0; i < locks * perLock; i++) {
            LockId id = LockId.of("lock-" + (i % locks));
            results.add(pool.submit(() -> access.enter(id, pin("4826"), EntrySource.REMOTE)));
        }
        for (Future<EntryResult> f : results) {
            assertTrue(f.get().granted());
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        for (int l = 0; l < locks; l++) {
            long grants = access.events(LockId.of("lock-" + l)).stream()
                    .filter(e -> e instanceof LockEvent.EntryGranted).count();
            assertEquals(perLock, grants);
        }
    }

    @Test
    void builder_withoutKeyRing_failsNamingIt() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> AccessControl.builder().store(store).clock(clock).build());
        assertTrue(e.getMessage().contains("keyRing"));
    }

    @Test
    void givenConcurrentCallsOnOneLock_thenTheClockStaysTrusted_andTimeBoundCodesKeepOpening() throws Exception {
        AccessControl real = AccessControl.builder().store(LockStore.inMemory()).clock(java.time.Clock.systemUTC())
                .keyRing(keyRing).build();
        try {
            LockId busy = LockId.of("busy");
            real.commission(LockSetup.of(busy), pin("9081726"));
            real.addCode(busy, NewCode.of(1, UserType.YEAR_DAY_SCHEDULE, "contractor", CodeRules.window(
                    Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2100-01-01T00:00:00Z"))), pin("4826"));
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<EntryResult>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                results.add(pool.submit(() -> real.enter(busy, pin("4826"), EntrySource.KEYPAD)));
            }
            for (Future<EntryResult> f : results) {
                assertTrue(f.get().granted(), "denied: " + f.get().reason());
            }
            pool.shutdown();
            assertTrue(real.state(busy).clockTrusted());
            assertFalse(real.events(busy).stream().anyMatch(e -> e instanceof LockEvent.ClockRollbackDetected));
        } finally {
            real.close();
        }
    }
}
