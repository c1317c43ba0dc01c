package dev.access.core.audit;

import dev.access.core.AccessControl;
import dev.access.core.audit.Finding.Code;
import dev.access.core.domain.BatteryLevel;
import dev.access.core.domain.CodeRules;
import dev.access.core.domain.Credential;
import dev.access.core.domain.DenialReason;
import dev.access.core.domain.DeviceEventKind;
import dev.access.core.domain.EntrySource;
import dev.access.core.domain.LockDecider;
import dev.access.core.domain.LockEvent;
import dev.access.core.domain.LockEvent.BatteryReported;
import dev.access.core.domain.LockEvent.ClockRollbackDetected;
import dev.access.core.domain.LockEvent.CodeAdded;
import dev.access.core.domain.LockEvent.CodeChanged;
import dev.access.core.domain.LockEvent.CodeRemoved;
import dev.access.core.domain.LockEvent.CodeSuspended;
import dev.access.core.domain.LockEvent.DeviceEventReported;
import dev.access.core.domain.LockEvent.EntryDenied;
import dev.access.core.domain.LockEvent.EntryGranted;
import dev.access.core.domain.LockEvent.FactoryResetPerformed;
import dev.access.core.domain.LockEvent.FirmwareUpdated;
import dev.access.core.domain.LockEvent.KeypadDisabled;
import dev.access.core.domain.LockEvent.LockCommissioned;
import dev.access.core.domain.LockEvent.LockoutStarted;
import dev.access.core.domain.LockEvent.ModeChanged;
import dev.access.core.domain.LockId;
import dev.access.core.domain.LockState;
import dev.access.core.domain.OperatingMode;
import dev.access.core.domain.TimeWindow;
import dev.access.core.domain.UserType;
import dev.access.core.domain.WeekDaySchedule;
import dev.access.crypto.CodeDigest;
import dev.access.crypto.CodeFingerprint;
import dev.access.crypto.PinPolicy;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Predicate;

/*
 * Implementation notes.
 *
 * Everything is read from the trail's prefix up to the question's instant (Replay.prefix) and the
 * state folded from it; the code's own verdict is the decider's (Replay.ownVerdict), so a finding
 * never contradicts what the lock would do.
 *
 * A typed PIN arrives as its digest under the lock's current key (the caller digests it; this class
 * never sees digits). The trail holds either digests (AccessControl.events) or, in audit form (an
 * export, AccessControl.trail), their commitments decoded as digests; the typed digest is compared
 * both ways, in constant time, against every CodeAdded and CodeChanged, removed and replaced codes
 * included. Codes set before a factory reset were digested under a destroyed key and can never
 * match: that is crypto-shredding, and the UNKNOWN_CODE finding says so.
 *
 * Order of the findings: what stops every entry first (as the decider checks: lockout, disabled
 * keypad, mode, battery), then what is wrong with the code, then the background (clock, low
 * battery, jams, firmware, resets); CODE_OK or NOTHING_FOUND when nothing stops the code.
 */
/**
 * "Why does my code not work?": the troubleshooting checklist answered from a lock's trail, for the
 * lock and optionally one code (a slot, or the digest of a typed PIN), at an instant.
 *
 * <p>Guarantees: findings name slots, names, times and sequence numbers, never a PIN, digest or
 * commitment; a typed code's digest is only compared, in constant time, and never kept or
 * written.
 */
public final class Diagnosis {
    /** Jams and firmware updates older than this before the instant are not reported. */
    public static final Duration LOOKBACK = Duration.ofDays(30);
    /** Evidence lists name at most this many events of one kind (the latest). */
    public static final int MAX_EVIDENCE = 10;

    private Diagnosis() {
    }

    /**
     * What to diagnose: an instant, and optionally a slot, the digest of a typed PIN (under the
     * lock's current key) and the typed length.
     *
     * <p>Guarantees: not a record, so its {@code toString} is redacted and never shows the digest.
     */
    public static final class Question {
        private final Instant at;
        private final Integer slot;
        private final CodeDigest typedCode;
        private final Integer typedLength;

        private Question(Instant at, Integer slot, CodeDigest typedCode, Integer typedLength) {
            this.at = Objects.requireNonNull(at, "at");
            this.slot = slot;
            this.typedCode = typedCode;
            this.typedLength = typedLength;
        }

