package dev.access.core.audit;

import dev.access.core.audit.FindingDetail.AboutCode;
import dev.access.core.audit.FindingDetail.AboutOfflineCode;
import dev.access.core.audit.FindingDetail.Battery;
import dev.access.core.audit.FindingDetail.ClockUntrusted;
import dev.access.core.audit.FindingDetail.CodeOk;
import dev.access.core.audit.FindingDetail.EmptySlot;
import dev.access.core.audit.FindingDetail.Erased;
import dev.access.core.audit.FindingDetail.Excluded;
import dev.access.core.audit.FindingDetail.Expired;
import dev.access.core.audit.FindingDetail.FactoryReset;
import dev.access.core.audit.FindingDetail.FirmwareChanged;
import dev.access.core.audit.FindingDetail.Jammed;
import dev.access.core.audit.FindingDetail.KeypadDisabled;
import dev.access.core.audit.FindingDetail.LockedOut;
import dev.access.core.audit.FindingDetail.ModeOn;
import dev.access.core.audit.FindingDetail.NonAccess;
import dev.access.core.audit.FindingDetail.NotCommissioned;
import dev.access.core.audit.FindingDetail.NotYetValid;
import dev.access.core.audit.FindingDetail.NothingFound;
import dev.access.core.audit.FindingDetail.OffSchedule;
import dev.access.core.audit.FindingDetail.OfflineClockUntrusted;
import dev.access.core.audit.FindingDetail.OfflineCodesReplaced;
import dev.access.core.audit.FindingDetail.OfflineExpired;
import dev.access.core.audit.FindingDetail.OfflineKeyReplaced;
import dev.access.core.audit.FindingDetail.OfflineNotYetValid;
import dev.access.core.audit.FindingDetail.OfflineOffHours;
import dev.access.core.audit.FindingDetail.OfflineRevoked;
import dev.access.core.audit.FindingDetail.OfflineUsed;
import dev.access.core.audit.FindingDetail.OfflineValid;
import dev.access.core.audit.FindingDetail.RemoteOnly;
import dev.access.core.audit.FindingDetail.Removed;
import dev.access.core.audit.FindingDetail.Replaced;
import dev.access.core.audit.FindingDetail.Slot;
import dev.access.core.audit.FindingDetail.Suspended;
import dev.access.core.audit.FindingDetail.UnknownOfflinePin;
import dev.access.core.audit.FindingDetail.UnknownPin;
import dev.access.core.audit.FindingDetail.UsedUp;
import dev.access.core.audit.FindingDetail.WrongLength;
import dev.access.core.domain.BatteryLevel;
import dev.access.core.domain.OfflineCode;
import dev.access.core.domain.OperatingMode;
import dev.access.core.domain.WeekDaySchedule;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The English of findings: the sentences lockctl, the auditor and the support bundle show. Times
 * read "Mon 2026-07-06 09:00:00 +02:00 (Europe/Berlin)" in the finding's zone.
 */
