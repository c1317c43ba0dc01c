package dev.access.core.domain;

import dev.access.core.domain.HandlerTable.Handler;
import dev.access.core.domain.LockCommand.AddCode;
import dev.access.core.domain.LockCommand.ApplyBatch;
import dev.access.core.domain.LockCommand.ChangeCode;
import dev.access.core.domain.LockCommand.CheckCode;
import dev.access.core.domain.LockCommand.ChangeMode;
import dev.access.core.domain.LockCommand.ClearLockout;
import dev.access.core.domain.LockCommand.CommissionLock;
import dev.access.core.domain.LockCommand.EnrollLock;
import dev.access.core.domain.LockCommand.EnterCode;
import dev.access.core.domain.LockCommand.EnterMalformedCode;
import dev.access.core.domain.LockCommand.FactoryReset;
import dev.access.core.domain.LockCommand.RemoveCode;
import dev.access.core.domain.LockCommand.ReportBattery;
import dev.access.core.domain.LockCommand.ReportDeviceEvent;
import dev.access.core.domain.LockCommand.ResumeCode;
import dev.access.core.domain.LockCommand.SetClock;
import dev.access.core.domain.LockCommand.SuspendCode;
import dev.access.core.domain.LockCommand.UpdateFirmware;
import dev.access.core.domain.LockEvent.AlarmRaised;
import dev.access.core.domain.LockEvent.BatchApplied;
import dev.access.core.domain.LockEvent.BatteryReported;
import dev.access.core.domain.LockEvent.ClockFaultDetected;
import dev.access.core.domain.LockEvent.ClockRollbackDetected;
import dev.access.core.domain.LockEvent.ClockSet;
import dev.access.core.domain.LockEvent.CodeAdded;
import dev.access.core.domain.LockEvent.CodeChanged;
import dev.access.core.domain.LockEvent.CodeChecked;
import dev.access.core.domain.LockEvent.CodeRemoved;
import dev.access.core.domain.LockEvent.CodeResumed;
import dev.access.core.domain.LockEvent.CodeSuspended;
import dev.access.core.domain.LockEvent.DeviceEventReported;
import dev.access.core.domain.LockEvent.EntryDenied;
import dev.access.core.domain.LockEvent.EntryGranted;
import dev.access.core.domain.LockEvent.FactoryResetPerformed;
import dev.access.core.domain.LockEvent.FirmwareUpdated;
import dev.access.core.domain.LockEvent.KeypadDisabled;
import dev.access.core.domain.LockEvent.LockCommissioned;
import dev.access.core.domain.LockEvent.LockEnrolled;
import dev.access.core.domain.LockEvent.LockoutCleared;
import dev.access.core.domain.LockEvent.LockoutStarted;
import dev.access.core.domain.LockEvent.ModeChanged;
import java.util.List;

/*
 * Implementation notes.
 *
 * Layout: decide and evolve are dispatch tables, one line per command and per event type; the
 * rules are in small handler classes, each deciding a group of related commands and folding the
 * events they cause: Commissioning (commissioning, factory reset), CodeManagement (the codes in
 * the slots), Entry (entry attempts; its notes give the denial precedence), Lockouts (the keypad's
 * defence; its notes give the lockout rules), Modes, Devices (battery, device events, firmware),
 * ClockRules (its notes give the time rules: the floor, the effective time, rollbacks) and
 * Enrollments (the backend the lock belongs to).
 * HandlerTable refuses to be built without a handler for every permitted command and event type,
 * so a new type without one fails loudly the first time the decider is used.
 *
 * Only CommissionLock, FactoryReset and SetClock are accepted before commissioning. A command
 * stamped more than ROLLBACK_TOLERANCE before the clock floor is judged at the floor with the
 * clock untrusted, and, if it causes anything while the clock was trusted, a ClockRollbackDetected
 * event comes first.
 *
 * Clock faults: a lock's clock is trusted to report only instants from EARLIEST_TIME (1970-01-01,
 * what a reset Unix RTC reads) to LATEST_TIME (the end of 9999, the last ISO-8601 four-digit year).
 * Anything else is not a time but a fault: a signed 32-bit RTC wrapped past 2038 reads 1901, a
 * corrupt or forged 64-bit counter anything up to Instant.MAX, where adding a lockout's 60 seconds
 * overflows. A command stamped outside that range is judged and recorded at the clock floor with
 * the clock untrusted (its events stamped at the floor, never at the faulty time), and, if it
 * causes anything while the clock was trusted, a ClockFaultDetected event naming the reported time
 * comes first; so every attempt is recorded and counted whatever the clock says. A lock with no
 * floor yet (nothing recorded) refuses such a command, and SetClock always does: trusted time out
 * of range is a bad argument (INVALID_ARGUMENT naming it). Within the range, instant arithmetic on
 * the entry path still saturates (Instants), and so does replaying a trail that holds any instant.
 *
 * evolve first names the lock and moves the floor up to the event's time, then applies the event's
 * own step; AlarmRaised, DeviceEventReported and CodeChecked are recorded for the trail and change
 * nothing else.
 */
