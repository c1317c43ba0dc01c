package dev.access.core.domain;

import static dev.access.core.domain.LockFixture.commissioned;
import static dev.access.core.domain.DeciderSpec.given;
import static dev.access.core.domain.LockFixture.LOCK;
import static dev.access.core.domain.LockFixture.EPOCH;
import static dev.access.core.domain.LockFixture.OTHER_PIN;
import static dev.access.core.domain.LockFixture.USER_PIN;
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
import dev.access.core.domain.LockEvent.CodeChanged;
import dev.access.core.domain.LockEvent.CodeRemoved;
import dev.access.core.domain.LockEvent.CodeSuspended;
import dev.access.core.domain.LockEvent.ModeChanged;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Programming batches at the decider: end states through the local rules, refusals recorded, numbers only grow. */
class BatchTest {
    private static final String BACKEND = "0123456789abcdef";
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

    @Test
    void setCode_addsIt_andTheSlotBecomesTheBackends() {
        Instant t = minutes(2);
        Given after = enrolled().when(batch(1, t, set("s3r1", 3, USER_PIN, false)))
                .then(new CodeAdded(LOCK, t, 3, UserType.UNRESTRICTED, "alice", digest(USER_PIN), CodeRules.none(), BY),
                        new BatchApplied(LOCK, t, BACKEND, 1, List.of(ok("s3r1", BatchOperation.Kind.SET_CODE, 3, 1))));
        LockState s = after.state();
        assertTrue(s.programming().manages(3));
        assertEquals(1, s.programming().lastAppliedBatch());
    }

    @Test
    void theSameEndStateAgain_changesNoCode_butRecordsTheBatch() {
        Instant t = minutes(3);
        enrolled().after(batch(1, minutes(2), set("s3r1", 3, USER_PIN, false)))
                .when(batch(2, t, set("s3r1", 3, USER_PIN, false)))
                .then(new BatchApplied(LOCK, t, BACKEND, 2, List.of(ok("s3r1", BatchOperation.Kind.SET_CODE, 3, 0))));
    }

    @Test
    void aNewPinOrSuspension_changesOrSuspendsTheManagedCode() {
        Instant t = minutes(3);
        enrolled().after(batch(1, minutes(2), set("s3r1", 3, USER_PIN, false)))
                .when(batch(2, t, set("s3r2", 3, OTHER_PIN, true)))
                .then(new CodeChanged(LOCK, t, 3, digest(OTHER_PIN), BY), new CodeSuspended(LOCK, t, 3, BY),
                        new BatchApplied(LOCK, t, BACKEND, 2, List.of(ok("s3r2", BatchOperation.Kind.SET_CODE, 3, 2))));
    }

    @Test
    void anOlderOrRepeatedBatch_isRefusedWholesale() {
        Given after = enrolled().after(batch(5, minutes(2), set("s3r1", 3, USER_PIN, false)));
        after.when(batch(5, minutes(3), BatchOperation.emptySlot("s3r2", 3))).thenRejected(Rejection.STALE_BATCH);
        after.when(batch(4, minutes(3), BatchOperation.emptySlot("s3r2", 3))).thenRejected(Rejection.STALE_BATCH);
        after.when(new ApplyBatch(LOCK, minutes(3), BACKEND, 6, EPOCH + 1, List.of())).thenRejected(Rejection.STALE_KEY_EPOCH);
        after.when(new ApplyBatch(LOCK, minutes(3), "fedcba9876543210", 6, EPOCH, List.of()))
                .thenRejected(Rejection.NOT_ENROLLED);
        given(commissioned()).when(batch(1, minutes(3))).thenRejected(Rejection.NOT_ENROLLED);
    }

    @Test
    void aSlotAddedAtTheLock_isNotTheBackends_andRefusalsLeaveTheRestApplied() {
        Instant t = minutes(3);
        Given local = enrolled().after(new LockCommand.AddCode(LOCK, minutes(2), 4, UserType.UNRESTRICTED,
                "guest", digest(OTHER_PIN), CodeRules.none(), EPOCH));
        local.when(batch(1, t, set("s4r1", 4, USER_PIN, false), BatchOperation.emptySlot("s4r2", 4),
                        set("s5r1", 5, OTHER_PIN, false), BatchOperation.setMode("m1", OperatingMode.VACATION),
                        BatchOperation.refused("s6r1", BatchOperation.Kind.SET_CODE, 6, Rejection.PIN_REJECTED)))
                .then(new ModeChanged(LOCK, t, OperatingMode.NORMAL, OperatingMode.VACATION, null, BY),
                        new BatchApplied(LOCK, t, BACKEND, 1, List.of(
                                new BatchOutcome("s4r1", BatchOperation.Kind.SET_CODE, 4, "SLOT_OCCUPIED", 0),
                                new BatchOutcome("s4r2", BatchOperation.Kind.EMPTY_SLOT, 4, "SLOT_OCCUPIED", 0),
                                new BatchOutcome("s5r1", BatchOperation.Kind.SET_CODE, 5, "DUPLICATE", 0),
                                ok("m1", BatchOperation.Kind.SET_MODE, 0, 1),
                                new BatchOutcome("s6r1", BatchOperation.Kind.SET_CODE, 6, "PIN_REJECTED", 0))));
    }

