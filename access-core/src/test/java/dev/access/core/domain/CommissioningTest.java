package dev.access.core.domain;

import static dev.access.core.domain.DeciderSpec.given;
import static dev.access.core.domain.LockFixture.EPOCH;
import static dev.access.core.domain.LockFixture.FIRMWARE;
import static dev.access.core.domain.LockFixture.LOCK;
import static dev.access.core.domain.LockFixture.MASTER_PIN;
import static dev.access.core.domain.LockFixture.MODEL;
import static dev.access.core.domain.LockFixture.SERIAL;
import static dev.access.core.domain.LockFixture.T0;
import static dev.access.core.domain.LockFixture.USER_PIN;
import static dev.access.core.domain.LockFixture.ZONE;
import static dev.access.core.domain.LockFixture.addCode;
import static dev.access.core.domain.LockFixture.commission;
import static dev.access.core.domain.LockFixture.commissioned;
import static dev.access.core.domain.LockFixture.digest;
import static dev.access.core.domain.LockFixture.enter;
import static dev.access.core.domain.LockFixture.enterMalformed;
import static dev.access.core.domain.LockFixture.lockCommissioned;
import static dev.access.core.domain.LockFixture.masterAdded;
import static dev.access.core.domain.LockFixture.minutes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.access.core.domain.LockCommand.ChangeCode;
import dev.access.core.domain.LockCommand.ChangeMode;
import dev.access.core.domain.LockCommand.ClearLockout;
import dev.access.core.domain.LockCommand.CommissionLock;
import dev.access.core.domain.LockCommand.RemoveCode;
import dev.access.core.domain.LockCommand.ReportBattery;
import dev.access.core.domain.LockCommand.ReportDeviceEvent;
import dev.access.core.domain.LockCommand.ResumeCode;
import dev.access.core.domain.LockCommand.SuspendCode;
import dev.access.core.domain.LockCommand.UpdateFirmware;
import dev.access.crypto.PinPolicy;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Commissioning: the first command a lock accepts, once. */
class CommissioningTest {

    private static CommissionLock commissionWith(String model, String zone) {
        return new CommissionLock(LOCK, T0, model, SERIAL, FIRMWARE, zone, PinPolicy.defaults(),
                LockoutPolicy.defaults(), digest(MASTER_PIN), EPOCH);
    }

    @Test
    void givenNewLock_whenCommission_thenLockCommissionedAndMasterCodeInSlot0() {
        given()
                .when(commission(T0))
                .then(lockCommissioned(LockoutPolicy.defaults()), masterAdded());
    }

    @Test
    void givenCommissioningEvents_whenFolded_thenCommissionedWithMasterOnlyAtEpoch1() {
        LockState s = given(commissioned()).state();

        assertTrue(s.commissioned());
        assertEquals(LOCK, s.lockId());
        assertEquals(EPOCH, s.keyEpoch());
        assertEquals(ZONE, s.profile().timeZone());
        assertEquals(OperatingMode.NORMAL, s.mode());
        assertEquals(1, s.credentials().size());
        assertEquals(UserType.PROGRAMMING, s.credentials().get(0).type());
        assertEquals(0, s.credentials().find(digest(MASTER_PIN)));
    }

    @Test
    void givenCommissioned_whenCommissionAgain_thenAlreadyCommissioned() {
        given(commissioned())
                .when(commission(minutes(1)))
                .thenRejected(Rejection.ALREADY_COMMISSIONED);
    }

    static Stream<Named<LockCommand>> everyCommandButCommissioning() {
        Instant t = minutes(1);
        return Stream.of(
                Named.of("AddCode", addCode(1, UserType.UNRESTRICTED, USER_PIN, CodeRules.none(), t)),
                Named.of("ChangeCode", new ChangeCode(LOCK, t, 0, digest(USER_PIN), EPOCH)),
                Named.of("SuspendCode", new SuspendCode(LOCK, t, 1)),
                Named.of("ResumeCode", new ResumeCode(LOCK, t, 1)),
                Named.of("RemoveCode", new RemoveCode(LOCK, t, 1)),
                Named.of("EnterCode", enter(MASTER_PIN, t)),
                Named.of("EnterMalformedCode", enterMalformed(t)),
                Named.of("ChangeMode", new ChangeMode(LOCK, t, OperatingMode.VACATION, "owner")),
                Named.of("ClearLockout", new ClearLockout(LOCK, t, "admin")),
                Named.of("ReportBattery", new ReportBattery(LOCK, t, 50)),
                Named.of("ReportDeviceEvent", new ReportDeviceEvent(LOCK, t, DeviceEventKind.JAMMED)),
                Named.of("UpdateFirmware", new UpdateFirmware(LOCK, t, "2.0.0")),
                Named.of("EnrollLock", new LockCommand.EnrollLock(LOCK, t, "0123456789abcdef", null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyCommandButCommissioning")
    void givenNewLock_whenAnyCommandButCommissioning_thenNotCommissioned(LockCommand command) {
        given()
                .when(command)
                .thenRejected(Rejection.NOT_COMMISSIONED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Mars/Olympus_Mons", "Europe/Atlantis", "GMT+99"})
    void givenNewLock_whenCommissionWithUnknownTimeZone_thenInvalidArgumentNamingIt(String zone) {
        LockCommandRejected e = given()
                .when(commissionWith(MODEL, zone))
                .thenRejected(Rejection.INVALID_ARGUMENT);

        assertTrue(e.getMessage().contains(zone), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\t"})
    void givenNewLock_whenCommissionWithBlankModel_thenInvalidArgumentNamingModel(String model) {
        LockCommandRejected e = given()
                .when(commissionWith(model, ZONE))
                .thenRejected(Rejection.INVALID_ARGUMENT);

        assertTrue(e.getMessage().contains("model"), e.getMessage());
    }

    @Test
    void givenNewLock_whenCommissionWithEpoch0_thenStaleKeyEpoch() {
        given()
                .when(new CommissionLock(LOCK, T0, MODEL, SERIAL, FIRMWARE, ZONE, PinPolicy.defaults(),
                        LockoutPolicy.defaults(), digest(MASTER_PIN), 0))
                .thenRejected(Rejection.STALE_KEY_EPOCH);
    }

    @Test
    void givenJustCommissioned_whenMasterCodeEntered_thenGranted() {
        given()
                .when(commission(T0))
                .then(lockCommissioned(LockoutPolicy.defaults()), masterAdded())
                .when(enter(MASTER_PIN, minutes(1)))
                .then(LockFixture.masterGranted(minutes(1)));
    }
}