/** The lock as a pure decider: {@code decide(command, state) -> events}, {@code evolve(state, event)}. */
public final class LockDecider {
    /** The highest user slot. Slot 0 is the master code. */
    public static final int MAX_SLOT = 65_535;
    /**
     * How far before the clock floor a command may be stamped without counting as a clock
     * rollback: calls on one lock are stamped before they queue for it (and retried after a
     * conflict), and backend nodes' clocks differ slightly, so a small step back is ordinary. Such a
     * command is evaluated at the floor; only a larger step back marks the clock untrusted.
     */
    public static final java.time.Duration ROLLBACK_TOLERANCE = java.time.Duration.ofSeconds(30);

    /** The earliest time a lock's clock is trusted to report: the Unix epoch (see the notes above). */
    public static final java.time.Instant EARLIEST_TIME = java.time.Instant.EPOCH;

    /** The latest time a lock's clock is trusted to report: the last second of the year 9999. */
    public static final java.time.Instant LATEST_TIME = java.time.Instant.parse("9999-12-31T23:59:59Z");

    /** The longest model, serial, firmware, name or actor text accepted. */
    public static final int MAX_TEXT = 64;

    /**
     * {@code value} as the lock keeps a text field: stripped, at most {@link #MAX_TEXT} characters and
     * without control characters (null stays null).
     *
     * @throws LockCommandRejected INVALID_ARGUMENT naming {@code what} otherwise
     */
    public static String cleanText(String value, String what) {
        return Checks.text(value, what, false);
    }

    /** Each command's handler. */
    static final HandlerTable<LockCommand, Situation, List<LockEvent>> COMMANDS =
            HandlerTable.<LockCommand, Situation, List<LockEvent>>over(LockCommand.class)
                    .on(CommissionLock.class, Commissioning::commission)
                    .on(FactoryReset.class, Commissioning::factoryReset)
                    .on(SetClock.class, ClockRules::set)
                    .on(EnterCode.class, commissioned(Entry::enter))
                    .on(EnterMalformedCode.class, commissioned(Entry::enterMalformed))
                    .on(CheckCode.class, commissioned(Entry::check))
                    .on(AddCode.class, commissioned(CodeManagement::add))
                    .on(ChangeCode.class, commissioned(CodeManagement::change))
                    .on(SuspendCode.class, commissioned(CodeManagement::suspend))
                    .on(ResumeCode.class, commissioned(CodeManagement::resume))
                    .on(RemoveCode.class, commissioned(CodeManagement::remove))
                    .on(ChangeMode.class, commissioned(Modes::change))
                    .on(ClearLockout.class, commissioned(Lockouts::clear))
                    .on(ReportBattery.class, commissioned(Devices::reportBattery))
                    .on(ReportDeviceEvent.class, commissioned(Devices::reportDeviceEvent))
                    .on(UpdateFirmware.class, commissioned(Devices::updateFirmware))
                    .on(EnrollLock.class, commissioned(Enrollments::enroll))
                    .on(ApplyBatch.class, commissioned(Batches::apply))
                    .on(LockCommand.EnterOfflineCode.class, commissioned(Entry::enterOffline))
                    .on(LockCommand.CheckOfflineCode.class, commissioned(Entry::checkOffline))
                    .on(LockCommand.RevokeOfflineCode.class, commissioned(OfflineCodeRules::revoke))
                    .on(LockCommand.RevokeAllOfflineCodes.class, commissioned(OfflineCodeRules::revokeAll))
                    .on(LockCommand.RecordOfflineKeyExport.class, commissioned(OfflineCodeRules::recordExport))
                    .on(LockCommand.EraseSubject.class, (c, x) -> {
                        if (!dev.access.crypto.PersonalData.isSubjectId(c.subject())) {
                            throw Checks.invalid("a subject id is 22 base64url characters");
                        }
                        return List.of(new LockEvent.SubjectErased(c.lockId(), c.at(), c.subject(), Checks.actor(c.actor())));
                    })
                    .build();