        /** The lock at {@code at}, no particular code. */
        public static Question at(Instant at) {
            return new Question(at, null, null, null);
        }

        /**
         * This question about the code in {@code slot}.
         *
         * @throws IllegalArgumentException if the slot is outside 0..65535
         */
        public Question slot(int s) {
            if (s < 0 || s > LockDecider.MAX_SLOT) {
                throw new IllegalArgumentException("slot must be 0.." + LockDecider.MAX_SLOT + ", was " + s);
            }
            return new Question(at, s, typedCode, typedLength);
        }

        /** This question about the code whose PIN digests to {@code digest} under the lock's current key. */
        public Question typedCode(CodeDigest digest) {
            return new Question(at, slot, Objects.requireNonNull(digest, "digest"), typedLength);
        }

        /**
         * This question with the number of digits typed.
         *
         * @throws IllegalArgumentException if negative
         */
        public Question typedLength(int digits) {
            if (digits < 0) {
                throw new IllegalArgumentException("typed length must be >= 0, was " + digits);
            }
            return new Question(at, slot, typedCode, digits);
        }

        /** The instant. */
        public Instant instant() {
            return at;
        }

        /** The slot asked about, or null. */
        public Integer slotAsked() {
            return slot;
        }

        /** Whether a typed code's digest was given. */
        public boolean hasTypedCode() {
            return typedCode != null;
        }

        /** The typed length, or null. */
        public Integer typedLengthAsked() {
            return typedLength;
        }

        /** Redacted: never shows the digest. */
        @Override
        public String toString() {
            return "Question[at=" + at + ", slot=" + slot + ", typedCode=" + (typedCode == null ? "none" : "given")
                    + ", typedLength=" + typedLength + "]";
        }
    }

    /** Diagnoses a lock of {@code access} from its trail (with real sequence numbers). */
    public static List<Finding> diagnose(AccessControl access, LockId lock, Question q) {
        return diagnose(LockHistory.of(access, lock), q);
    }

    /** Diagnoses a lock from its history. */
    public static List<Finding> diagnose(LockHistory history, Question q) {
        return new Run(history, q).run();
    }

    /** One diagnosis. */
    private static final class Run {
        private final Question q;
        private final List<SequencedEvent> prefix;
        private final LockState s;
        private final Instant now;
        private final ZoneId zone;
        private final DateTimeFormatter fmt;
        private final List<Finding> out = new ArrayList<>();
        private boolean timeBoundRefused;
        private Integer timeBoundSlot;

        Run(LockHistory history, Question q) {
            this.q = q;
            this.prefix = Replay.prefix(history, q.at);
            LockState st = LockState.initial();
            for (SequencedEvent e : prefix) {
                st = LockDecider.evolve(st, e.event());
            }
            this.s = st;
            this.now = st.effectiveTime(q.at);
            SequencedEvent commissioned = last(LockCommissioned.class, e -> true);
            ZoneId z = ZoneId.of("UTC");
            if (commissioned != null) {
                try {
                    z = ZoneId.of(((LockCommissioned) commissioned.event()).timeZone());
                } catch (RuntimeException e) {
                    z = ZoneId.of("UTC");
                }
            }
            this.zone = z;
            this.fmt = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm:ss xxx", Locale.ROOT).withZone(z);
        }

        List<Finding> run() {
            boolean commissioned = s.commissioned();
            if (!commissioned) {
                notCommissioned();
            } else {
                lockWide();
            }
            if (commissioned) {
                code();
            }
            background(commissioned);
            if (commissioned && out.isEmpty()) {
                add(Code.NOTHING_FOUND, "nothing in the trail up to " + t(now) + " stops the keypad: no lockout, "
                        + "the mode is " + s.mode() + ", the battery is " + (s.batteryPercent() == null ? "not reported"
                        : s.batteryPercent() + " %") + ", the clock is trusted", null, null, List.of(),
                        "ask which code fails and diagnose it (slot or typed code)");
            }
            return List.copyOf(out);
        }

