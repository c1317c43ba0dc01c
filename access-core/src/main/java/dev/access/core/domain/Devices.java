package dev.access.core.domain;

import static dev.access.core.domain.Checks.invalid;
import static dev.access.core.domain.Checks.requireNonNull;
import static dev.access.core.domain.Checks.text;

import dev.access.core.domain.LockCommand.ReportBattery;
import dev.access.core.domain.LockCommand.ReportDeviceEvent;
import dev.access.core.domain.LockCommand.UpdateFirmware;
import dev.access.core.domain.LockEvent.AlarmRaised;
import dev.access.core.domain.LockEvent.BatteryReported;
import dev.access.core.domain.LockEvent.DeviceEventReported;
import dev.access.core.domain.LockEvent.FirmwareUpdated;
import java.util.List;

/** What the hardware reports: its battery, its device events and its firmware. */
final class Devices {
    private Devices() {
    }

    /** Records a battery level of 0 to 100 percent and the level judged from it. */
    static List<LockEvent> reportBattery(ReportBattery c, Situation x) {
        int p = c.percent();
        if (p < 0 || p > 100) {
            throw invalid("battery percent must be 0..100, was " + p);
        }
        return List.of(new BatteryReported(c.lockId(), c.at(), p, BatteryLevel.of(p)));
    }

    /** Records a device event and raises its alarm. */
    static List<LockEvent> reportDeviceEvent(ReportDeviceEvent c, Situation x) {
        DeviceEventKind kind = c.kind();
        requireNonNull(kind, "kind");
        return List.of(new DeviceEventReported(c.lockId(), c.at(), kind),
                new AlarmRaised(c.lockId(), c.at(), kind.alarm(), null));
    }

    /** Records new firmware; the version already installed changes nothing. */
    static List<LockEvent> updateFirmware(UpdateFirmware c, Situation x) {
        String version = text(c.version(), "firmware version", true);
        String from = x.state().profile().firmwareVersion();
        return version.equals(from) ? List.of() : List.of(new FirmwareUpdated(c.lockId(), c.at(), from, version));
    }

    /** The reported level is the lock's battery level (a critical one denies every entry). */
    static LockState batteryReported(BatteryReported e, LockState s) {
        return s.withBattery(e.percent(), e.level());
    }

    /** The profile names the new firmware. */
    static LockState firmwareUpdated(FirmwareUpdated e, LockState s) {
        return s.withFirmware(e.to());
    }
}
