package dev.access.core.domain;

import dev.access.core.domain.LockCommand.AddCode;
import dev.access.core.domain.LockCommand.ChangeCode;
import dev.access.core.domain.LockCommand.ChangeMode;
import dev.access.core.domain.LockCommand.ClearLockout;
import dev.access.core.domain.LockCommand.CommissionLock;
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
import dev.access.core.domain.LockEvent.BatteryReported;
import dev.access.core.domain.LockEvent.ClockRollbackDetected;
import dev.access.core.domain.LockEvent.ClockSet;
import dev.access.core.domain.LockEvent.CodeAdded;
import dev.access.core.domain.LockEvent.CodeChanged;
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
import dev.access.core.domain.LockEvent.LockoutCleared;
import dev.access.core.domain.LockEvent.LockoutStarted;
import dev.access.core.domain.LockEvent.ModeChanged;
import dev.access.crypto.CodeDigest;
import dev.access.crypto.CredentialTable;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/*
 * Implementation notes.
 *
 * Time: every command carries the time it was stamped with. The state keeps a floor (the latest
 * event time). A command stamped before the floor is evaluated at the floor ("effective time"), so
 * expired codes never revive and lockouts never end early. If it is stamped more than
 * ROLLBACK_TOLERANCE before the floor, a ClockRollbackDetected event is recorded first, which makes
 * the clock untrusted until a SetClock; within the tolerance it is an ordinary concurrent call.
 *
 * Entry precedence (one reason per denial; first match wins):
 *   1. LOCKED_OUT            a timed lockout is in force; nothing is looked up or counted
 *   2. LOCKED_OUT            the keypad is disabled after the daily budget: only the master code
 *                            passes (and clears it); other codes are denied and still count as
 *                            wrong codes, so guessing the master code meets timed lockouts
 *   3. MODE_FORBIDS          privacy mode (every source), no-remote mode (remote source)
 *   4. INSUFFICIENT_BATTERY  the battery is critical
 *   5. MALFORMED             wrong length or non-digits (counts as a wrong code)
 *   6. UNKNOWN_CODE          no slot holds the digest (counts as a wrong code)
 *   7. SUSPENDED, NON_ACCESS, MODE_FORBIDS (remote-only code at the keypad; in vacation mode any
 *      code but the master at the keypad), USE_LIMIT_REACHED, EXPIRED, CLOCK_UNTRUSTED (a
 *      time-bound code while the clock is untrusted), NOT_YET_VALID, OUTSIDE_SCHEDULE.
 * Permanent facts (suspended, used up, expired) come before clock-dependent ones, so an
 * untrusted clock never hides them and never revives a code.
 *
 * Lockout: a wrong code increments the consecutive count and the 24-hour failure list. At the
 * limit a lockout starts at level L (0 after a quiet period since the last lockout ended) for
 * durationAtLevel(L); the count resets and the level rises. When the 24-hour list reaches the
 * budget the keypad is disabled. A grant resets the consecutive count only.
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

    /** The longest model, serial, firmware, name or actor text accepted. */
    public static final int MAX_TEXT = 64;

    private LockDecider() {
    }

    /**
     * The events a command causes in a state; an empty list when it changes nothing (an
     * idempotent repeat).
     *
     * @throws LockCommandRejected when the lock refuses the command; nothing is recorded then
     */
    public static List<LockEvent> decide(LockCommand command, LockState state) {
        List<LockEvent> events = decideAt(command, state, state.effectiveTime(command.at()),
                state.clockTrusted() && !isRollback(command, state));
        if (isRollback(command, state) && state.clockTrusted() && !events.isEmpty()) {
            List<LockEvent> withRollback = new ArrayList<>(events.size() + 1);
            withRollback.add(new ClockRollbackDetected(command.lockId(), command.at(), state.clockFloor()));
            withRollback.addAll(events);
            return List.copyOf(withRollback);
        }
        return events;
    }

    private static boolean isRollback(LockCommand c, LockState s) {
        return !(c instanceof SetClock) && s.clockFloor() != null
                && c.at().isBefore(s.clockFloor().minus(ROLLBACK_TOLERANCE));
    }

    /** The state after all {@code events}, from {@link LockState#initial()}. */
    public static LockState fold(Iterable<? extends LockEvent> events) {
        LockState s = LockState.initial();
        for (LockEvent e : events) {
            s = evolve(s, e);
        }
        return s;
    }

    private static List<LockEvent> decideAt(LockCommand c, LockState s, Instant now, boolean trusted) {
        if (c instanceof CommissionLock) {
            return commission((CommissionLock) c, s);
        }
        if (c instanceof FactoryReset) {
            return factoryReset((FactoryReset) c, s);
        }
        if (c instanceof SetClock) {
            return List.of(new ClockSet(c.lockId(), c.at(), s.clockFloor()));
        }
        requireCommissioned(s, c);
        if (c instanceof EnterCode) {
            EnterCode e = (EnterCode) c;
            requireEpoch(s, e.keyEpoch());
            return Entry.decide(s, c.lockId(), c.at(), now, trusted, e.source(), e.digest(), null);
        }
        if (c instanceof EnterMalformedCode) {
            EnterMalformedCode e = (EnterMalformedCode) c;
            return Entry.decide(s, c.lockId(), c.at(), now, trusted, e.source(), null, e.rule());
        }
        if (c instanceof AddCode) {
            return addCode((AddCode) c, s);
        }
        if (c instanceof ChangeCode) {
            return changeCode((ChangeCode) c, s);
        }
        if (c instanceof SuspendCode) {
            Credential cred = requireUserSlot(s, ((SuspendCode) c).slot(), "suspend");
            return cred.suspended() ? List.of() : List.of(new CodeSuspended(c.lockId(), c.at(), cred.slot()));
        }
        if (c instanceof ResumeCode) {
            Credential cred = requireUserSlot(s, ((ResumeCode) c).slot(), "resume");
            return cred.suspended() ? List.of(new CodeResumed(c.lockId(), c.at(), cred.slot())) : List.of();
        }
        if (c instanceof RemoveCode) {
            Credential cred = requireUserSlot(s, ((RemoveCode) c).slot(), "remove");
            return List.of(new CodeRemoved(c.lockId(), c.at(), cred.slot()));
        }
        if (c instanceof ChangeMode) {
            ChangeMode m = (ChangeMode) c;
            requireNonNull(m.mode(), "mode");
            String by = text(m.by(), "by", false);
            return m.mode() == s.mode() ? List.of()
                    : List.of(new ModeChanged(c.lockId(), c.at(), s.mode(), m.mode(), by));
        }
        if (c instanceof ClearLockout) {
            String by = text(((ClearLockout) c).by(), "by", false);
            LockoutState lo = s.lockout();
            boolean anything = lo.keypadDisabled() || lo.isLockedOutAt(now) || lo.consecutiveFailures() > 0
                    || !lo.recentFailures().isEmpty();
            return anything ? List.of(new LockoutCleared(c.lockId(), c.at(), by)) : List.of();
        }
        if (c instanceof ReportBattery) {
            int p = ((ReportBattery) c).percent();
            if (p < 0 || p > 100) {
                throw invalid("battery percent must be 0..100, was " + p);
            }
            return List.of(new BatteryReported(c.lockId(), c.at(), p, BatteryLevel.of(p)));
        }
        if (c instanceof ReportDeviceEvent) {
            DeviceEventKind kind = ((ReportDeviceEvent) c).kind();
            requireNonNull(kind, "kind");
            return List.of(new DeviceEventReported(c.lockId(), c.at(), kind),
                    new AlarmRaised(c.lockId(), c.at(), kind.alarm(), null));
        }
        if (c instanceof UpdateFirmware) {
            String version = text(((UpdateFirmware) c).version(), "firmware version", true);
            String from = s.profile().firmwareVersion();
            return version.equals(from) ? List.of()
                    : List.of(new FirmwareUpdated(c.lockId(), c.at(), from, version));
        }
        throw new IllegalArgumentException("unknown command " + c.getClass().getName());
    }

    private static List<LockEvent> commission(CommissionLock c, LockState s) {
        if (s.commissioned()) {
            throw new LockCommandRejected(Rejection.ALREADY_COMMISSIONED,
                    "lock " + c.lockId() + " is already commissioned; factory reset it first");
        }
        String model = text(c.model(), "model", true);
        String serial = text(c.serial(), "serial", true);
        String firmware = text(c.firmwareVersion(), "firmware version", true);
        requireNonNull(c.timeZone(), "time zone");
        try {
            ZoneId.of(c.timeZone());
        } catch (DateTimeException e) {
            throw invalid("unknown time zone '" + c.timeZone() + "'");
        }
        requireNonNull(c.pinPolicy(), "PIN policy");
        requireNonNull(c.lockoutPolicy(), "lockout policy");
        requireNonNull(c.masterDigest(), "master code");
        if (c.keyEpoch() < 1 || c.keyEpoch() < s.keyEpoch()) {
            throw new LockCommandRejected(Rejection.STALE_KEY_EPOCH, "key epoch " + c.keyEpoch()
                    + " is older than the lock's epoch " + s.keyEpoch());
        }
        return List.of(
                new LockCommissioned(c.lockId(), c.at(), model, serial, firmware, c.timeZone(), c.pinPolicy(),
                        c.lockoutPolicy(), c.keyEpoch()),
                new CodeAdded(c.lockId(), c.at(), 0, UserType.PROGRAMMING, "master", c.masterDigest(),
                        CodeRules.none()));
    }

    private static List<LockEvent> factoryReset(FactoryReset c, LockState s) {
        if (c.newKeyEpoch() <= s.keyEpoch()) {
            throw new LockCommandRejected(Rejection.STALE_KEY_EPOCH, "new key epoch " + c.newKeyEpoch()
                    + " must be after the lock's epoch " + s.keyEpoch());
        }
        return List.of(new FactoryResetPerformed(c.lockId(), c.at(), s.keyEpoch(), c.newKeyEpoch()),
                new AlarmRaised(c.lockId(), c.at(), AlarmCode.LOCK_FACTORY_RESET, null));
    }

    private static List<LockEvent> addCode(AddCode c, LockState s) {
        requireEpoch(s, c.keyEpoch());
        if (c.slot() == 0) {
            throw new LockCommandRejected(Rejection.MASTER_SLOT,
                    "slot 0 holds the master code; change it instead of adding to it");
        }
        if (c.slot() < 1 || c.slot() > MAX_SLOT) {
            throw invalid("slot must be 1.." + MAX_SLOT + " (slot 0 is the master code), was " + c.slot());
        }
        requireNonNull(c.type(), "user type");
        requireNonNull(c.digest(), "code");
        CodeRules rules = c.rules() == null ? CodeRules.none() : c.rules();
        String name = c.name() == null ? null : text(c.name(), "name", false);
        if (c.type() == UserType.PROGRAMMING) {
            throw new LockCommandRejected(Rejection.MASTER_SLOT,
                    "the master (programming) code is set by commissioning or by changing slot 0");
        }
        if (s.credentials().get(c.slot()) != null) {
            throw new LockCommandRejected(Rejection.SLOT_OCCUPIED,
                    "slot " + c.slot() + " already holds a code; change its PIN or remove it first");
        }
        requireNotDuplicate(s, c.digest(), -1);
        checkTypeRules(c.type(), rules);
        return List.of(new CodeAdded(c.lockId(), c.at(), c.slot(), c.type(), name, c.digest(), rules));
    }

    private static void checkTypeRules(UserType type, CodeRules rules) {
        switch (type) {
            case WEEK_DAY_SCHEDULE:
                if (rules.schedules().isEmpty()) {
                    throw invalid("a WEEK_DAY_SCHEDULE code needs at least one week-day schedule");
                }
                break;
            case YEAR_DAY_SCHEDULE:
                if (rules.validFrom() == null && rules.validUntil() == null) {
                    throw invalid("a YEAR_DAY_SCHEDULE code needs a validity window (from and/or until)");
                }
                break;
            case SCHEDULE_RESTRICTED:
                if (!rules.isTimeBound()) {
                    throw invalid("a SCHEDULE_RESTRICTED code needs a schedule, window or exclusion");
                }
                break;
            case EXPIRING:
                if (rules.expireAfterFirstUse() == null) {
                    throw invalid("an EXPIRING code needs expireAfterFirstUse");
                }
                break;
            default:
                break;
        }
        if (type != UserType.EXPIRING && rules.expireAfterFirstUse() != null) {
            throw invalid("expireAfterFirstUse applies to EXPIRING codes only, not " + type);
        }
        if (type == UserType.DISPOSABLE && rules.maxUses() != null && rules.maxUses() != 1) {
            throw invalid("a DISPOSABLE code opens once; maxUses must be 1 or unset, was " + rules.maxUses());
        }
    }

    private static List<LockEvent> changeCode(ChangeCode c, LockState s) {
        requireEpoch(s, c.keyEpoch());
        requireNonNull(c.digest(), "code");
        Credential cred = s.credentials().get(c.slot());
        if (cred == null) {
            throw new LockCommandRejected(Rejection.UNKNOWN_SLOT, "slot " + c.slot() + " holds no code");
        }
        if (cred.digest().equals(c.digest())) {
            return List.of();
        }
        requireNotDuplicate(s, c.digest(), c.slot());
        return List.of(new CodeChanged(c.lockId(), c.at(), c.slot(), c.digest()));
    }

    private static void requireNotDuplicate(LockState s, CodeDigest digest, int ownSlot) {
        int holder = s.credentials().find(digest);
        if (holder != CredentialTable.NOT_FOUND && holder != ownSlot) {
            throw new LockCommandRejected(Rejection.DUPLICATE, "slot " + holder + " already uses this PIN");
        }
    }

    private static Credential requireUserSlot(LockState s, int slot, String verb) {
        if (slot == 0) {
            throw new LockCommandRejected(Rejection.MASTER_SLOT,
                    "cannot " + verb + " the master code (slot 0); change it instead");
        }
        Credential cred = s.credentials().get(slot);
        if (cred == null) {
            throw new LockCommandRejected(Rejection.UNKNOWN_SLOT, "slot " + slot + " holds no code");
        }
        return cred;
    }

    private static void requireCommissioned(LockState s, LockCommand c) {
        if (!s.commissioned()) {
            throw new LockCommandRejected(Rejection.NOT_COMMISSIONED, "lock " + c.lockId() + " is not commissioned");
        }
    }

    private static void requireEpoch(LockState s, int epoch) {
        if (epoch != s.keyEpoch()) {
            throw new LockCommandRejected(Rejection.STALE_KEY_EPOCH,
                    "the PIN was digested under key epoch " + epoch + ", the lock uses " + s.keyEpoch());
        }
    }

    private static void requireNonNull(Object o, String what) {
        if (o == null) {
            throw invalid(what + " is missing");
        }
    }

    private static String text(String value, String what, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw invalid(what + " is missing");
            }
            return value == null ? null : value.strip();
        }
        if (value.length() > MAX_TEXT) {
            throw invalid(what + " must be at most " + MAX_TEXT + " characters, was " + value.length());
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw invalid(what + " must not contain control characters");
            }
        }
        return value.strip();
    }

    static LockCommandRejected invalid(String message) {
        return new LockCommandRejected(Rejection.INVALID_ARGUMENT, message);
    }

    /**
     * The state after one event. Total: every event type is handled, and an event never throws
     * (the trail is the truth, even if a rule has changed since it was written).
     */
    public static LockState evolve(LockState s, LockEvent e) {
        Instant floor = s.clockFloor() == null || e.at().isAfter(s.clockFloor()) ? e.at() : s.clockFloor();
        LockState n = new LockState(e.lockId(), s.commissioned(), s.profile(), s.keyEpoch(), s.credentials(),
                s.mode(), s.modeSince(), s.modeSetBy(), s.lockout(), s.batteryPercent(), s.batteryLevel(),
                floor, s.clockTrusted(), s.factoryResets());
        if (e instanceof LockCommissioned) {
            LockCommissioned c = (LockCommissioned) e;
            return new LockState(n.lockId(), true, new LockProfile(c.model(), c.serial(), c.firmwareVersion(),
                    c.timeZone(), c.pinPolicy(), c.lockoutPolicy()), c.keyEpoch(), Credentials.EMPTY,
                    OperatingMode.NORMAL, null, null, LockoutState.CLEAR, n.batteryPercent(), n.batteryLevel(),
                    floor, n.clockTrusted(), n.factoryResets());
        }
        if (e instanceof CodeAdded) {
            CodeAdded a = (CodeAdded) e;
            Credential c = new Credential(a.slot(), a.type(), a.name(), a.digest(), a.rules(), false, 0, null,
                    a.at(), null);
            return withCredentials(n, n.credentials().without(a.slot()).with(c));
        }
        if (e instanceof CodeChanged) {
            CodeChanged ch = (CodeChanged) e;
            Credential old = n.credentials().get(ch.slot());
            if (old == null) {
                return n;
            }
            Credential c = new Credential(old.slot(), old.type(), old.name(), ch.digest(), old.rules(),
                    old.suspended(), old.uses(), old.firstUsedAt(), old.addedAt(), ch.at());
            return withCredentials(n, n.credentials().with(c));
        }
        if (e instanceof CodeSuspended || e instanceof CodeResumed) {
            int slot = e instanceof CodeSuspended ? ((CodeSuspended) e).slot() : ((CodeResumed) e).slot();
            Credential old = n.credentials().get(slot);
            if (old == null) {
                return n;
            }
            Credential c = new Credential(old.slot(), old.type(), old.name(), old.digest(), old.rules(),
                    e instanceof CodeSuspended, old.uses(), old.firstUsedAt(), old.addedAt(), old.changedAt());
            return withCredentials(n, n.credentials().with(c));
        }
        if (e instanceof CodeRemoved) {
            return withCredentials(n, n.credentials().without(((CodeRemoved) e).slot()));
        }
        if (e instanceof EntryGranted) {
            EntryGranted g = (EntryGranted) e;
            LockoutState lo = n.lockout();
            LockState m = withLockout(n, new LockoutState(0, lo.level(), lo.lockedOutUntil(), lo.recentFailures(),
                    lo.keypadDisabled(), lo.keypadDisabledAt()));
            Credential old = m.credentials().get(g.slot());
            if (old == null || !old.tracksUsage()) {
                return m;
            }
            Credential c = new Credential(old.slot(), old.type(), old.name(), old.digest(), old.rules(),
                    old.suspended(), g.useCount(), old.firstUsedAt() == null ? g.at() : old.firstUsedAt(),
                    old.addedAt(), old.changedAt());
            return withCredentials(m, m.credentials().with(c));
        }
        if (e instanceof EntryDenied) {
            EntryDenied d = (EntryDenied) e;
            if (!d.wrongCode()) {
                return n;
            }
            LockoutState lo = n.lockout();
            Instant eval = s.effectiveTime(d.at());
            List<Instant> recent = new ArrayList<>(lo.recentFailures().size() + 1);
            for (Instant t : lo.recentFailures()) {
                if (t.isAfter(eval.minus(Duration.ofHours(24)))) {
                    recent.add(t);
                }
            }
            recent.add(eval);
            return withLockout(n, new LockoutState(lo.consecutiveFailures() + 1, lo.level(), lo.lockedOutUntil(),
                    recent, lo.keypadDisabled(), lo.keypadDisabledAt()));
        }
        if (e instanceof LockoutStarted) {
            LockoutStarted l = (LockoutStarted) e;
            LockoutState lo = n.lockout();
            return withLockout(n, new LockoutState(0, l.level() + 1, l.until(), lo.recentFailures(),
                    lo.keypadDisabled(), lo.keypadDisabledAt()));
        }
        if (e instanceof KeypadDisabled) {
            LockoutState lo = n.lockout();
            return withLockout(n, new LockoutState(lo.consecutiveFailures(), lo.level(), lo.lockedOutUntil(),
                    lo.recentFailures(), true, e.at()));
        }
        if (e instanceof LockoutCleared) {
            LockoutState lo = n.lockout();
            Instant until = lo.lockedOutUntil() != null && lo.lockedOutUntil().isAfter(e.at()) ? e.at()
                    : lo.lockedOutUntil();
            return withLockout(n, new LockoutState(0, lo.level(), until, List.of(), false, null));
        }
        if (e instanceof ModeChanged) {
            ModeChanged m = (ModeChanged) e;
            return new LockState(n.lockId(), n.commissioned(), n.profile(), n.keyEpoch(), n.credentials(), m.to(),
                    m.at(), m.by(), n.lockout(), n.batteryPercent(), n.batteryLevel(), floor, n.clockTrusted(),
                    n.factoryResets());
        }
        if (e instanceof BatteryReported) {
            BatteryReported b = (BatteryReported) e;
            return new LockState(n.lockId(), n.commissioned(), n.profile(), n.keyEpoch(), n.credentials(), n.mode(),
                    n.modeSince(), n.modeSetBy(), n.lockout(), b.percent(), b.level(), floor, n.clockTrusted(),
                    n.factoryResets());
        }
        if (e instanceof FirmwareUpdated) {
            LockProfile p = n.profile() == null ? null : n.profile().withFirmware(((FirmwareUpdated) e).to());
            return new LockState(n.lockId(), n.commissioned(), p, n.keyEpoch(), n.credentials(), n.mode(),
                    n.modeSince(), n.modeSetBy(), n.lockout(), n.batteryPercent(), n.batteryLevel(), floor,
                    n.clockTrusted(), n.factoryResets());
        }
        if (e instanceof ClockRollbackDetected) {
            return withClock(n, floor, false);
        }
        if (e instanceof ClockSet) {
            return withClock(n, e.at(), true);
        }
        if (e instanceof FactoryResetPerformed) {
            FactoryResetPerformed r = (FactoryResetPerformed) e;
            return new LockState(n.lockId(), false, null, r.newKeyEpoch(), Credentials.EMPTY, OperatingMode.NORMAL,
                    null, null, LockoutState.CLEAR, n.batteryPercent(), n.batteryLevel(), floor, n.clockTrusted(),
                    n.factoryResets() + 1);
        }
        // AlarmRaised, DeviceEventReported: recorded for the trail; they change no decision.
        return n;
    }

    private static LockState withCredentials(LockState n, Credentials c) {
        return new LockState(n.lockId(), n.commissioned(), n.profile(), n.keyEpoch(), c, n.mode(), n.modeSince(),
                n.modeSetBy(), n.lockout(), n.batteryPercent(), n.batteryLevel(), n.clockFloor(), n.clockTrusted(),
                n.factoryResets());
    }

    private static LockState withLockout(LockState n, LockoutState lo) {
        return new LockState(n.lockId(), n.commissioned(), n.profile(), n.keyEpoch(), n.credentials(), n.mode(),
                n.modeSince(), n.modeSetBy(), lo, n.batteryPercent(), n.batteryLevel(), n.clockFloor(),
                n.clockTrusted(), n.factoryResets());
    }

    private static LockState withClock(LockState n, Instant floor, boolean trusted) {
        return new LockState(n.lockId(), n.commissioned(), n.profile(), n.keyEpoch(), n.credentials(), n.mode(),
                n.modeSince(), n.modeSetBy(), n.lockout(), n.batteryPercent(), n.batteryLevel(), floor, trusted,
                n.factoryResets());
    }
}