        private void notCommissioned() {
            SequencedEvent reset = last(FactoryResetPerformed.class, e -> true);
            if (reset == null) {
                add(Code.NOT_COMMISSIONED, "the lock was not commissioned up to " + t(now) + "; no code can open it",
                        null, null, List.of(), "commission the lock, then add the codes");
                return;
            }
            add(Code.FACTORY_RESET, "a factory reset on " + t(reset.event().at()) + " erased every code and setting,"
                    + " and the lock has not been commissioned again: no code can open it", reset.event().at(), null,
                    List.of(reset.sequence()), "commission again, then re-add the codes");
        }

        private void lockWide() {
            if (s.lockout().isLockedOutAt(now)) {
                SequencedEvent ls = last(LockoutStarted.class, e -> true);
                List<Long> ev = new ArrayList<>();
                String why = "";
                Instant since = null;
                if (ls != null) {
                    LockoutStarted l = (LockoutStarted) ls.event();
                    since = l.at();
                    why = " after " + l.failures() + " wrong codes in a row";
                    ev.addAll(wrongCodesBefore(ls, l.failures()));
                    ev.add(ls.sequence());
                }
                Instant until = s.lockout().lockedOutUntil();
                add(Code.LOCKED_OUT, "the keypad is locked out" + why + (since == null ? "" : ", since " + t(since))
                        + ", until " + t(until) + "; meanwhile every keypad entry is refused, the master code's too",
                        since, until, ev, "wait until " + t(until) + ", or ask the administrator to clear the lockout remotely");
            }
            if (s.lockout().keypadDisabled()) {
                SequencedEvent kd = last(KeypadDisabled.class, e -> true);
                List<Long> ev = new ArrayList<>();
                String count = "";
                if (kd != null) {
                    int n = ((KeypadDisabled) kd.event()).failuresInLastDay();
                    count = ": " + n + " wrong codes within 24 hours spent the daily budget of "
                            + s.profile().lockoutPolicy().dailyFailureBudget();
                    ev.addAll(wrongCodesBefore(kd, MAX_EVIDENCE));
                    ev.add(kd.sequence());
                }
                add(Code.KEYPAD_DISABLED, "the keypad is disabled since " + t(s.lockout().keypadDisabledAt()) + count
                        + "; only the master code opens it again", s.lockout().keypadDisabledAt(), null, ev,
                        "enter the master code at the keypad, or ask the administrator to clear the lockout remotely");
            }
            OperatingMode mode = s.mode();
            if (mode == OperatingMode.PRIVACY || mode == OperatingMode.VACATION || mode == OperatingMode.NO_REMOTE) {
                SequencedEvent mc = last(ModeChanged.class, e -> true);
                String by = s.modeSetBy() == null ? "" : " by '" + s.modeSetBy() + "'";
                String since = s.modeSince() == null ? "" : " since " + t(s.modeSince());
                List<Long> ev = mc == null ? List.of() : List.of(mc.sequence());
                String who = s.modeSetBy() == null ? "the administrator" : "'" + s.modeSetBy() + "' (or the administrator)";
                if (mode == OperatingMode.PRIVACY) {
                    add(Code.PRIVACY_MODE, "privacy mode is on" + since + ", set" + by + ": every keypad and remote "
                            + "entry is refused", s.modeSince(), null, ev,
                            "switch privacy mode off from inside, or ask " + who + " to set the normal mode");
                } else if (mode == OperatingMode.VACATION) {
                    add(Code.VACATION_MODE, "vacation mode is on" + since + ", set" + by + ": the keypad opens only for "
                            + "the master code (remote entry still works)", s.modeSince(), null, ev,
                            "ask " + who + " to set the normal mode, or open remotely");
                } else {
                    add(Code.NO_REMOTE_MODE, "no-remote mode is on" + since + ", set" + by + ": remote entries are "
                            + "refused (the keypad works)", s.modeSince(), null, ev,
                            "use the keypad, or ask " + who + " to set the normal mode");
                }
            }
            if (s.batteryLevel() == BatteryLevel.CRITICAL) {
                List<SequencedEvent> run = batteryRun(BatteryLevel.CRITICAL);
                Instant since = run.isEmpty() ? null : run.get(0).event().at();
                add(Code.BATTERY_CRITICAL, "the battery is critical (" + s.batteryPercent() + " %)"
                        + (since == null ? "" : " since " + t(since)) + ": the lock refuses every entry, it cannot "
                        + "drive the bolt", since, null, seqs(run), "replace the batteries now");
            }
        }

