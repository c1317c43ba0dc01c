package dev.access.core.domain;

import static dev.access.core.domain.DeciderSpec.assertNoDigestIn;
import static dev.access.core.domain.DeciderSpec.given;
import static dev.access.core.domain.LockFixture.EPOCH;
import static dev.access.core.domain.LockFixture.LOCK;
import static dev.access.core.domain.LockFixture.OTHER_PIN;
import static dev.access.core.domain.LockFixture.USER_PIN;
import static dev.access.core.domain.LockFixture.commissioned;
import static dev.access.core.domain.LockFixture.digest;
import static dev.access.core.domain.LockFixture.hours;
import static dev.access.core.domain.LockFixture.minutes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.access.core.domain.DeciderSpec.Given;
import dev.access.core.domain.LockCommand.ApplyBatch;
import dev.access.core.domain.LockCommand.EnrollLock;
import dev.access.core.domain.LockEvent.BatchApplied;
import dev.access.core.domain.LockEvent.CodeAdded;
import dev.access.core.domain.LockEvent.CodeResumed;
import dev.access.core.domain.LockEvent.CodeSuspended;
import dev.access.core.domain.LockEvent.LockEnrolled;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Batch, enrollment and programming edges: refusal messages, resuming, which outcomes claim a slot, re-enrolling. */
class BatchEdgesTest {
    private static final String BACKEND = "0123456789abcdef";
    private static final String OTHER_BACKEND = "fedcba9876543210";
    private static final Actor BY = Actor.backend(BACKEND);

    private static Given enrolled() {
        return given(commissioned()).after(new EnrollLock(LOCK, minutes(1), BACKEND, "key"));
    }

    private static ApplyBatch batch(long n, Instant at, BatchOperation... ops) {
        return new ApplyBatch(LOCK, at, BACKEND, n, EPOCH, List.of(ops));
    }

    private static BatchOperation set(String id, int slot, String pin, boolean suspended) {
        return BatchOperation.setCode(id, slot, UserType.UNRESTRICTED, "alice", CodeRules.none(), suspended, digest(pin));
    }

    private static BatchOutcome ok(String id, BatchOperation.Kind kind, int slot, int events) {
        return new BatchOutcome(id, kind, slot, null, events);
    }

    // ---- BatchOperation.toString

    @Test
    void operationToString_namesItsIdKindAndSlot_neverThePin() {
        BatchOperation op = set("s3r1", 3, USER_PIN, false);
        assertEquals("BatchOperation[s3r1, SET_CODE, slot 3]", op.toString());
        assertNoDigestIn(op.toString());
    }

    @Test
    void operationToString_namesTheModeOfAModeOperation() {
        assertEquals("BatchOperation[m1, SET_MODE, slot 0, VACATION]",
                BatchOperation.setMode("m1", OperatingMode.VACATION).toString());
    }

    @Test
    void operationToString_namesTheOfflineCodeOfARevocation_notASlot() {
        assertEquals("BatchOperation[r1, REVOKE_OFFLINE_CODE, offline code 00112233445566ff]",
                BatchOperation.revokeOfflineCode("r1", "00112233445566ff", hours(5)).toString());
    }

    @Test
    void operationToString_namesTheRefusalOfARefusedOperation() {
        assertEquals("BatchOperation[s6r1, SET_CODE, slot 6, refused PIN_REJECTED]",
                BatchOperation.refused("s6r1", BatchOperation.Kind.SET_CODE, 6, Rejection.PIN_REJECTED).toString());
    }

    // ---- BatchOutcome.applied

    @Test
    void outcome_isAppliedOnlyWithoutARefusal() {
        assertTrue(ok("s3r1", BatchOperation.Kind.SET_CODE, 3, 1).applied());
        assertFalse(new BatchOutcome("s3r1", BatchOperation.Kind.SET_CODE, 3, "DUPLICATE", 0).applied());
    }

    @Test
    void aRefusedSetCode_leavesTheSlotTheLocks() {
        Given local = enrolled().after(new LockCommand.AddCode(LOCK, minutes(2), 4, UserType.UNRESTRICTED,
                "guest", digest(OTHER_PIN), CodeRules.none(), EPOCH));
        Given after = local.after(batch(1, minutes(3), set("s4r1", 4, USER_PIN, false)));
        assertFalse(after.state().programming().manages(4), "a refused operation claims no slot");
        after.when(batch(2, minutes(4), BatchOperation.emptySlot("s4r2", 4)))
                .then(new BatchApplied(LOCK, minutes(4), BACKEND, 2, List.of(
                        new BatchOutcome("s4r2", BatchOperation.Kind.EMPTY_SLOT, 4, "SLOT_OCCUPIED", 0))));
    }

