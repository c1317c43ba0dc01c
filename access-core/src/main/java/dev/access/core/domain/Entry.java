package dev.access.core.domain;

import dev.access.core.domain.LockCommand.EnterCode;
import dev.access.core.domain.LockCommand.EnterMalformedCode;
import dev.access.core.domain.LockEvent.AlarmRaised;
import dev.access.core.domain.LockEvent.EntryDenied;
import dev.access.core.domain.LockEvent.EntryGranted;
import dev.access.core.domain.LockEvent.KeypadDisabled;
import dev.access.core.domain.LockEvent.LockoutCleared;
import dev.access.core.domain.LockEvent.LockoutStarted;
import dev.access.crypto.CodeFingerprint;
import dev.access.crypto.CredentialTable;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/*
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
 * A wrong code may start a lockout or disable the keypad (the rules are in Lockouts' notes).
 *
 * A diagnostic check (CheckCode, source DIAGNOSTIC) is an attempt that never opens: refused
 * LOCKED_OUT, uncounted and telling nothing, during a timed lockout or while the keypad is disabled
 * (not even the master code clears it that way); otherwise MALFORMED and UNKNOWN_CODE are wrong
 * codes exactly as at the keypad (counted, starting lockouts, spending the budget), and a known
 * code is CodeChecked: mode, battery and the code's own rules are the diagnosis's to explain, not
 * the check's, and a match neither counts a use nor restarts the wrong-code count.
 *
 * A diagnostic check of an offline PIN (CheckOfflineCode) follows the same rules, and more: the
 * diagnosis that follows it runs an administrator's search over every validity of about three
 * years and every issuing-key generation, which would match a random PIN far more often than the
 * keypad's check of one hour does, and would tell of codes that open only later. So the check is
 * refused, uncounted and telling nothing, during a lockout, while the keypad is disabled and while
 * the clock is untrusted (no offline code opens then, so the search must not run); otherwise a PIN
 * that is no code opening now (match null, the keypad's own answer) is an UNKNOWN_CODE wrong code,
 * counted, starting lockouts and spending the budget exactly as at the keypad, and the search may
 * then run: each search costs the asker one wrong code, so it is no free guessing oracle. It is
 * still a better one than the keypad (a full search compares about 5.8 million validities per
 * generation against 9,240 at the keypad: a random 10-digit PIN is some code with probability
 * about 5.8e-4, two thirds of it for windows ahead), so the search is an administrator's tool (the
 * README's security model has the numbers). A match is CodeChecked naming the offline code
 * (revocation, one-time use, mode and battery are the diagnosis's to explain), uncounted; the
 * one-time code is not used up by it.
 */
/** The entry-attempt rules, in the precedence the notes above document, and what attempts leave behind. */
final class Entry {
    private Entry() {
    }

    /** A PIN entered: its digest must be under the lock's key epoch. */
    static List<LockEvent> enter(EnterCode c, Situation x) {
        Checks.requireEpoch(x.state(), c.keyEpoch());
        return decide(x.state(), c.lockId(), c.at(), x.now(), x.trusted(), c.source(), c.digest(), null);
    }

    /** A typed PIN checked for a diagnosis: an attempt that never opens (see the notes above). */
    static List<LockEvent> check(LockCommand.CheckCode c, Situation x) {
        if (c.digest() == null && c.malformedRule() == null) {
            throw Checks.invalid("a check needs a code or a malformed-input rule");
        }
        LockState s = x.state();
        if (c.digest() != null) {
            Checks.requireEpoch(s, c.keyEpoch());
        }
        LockoutState lo = s.lockout();
        EntrySource source = EntrySource.DIAGNOSTIC;
        boolean lockedOut = lo.isLockedOutAt(x.now());
        if (lockedOut || lo.keypadDisabled()) {
            return List.of(new EntryDenied(c.lockId(), c.at(), source, DenialReason.LOCKED_OUT, null,
                    lockedOut ? lo.lockedOutUntil() : null, false));
        }
        if (c.digest() == null) {
            return wrongCode(s, c.lockId(), c.at(), x.now(), source, DenialReason.MALFORMED, new ArrayList<>(3));
        }
        int slot = s.credentials().find(c.digest());
        if (slot == CredentialTable.NOT_FOUND) {
            return wrongCode(s, c.lockId(), c.at(), x.now(), source, DenialReason.UNKNOWN_CODE, new ArrayList<>(3));
        }
        return List.of(new LockEvent.CodeChecked(c.lockId(), c.at(), slot));
    }