        private void code() {
            if (q.typedLength != null) {
                PinPolicy policy = s.profile().pinPolicy();
                if (q.typedLength < policy.minLength() || q.typedLength > policy.maxLength()) {
                    SequencedEvent c = last(LockCommissioned.class, e -> true);
                    add(Code.WRONG_LENGTH, q.typedLength + " digits were typed; this keypad accepts codes of "
                            + policy.minLength() + " to " + policy.maxLength() + " digits only",
                            null, null, c == null ? List.of() : List.of(c.sequence()),
                            "type the whole code (" + policy.minLength() + " to " + policy.maxLength()
                                    + " digits); check it with the administrator");
                }
            }
            Integer slot = q.slot;
            boolean typedIsCurrent = false;
            if (q.typedCode != null) {
                Integer matched = typedCode();
                if (matched != null) {
                    slot = matched;
                    typedIsCurrent = true;
                } else if (q.slot == null) {
                    return;
                }
            }
            if (slot != null) {
                slot(slot, typedIsCurrent);
            }
        }

        /** Finds the typed code; the slot it currently opens, or null (findings added). */
        private Integer typedCode() {
            CodeDigest typed = q.typedCode;
            SequencedEvent match = null;
            int compared = 0;
            for (SequencedEvent se : prefix) {
                CodeFingerprint d = null;
                if (se.event() instanceof CodeAdded) {
                    d = ((CodeAdded) se.event()).digest();
                } else if (se.event() instanceof CodeChanged) {
                    d = ((CodeChanged) se.event()).digest();
                }
                if (d != null) {
                    compared++;
                    if (d.identifies(typed)) {
                        match = se;
                    }
                }
            }
            if (match == null) {
                SequencedEvent reset = last(FactoryResetPerformed.class, e -> true);
                SequencedEvent c = last(LockCommissioned.class, e -> true);
                add(Code.UNKNOWN_CODE, "no code of this lock has the typed PIN: it matches none of the " + compared
                        + " codes added or changed up to " + t(now)
                        + (reset == null ? "" : " (codes set before the factory reset on " + t(reset.event().at())
                                + " cannot be compared: their keys were destroyed)"),
                        null, null, c == null ? List.of() : List.of(c.sequence()),
                        "check the code with the administrator; if it should open, ask them to add it");
                return null;
            }
            int slot = match.event() instanceof CodeAdded ? ((CodeAdded) match.event()).slot()
                    : ((CodeChanged) match.event()).slot();
            String name = nameOf(slot, match);
            for (SequencedEvent se : after(match)) {
                LockEvent e = se.event();
                if (e instanceof CodeChanged && ((CodeChanged) e).slot() == slot) {
                    add(Code.REPLACED, "the typed PIN was the code of slot " + slot + name + " from "
                            + t(match.event().at()) + "; its PIN was changed on " + t(e.at())
                            + ": the old PIN no longer opens", e.at(), null, List.of(match.sequence(), se.sequence()),
                            "use the new PIN of slot " + slot + " (ask the administrator for it)");
                    return null;
                }
                if (e instanceof CodeRemoved && ((CodeRemoved) e).slot() == slot) {
                    add(Code.REMOVED, "the typed PIN was the code of slot " + slot + name + "; it was removed on "
                            + t(e.at()), e.at(), null, List.of(match.sequence(), se.sequence()),
                            "ask the administrator to re-add the code");
                    return null;
                }
                if (e instanceof FactoryResetPerformed) {
                    add(Code.FACTORY_RESET, "the typed PIN was the code of slot " + slot + name + "; the factory reset"
                            + " on " + t(e.at()) + " erased it with every other code", e.at(), null,
                            List.of(match.sequence(), se.sequence()), "re-add the code");
                    return null;
                }
            }
            return slot;
        }

