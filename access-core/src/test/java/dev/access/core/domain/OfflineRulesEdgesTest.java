package dev.access.core.domain;

import static dev.access.core.domain.DeciderSpec.given;
import static dev.access.core.domain.LockFixture.EPOCH;
import static dev.access.core.domain.LockFixture.LOCK;
import static dev.access.core.domain.LockFixture.T0;
import static dev.access.core.domain.LockFixture.commissioned;
import static dev.access.core.domain.LockFixture.hours;
import static dev.access.core.domain.LockFixture.masterAdded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.access.core.domain.DeciderSpec.Given;
import dev.access.core.domain.LockEvent.EntryGranted;
import dev.access.core.domain.LockEvent.OfflineCodeRevoked;
import dev.access.core.domain.LockEvent.OfflineKeyExported;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Offline-code edges: a code's window and daily hours at their exact ends, the revocation and export commands' checks, and what the lock remembers and forgets. */
class OfflineRulesEdgesTest {
    private static final String A = "0123456789abcdef";
    private static final String B = "00112233445566ff";

    private static Given withoutOfflineCodes() {
        return given(new LockEvent.LockCommissioned(LOCK, T0, "KP", "SN", "1.0", "Europe/Berlin",
                dev.access.crypto.PinPolicy.defaults(), LockoutPolicy.defaults(), EPOCH, 0), masterAdded());
    }

    // ---- OfflineCode

    @Test
    void window_holdsFromItsStartInclusive_toItsEndExclusive() {
        OfflineCode c = new OfflineCode(A, hours(1), hours(3), false, null);
        assertTrue(c.windowHolds(hours(1)));
        assertFalse(c.windowHolds(hours(1).minusNanos(1)));
        assertTrue(c.windowHolds(hours(3).minusNanos(1)));
        assertFalse(c.windowHolds(hours(3)));
    }

    @Test
    void dailyHours_holdFromTheStartHourInclusive_toTheEndHourExclusive() {
        OfflineCode c = new OfflineCode(A, T0, hours(48), false, "09:00-17:00");
        Instant day = Instant.parse("2026-03-02T00:00:00Z");
        assertTrue(c.dailyHoursHold(day.plusSeconds(9 * 3600), ZoneOffset.UTC));
        assertFalse(c.dailyHoursHold(day.plusSeconds(9 * 3600 - 1), ZoneOffset.UTC));
        assertTrue(c.dailyHoursHold(day.plusSeconds(17 * 3600 - 1), ZoneOffset.UTC));
        assertFalse(c.dailyHoursHold(day.plusSeconds(17 * 3600), ZoneOffset.UTC));
    }

    // ---- EntryGranted.offline

    @Test
    void anOfflineGrant_countsOneUseForAOneTimeCode_andNoneOtherwise() {
        OfflineCode once = new OfflineCode(A, T0, hours(5), true, null);
        OfflineCode reusable = new OfflineCode(A, T0, hours(5), false, null);
        assertEquals(1, EntryGranted.offline(LOCK, hours(1), EntrySource.KEYPAD, once).useCount());
        assertEquals(0, EntryGranted.offline(LOCK, hours(1), EntrySource.KEYPAD, reusable).useCount());
    }

    // ---- OfflineCodeRules

    @Test
    void revoking_refusesAMissingWindowEnd() {
        LockCommandRejected e = given(commissioned())
                .when(new LockCommand.RevokeOfflineCode(LOCK, hours(1), A, null))
                .thenRejected(Rejection.INVALID_ARGUMENT);
        assertEquals("INVALID_ARGUMENT: the end of the code's window is missing", e.getMessage());
    }

    @Test
    void revokingAll_isRefused_byALockThatTakesNoOfflineCodes() {
        LockCommandRejected e = withoutOfflineCodes()
                .when(new LockCommand.RevokeAllOfflineCodes(LOCK, hours(1)))
                .thenRejected(Rejection.INVALID_ARGUMENT);
        assertEquals("INVALID_ARGUMENT: lock " + LOCK + " takes no offline codes", e.getMessage());
    }