    // ---- Batches.apply: refusal messages

    @Test
    void aBatchForALockWithNoBackend_saysItIsEnrolledWithNone() {
        LockCommandRejected e = given(commissioned()).when(batch(1, minutes(3))).thenRejected(Rejection.NOT_ENROLLED);
        assertTrue(e.getMessage().contains("is enrolled with no backend; the batch is from backend " + BACKEND),
                e.getMessage());
    }

    @Test
    void aBatchFromAnotherBackend_namesTheLocksBackendAndTheBatchs() {
        LockCommandRejected e = enrolled()
                .when(new ApplyBatch(LOCK, minutes(3), OTHER_BACKEND, 1, EPOCH, List.of()))
                .thenRejected(Rejection.NOT_ENROLLED);
        assertTrue(e.getMessage().contains("is enrolled with backend " + BACKEND + "; the batch is from backend "
                + OTHER_BACKEND), e.getMessage());
    }

    @Test
    void aBatchForALaterEpoch_isStale_withoutBlamingAFactoryReset() {
        LockCommandRejected e = enrolled()
                .when(new ApplyBatch(LOCK, minutes(3), BACKEND, 1, EPOCH + 1, List.of()))
                .thenRejected(Rejection.STALE_KEY_EPOCH);
        assertEquals("STALE_KEY_EPOCH: the batch is for key epoch 2, the lock's is 1", e.getMessage());
    }

    @Test
    void aBatchForAnEarlierEpoch_isStale_becauseAFactoryResetDestroyedItsKey() {
        LockCommandRejected e = enrolled()
                .when(new ApplyBatch(LOCK, minutes(3), BACKEND, 1, EPOCH - 1, List.of()))
                .thenRejected(Rejection.STALE_KEY_EPOCH);
        assertEquals("STALE_KEY_EPOCH: the batch is for key epoch 0, the lock's is 1: its PINs were sealed to a key a factory reset"
                + " destroyed", e.getMessage());
    }

    // ---- Batches.setCode: suspension end state

    @Test
    void anUnsuspendedEndState_resumesASuspendedManagedCode() {
        Instant t = minutes(3);
        Given suspended = enrolled().when(batch(1, minutes(2), set("s3r1", 3, USER_PIN, true)))
                .then(new CodeAdded(LOCK, minutes(2), 3, UserType.UNRESTRICTED, "alice", digest(USER_PIN),
                                CodeRules.none(), BY),
                        new CodeSuspended(LOCK, minutes(2), 3, BY),
                        new BatchApplied(LOCK, minutes(2), BACKEND, 1, List.of(ok("s3r1", BatchOperation.Kind.SET_CODE,
                                3, 2))));
        suspended.when(batch(2, t, set("s3r2", 3, USER_PIN, false)))
                .then(new CodeResumed(LOCK, t, 3, BY),
                        new BatchApplied(LOCK, t, BACKEND, 2, List.of(ok("s3r2", BatchOperation.Kind.SET_CODE, 3, 1))));
    }

    @Test
    void aSuspendedEndState_forAnAlreadySuspendedCode_changesNothing() {
        Instant t = minutes(3);
        enrolled().after(batch(1, minutes(2), set("s3r1", 3, USER_PIN, true)))
                .when(batch(2, t, set("s3r2", 3, USER_PIN, true)))
                .then(new BatchApplied(LOCK, t, BACKEND, 2, List.of(ok("s3r2", BatchOperation.Kind.SET_CODE, 3, 0))));
    }

    // ---- Batches.applied

    @Test
    void aRecordedEmptySlotOutcome_endsTheBackendsClaimOnTheSlot() {
        Given managed = enrolled().after(batch(1, minutes(2), set("s3r1", 3, USER_PIN, false)));
        assertTrue(managed.state().programming().manages(3));
        LockState s = given(managed.history(), new BatchApplied(LOCK, minutes(3), BACKEND, 2,
                List.of(ok("s3r2", BatchOperation.Kind.EMPTY_SLOT, 3, 0)))).state();
        assertFalse(s.programming().manages(3));
        assertEquals(2, s.programming().lastAppliedBatch());
    }

    @Test
    void aRecordedRefusedEmptySlotOutcome_leavesTheClaim() {
        Given managed = enrolled().after(batch(1, minutes(2), set("s3r1", 3, USER_PIN, false)));
        LockState s = given(managed.history(), new BatchApplied(LOCK, minutes(3), BACKEND, 2,
                List.of(new BatchOutcome("s3r2", BatchOperation.Kind.EMPTY_SLOT, 3, "INVALID_ARGUMENT", 0)))).state();
        assertTrue(s.programming().manages(3));
    }

