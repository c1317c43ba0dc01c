package dev.access.core.audit;

import static dev.access.core.audit.DiagnosisRun.seqs;

import dev.access.core.audit.Finding.Code;
import dev.access.core.audit.FindingDetail.Battery;
import dev.access.core.audit.FindingDetail.ClockUntrusted;
import dev.access.core.audit.FindingDetail.FactoryReset;
import dev.access.core.audit.FindingDetail.FirmwareChanged;
import dev.access.core.audit.FindingDetail.Jammed;
import dev.access.core.audit.FindingDetail.KeypadDisabled;
import dev.access.core.audit.FindingDetail.LockedOut;
import dev.access.core.audit.FindingDetail.ModeOn;
import dev.access.core.audit.FindingDetail.NotCommissioned;
import dev.access.core.audit.FindingDetail.NothingFound;
import dev.access.core.domain.BatteryLevel;
import dev.access.core.domain.DeviceEventKind;
import dev.access.core.domain.LockEvent;
import dev.access.core.domain.Instants;
import dev.access.core.domain.LockEvent.ClockFaultDetected;
import dev.access.core.domain.LockEvent.ClockRollbackDetected;
import dev.access.core.domain.LockEvent.DeviceEventReported;
import dev.access.core.domain.LockEvent.FactoryResetPerformed;
import dev.access.core.domain.LockEvent.FirmwareUpdated;
import dev.access.core.domain.LockEvent.LockCommissioned;
import dev.access.core.domain.LockEvent.LockoutStarted;
import dev.access.core.domain.LockEvent.ModeChanged;
import dev.access.core.domain.LockState;
import dev.access.core.domain.OperatingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules about the whole lock: what stops every entry (commissioning, lockout, disabled keypad,
 * mode, critical battery) and the background (clock, low battery, jams, firmware, resets).
 */
final class LockChecks {
    private LockChecks() {
    }

    /** The lock is not commissioned: never, or not again since a factory reset. */
    static void notCommissioned(DiagnosisRun r) {
        SequencedEvent reset = r.last(FactoryResetPerformed.class, e -> true);
        if (reset == null) {
            r.add(new NotCommissioned(), null, null, List.of());
            return;
        }
        r.add(new FactoryReset(false, null, r.by(reset)), reset.event().at(), null, List.of(reset.sequence()));
    }

    /** What stops every entry of a commissioned lock, as the decider checks it. */
    static void stopsEveryEntry(DiagnosisRun r) {
        LockState s = r.s;
        if (s.lockout().isLockedOutAt(r.now)) {
            SequencedEvent ls = r.last(LockoutStarted.class, e -> true);
            List<Long> ev = new ArrayList<>();
            Integer failures = null;
            Instant since = null;
            if (ls != null) {
                LockoutStarted l = (LockoutStarted) ls.event();
                since = l.at();
                failures = l.failures();
                ev.addAll(r.wrongCodesBefore(ls, l.failures()));
                ev.add(ls.sequence());
            }
            r.add(new LockedOut(failures), since, s.lockout().lockedOutUntil(), ev);
        }
        if (s.lockout().keypadDisabled()) {
            SequencedEvent kd = r.last(LockEvent.KeypadDisabled.class, e -> true);
            List<Long> ev = new ArrayList<>();
            Integer failures = null;
            if (kd != null) {
                failures = ((LockEvent.KeypadDisabled) kd.event()).failuresInLastDay();
                ev.addAll(r.wrongCodesBefore(kd, Diagnosis.MAX_EVIDENCE));
                ev.add(kd.sequence());
            }
            r.add(new KeypadDisabled(failures, s.profile().lockoutPolicy().dailyFailureBudget()),
                    s.lockout().keypadDisabledAt(), null, ev);
        }
        OperatingMode mode = s.mode();
        if (mode == OperatingMode.PRIVACY || mode == OperatingMode.VACATION || mode == OperatingMode.NO_REMOTE) {
            SequencedEvent mc = r.last(ModeChanged.class, e -> true);
            r.add(new ModeOn(mode, Replay.modeSetBy(r.lock, s, r.prefix, r.names)), s.modeSince(), null,
                    mc == null ? List.of() : List.of(mc.sequence()));
        }
        if (s.batteryLevel() == BatteryLevel.CRITICAL) {
            battery(r, BatteryLevel.CRITICAL);
        }
    }

    /** The background: clock, low battery, recent jams and firmware updates, an earlier factory reset. */
    static void background(DiagnosisRun r, boolean commissioned) {
        LockState s = r.s;
        if (!s.clockTrusted()) {
            SequencedEvent rb = r.last(ClockRollbackDetected.class, e -> true);
            SequencedEvent fault = r.last(ClockFaultDetected.class, e -> true);
            if (fault != null && (rb == null || fault.sequence() > rb.sequence())) {
                r.add(new ClockUntrusted(null, r.timeBoundSlot), fault.event().at(), null, List.of(fault.sequence()));
            } else {
                ClockRollbackDetected back = rb == null ? null : (ClockRollbackDetected) rb.event();
                r.add(new ClockUntrusted(back == null ? null : back.floor(), r.timeBoundSlot),
                        back == null ? null : back.at(), null, rb == null ? List.of() : List.of(rb.sequence()));
            }
        }
        if (commissioned && s.batteryLevel() == BatteryLevel.LOW) {
            battery(r, BatteryLevel.LOW);
        }
        Instant horizon = Instants.minus(r.now, Diagnosis.LOOKBACK);
        List<SequencedEvent> jams = r.all(DeviceEventReported.class,
                e -> ((DeviceEventReported) e).kind() == DeviceEventKind.JAMMED && !e.at().isBefore(horizon), null);
        if (!jams.isEmpty()) {
            r.add(new Jammed(jams.size(), Diagnosis.LOOKBACK, jams.get(jams.size() - 1).event().at()),
                    jams.get(0).event().at(), null, seqs(jams));
        }
        List<SequencedEvent> fw = r.all(FirmwareUpdated.class, e -> !e.at().isBefore(horizon), null);
        if (!fw.isEmpty()) {
            FirmwareUpdated f = (FirmwareUpdated) fw.get(fw.size() - 1).event();
            r.add(new FirmwareChanged(f.from(), f.to(), fw.size(), Diagnosis.LOOKBACK), f.at(), null, seqs(fw));
        }
        if (commissioned && !r.found(Code.FACTORY_RESET)) {
            SequencedEvent reset = r.last(FactoryResetPerformed.class, e -> true);
            if (reset != null) {
                SequencedEvent again = r.last(LockCommissioned.class, e -> true);
                List<Long> ev = new ArrayList<>(List.of(reset.sequence()));
                if (again != null && again.sequence() > reset.sequence()) {
                    ev.add(again.sequence());
                }
                r.add(new FactoryReset(true, again == null ? null : again.event().at(), r.by(reset)), reset.event().at(),
                        null, ev);
            }
        }
    }

    /** Nothing stops the keypad: said only when nothing else was found. */
    static void nothingFound(DiagnosisRun r) {
        r.add(new NothingFound(r.s.mode(), r.s.batteryPercent()), null, null, List.of());
    }

    private static void battery(DiagnosisRun r, BatteryLevel level) {
        List<SequencedEvent> run = r.batteryRun(level);
        r.add(new Battery(level, r.s.batteryPercent()), run.isEmpty() ? null : run.get(0).event().at(), null, seqs(run));
    }
}