        private void slot(int slot, boolean typedIsCurrent) {
            Credential c = s.credentials().get(slot);
            if (c == null) {
                SequencedEvent added = last(CodeAdded.class, e -> ((CodeAdded) e).slot() == slot);
                if (added == null) {
                    add(Code.UNKNOWN_CODE, "slot " + slot + " never held a code on this lock (up to " + t(now) + ")",
                            null, null, List.of(), "ask the administrator which slot holds your code, or to add it");
                    return;
                }
                String name = nameOf(slot, added);
                for (SequencedEvent se : after(added)) {
                    LockEvent e = se.event();
                    if (e instanceof CodeRemoved && ((CodeRemoved) e).slot() == slot) {
                        add(Code.REMOVED, "the code in slot " + slot + name + " was removed on " + t(e.at()), e.at(),
                                null, List.of(added.sequence(), se.sequence()), "ask the administrator to re-add the code");
                        return;
                    }
                    if (e instanceof FactoryResetPerformed) {
                        add(Code.FACTORY_RESET, "the code in slot " + slot + name + " was erased by the factory reset on "
                                + t(e.at()), e.at(), null, List.of(added.sequence(), se.sequence()), "re-add the code");
                        return;
                    }
                }
                return;
            }
            String name = c.name() == null ? "" : " ('" + c.name() + "')";
            SequencedEvent added = last(CodeAdded.class, e -> ((CodeAdded) e).slot() == slot);
            long addedSeq = added == null ? -1 : added.sequence();
            if (!typedIsCurrent && c.changedAt() != null) {
                List<SequencedEvent> changes = all(CodeChanged.class, e -> ((CodeChanged) e).slot() == slot, added);
                add(Code.REPLACED, "the PIN of slot " + slot + name + " was changed on " + t(c.changedAt())
                        + ": the PIN it had before no longer opens", c.changedAt(), null, seqs(changes),
                        "use the new PIN of slot " + slot + " (ask the administrator for it)");
            }
            DenialReason own = Replay.ownVerdict(s, c, now, EntrySource.KEYPAD);
            List<Long> ev = new ArrayList<>();
            if (addedSeq >= 0) {
                ev.add(addedSeq);
            }
            if (own != null) {
                ev.addAll(recentDenials(slot, own));
            }
            if (own == DenialReason.SUSPENDED) {
                SequencedEvent sus = last(CodeSuspended.class, e -> ((CodeSuspended) e).slot() == slot);
                if (sus != null) {
                    ev.add(sus.sequence());
                }
                Instant since = sus == null ? null : sus.event().at();
                add(Code.SUSPENDED, "the code in slot " + slot + name + " is suspended"
                        + (since == null ? "" : " since " + t(since)) + ": it is kept but does not open", since, null, ev,
                        "ask the administrator to resume the code");
            } else if (own == DenialReason.NON_ACCESS) {
                add(Code.NON_ACCESS, "the code in slot " + slot + name + " belongs to a non-access user: its entries "
                        + "are recorded but never open", c.addedAt(), null, ev,
                        "ask the administrator to re-add it as an access code");
            } else if (own == DenialReason.MODE_FORBIDS && c.type() == UserType.REMOTE_ONLY) {
                add(Code.REMOTE_ONLY, "the code in slot " + slot + name + " is remote-only: it never opens from the "
                        + "keypad", c.addedAt(), null, ev, "open through the app or hub, or ask the administrator for a "
                        + "keypad code");
            } else if (own == DenialReason.USE_LIMIT_REACHED) {
                List<SequencedEvent> grants = all(EntryGranted.class, e -> ((EntryGranted) e).slot() == slot, added);
                Instant since = grants.isEmpty() ? null : grants.get(grants.size() - 1).event().at();
                ev.addAll(seqs(grants));
                add(Code.USED_UP, "the code in slot " + slot + name + " is used up: " + c.uses() + " of " + c.useLimit()
                        + " uses" + (since == null ? "" : ", the last on " + t(since)), since, null, ev,
                        "ask the administrator for a new code (re-add it)");
            } else if (own == DenialReason.EXPIRED) {
                Instant end = c.expiresAt();
                String how;
                if (c.type() == UserType.EXPIRING && c.firstUsedAt() != null && c.rules().expireAfterFirstUse() != null
                        && end.equals(c.firstUsedAt().plus(c.rules().expireAfterFirstUse()))) {
                    SequencedEvent first = first(EntryGranted.class, e -> ((EntryGranted) e).slot() == slot, added);
                    if (first != null) {
                        ev.add(first.sequence());
                    }
                    how = " expired on " + t(end) + ", " + c.rules().expireAfterFirstUse() + " after its first use on "
                            + t(c.firstUsedAt());
                } else {
                    how = " expired on " + t(end) + ", the end of its validity window";
                }
                add(Code.EXPIRED, "the code in slot " + slot + name + how, end, null, ev,
                        "ask the administrator to extend it (re-add the code with a new validity window)");
            } else if (own == DenialReason.CLOCK_UNTRUSTED) {
                timeBoundRefused = true;
                timeBoundSlot = slot;
            } else if (own == DenialReason.NOT_YET_VALID) {
                Instant from = c.rules().validFrom();
                add(Code.NOT_YET_VALID, "the code in slot " + slot + name + " is not valid yet: it opens from " + t(from),
                        c.addedAt(), from, ev, "wait until " + t(from));
            } else if (own == DenialReason.OUTSIDE_SCHEDULE) {
                outsideSchedule(slot, name, c, ev);
            }
            if (own == null || (own == DenialReason.MODE_FORBIDS && c.type() != UserType.REMOTE_ONLY)) {
                DenialReason outcome = Replay.verdict(s, c, now, EntrySource.KEYPAD);
                if (outcome == null) {
                    add(Code.CODE_OK, "the code in slot " + slot + name + " would open from the keypad at " + t(now)
                            + ": nothing in the trail stops it", null, null, addedSeq < 0 ? List.of() : List.of(addedSeq),
                            "type it again slowly and confirm; if it still fails, the keypad may be faulty: "
                                    + "send the support bundle to the vendor");
                }
            }
        }