    // ---- Enrollments.enroll

    @Test
    void enrolling_withTheLocksIssuingKeyGeneration_recordsItAsTheBackends() {
        Given after = given(commissioned()).when(new EnrollLock(LOCK, minutes(1), BACKEND, "key", 1))
                .then(new LockEnrolled(LOCK, minutes(1), BACKEND, EPOCH, null, "key", 1));
        assertEquals(1, after.state().offline().backendGeneration());
        assertEquals(1, after.state().offline().generation());
    }

    @Test
    void enrolling_withAnotherIssuingKeyGeneration_isStale_namingBoth() {
        LockCommandRejected e = given(commissioned()).when(new EnrollLock(LOCK, minutes(1), BACKEND, "key", 2))
                .thenRejected(Rejection.STALE_KEY_EPOCH);
        assertEquals("STALE_KEY_EPOCH: the enrollment hands over issuing-key generation 2, the lock uses 1",
                e.getMessage());
    }

    @Test
    void enrollingAgain_toTheSameBackend_changesNothing_unlessItHandsOverTheIssuingKeyAnew() {
        Given once = enrolled();
        assertEquals(0, once.state().offline().backendGeneration());
        once.when(new EnrollLock(LOCK, minutes(2), BACKEND, "key")).thenNothing();
        Given handed = once.when(new EnrollLock(LOCK, minutes(2), BACKEND, "key", 1))
                .then(new LockEnrolled(LOCK, minutes(2), BACKEND, EPOCH, BACKEND, "key", 1));
        assertEquals(1, handed.state().offline().backendGeneration());
        handed.when(new EnrollLock(LOCK, minutes(3), BACKEND, "key", 1)).thenNothing();
        handed.when(new EnrollLock(LOCK, minutes(3), OTHER_BACKEND, "key2"))
                .then(new LockEnrolled(LOCK, minutes(3), OTHER_BACKEND, EPOCH, BACKEND, "key2", null));
    }

    @Test
    void enrolling_withAMalformedKeyId_showsItInFull_upToFortyCharacters_withControlsMasked() {
        assertEquals("INVALID_ARGUMENT: backend key id 'not?a-key' is not a key id (16 lower-case hex characters)",
                refusedKeyId("not\ta-key").getMessage());
        String forty = "x".repeat(40);
        assertEquals("INVALID_ARGUMENT: backend key id '" + forty + "' is not a key id (16 lower-case hex characters)",
                refusedKeyId(forty).getMessage());
    }

    @Test
    void enrolling_withAKeyIdLongerThanForty_showsItsFirstFortyCharacters_andAnEllipsis() {
        String forty = "x".repeat(40);
        assertEquals("INVALID_ARGUMENT: backend key id '" + forty + "…' is not a key id (16 lower-case hex"
                + " characters)", refusedKeyId(forty + "Y").getMessage());
    }

    private static LockCommandRejected refusedKeyId(String keyId) {
        return given(commissioned()).when(new EnrollLock(LOCK, minutes(1), keyId, "key"))
                .thenRejected(Rejection.INVALID_ARGUMENT);
    }

    // ---- LockState.withBackend

    @Test
    void reEnrollingToTheSameBackend_keepsItsBatchNumbersAndKey_aMoveStartsThemAfresh() {
        Given applied = enrolled().after(batch(5, minutes(2), set("s3r1", 3, USER_PIN, false)));
        LockState same = applied.after(new EnrollLock(LOCK, minutes(3), BACKEND, null, 1)).state();
        assertEquals(new Programming("key", 5, Set.of(3)), same.programming());

        LockState moved = applied.after(new EnrollLock(LOCK, minutes(3), OTHER_BACKEND, "key2")).state();
        assertEquals(new Programming("key2", 0, Set.of(3)), moved.programming());
        assertEquals(OTHER_BACKEND, moved.backendKeyId());
    }

    // ---- Programming

    @Test
    void programming_withSigningKey_replacesTheKey_orKeepsItForNull() {
        Programming p = new Programming("key", 7, Set.of(3, 5));
        assertEquals(new Programming("key2", 7, Set.of(3, 5)), p.withSigningKey("key2"));
        assertEquals(p, p.withSigningKey(null));
    }

    @Test
    void programming_withoutSlots_dropsEveryManagedSlot_andKeepsTheRest() {
        Programming p = new Programming("key", 7, Set.of(3, 5));
        assertEquals(new Programming("key", 7, Set.of()), p.withoutSlots());
        assertFalse(p.withoutSlots().manages(3));
    }
}