    /** An offline PIN checked for a diagnosis: an attempt that never opens (see the notes above). */
    static List<LockEvent> checkOffline(LockCommand.CheckOfflineCode c, Situation x) {
        LockState s = x.state();
        requireOfflineKey(s, c.lockId(), c.keyEpoch(), c.generation());
        EntrySource source = EntrySource.DIAGNOSTIC;
        LockoutState lo = s.lockout();
        boolean lockedOut = lo.isLockedOutAt(x.now());
        if (lockedOut || lo.keypadDisabled()) {
            return List.of(new EntryDenied(c.lockId(), c.at(), source, DenialReason.LOCKED_OUT, null,
                    lockedOut ? lo.lockedOutUntil() : null, false));
        }
        if (!x.trusted()) {
            return List.of(denial(c.lockId(), c.at(), source, DenialReason.CLOCK_UNTRUSTED, null));
        }
        if (c.match() == null) {
            return wrongCode(s, c.lockId(), c.at(), x.now(), source, DenialReason.UNKNOWN_CODE, new ArrayList<>(3));
        }
        return List.of(new LockEvent.CodeChecked(c.lockId(), c.at(), null, c.match()));
    }

    /** Input that is not a PIN entered: an attempt all the same. */
    static List<LockEvent> enterMalformed(EnterMalformedCode c, Situation x) {
        return decide(x.state(), c.lockId(), c.at(), x.now(), x.trusted(), c.source(), null, c.rule());
    }

    /**
     * A grant restarts the wrong-code count; a code whose uses matter has the grant's use count
     * (and its first use, if this was it).
     */
    static LockState granted(EntryGranted e, LockState s) {
        LockoutState lo = s.lockout();
        LockState m = s.withLockout(new LockoutState(0, lo.level(), lo.lockedOutUntil(), lo.recentFailures(),
                lo.keypadDisabled(), lo.keypadDisabledAt()));
        if (e.slot() == null) {
            OfflineCode code = e.offlineCode();
            return code == null || !code.oneTime() ? m
                    : m.withOffline(m.offline().withUsed(code.id(), code.until(), e.at()));
        }
        Credential old = m.credentials().get(e.slot());
        if (old == null || !old.tracksUsage()) {
            return m;
        }
        return m.withCredentials(m.credentials().with(old.withUse(e.useCount(), e.at())));
    }

    /**
     * A denial that counted as a wrong code adds one to the consecutive count and to the last 24
     * hours' failures (at the time it was judged at); any other denial changes nothing.
     */
    static LockState denied(EntryDenied e, LockState s) {
        if (!e.wrongCode()) {
            return s;
        }
        LockoutState lo = s.lockout();
        Instant eval = s.effectiveTime(e.at());
        List<Instant> recent = new ArrayList<>(lo.recentFailures().size() + 1);
        for (Instant t : lo.recentFailures()) {
            if (t.isAfter(Instants.minus(eval, Duration.ofHours(24)))) {
                recent.add(t);
            }
        }
        recent.add(eval);
        return s.withLockout(new LockoutState(lo.consecutiveFailures() + 1, lo.level(), lo.lockedOutUntil(), recent,
                lo.keypadDisabled(), lo.keypadDisabledAt()));
    }

    /**
     * The events of one attempt: {@code digest} is null for malformed input ({@code malformedRule}
     * then names the broken rule).
     */
    static List<LockEvent> decide(LockState s, LockId lock, Instant at, Instant now, boolean trusted,
            EntrySource source, CodeFingerprint digest, String malformedRule) {
        if (source == null) {
            throw Checks.invalid("entry source is missing");
        }
        if (source == EntrySource.DIAGNOSTIC) {
            throw Checks.invalid("DIAGNOSTIC is the source of a code check (CheckCode), not of an entry");
        }
        if (digest == null && malformedRule == null) {
            throw Checks.invalid("an entry needs a code or a malformed-input rule");
        }
        LockoutState lo = s.lockout();
        if (lo.isLockedOutAt(now)) {
            return List.of(new EntryDenied(lock, at, source, DenialReason.LOCKED_OUT, null, lo.lockedOutUntil(), false));
        }
        int slot = digest == null ? CredentialTable.NOT_FOUND : s.credentials().find(digest);
        List<LockEvent> out = new ArrayList<>(3);
        if (lo.keypadDisabled()) {
            if (slot != 0) {
                return wrongCode(s, lock, at, now, source, DenialReason.LOCKED_OUT, out);
            }
            out.add(new LockoutCleared(lock, at, null, Actor.keypad(null)));
        }
        OperatingMode mode = s.mode();
        if (mode == OperatingMode.PRIVACY || (mode == OperatingMode.NO_REMOTE && source == EntrySource.REMOTE)) {
            out.add(denial(lock, at, source, DenialReason.MODE_FORBIDS, null));
            return List.copyOf(out);
        }
        if (s.batteryLevel() == BatteryLevel.CRITICAL) {
            out.add(denial(lock, at, source, DenialReason.INSUFFICIENT_BATTERY, null));
            return List.copyOf(out);
        }
        if (digest == null) {
            return wrongCode(s, lock, at, now, source, DenialReason.MALFORMED, out);
        }
        if (slot == CredentialTable.NOT_FOUND) {
            return wrongCode(s, lock, at, now, source, DenialReason.UNKNOWN_CODE, out);
        }
        Credential c = s.credentials().get(slot);
        DenialReason reason = credentialDenial(s, c, source, now, trusted);
        if (reason != null) {
            out.add(denial(lock, at, source, reason, slot));
            return List.copyOf(out);
        }
        out.add(new EntryGranted(lock, at, source, slot, c.type(), c.uses() + 1));
        if (c.type() == UserType.FORCED) {
            out.add(new AlarmRaised(lock, at, AlarmCode.FORCED_USER, slot));
        }
        return List.copyOf(out);
    }