        private void outsideSchedule(int slot, String name, Credential c, List<Long> ev) {
            CodeRules r = c.rules();
            for (TimeWindow w : r.exclusions()) {
                if (w.contains(now)) {
                    add(Code.OUTSIDE_SCHEDULE, "the code in slot " + slot + name + " is inside an exclusion window from "
                            + t(w.from()) + " until " + t(w.until()), w.from(), w.until(), ev,
                            "wait until " + t(w.until()));
                    return;
                }
            }
            Instant next = nextWindow(r, now, zone, c.expiresAt());
            String windows = describe(r.schedules());
            add(Code.OUTSIDE_SCHEDULE, "the code in slot " + slot + name + " opens only " + windows + " (" + zone.getId()
                    + " time); it is " + t(now) + (next == null ? " and no window opens before the code expires"
                    : "; the next window starts " + t(next)), null, next, ev,
                    next == null ? "ask the administrator to change its schedule" : "wait until " + t(next));
        }

        private void background(boolean commissioned) {
            if (!s.clockTrusted()) {
                SequencedEvent rb = last(ClockRollbackDetected.class, e -> true);
                String detail = "";
                Instant since = null;
                List<Long> ev = List.of();
                if (rb != null) {
                    ClockRollbackDetected r = (ClockRollbackDetected) rb.event();
                    since = r.at();
                    detail = ": a command stamped " + t(r.at()) + " arrived after " + t(r.floor())
                            + " (the clock went back, e.g. after a battery swap)";
                    ev = List.of(rb.sequence());
                }
                add(Code.CLOCK_UNTRUSTED, "the lock's clock is untrusted" + detail + "; until it is set, codes with a "
                        + "validity window, schedule or expiry are refused (permanent codes still open)"
                        + (timeBoundRefused ? "; the code in slot " + timeBoundSlot + " is such a code" : ""),
                        since, null, ev, "set the clock from a trusted source");
            }
            if (commissioned && s.batteryLevel() == BatteryLevel.LOW) {
                List<SequencedEvent> run = batteryRun(BatteryLevel.LOW);
                Instant since = run.isEmpty() ? null : run.get(0).event().at();
                add(Code.BATTERY_LOW, "the battery is low (" + s.batteryPercent() + " %)"
                        + (since == null ? "" : " since " + t(since)) + "; at " + BatteryLevel.CRITICAL_PERCENT
                        + " % or less the lock refuses every entry", since, null, seqs(run), "replace the batteries soon");
            }
            Instant horizon = now.minus(LOOKBACK);
            List<SequencedEvent> jams = all(DeviceEventReported.class,
                    e -> ((DeviceEventReported) e).kind() == DeviceEventKind.JAMMED && !e.at().isBefore(horizon), null);
            if (!jams.isEmpty()) {
                Instant lastJam = jams.get(jams.size() - 1).event().at();
                add(Code.JAMMED, "the lock reported " + jams.size() + (jams.size() == 1 ? " jam" : " jams")
                        + " in the " + LOOKBACK.toDays() + " days before " + t(now) + ", the last on " + t(lastJam)
                        + "; a jammed bolt does not open even for a valid code", jams.get(0).event().at(), null,
                        seqs(jams), "check that the door closes freely and the bolt is aligned; call service if it "
                                + "jams again");
            }
            List<SequencedEvent> fw = all(FirmwareUpdated.class, e -> !e.at().isBefore(horizon), null);
            if (!fw.isEmpty()) {
                FirmwareUpdated f = (FirmwareUpdated) fw.get(fw.size() - 1).event();
                add(Code.FIRMWARE_CHANGED, "the firmware changed on " + t(f.at()) + " from " + f.from() + " to " + f.to()
                        + (fw.size() > 1 ? " (" + fw.size() + " updates in the last " + LOOKBACK.toDays() + " days)" : ""),
                        f.at(), null, seqs(fw), "if codes stopped working after " + t(f.at())
                                + ", send the support bundle to the vendor");
            }
            if (commissioned && out.stream().noneMatch(f -> f.code() == Code.FACTORY_RESET)) {
                SequencedEvent reset = last(FactoryResetPerformed.class, e -> true);
                if (reset != null) {
                    SequencedEvent again = last(LockCommissioned.class, e -> true);
                    List<Long> ev = new ArrayList<>(List.of(reset.sequence()));
                    if (again != null && again.sequence() > reset.sequence()) {
                        ev.add(again.sequence());
                    }
                    add(Code.FACTORY_RESET, "a factory reset on " + t(reset.event().at()) + " erased every code; "
                            + "codes set before it no longer exist (the lock was commissioned again"
                            + (again == null ? "" : " on " + t(again.event().at())) + ")", reset.event().at(), null, ev,
                            "re-add any code that was set before " + t(reset.event().at()));
                }
            }
        }