final class EnglishFindings implements FindingRenderer {
    static final EnglishFindings INSTANCE = new EnglishFindings();

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm:ss xxx",
            Locale.ROOT);

    private EnglishFindings() {
    }

    @Override
    public String summary(Finding f) {
        FindingDetail d = f.detail();
        if (d instanceof AboutCode c) {
            return aboutCode(f, c);
        }
        if (d instanceof NotCommissioned) {
            return "the lock was not commissioned up to " + t(f, f.at()) + "; no code can open it";
        }
        if (d instanceof FactoryReset r) {
            return r.commissionedAgain()
                    ? "a factory reset on " + t(f, f.since()) + by(r.by()) + " erased every code; codes set before it no longer "
                            + "exist (the lock was commissioned again"
                            + (r.commissionedAt() == null ? "" : " on " + t(f, r.commissionedAt())) + ")"
                    : "a factory reset on " + t(f, f.since()) + by(r.by()) + " erased every code and setting, and the lock has not "
                            + "been commissioned again: no code can open it";
        }
        if (d instanceof LockedOut l) {
            return "the keypad is locked out" + (l.failures() == null ? "" : " after " + l.failures()
                    + " wrong codes in a row") + (f.since() == null ? "" : ", since " + t(f, f.since()))
                    + ", until " + t(f, f.until()) + "; meanwhile every keypad entry is refused, the master code's too";
        }
        if (d instanceof KeypadDisabled k) {
            return "the keypad is disabled since " + t(f, f.since()) + (k.failuresInLastDay() == null ? ""
                    : ": " + k.failuresInLastDay() + " wrong codes within 24 hours spent the daily budget of "
                            + k.dailyBudget()) + "; only the master code opens it again";
        }
        if (d instanceof ModeOn m) {
            String head = (m.mode() == OperatingMode.PRIVACY ? "privacy" : m.mode() == OperatingMode.VACATION
                    ? "vacation" : "no-remote") + " mode is on" + (f.since() == null ? "" : " since " + t(f, f.since()))
                    + ", set" + by(m.setBy()) + ": ";
            return head + (m.mode() == OperatingMode.PRIVACY ? "every keypad and remote entry is refused"
                    : m.mode() == OperatingMode.VACATION ? "the keypad opens only for the master code (remote entry "
                            + "still works)" : "remote entries are refused (the keypad works)");
        }
        if (d instanceof Battery b) {
            String since = f.since() == null ? "" : " since " + t(f, f.since());
            return b.level() == BatteryLevel.CRITICAL
                    ? "the battery is critical (" + b.percent() + " %)" + since + ": the lock refuses every entry, "
                            + "it cannot drive the bolt"
                    : "the battery is low (" + b.percent() + " %)" + since + "; at " + BatteryLevel.CRITICAL_PERCENT
                            + " % or less the lock refuses every entry";
        }
        if (d instanceof WrongLength w) {
            return w.typedDigits() + " digits were typed; this keypad accepts codes of " + w.minDigits() + " to "
                    + w.maxDigits() + " digits" + (w.offlineDigits() == 0 ? "" : ", and offline codes of "
                    + w.offlineDigits() + " digits,") + " only";
        }
        if (d instanceof AboutOfflineCode o) {
            return aboutOfflineCode(f, o);
        }
        if (d instanceof UnknownOfflinePin u) {
            return "no offline code of this lock's current key epoch is the typed PIN: it matches no code of "
                    + (u.generations() == 1 ? "issuing-key generation 1" : "issuing-key generations 1 to "
                    + u.generations()) + " opening between " + t(f, u.searchedFrom()) + " and " + t(f, u.searchedUntil())
                    + (u.resetAt() == null ? "" : "; the lock was reset on " + t(f, u.resetAt())
                            + ", which destroyed every offline code issued before it");
        }
        if (d instanceof OfflineCodesReplaced r) {
            String key = r.exportedAt() == null && r.backendAt() == null
                    ? "; no issuer has the new key yet, so no offline code of it can have been issued"
                    : "; the new key was " + (r.exportedAt() == null ? "" : "exported by the owner on "
                            + t(f, r.exportedAt())) + (r.exportedAt() != null && r.backendAt() != null ? " and " : "")
                            + (r.backendAt() == null ? "" : "handed to the backend on " + t(f, r.backendAt()));
            return "revoke-all on " + t(f, f.since()) + " moved the lock to offline issuing-key generation "
                    + r.generation() + ": every offline code issued before no longer opens" + key;
        }
        if (d instanceof OfflineClockUntrusted c) {
            return (c.typedPin() ? "the typed PIN has the offline codes' length, but " : "")
                    + "while the lock's clock is untrusted every offline code is refused (the lock cannot tell which "
                    + "codes are in their window)" + (c.typedPin() ? "; the PIN was not looked up" : "");
        }
        if (d instanceof UnknownPin u) {
            return "no code of this lock has the typed PIN: it matches none of the " + u.compared()
                    + " codes added or changed up to " + t(f, f.at()) + (u.resetAt() == null ? ""
                    : " (codes set before the factory reset on " + t(f, u.resetAt())
                            + " cannot be compared: their keys were destroyed)");
        }
        if (d instanceof EmptySlot e) {
            return "slot " + e.slot() + " never held a code on this lock (up to " + t(f, f.at()) + ")";
        }
        if (d instanceof ClockUntrusted c) {
            return "the lock's clock is untrusted" + (f.since() == null ? "" : ": a command stamped "
                    + t(f, f.since()) + " arrived after " + t(f, c.floor())
                    + " (the clock went back, e.g. after a battery swap)") + "; until it is set, codes with a "
                    + "validity window, schedule or expiry are refused (permanent codes still open)"
                    + (c.timeBoundSlot() == null ? "" : "; the code in slot " + c.timeBoundSlot() + " is such a code");
        }
        if (d instanceof Jammed j) {
            return "the lock reported " + j.jams() + (j.jams() == 1 ? " jam" : " jams") + " in the "
                    + j.lookback().toDays() + " days before " + t(f, f.at()) + ", the last on " + t(f, j.lastJam())
                    + "; a jammed bolt does not open even for a valid code";
        }
        if (d instanceof FirmwareChanged fw) {
            return "the firmware changed on " + t(f, f.since()) + " from " + fw.from() + " to " + fw.to()
                    + (fw.updates() > 1 ? " (" + fw.updates() + " updates in the last " + fw.lookback().toDays()
                            + " days)" : "");
        }
        if (!(d instanceof NothingFound n)) {
            throw new IllegalArgumentException("no summary for " + d);
        }
        return "nothing in the trail up to " + t(f, f.at()) + " stops the keypad: no lockout, the mode is " + n.mode()
                + ", the battery is " + (n.batteryPercent() == null ? "not reported" : n.batteryPercent() + " %")
                + ", the clock is trusted";
    }

    private String aboutCode(Finding f, AboutCode d) {
        String code = "the code in slot " + slot(d.slot());
        if (d instanceof Removed r) {
            return (r.typedPin() ? "the typed PIN was the code of slot " + slot(r.slot()) + "; it was removed on "
                    : code + " was removed on ") + t(f, f.since()) + by(r.by());
        }
        if (d instanceof Replaced r) {
            return r.typedPin()
                    ? "the typed PIN was the code of slot " + slot(r.slot()) + " from " + t(f, r.typedPinSetAt())
                            + "; its PIN was changed on " + t(f, f.since()) + by(r.by()) + ": the old PIN no longer opens"
                    : "the PIN of slot " + slot(r.slot()) + " was changed on " + t(f, f.since()) + by(r.by())
                            + ": the PIN it had before no longer opens";
        }
        if (d instanceof Erased e) {
            return e.typedPin()
                    ? "the typed PIN was the code of slot " + slot(e.slot()) + "; the factory reset on "
                            + t(f, f.since()) + by(e.by()) + " erased it with every other code"
                    : code + " was erased by the factory reset on " + t(f, f.since()) + by(e.by());
        }
        if (d instanceof Suspended u) {
            return code + " is suspended" + (f.since() == null ? "" : " since " + t(f, f.since())) + by(u.by())
                    + ": it is kept but does not open";
        }
        if (d instanceof NonAccess) {
            return code + " belongs to a non-access user: its entries are recorded but never open";
        }
        if (d instanceof RemoteOnly) {
            return code + " is remote-only: it never opens from the keypad";
        }
        if (d instanceof UsedUp u) {
            return code + " is used up: " + u.uses() + " of " + u.limit() + " uses"
                    + (f.since() == null ? "" : ", the last on " + t(f, f.since()));
        }
        if (d instanceof Expired e) {
            return code + " expired on " + t(f, f.since()) + (e.firstUsedAt() == null ? ", the end of its validity window"
                    : ", " + e.afterFirstUse() + " after its first use on " + t(f, e.firstUsedAt()));
        }
        if (d instanceof NotYetValid) {
            return code + " is not valid yet: it opens from " + t(f, f.until());
        }
        if (d instanceof Excluded x) {
            return code + " is inside an exclusion window from " + t(f, x.window().from()) + " until "
                    + t(f, x.window().until());
        }
        if (d instanceof OffSchedule o) {
            return code + " opens only " + describe(o.schedules()) + " (" + f.zone().getId() + " time); it is "
                    + t(f, f.at()) + (f.until() == null ? " and no window opens before the code expires"
                    : "; the next window starts " + t(f, f.until()));
        }
        if (!(d instanceof CodeOk)) {
            throw new IllegalArgumentException("no summary for " + d);
        }
        return code + " would open from the keypad at " + t(f, f.at()) + ": nothing in the trail stops it";
    }

    private String aboutOfflineCode(Finding f, AboutOfflineCode d) {
        OfflineCode c = d.offlineCode();
        String code = "the typed PIN is offline code " + c.id() + ", valid from " + t(f, c.from()) + " to "
                + t(f, c.until()) + (c.daily() == null ? "" : ", daily " + c.daily() + " (" + f.zone().getId()
                + " time)") + (c.oneTime() ? ", one-time" : "");
        if (d instanceof OfflineValid v) {
            return code + (v.opens() ? ": it would open from the keypad at " + t(f, f.at())
                    : ": the code is in force at " + t(f, f.at()) + ", but the lock refuses every keypad entry now "
                            + "for the reason given above");
        }
        if (d instanceof OfflineNotYetValid) {
            return code + ": it is not valid yet (from " + t(f, f.until()) + ")";
        }
        if (d instanceof OfflineExpired) {
            return code + ": it expired on " + t(f, f.since());
        }
        if (d instanceof OfflineOffHours) {
            return code + ": it opens only in those hours; it is " + t(f, f.at()) + (f.until() == null
                    ? " and it does not open again before its window ends" : "; it next opens " + t(f, f.until()));
        }
        if (d instanceof OfflineUsed) {
            return code + ": it was used on " + t(f, f.since()) + " (one-time: it opens once)";
        }
        if (d instanceof OfflineRevoked r) {
            return code + ": it was revoked on " + t(f, f.since()) + (r.batch() == null ? " at the lock" + by(r.by())
                    : " by the backend's batch " + r.batch() + (r.backend() == null ? "" : " (backend " + r.backend() + ")"));
        }
        if (!(d instanceof OfflineKeyReplaced k)) {
            throw new IllegalArgumentException("no summary for " + d);
        }
        return code + ": it was issued under issuing-key generation " + k.generation() + ", which revoke-all "
                + "replaced on " + t(f, f.since()) + " (the lock uses generation " + k.current() + ")";
    }

    /** The next steps that name no value, by the type of the detail. */
    private static final Map<Class<? extends FindingDetail>, String> STEPS = Map.ofEntries(
            Map.entry(NotCommissioned.class, "commission the lock, then add the codes"),
            Map.entry(KeypadDisabled.class,
                    "enter the master code at the keypad, or ask the administrator to clear the lockout remotely"),
            Map.entry(UnknownPin.class, "check the code with the administrator; if it should open, ask them to add it"),
            Map.entry(EmptySlot.class, "ask the administrator which slot holds your code, or to add it"),
            Map.entry(Removed.class, "ask the administrator to re-add the code"),
            Map.entry(Erased.class, "re-add the code"),
            Map.entry(Suspended.class, "ask the administrator to resume the code"),
            Map.entry(NonAccess.class, "ask the administrator to re-add it as an access code"),
            Map.entry(RemoteOnly.class, "open through the app or hub, or ask the administrator for a keypad code"),
            Map.entry(UsedUp.class, "ask the administrator for a new code (re-add it)"),
            Map.entry(Expired.class, "ask the administrator to extend it (re-add the code with a new validity window)"),
            Map.entry(ClockUntrusted.class, "set the clock from a trusted source"),
            Map.entry(Jammed.class,
                    "check that the door closes freely and the bolt is aligned; call service if it jams again"),
            Map.entry(CodeOk.class, "type it again slowly and confirm; if it still fails, the keypad may be faulty: "
                    + "send the support bundle to the vendor"),
            Map.entry(NothingFound.class, "ask which code fails and diagnose it (slot or typed code)"),
            Map.entry(OfflineExpired.class, "ask the issuer for a new offline code"),
            Map.entry(OfflineUsed.class, "ask the issuer for a new offline code: a one-time code opens once"),
            Map.entry(OfflineRevoked.class, "ask the issuer for a new offline code; this one was revoked on purpose"),
            Map.entry(OfflineKeyReplaced.class,
                    "ask the issuer for a new offline code, issued with the lock's current issuing key"),
            Map.entry(OfflineClockUntrusted.class, "set the clock from a trusted source"));

    @Override
    public String nextStep(Finding f) {
        FindingDetail d = f.detail();
        String fixed = STEPS.get(d.getClass());
        if (fixed != null) {
            return fixed;
        }
        if (d instanceof FactoryReset r) {
            return r.commissionedAgain() ? "re-add any code that was set before " + t(f, f.since())
                    : "commission again, then re-add the codes";
        }
        if (d instanceof LockedOut) {
            return "wait until " + t(f, f.until()) + ", or ask the administrator to clear the lockout remotely";
        }
        if (d instanceof ModeOn m) {
            String who = m.setBy() == null || m.setBy().startsWith(dev.access.crypto.PersonalData.ERASED)
                    ? "the administrator" : "whoever set it (" + m.setBy() + ") or the administrator";
            return m.mode() == OperatingMode.PRIVACY
                    ? "switch privacy mode off from inside, or ask " + who + " to set the normal mode"
                    : m.mode() == OperatingMode.VACATION ? "ask " + who + " to set the normal mode, or open remotely"
                    : "use the keypad, or ask " + who + " to set the normal mode";
        }
        if (d instanceof Battery b) {
            return b.level() == BatteryLevel.CRITICAL ? "replace the batteries now" : "replace the batteries soon";
        }
        if (d instanceof WrongLength w) {
            return "type the whole code (" + w.minDigits() + " to " + w.maxDigits()
                    + " digits" + (w.offlineDigits() == 0 ? "" : "; an offline code has " + w.offlineDigits())
                    + "); check it with the administrator";
        }
        if (d instanceof OfflineValid v) {
            return v.opens() ? STEPS.get(CodeOk.class) : "deal with what refuses every keypad entry (the finding above), "
                    + "then type the code again";
        }
        if (d instanceof OfflineNotYetValid) {
            return "wait until " + t(f, f.until());
        }
        if (d instanceof OfflineOffHours) {
            return f.until() == null ? "ask the issuer for a code with other hours" : "wait until " + t(f, f.until());
        }
        if (d instanceof UnknownOfflinePin u) {
            return u.resetAt() == null ? "check every digit with the issuer, and that the code was issued for this lock"
                    : "check every digit with the issuer; a code issued before the reset must be issued again";
        }
        if (d instanceof OfflineCodesReplaced r) {
            return r.exportedAt() == null && r.backendAt() == null
                    ? "export the new issuing key (or enroll the lock again to hand it to the backend), then issue new "
                            + "offline codes"
                    : "issue new offline codes with the new key";
        }
        if (d instanceof Replaced r) {
            return "use the new PIN of slot " + r.slot().number() + " (ask the administrator for it)";
        }
        if (d instanceof OffSchedule && f.until() == null) {
            return "ask the administrator to change its schedule";
        }
        if (d instanceof NotYetValid || d instanceof Excluded || d instanceof OffSchedule) {
            return "wait until " + t(f, f.until());
        }
        if (d instanceof FirmwareChanged) {
            return "if codes stopped working after " + t(f, f.since()) + ", send the support bundle to the vendor";
        }
        throw new IllegalArgumentException("no next step for " + d);
    }

    /** " by alice via local", or "" when no one is named. */
    private static String by(String who) {
        return who == null ? "" : " by " + who;
    }

    /** "2 ('bob')", or "2" for a code without a name. */
    private static String slot(Slot s) {
        return s.number() + (s.name() == null ? "" : " ('" + s.name() + "')");
    }

    /** The instant in the finding's zone, named. */
    private static String t(Finding f, Instant i) {
        if (i == null) {
            return "an unknown time";
        }
        try {
            return FORMAT.withZone(f.zone()).format(i) + " (" + f.zone().getId() + ")";
        } catch (java.time.DateTimeException e) {
            return i.toString();
        }
    }

    /** "on Mon, Wed 08:00-10:00 or Sat 09:00-12:00". */
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