    /*
     * Offline codes (a PIN of the lock's offline length): the same lockout, keypad-disabled, mode and
     * battery rules as any code; then CLOCK_UNTRUSTED for any such PIN while the clock is untrusted
     * (uncounted: no offline code can open then, so nothing is learnt); UNKNOWN_CODE (a wrong
     * code) when it is none; then, naming the code: MODE_FORBIDS in vacation mode at the keypad,
     * REVOKED, USE_LIMIT_REACHED (a used one-time code), EXPIRED / NOT_YET_VALID /
     * OUTSIDE_SCHEDULE if the command's instant lies outside what the code was matched for.
     */
    /** A PIN of the offline length entered; {@code c.match()} is the code it is, or null. */
    static List<LockEvent> enterOffline(LockCommand.EnterOfflineCode c, Situation x) {
        LockState s = x.state();
        requireOfflineKey(s, c.lockId(), c.keyEpoch(), c.generation());
        EntrySource source = c.source();
        if (source == null) {
            throw Checks.invalid("entry source is missing");
        }
        if (source == EntrySource.DIAGNOSTIC) {
            throw Checks.invalid("DIAGNOSTIC is the source of a code check, not of an entry");
        }
        LockId lock = c.lockId();
        Instant at = c.at();
        Instant now = x.now();
        LockoutState lo = s.lockout();
        if (lo.isLockedOutAt(now)) {
            return List.of(new EntryDenied(lock, at, source, DenialReason.LOCKED_OUT, null, lo.lockedOutUntil(), false));
        }
        List<LockEvent> out = new ArrayList<>(3);
        if (lo.keypadDisabled()) {
            return wrongCode(s, lock, at, now, source, DenialReason.LOCKED_OUT, out);
        }
        OperatingMode mode = s.mode();
        if (mode == OperatingMode.PRIVACY || (mode == OperatingMode.NO_REMOTE && source == EntrySource.REMOTE)) {
            return List.of(denial(lock, at, source, DenialReason.MODE_FORBIDS, null));
        }
        if (s.batteryLevel() == BatteryLevel.CRITICAL) {
            return List.of(denial(lock, at, source, DenialReason.INSUFFICIENT_BATTERY, null));
        }
        if (!x.trusted()) {
            return List.of(denial(lock, at, source, DenialReason.CLOCK_UNTRUSTED, null));
        }
        OfflineCode code = c.match();
        if (code == null) {
            return wrongCode(s, lock, at, now, source, DenialReason.UNKNOWN_CODE, out);
        }
        DenialReason reason = offlineDenial(s, code, source, now);
        if (reason != null) {
            return List.of(new EntryDenied(lock, at, source, reason, null, null, false, code));
        }
        return List.of(EntryGranted.offline(lock, at, source, code));
    }

    /** The lock takes offline codes and the typed PIN was checked with its key epoch and issuing-key generation. */
    private static void requireOfflineKey(LockState s, LockId lock, int keyEpoch, int generation) {
        Checks.requireEpoch(s, keyEpoch);
        if (!s.profile().offlineCodes()) {
            throw Checks.invalid("lock " + lock + " takes no offline codes");
        }
        if (generation != s.offline().generation()) {
            throw new LockCommandRejected(Rejection.STALE_KEY_EPOCH, "the offline code was checked with issuing-key"
                    + " generation " + generation + ", the lock uses " + s.offline().generation());
        }
    }