        // ---- helpers ----

        private void add(Code code, String summary, Instant since, Instant until, List<Long> evidence, String next) {
            out.add(new Finding(code, summary, since, until, List.copyOf(new TreeSet<>(evidence)), next));
        }

        private String t(Instant i) {
            return i == null ? "an unknown time" : fmt.format(i) + " (" + zone.getId() + ")";
        }

        private SequencedEvent last(Class<? extends LockEvent> type, Predicate<LockEvent> p) {
            for (int i = prefix.size() - 1; i >= 0; i--) {
                LockEvent e = prefix.get(i).event();
                if (type.isInstance(e) && p.test(e)) {
                    return prefix.get(i);
                }
            }
            return null;
        }

        /** Every matching event after {@code from} (or from the start), at most the last MAX_EVIDENCE. */
        private List<SequencedEvent> all(Class<? extends LockEvent> type, Predicate<LockEvent> p, SequencedEvent from) {
            List<SequencedEvent> r = new ArrayList<>();
            for (SequencedEvent se : from == null ? prefix : after(from)) {
                if (type.isInstance(se.event()) && p.test(se.event())) {
                    r.add(se);
                }
            }
            return r.size() > MAX_EVIDENCE ? r.subList(r.size() - MAX_EVIDENCE, r.size()) : r;
        }

        private SequencedEvent first(Class<? extends LockEvent> type, Predicate<LockEvent> p, SequencedEvent from) {
            for (SequencedEvent se : from == null ? prefix : after(from)) {
                if (type.isInstance(se.event()) && p.test(se.event())) {
                    return se;
                }
            }
            return null;
        }

        private List<SequencedEvent> after(SequencedEvent e) {
            int i = prefix.indexOf(e);
            return prefix.subList(i + 1, prefix.size());
        }

        private String nameOf(int slot, SequencedEvent from) {
            SequencedEvent added = null;
            int end = prefix.indexOf(from);
            for (int i = end; i >= 0; i--) {
                LockEvent e = prefix.get(i).event();
                if (e instanceof CodeAdded && ((CodeAdded) e).slot() == slot) {
                    added = prefix.get(i);
                    break;
                }
            }
            String name = added == null ? null : ((CodeAdded) added.event()).name();
            return name == null ? "" : " ('" + name + "')";
        }