    @Test
    void emptySlot_removesAManagedCode_andALocalRemovalEndsTheBackendsClaim() {
        Instant t = minutes(4);
        Given managed = enrolled().after(batch(1, minutes(2), set("s3r1", 3, USER_PIN, false)));
        managed.when(batch(2, t, BatchOperation.emptySlot("s3r2", 3)))
                .then(new CodeRemoved(LOCK, t, 3, BY),
                        new BatchApplied(LOCK, t, BACKEND, 2, List.of(ok("s3r2", BatchOperation.Kind.EMPTY_SLOT, 3, 1))));
        LockState removedLocally = managed.after(new LockCommand.RemoveCode(LOCK, minutes(3), 3)).state();
        assertFalse(removedLocally.programming().manages(3));
        LockState readded = managed.after(new LockCommand.RemoveCode(LOCK, minutes(3), 3),
                new LockCommand.AddCode(LOCK, minutes(3), 3, UserType.UNRESTRICTED, "x", digest(OTHER_PIN),
                        CodeRules.none(), EPOCH)).state();
        assertFalse(readded.programming().manages(3), "a code added at the lock is the lock's");
    }

    @Test
    void aFactoryReset_forgetsTheBackendsProgramming() {
        LockState s = enrolled().after(batch(3, minutes(2), set("s3r1", 3, USER_PIN, false)),
                new LockCommand.FactoryReset(LOCK, minutes(3), LockFixture.NEXT_EPOCH)).state();
        assertEquals(Programming.NONE, s.programming());
        assertEquals(null, s.backendKeyId());
    }

    @Test
    void changedRulesOrType_replaceTheManagedCode() {
        Instant t = minutes(3);
        BatchOperation other = BatchOperation.setCode("s3r2", 3, UserType.UNRESTRICTED, "alice",
                CodeRules.window(minutes(0), minutes(600)), false, digest(USER_PIN));
        enrolled().after(batch(1, minutes(2), set("s3r1", 3, USER_PIN, false)))
                .when(batch(2, t, other))
                .then(new CodeRemoved(LOCK, t, 3, BY),
                        new CodeAdded(LOCK, t, 3, UserType.UNRESTRICTED, "alice", digest(USER_PIN),
                                CodeRules.window(minutes(0), minutes(600)), BY),
                        new BatchApplied(LOCK, t, BACKEND, 2, List.of(ok("s3r2", BatchOperation.Kind.SET_CODE, 3, 2))));
    }

    @Test
    void revokeOfflineCode_recordsTheRevocation_asARevocationAtTheLockWould_andAgainChangesNothing() {
        Instant t = minutes(3);
        String id = "00112233445566ff";
        Instant until = hours(5);
        Given revoked = enrolled().when(batch(1, t, BatchOperation.revokeOfflineCode("revoke-7", id, until)))
                .then(new LockEvent.OfflineCodeRevoked(LOCK, t, id, until, BY),
                        new BatchApplied(LOCK, t, BACKEND, 1, List.of(ok("revoke-7", BatchOperation.Kind.REVOKE_OFFLINE_CODE,
                                0, 1))));
        assertTrue(revoked.state().offline().isRevoked(id));
        assertEquals(1, revoked.state().programming().lastAppliedBatch());
        revoked.when(batch(2, minutes(4), BatchOperation.revokeOfflineCode("revoke-7", id, until)))
                .then(new BatchApplied(LOCK, minutes(4), BACKEND, 2,
                        List.of(ok("revoke-7", BatchOperation.Kind.REVOKE_OFFLINE_CODE, 0, 0))));
    }

    @Test
    void revokeOfflineCode_isRefusedWithItsReason_whenTheLockTakesNoOfflineCodes_orTheWindowEnded() {
        Instant t = minutes(3);
        LockEvent.LockCommissioned noOffline = new LockEvent.LockCommissioned(LOCK, LockFixture.T0, "KP", "SN", "1.0",
                "Europe/Berlin", dev.access.crypto.PinPolicy.defaults(), LockoutPolicy.defaults(), EPOCH, 0);
        given(noOffline, LockFixture.masterAdded()).after(new EnrollLock(LOCK, minutes(1), BACKEND, "key"))
                .when(batch(1, t, BatchOperation.revokeOfflineCode("revoke-1", "00112233445566ff", hours(5)),
                        BatchOperation.setMode("m1", OperatingMode.VACATION)))
                .then(new ModeChanged(LOCK, t, OperatingMode.NORMAL, OperatingMode.VACATION, null, BY),
                        new BatchApplied(LOCK, t, BACKEND, 1, List.of(
                                new BatchOutcome("revoke-1", BatchOperation.Kind.REVOKE_OFFLINE_CODE, 0,
                                        "INVALID_ARGUMENT", 0),
                                ok("m1", BatchOperation.Kind.SET_MODE, 0, 1))));
        enrolled().when(batch(1, t, BatchOperation.revokeOfflineCode("revoke-2", "00112233445566ff", minutes(2))))
                .then(new BatchApplied(LOCK, t, BACKEND, 1, List.of(new BatchOutcome("revoke-2",
                        BatchOperation.Kind.REVOKE_OFFLINE_CODE, 0, "INVALID_ARGUMENT", 0))));
    }
}