    /** Why a recognised offline code does not open now, or null if it opens. */
    static DenialReason offlineDenial(LockState s, OfflineCode code, EntrySource source, Instant now) {
        if (s.mode() == OperatingMode.VACATION && source == EntrySource.KEYPAD) {
            return DenialReason.MODE_FORBIDS;
        }
        if (s.offline().isRevoked(code.id())) {
            return DenialReason.REVOKED;
        }
        if (code.oneTime() && s.offline().isUsed(code.id())) {
            return DenialReason.USE_LIMIT_REACHED;
        }
        if (!now.isBefore(code.until())) {
            return DenialReason.EXPIRED;
        }
        if (now.isBefore(code.from())) {
            return DenialReason.NOT_YET_VALID;
        }
        if (!code.dailyHoursHold(now, ZoneId.of(s.profile().timeZone()))) {
            return DenialReason.OUTSIDE_SCHEDULE;
        }
        return null;
    }

    /** Why a recognised credential does not open now, or null if it opens. */
    static DenialReason credentialDenial(LockState s, Credential c, EntrySource source, Instant now,
            boolean trusted) {
        if (c.suspended()) {
            return DenialReason.SUSPENDED;
        }
        if (c.type() == UserType.NON_ACCESS) {
            return DenialReason.NON_ACCESS;
        }
        if (c.type() == UserType.REMOTE_ONLY && source == EntrySource.KEYPAD) {
            return DenialReason.MODE_FORBIDS;
        }
        if (s.mode() == OperatingMode.VACATION && source == EntrySource.KEYPAD && c.type() != UserType.PROGRAMMING) {
            return DenialReason.MODE_FORBIDS;
        }
        if (c.isUsedUp()) {
            return DenialReason.USE_LIMIT_REACHED;
        }
        Instant expiresAt = c.expiresAt();
        if (expiresAt != null && !now.isBefore(expiresAt)) {
            return DenialReason.EXPIRED;
        }
        if (c.isTimeBound() && !trusted) {
            return DenialReason.CLOCK_UNTRUSTED;
        }
        CodeRules r = c.rules();
        if (r.validFrom() != null && now.isBefore(r.validFrom())) {
            return DenialReason.NOT_YET_VALID;
        }
        // Loops, not streams, and the zone only when a schedule needs it: this runs on every grant.
        if (!r.schedules().isEmpty() && !insideASchedule(r.schedules(), now, ZoneId.of(s.profile().timeZone()))) {
            return DenialReason.OUTSIDE_SCHEDULE;
        }
        for (TimeWindow w : r.exclusions()) {
            if (w.contains(now)) {
                return DenialReason.OUTSIDE_SCHEDULE;
            }
        }
        return null;
    }

    private static boolean insideASchedule(List<WeekDaySchedule> schedules, Instant now, ZoneId zone) {
        for (WeekDaySchedule w : schedules) {
            if (w.contains(now, zone)) {
                return true;
            }
        }
        return false;
    }

    private static List<LockEvent> wrongCode(LockState s, LockId lock, Instant at, Instant now, EntrySource source,
            DenialReason reason, List<LockEvent> out) {
        LockoutState lo = s.lockout();
        LockoutPolicy policy = s.profile().lockoutPolicy();
        int consecutive = lo.consecutiveFailures() + 1;
        Instant dayAgo = Instants.minus(now, Duration.ofHours(24));
        int inLastDay = 1 + (int) lo.recentFailures().stream().filter(t -> t.isAfter(dayAgo)).count();
        Instant until = null;
        LockoutStarted started = null;
        if (consecutive >= policy.wrongCodeEntryLimit()) {
            boolean quiet = lo.lockedOutUntil() != null && !now.isBefore(Instants.plus(lo.lockedOutUntil(), policy.quietPeriod()));
            int level = quiet ? 0 : lo.level();
            until = Instants.plus(now, policy.durationAtLevel(level));
            started = new LockoutStarted(lock, at, until, level, consecutive);
        }
        out.add(new EntryDenied(lock, at, source, reason, null, until, true));
        if (started != null) {
            out.add(started);
            out.add(new AlarmRaised(lock, at, AlarmCode.WRONG_CODE_ENTRY_LIMIT, null));
        }
        if (!lo.keypadDisabled() && inLastDay >= policy.dailyFailureBudget()) {
            out.add(new KeypadDisabled(lock, at, inLastDay));
        }
        return List.copyOf(out);
    }

    private static EntryDenied denial(LockId lock, Instant at, EntrySource source, DenialReason reason, Integer slot) {
        return new EntryDenied(lock, at, source, reason, slot, null, false);
    }
}