    /** Each event type's step, applied after the lock is named and the floor moved. */
    static final HandlerTable<LockEvent, LockState, LockState> EVENTS =
            HandlerTable.<LockEvent, LockState, LockState>over(LockEvent.class)
                    .on(LockCommissioned.class, Commissioning::commissioned)
                    .on(FactoryResetPerformed.class, Commissioning::reset)
                    .on(CodeAdded.class, (e, s) -> CodeManagement.added(e, s)
                            .withProgramming(s.programming().withSlot(e.slot(), false)))
                    .on(CodeChanged.class, CodeManagement::changed)
                    .on(CodeSuspended.class, CodeManagement::suspended)
                    .on(CodeResumed.class, CodeManagement::resumed)
                    .on(CodeRemoved.class, (e, s) -> CodeManagement.removed(e, s)
                            .withProgramming(s.programming().withSlot(e.slot(), false)))
                    .on(EntryGranted.class, Entry::granted)
                    .on(EntryDenied.class, Entry::denied)
                    .on(CodeChecked.class, LockDecider::recordedOnly)
                    .on(LockoutStarted.class, Lockouts::started)
                    .on(KeypadDisabled.class, Lockouts::keypadDisabled)
                    .on(LockoutCleared.class, Lockouts::cleared)
                    .on(ModeChanged.class, Modes::changed)
                    .on(BatteryReported.class, Devices::batteryReported)
                    .on(FirmwareUpdated.class, Devices::firmwareUpdated)
                    .on(ClockRollbackDetected.class, ClockRules::rollbackDetected)
                    .on(ClockFaultDetected.class, ClockRules::faultDetected)
                    .on(ClockSet.class, ClockRules::clockSet)
                    .on(AlarmRaised.class, LockDecider::recordedOnly)
                    .on(DeviceEventReported.class, LockDecider::recordedOnly)
                    .on(LockEnrolled.class, Enrollments::enrolled)
                    .on(BatchApplied.class, Batches::applied)
                    .on(LockEvent.OfflineCodeRevoked.class, OfflineCodeRules::revoked)
                    .on(LockEvent.AllOfflineCodesRevoked.class, OfflineCodeRules::allRevoked)
                    .on(LockEvent.OfflineKeyExported.class, LockDecider::recordedOnly)
                    .on(LockEvent.SubjectErased.class, LockDecider::recordedOnly)
                    .build();

    private LockDecider() {
    }

    /**
     * The events a command causes in a state; an empty list when it changes nothing (an
     * idempotent repeat).
     *
     * @throws LockCommandRejected when the lock refuses the command; nothing is recorded then
     */
    public static List<LockEvent> decide(LockCommand command, LockState state) {
        if (!Instants.isPlausible(command.at())) {
            return ClockRules.afterFault(command, state);
        }
        boolean rollback = ClockRules.isRollback(command, state);
        Situation situation = new Situation(state, state.effectiveTime(command.at()),
                state.clockTrusted() && !rollback);
        List<LockEvent> events = COMMANDS.handle(command, situation);
        return rollback && state.clockTrusted() && !events.isEmpty()
                ? ClockRules.afterRollback(command, state, events) : events;
    }

    /** The state after all {@code events}, from {@link LockState#initial()}. */
    public static LockState fold(Iterable<? extends LockEvent> events) {
        LockState s = LockState.initial();
        for (LockEvent e : events) {
            s = evolve(s, e);
        }
        return s;
    }

    /**
     * The state after one event. Total: every event type has its step (the table is not built
     * otherwise), and an event never throws (the trail is the truth, even if a rule has changed
     * since it was written).
     */
    public static LockState evolve(LockState s, LockEvent e) {
        return EVENTS.handle(e, s.withEventAt(e.lockId(), e.at()));
    }

    /** The events of a command judged at {@code now}, trusted or not (the clock rules have decided which). */
    static List<LockEvent> handle(LockCommand command, LockState state, java.time.Instant now, boolean trusted) {
        return COMMANDS.handle(command, new Situation(state, now, trusted));
    }

    /** {@code handler}, for a commissioned lock only. */
    private static <C extends LockCommand> Handler<C, Situation, List<LockEvent>> commissioned(
            Handler<C, Situation, List<LockEvent>> handler) {
        return (c, x) -> {
            Checks.requireCommissioned(x.state(), c);
            return handler.handle(c, x);
        };
    }

    /** An event kept for the trail only: it changes no decision. */
    private static LockState recordedOnly(LockEvent e, LockState s) {
        return s;
    }
}