    @Test
    void recordingAnExport_isRefused_byALockThatTakesNoOfflineCodes() {
        LockCommandRejected e = withoutOfflineCodes()
                .when(new LockCommand.RecordOfflineKeyExport(LOCK, hours(1), EPOCH, 1))
                .thenRejected(Rejection.INVALID_ARGUMENT);
        assertEquals("INVALID_ARGUMENT: lock " + LOCK + " takes no offline codes", e.getMessage());
    }

    @Test
    void recordingAnExport_underAnotherKeyEpoch_isStale() {
        LockCommandRejected e = given(commissioned())
                .when(new LockCommand.RecordOfflineKeyExport(LOCK, hours(1), EPOCH + 1, 1))
                .thenRejected(Rejection.STALE_KEY_EPOCH);
        assertEquals("STALE_KEY_EPOCH: the PIN was digested under key epoch 2, the lock uses 1", e.getMessage());
    }

    @Test
    void recordingAnExport_ofTheLocksEpochAndGeneration_isRecorded() {
        given(commissioned())
                .when(new LockCommand.RecordOfflineKeyExport(LOCK, hours(1), EPOCH, 1))
                .then(new OfflineKeyExported(LOCK, hours(1), EPOCH, 1));
    }

    // ---- OfflineState: remembering and forgetting

    @Test
    void aSecondRevocation_keepsTheFirstWhileItsWindowLasts() {
        LockState s = given(commissioned(), new OfflineCodeRevoked(LOCK, hours(1), A, hours(5)),
                new OfflineCodeRevoked(LOCK, hours(2), B, hours(8))).state();
        assertEquals(Map.of(A, hours(5), B, hours(8)), s.offline().revoked());
    }

    @Test
    void aUsedOneTimeCode_isForgottenOnceItsWindowEnds_whileALiveRevocationIsKept() {
        OfflineCode once = new OfflineCode(A, T0, hours(5), true, null);
        LockState s = given(commissioned(), new OfflineCodeRevoked(LOCK, hours(1), B, hours(8)),
                EntryGranted.offline(LOCK, hours(2), EntrySource.KEYPAD, once)).state();
        assertTrue(s.offline().isUsed(A));
        LockState later = LockDecider.evolve(s, new LockEvent.BatteryReported(LOCK, hours(6), 80, BatteryLevel.OK));
        assertEquals(Map.of(), later.offline().used());
        assertEquals(Map.of(B, hours(8)), later.offline().revoked());
    }

    @Test
    void aUsedOneTimeCode_isForgottenOnceItsWindowEnds_withNothingRevoked() {
        OfflineCode once = new OfflineCode(A, T0, hours(5), true, null);
        LockState s = given(commissioned(), EntryGranted.offline(LOCK, hours(2), EntrySource.KEYPAD, once)).state();
        LockState later = LockDecider.evolve(s, new LockEvent.BatteryReported(LOCK, hours(6), 80, BatteryLevel.OK));
        assertFalse(later.offline().isUsed(A));
    }

    @Test
    void aRevokedCode_isForgottenOnceItsWindowEnds_withNothingUsed() {
        LockState s = given(commissioned(), new OfflineCodeRevoked(LOCK, hours(1), A, hours(5))).state();
        LockState later = LockDecider.evolve(s, new LockEvent.BatteryReported(LOCK, hours(6), 80, BatteryLevel.OK));
        assertFalse(later.offline().isRevoked(A));
    }

    @Test
    void forgetting_withNothingEnded_keepsTheVeryState() {
        OfflineState s = new OfflineState(1, Map.of(A, hours(5)), Map.of(B, hours(5)), 0);
        assertSame(s, s.forgetEndedBy(hours(1)));
        OfflineState usedOnly = new OfflineState(1, Map.of(), Map.of(B, hours(5)), 0);
        assertSame(usedOnly, usedOnly.forgetEndedBy(hours(1)));
    }

    @Test
    void withBackendGeneration_keepsEverythingElse() {
        OfflineState s = new OfflineState(3, Map.of(A, hours(5)), Map.of(B, hours(6)), 0);
        assertEquals(new OfflineState(3, Map.of(A, hours(5)), Map.of(B, hours(6)), 3), s.withBackendGeneration(3));
    }
}
