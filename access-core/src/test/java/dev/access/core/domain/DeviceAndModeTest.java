package dev.access.core.domain;

import static dev.access.core.domain.DeciderSpec.given;
import static dev.access.core.domain.LockFixture.FIRMWARE;
import static dev.access.core.domain.LockFixture.LOCK;
import static dev.access.core.domain.LockFixture.MASTER_PIN;
import static dev.access.core.domain.LockFixture.T0;
import static dev.access.core.domain.LockFixture.USER_PIN;
import static dev.access.core.domain.LockFixture.codeAdded;
import static dev.access.core.domain.LockFixture.commissioned;
import static dev.access.core.domain.LockFixture.denied;
import static dev.access.core.domain.LockFixture.enter;
import static dev.access.core.domain.LockFixture.granted;
import static dev.access.core.domain.LockFixture.masterGranted;
import static dev.access.core.domain.LockFixture.minutes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.access.core.domain.LockCommand.ChangeMode;
import dev.access.core.domain.LockCommand.ReportBattery;
import dev.access.core.domain.LockCommand.ReportDeviceEvent;
import dev.access.core.domain.LockCommand.UpdateFirmware;
import dev.access.core.domain.LockEvent.AlarmRaised;
import dev.access.core.domain.LockEvent.BatteryReported;
import dev.access.core.domain.LockEvent.DeviceEventReported;
import dev.access.core.domain.LockEvent.FirmwareUpdated;
import dev.access.core.domain.LockEvent.ModeChanged;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Battery reports, hardware events with their alarms, firmware updates and operating modes. */
class DeviceAndModeTest {
    private static final Instant T1 = minutes(1);
    private static final Instant T2 = minutes(2);

    @ParameterizedTest(name = "{0}% is {1}")
    @CsvSource({"100, OK", "21, OK", "20, LOW", "6, LOW", "5, CRITICAL", "0, CRITICAL"})
    void givenCommissioned_whenBatteryReported_thenLevelByThresholds20And5(int percent, BatteryLevel level) {
        LockState s = given(commissioned())
                .when(new ReportBattery(LOCK, T1, percent))
                .then(new BatteryReported(LOCK, T1, percent, level))
                .state();

        assertEquals(percent, s.batteryPercent());
        assertEquals(level, s.batteryLevel());
    }

    @ParameterizedTest
    @ValueSource(ints = {101, -1})
    void givenCommissioned_whenBatteryOutOfRange_thenInvalidArgumentNamingIt(int percent) {
        LockCommandRejected e = given(commissioned())
                .when(new ReportBattery(LOCK, T1, percent))
                .thenRejected(Rejection.INVALID_ARGUMENT);

        assertTrue(e.getMessage().contains(String.valueOf(percent)), e.getMessage());
    }

    @Test
    void givenCriticalBattery_whenReplacedAndReported_thenCodesOpenAgain() {
        given(commissioned(), new BatteryReported(LOCK, T0, 2, BatteryLevel.CRITICAL))
                .when(new ReportBattery(LOCK, T1, 95))
                .then(new BatteryReported(LOCK, T1, 95, BatteryLevel.OK))
                .when(enter(MASTER_PIN, T2))
                .then(masterGranted(T2));
    }

    @ParameterizedTest(name = "{0} raises {1}")
    @CsvSource({
        "JAMMED, LOCK_JAMMED",
        "DOOR_FORCED, DOOR_FORCED_OPEN",
        "TAMPER, FRONT_ESCUTCHEON_REMOVED",
        "RESTARTED, LOCK_POWER_CYCLED"
    })
    void givenCommissioned_whenDeviceEventReported_thenRecordedWithItsAlarm(DeviceEventKind kind, AlarmCode alarm) {
        given(commissioned())
                .when(new ReportDeviceEvent(LOCK, T1, kind))
                .then(new DeviceEventReported(LOCK, T1, kind), new AlarmRaised(LOCK, T1, alarm, null));
    }

    @Test
    void givenCommissioned_whenFirmwareUpdated_thenFirmwareUpdatedFromTheOldVersion() {
        LockState s = given(commissioned())
                .when(new UpdateFirmware(LOCK, T1, "1.1.0"))
                .then(new FirmwareUpdated(LOCK, T1, FIRMWARE, "1.1.0"))
                .state();

        assertEquals("1.1.0", s.profile().firmwareVersion());
    }

    @Test
    void givenFirmware_whenUpdatedToTheSameVersion_thenNothing() {
        given(commissioned())
                .when(new UpdateFirmware(LOCK, T1, FIRMWARE))
                .thenNothing();
    }

    @Test
    void givenCommissioned_whenFirmwareVersionBlank_thenInvalidArgument() {
        given(commissioned())
                .when(new UpdateFirmware(LOCK, T1, "  "))
                .thenRejected(Rejection.INVALID_ARGUMENT);
    }

    @ParameterizedTest
    @EnumSource(value = OperatingMode.class, names = "NORMAL", mode = EnumSource.Mode.EXCLUDE)
    void givenNormalMode_whenModeChanged_thenModeChangedFromNormalBy(OperatingMode to) {
        LockState s = given(commissioned())
                .when(new ChangeMode(LOCK, T1, to, "owner"))
                .then(new ModeChanged(LOCK, T1, OperatingMode.NORMAL, to, "owner"))
                .state();

        assertEquals(to, s.mode());
        assertEquals("owner", s.modeSetBy());
    }

    @ParameterizedTest
    @EnumSource(OperatingMode.class)
    void givenMode_whenChangedToTheSameMode_thenNothing(OperatingMode mode) {
        given(commissioned(), new ModeChanged(LOCK, T0, OperatingMode.NORMAL, mode, "owner"))
                .when(new ChangeMode(LOCK, T1, mode, "owner"))
                .thenNothing();
    }

    @Test
    void givenVacationMode_whenBackToNormal_thenUserCodeOpensAtKeypadAgain() {
        given(commissioned(), codeAdded(1, UserType.UNRESTRICTED, USER_PIN),
                new ModeChanged(LOCK, T0, OperatingMode.NORMAL, OperatingMode.VACATION, "owner"))
                .when(enter(USER_PIN, T1))
                .then(denied(T1, DenialReason.MODE_FORBIDS, 1))
                .when(new ChangeMode(LOCK, T2, OperatingMode.NORMAL, "owner"))
                .then(new ModeChanged(LOCK, T2, OperatingMode.VACATION, OperatingMode.NORMAL, "owner"))
                .when(enter(USER_PIN, minutes(3)))
                .then(granted(minutes(3), 1, UserType.UNRESTRICTED, 1));
    }

    @Test
    void givenCommissioned_whenModeMissing_thenInvalidArgument() {
        given(commissioned())
                .when(new ChangeMode(LOCK, T1, null, "owner"))
                .thenRejected(Rejection.INVALID_ARGUMENT);
    }
}
