package dev.access.core.domain;

import static dev.access.core.domain.DeciderSpec.given;
import static dev.access.core.domain.LockFixture.EPOCH;
import static dev.access.core.domain.LockFixture.FIRMWARE;
import static dev.access.core.domain.LockFixture.LOCK;
import static dev.access.core.domain.LockFixture.MASTER_PIN;
import static dev.access.core.domain.LockFixture.MODEL;
import static dev.access.core.domain.LockFixture.SERIAL;
import static dev.access.core.domain.LockFixture.T0;
import static dev.access.core.domain.LockFixture.ZONE;
import static dev.access.core.domain.LockFixture.commissioned;
import static dev.access.core.domain.LockFixture.digest;
import static dev.access.core.domain.LockFixture.minutes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.access.core.domain.LockCommand.CommissionLock;
import dev.access.core.domain.LockCommand.ReportDeviceEvent;
import dev.access.core.domain.LockCommand.SetClock;
import dev.access.core.domain.LockEvent.ClockRollbackDetected;
import dev.access.core.domain.LockEvent.LockCommissioned;
import dev.access.crypto.CodeDigest;
import dev.access.crypto.PinPolicy;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Commissioning's missing parts and offline-length bounds, clock-fault messages, and a device event's missing kind. */
class CommissioningEdgesTest {

    private static CommissionLock commissionWith(String zone, PinPolicy pins, LockoutPolicy lockouts, CodeDigest master,
            int offline) {
        return new CommissionLock(LOCK, T0, MODEL, SERIAL, FIRMWARE, zone, pins, lockouts, master, EPOCH, offline);
    }

    private static CommissionLock commissionWithOfflineLength(PinPolicy pins, int offline) {
        return commissionWith(ZONE, pins, LockoutPolicy.defaults(), digest(MASTER_PIN), offline);
    }

    private static void assertCommissionedWithOfflineLength(PinPolicy pins, int offline) {
        List<LockEvent> events = given().when(commissionWithOfflineLength(pins, offline)).events();
        assertEquals(2, events.size(), events::toString);
        assertEquals(offline, ((LockCommissioned) events.get(0)).offlineCodeLength());
    }

    // ---- missing parts

    @Test
    void commissioning_refusesAMissingTimeZone() {
        LockCommandRejected e = given()
                .when(commissionWith(null, PinPolicy.defaults(), LockoutPolicy.defaults(), digest(MASTER_PIN), 0))
                .thenRejected(Rejection.INVALID_ARGUMENT);
        assertEquals("INVALID_ARGUMENT: time zone is missing", e.getMessage());
    }

    @Test
    void commissioning_refusesAMissingPinPolicy() {
        LockCommandRejected e = given()
                .when(commissionWith(ZONE, null, LockoutPolicy.defaults(), digest(MASTER_PIN), 0))
                .thenRejected(Rejection.INVALID_ARGUMENT);
        assertEquals("INVALID_ARGUMENT: PIN policy is missing", e.getMessage());
    }

    @Test
    void commissioning_refusesAMissingLockoutPolicy() {
        LockCommandRejected e = given()
                .when(commissionWith(ZONE, PinPolicy.defaults(), null, digest(MASTER_PIN), 0))
                .thenRejected(Rejection.INVALID_ARGUMENT);
        assertEquals("INVALID_ARGUMENT: lockout policy is missing", e.getMessage());
    }

    @Test
    void commissioning_refusesAMissingMasterCode() {
        LockCommandRejected e = given()
                .when(commissionWith(ZONE, PinPolicy.defaults(), LockoutPolicy.defaults(), null, 0))
                .thenRejected(Rejection.INVALID_ARGUMENT);
        assertEquals("INVALID_ARGUMENT: master code is missing", e.getMessage());
    }

    // ---- offline code length: 0, or 10..16 digits

    @ParameterizedTest
    @ValueSource(ints = {0, 10, 16})
    void commissioning_acceptsNoOfflineCodes_andTheShortestAndLongestOfflineLength(int offline) {
        assertCommissionedWithOfflineLength(PinPolicy.defaults(), offline);
    }

    @ParameterizedTest
    @ValueSource(ints = {9, 17})
    void commissioning_refusesAnOfflineLengthJustOutsideTenToSixteen_namingIt(int offline) {
        LockCommandRejected e = given().when(commissionWithOfflineLength(PinPolicy.defaults(), offline))
                .thenRejected(Rejection.INVALID_ARGUMENT);
        assertEquals("INVALID_ARGUMENT: an offline code length is 10 to 16 digits (0: no offline codes), got " + offline,
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {11, 13})
    void commissioning_refusesAnOfflineLengthAtEitherEndOfTheUserCodeLengths(int offline) {
        LockCommandRejected e = given().when(commissionWithOfflineLength(PinPolicy.defaults().withLengths(11, 13), offline))
                .thenRejected(Rejection.INVALID_ARGUMENT);
        assertEquals("INVALID_ARGUMENT: the offline code length " + offline + " is also a user-code length (11 to 13): the lock could"
                + " not tell them apart", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 14})
    void commissioning_acceptsAnOfflineLengthJustOutsideTheUserCodeLengths(int offline) {
        assertCommissionedWithOfflineLength(PinPolicy.defaults().withLengths(11, 13), offline);
    }

    // ---- clock faults

    @Test
    void aClockSetOutsideTheClocksRange_isRefusedAsNotTrustedTime() {
        Instant faulty = Instant.parse("+10000-01-01T00:00:00Z");
        LockCommandRejected e = given(commissioned()).when(new SetClock(LOCK, faulty))
                .thenRejected(Rejection.INVALID_ARGUMENT);
        assertTrue(e.getMessage().endsWith("a clock fault, not trusted time"), e.getMessage());
    }

    @Test
    void aFaultyTimeBeforeAnythingWasRecorded_isRefusedForWantOfAnEarlierTime() {
        Instant faulty = Instant.parse("1969-12-31T23:59:59Z");
        LockCommandRejected e = given().when(new CommissionLock(LOCK, faulty, MODEL, SERIAL, FIRMWARE, ZONE,
                PinPolicy.defaults(), LockoutPolicy.defaults(), digest(MASTER_PIN), EPOCH))
                .thenRejected(Rejection.INVALID_ARGUMENT);
        assertTrue(e.getMessage().endsWith("a clock fault, and the lock has no earlier time to judge it at"),
                e.getMessage());
        assertFalse(e.getMessage().contains("not trusted time"), e.getMessage());
    }

    @Test
    void afterRollback_ofNoEvents_isTheRollbackAlone() {
        LockState s = given(commissioned()).state();
        LockCommand late = new LockCommand.ReportBattery(LOCK, T0.minusSeconds(600), 50);
        assertEquals(List.of(new ClockRollbackDetected(LOCK, T0.minusSeconds(600), T0)),
                ClockRules.afterRollback(late, s, List.of()));
    }

    // ---- device events

    @Test
    void aDeviceEventWithoutAKind_isRefusedNamingTheKind() {
        LockCommandRejected e = given(commissioned()).when(new ReportDeviceEvent(LOCK, minutes(1), null))
                .thenRejected(Rejection.INVALID_ARGUMENT);
        assertEquals("INVALID_ARGUMENT: kind is missing", e.getMessage());
    }
}