        /** The wrong-code denials before {@code e}, at most {@code n}, back to the previous lockout. */
        private List<Long> wrongCodesBefore(SequencedEvent e, int n) {
            List<Long> r = new ArrayList<>();
            for (int i = prefix.indexOf(e) - 1; i >= 0 && r.size() < Math.min(n, MAX_EVIDENCE); i--) {
                LockEvent x = prefix.get(i).event();
                if (x instanceof LockoutStarted) {
                    break;
                }
                if (x instanceof EntryDenied && ((EntryDenied) x).wrongCode()) {
                    r.add(prefix.get(i).sequence());
                }
            }
            return r;
        }

        /** The latest denials of {@code slot} for {@code reason}, at most 5. */
        private List<Long> recentDenials(int slot, DenialReason reason) {
            List<Long> r = new ArrayList<>();
            for (int i = prefix.size() - 1; i >= 0 && r.size() < 5; i--) {
                LockEvent x = prefix.get(i).event();
                if (x instanceof CodeAdded && ((CodeAdded) x).slot() == slot) {
                    break;
                }
                if (x instanceof EntryDenied && Objects.equals(((EntryDenied) x).slot(), slot)
                        && ((EntryDenied) x).reason() == reason) {
                    r.add(prefix.get(i).sequence());
                }
            }
            return r;
        }

        /** The trailing battery reports at {@code level} or worse (the current run), at most MAX_EVIDENCE. */
        private List<SequencedEvent> batteryRun(BatteryLevel level) {
            List<SequencedEvent> run = new ArrayList<>();
            for (int i = prefix.size() - 1; i >= 0; i--) {
                LockEvent e = prefix.get(i).event();
                if (e instanceof BatteryReported) {
                    if (((BatteryReported) e).level().compareTo(level) < 0) {
                        break;
                    }
                    run.add(0, prefix.get(i));
                }
            }
            return run.size() > MAX_EVIDENCE ? run.subList(run.size() - MAX_EVIDENCE, run.size()) : run;
        }

        private static List<Long> seqs(List<SequencedEvent> events) {
            List<Long> r = new ArrayList<>(events.size());
            for (SequencedEvent e : events) {
                r.add(e.sequence());
            }
            return r;
        }
    }

    /**
     * The start of the next week-day window after {@code now} (in {@code zone}), skipping
     * exclusion windows, before {@code expiresAt}; null if none within 8 days.
     */
    static Instant nextWindow(CodeRules r, Instant now, ZoneId zone, Instant expiresAt) {
        if (r.schedules().isEmpty()) {
            return null;
        }
        LocalDate day = now.atZone(zone).toLocalDate();
        Instant best = null;
        for (int d = 0; d <= 8; d++) {
            LocalDate date = day.plusDays(d);
            for (WeekDaySchedule w : r.schedules()) {
                if (!w.days().contains(date.getDayOfWeek())) {
                    continue;
                }
                Instant start = ZonedDateTime.of(date, w.from(), zone).toInstant();
                for (TimeWindow x : r.exclusions()) {
                    if (x.contains(start)) {
                        start = x.until();
                    }
                }
                if (!start.isAfter(now) || !w.contains(start, zone)) {
                    continue;
                }
                if (best == null || start.isBefore(best)) {
                    best = start;
                }
            }
        }
        if (best != null && expiresAt != null && !best.isBefore(expiresAt)) {
            return null;
        }
        return best;
    }

    /** "Mon, Wed 08:00-10:00 or Sat 09:00-12:00". */
    static String describe(List<WeekDaySchedule> schedules) {
        if (schedules.isEmpty()) {
            return "outside its exclusion windows";
        }
        List<String> parts = new ArrayList<>();
        for (WeekDaySchedule w : schedules) {
            List<String> days = new ArrayList<>();
            for (DayOfWeek d : DayOfWeek.values()) {
                if (w.days().contains(d)) {
                    days.add(d.getDisplayName(TextStyle.SHORT, Locale.ROOT));
                }
            }
            parts.add(String.join(", ", days) + " " + w.from() + "-" + w.until());
        }
        return "on " + String.join(" or ", parts);
    }
}
