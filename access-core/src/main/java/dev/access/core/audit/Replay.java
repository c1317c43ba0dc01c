package dev.access.core.audit;

import dev.access.core.domain.BatteryLevel;
import dev.access.core.domain.Credential;
import dev.access.core.domain.DenialReason;
import dev.access.core.domain.EntrySource;
import dev.access.core.domain.LockCommand;
import dev.access.core.domain.LockCommandRejected;
import dev.access.core.domain.LockDecider;
import dev.access.core.domain.LockEvent;
import dev.access.core.domain.LockEvent.CodeAdded;
import dev.access.core.domain.LockEvent.CodeChecked;
import dev.access.core.domain.LockEvent.CodeRemoved;
import dev.access.core.domain.LockEvent.EntryDenied;
import dev.access.core.domain.LockEvent.EntryGranted;
import dev.access.core.domain.LockEvent.FactoryResetPerformed;
import dev.access.core.domain.LockEvent.LockCommissioned;
import dev.access.core.domain.LockProfile;
import dev.access.core.domain.LockState;
import dev.access.core.domain.LockoutState;
import dev.access.core.domain.OfflineCode;
import dev.access.core.domain.OperatingMode;
import dev.access.core.domain.UserType;
import dev.access.core.trail.TrailAnchored;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/*
 * Implementation notes.
 *
 * The prefix up to T. A lock stamps events with its own clock; after a clock rollback its stamps
 * go back while the events still happen later. The lock evaluates such commands at its floor (the
 * latest time seen), so the replay uses the same notion: an event belongs to the state at T when
 * it and every event before it are stamped at or before T. For a trail whose stamps never go back
 * (every trail without a ClockRollbackDetected) this is exactly "the events with at <= T, in
 * sequence order"; with a rollback it stays a prefix, so the result is always a state the lock was
 * really in.
 *
 * Slot status. Entry (the decider's rule class) is package-private, so the status of a code is
 * asked of the decider itself: an EnterCode with the code's own digest (a commitment, in audit
 * form; the replayed credential table holds the same value) is decided against the replayed
 * state. Once against the state as it is (the outcome of typing it then), once against the state
 * with the lock-wide blockers (lockout, privacy, critical battery) neutralised (the code's own
 * verdict). So the precedence and every rule are the decider's, never a copy of them.
 */
/**
 * Replays a lock's trail: its state at any instant ("which codes could open this door at T?") and
 * who entered, or tried to, between two instants.
 *
 * <p>Guarantees: the state at T is {@link LockDecider#fold} of the trail's prefix up to T (see the
 * notes; a pruned trail's prefix is applied to its anchored state, and an instant before the anchor
 * is refused), the status of each code (and of each offline code the trail names) is the decider's own
 * verdict on it, and no view carries a PIN or a digest (only slots, names and types, and offline
 * codes' public ids and windows), nor a sealed name: names and actors read as the history's
 * {@link Names} reveal them ("(erased)" for a person whose key it does not hold).
 */
public final class Replay {
    private Replay() {
    }

    /**
     * How many of the history's events form the prefix up to {@code t}: the events before the
     * first one stamped after {@code t}.
     */
    public static int prefixLength(LockHistory history, Instant t) {
        Objects.requireNonNull(t, "t");
        requireKnownAt(history, t);
        List<SequencedEvent> events = history.events();
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).event().at().isAfter(t)) {
                return i;
            }
        }
        return events.size();
    }

    /**
     * Refuses an instant before what a pruned trail still knows: its anchor holds the lock's state
     * through {@link TrailAnchored#through()} (every removed event was stamped at or before it), so a
     * state at an earlier instant is gone with the removed events.
     *
     * @throws IllegalArgumentException naming the anchor and the earliest instant known
     */
    static void requireKnownAt(LockHistory history, Instant t) {
        TrailAnchored a = history.anchor();
        if (a != null && a.through() != null && t.isBefore(a.through())) {
            throw new IllegalArgumentException("lock " + history.lock() + "'s trail was pruned: it starts at a retention"
                    + " anchor (sequence " + a.sequence() + ", signed at " + a.at() + ") holding the lock's state through "
                    + a.through() + "; its state at " + t + " is no longer known");
        }
    }

    /** The events of the prefix up to {@code t}. */
    public static List<SequencedEvent> prefix(LockHistory history, Instant t) {
        return history.events().subList(0, prefixLength(history, t));
    }

    /** The lock's state at {@code t}: the fold of the prefix up to {@code t}. */
    public static LockState stateAt(LockHistory history, Instant t) {
        LockState s = history.initialState();
        for (SequencedEvent e : prefix(history, t)) {
            s = LockDecider.evolve(s, e.event());
        }
        return s;
    }

    /** The lock as it stood at {@code t}. */
    public static ReplayView at(LockHistory history, Instant t) {
        List<SequencedEvent> prefix = prefix(history, t);
        LockState s = history.initialState();
        for (SequencedEvent e : prefix) {
            s = LockDecider.evolve(s, e.event());
        }
        long anchored = history.anchor() == null ? -1 : history.anchor().sequence();
        return view(history.lock(), s, t, prefix.isEmpty() ? anchored : prefix.get(prefix.size() - 1).sequence(),
                prefix.size(), prefix, history.names());
    }

    /**
     * The view of a state at an instant (the state's events all stamped at or before it);
     * {@code prefix} is the events it was folded from (for the offline codes the trail names, and
     * who set the mode); its names read with {@code names}.
     */
    static ReplayView view(String lock, LockState s, Instant t, long lastSequence, int applied,
            List<SequencedEvent> prefix, Names names) {
        Instant now = s.effectiveTime(t);
        List<ReplayView.SlotView> slots = new ArrayList<>();
        if (s.commissioned()) {
            for (Credential c : s.credentials().all()) {
                slots.add(slotView(s, c, now, lock, names));
            }
        }
        LockoutState lo = s.lockout();
        LockProfile p = s.profile();
        return new ReplayView(lock, t, lastSequence, applied, s.commissioned(), p == null ? null : p.model(),
                p == null ? null : p.serial(), p == null ? null : p.firmwareVersion(),
                p == null ? null : p.timeZone(), slots, s.mode(), s.modeSince(), modeSetBy(lock, s, prefix, names),
                lo.isLockedOutAt(now) ? lo.lockedOutUntil() : null, lo.keypadDisabled(), lo.keypadDisabledAt(),
                lo.consecutiveFailures(), s.clockTrusted(), s.batteryPercent(), s.batteryLevel(),
                keypadBlockedBy(s, now), s, offlineView(s, now, prefix));
    }

    /**
     * Who set the mode in force, as people read it: the last mode change's actor ("alice via
     * local"), or what the state keeps (an old trail's free text); null if no one did.
     */
    static String modeSetBy(String lock, LockState s, List<SequencedEvent> prefix, Names names) {
        if (s.modeSetBy() == null && s.modeSince() == null) {
            return null;
        }
        for (int i = prefix.size() - 1; i >= 0; i--) {
            LockEvent e = prefix.get(i).event();
            if (e instanceof LockEvent.ModeChanged) {
                LockEvent.ModeChanged m = (LockEvent.ModeChanged) e;
                if (m.to() == s.mode() && m.at().equals(s.modeSince())) {
                    String who = names.who(lock, m);
                    if (who != null) {
                        return who;
                    }
                }
                break;
            }
        }
        String kept = s.modeSetBy();
        return kept != null && kept.startsWith("backend:") ? "backend " + kept.substring("backend:".length())
                : names.reveal(lock, kept);
    }

    /** The offline codes of a commissioned lock that takes them, at {@code now}; else null. */
    static ReplayView.OfflineView offlineView(LockState s, Instant now, List<SequencedEvent> prefix) {
        if (!s.commissioned() || !s.profile().offlineCodes()) {
            return null;
        }
        Map<String, OfflineCode> named = new LinkedHashMap<>();
        Map<String, Long> last = new HashMap<>();
        for (SequencedEvent se : prefix.subList(OfflineTrail.generationStart(prefix), prefix.size())) {
            OfflineCode c = OfflineTrail.named(se.event());
            if (c != null) {
                named.putIfAbsent(c.id(), c);
                last.put(c.id(), se.sequence());
            }
        }
        List<ReplayView.OfflineCodeView> codes = new ArrayList<>();
        for (OfflineCode c : named.values()) {
            DenialReason own = ownOfflineVerdict(s, c, now, EntrySource.KEYPAD);
            DenialReason outcome = offlineVerdict(s, c, now, EntrySource.KEYPAD);
            codes.add(new ReplayView.OfflineCodeView(c, last.get(c.id()), own == null, own, outcome == null, outcome));
        }
        return new ReplayView.OfflineView(s.profile().offlineCodeLength(), s.offline().generation(),
                live(s.offline().revoked(), now), live(s.offline().used(), now), codes);
    }

    private static Map<String, Instant> live(Map<String, Instant> m, Instant now) {
        Map<String, Instant> out = new HashMap<>();
        m.forEach((id, until) -> {
            if (until.isAfter(now)) {
                out.put(id, until);
            }
        });
        return out;
    }

    /** The lock-wide reason a keypad entry is refused at {@code now}, or null. */
    static DenialReason keypadBlockedBy(LockState s, Instant now) {
        if (!s.commissioned()) {
            return null;
        }
        if (s.lockout().isLockedOutAt(now) || s.lockout().keypadDisabled()) {
            return DenialReason.LOCKED_OUT;
        }
        if (s.mode() == OperatingMode.PRIVACY) {
            return DenialReason.MODE_FORBIDS;
        }
        return s.batteryLevel() == BatteryLevel.CRITICAL ? DenialReason.INSUFFICIENT_BATTERY : null;
    }

    /** A code's status at {@code now} (not before the state's clock floor), its names read with {@code names}. */
    static ReplayView.SlotView slotView(LockState s, Credential c, Instant now, String lock, Names names) {
        DenialReason own = ownVerdict(s, c, now, EntrySource.KEYPAD);
        DenialReason outcome = verdict(s, c, now, EntrySource.KEYPAD);
        return new ReplayView.SlotView(c.slot(), names.reveal(lock, c.name()), c.type(), c.suspended(), c.uses(),
                c.useLimit(), c.rules().validFrom(), c.expiresAt(), c.addedAt(), c.changedAt(), own == null, own,
                outcome == null, outcome, names.describe(lock, c.addedBy()), names.describe(lock, c.changedBy()));
    }

    /**
     * The credential's own verdict at {@code now}: why its rules refuse it (null if they let it
     * open), with the lock-wide blockers (lockout, disabled keypad, privacy mode, critical battery)
     * set aside. Vacation mode stays: it is a rule about which codes open.
     */
    public static DenialReason ownVerdict(LockState s, Credential c, Instant now, EntrySource source) {
        return verdict(withoutLockWideBlockers(s), c, now, source);
    }

    /** The state with no lockout, a good battery and privacy or no-remote mode set back to normal. */
    private static LockState withoutLockWideBlockers(LockState s) {
        OperatingMode mode = s.mode() == OperatingMode.PRIVACY || s.mode() == OperatingMode.NO_REMOTE
                ? OperatingMode.NORMAL : s.mode();
        return s.withMode(mode, s.modeSince(), s.modeSetBy()).withLockout(LockoutState.CLEAR)
                .withBattery(s.batteryPercent(), BatteryLevel.OK);
    }

    /**
     * What the decider answers when {@code c}'s code is entered from {@code source} at {@code now}
     * in state {@code s}: null if it opens, else the denial reason.
     *
     * @throws IllegalArgumentException if the lock is not commissioned or the code is not in it
     */
    public static DenialReason verdict(LockState s, Credential c, Instant now, EntrySource source) {
        if (!s.commissioned() || s.credentials().get(c.slot()) == null) {
            throw new IllegalArgumentException("slot " + c.slot() + " is not a code of a commissioned lock");
        }
        Instant at = s.effectiveTime(now);
        return outcome(new LockCommand.EnterCode(s.lockId(), at, source, c.digest(), s.keyEpoch()), s,
                "slot " + c.slot());
    }

    /** The decider's outcome of an entry: null if granted, else the denial reason. */
    private static DenialReason outcome(LockCommand entry, LockState s, String what) {
        List<LockEvent> events;
        try {
            events = LockDecider.decide(entry, s);
        } catch (LockCommandRejected e) {
            throw new IllegalArgumentException("the decider refused to judge " + what + ": " + e.rejection(), e);
        }
        for (LockEvent e : events) {
            if (e instanceof EntryGranted) {
                return null;
            }
            if (e instanceof EntryDenied) {
                return ((EntryDenied) e).reason();
            }
        }
        throw new IllegalStateException("the decider recorded no outcome for " + what);
    }

    /**
     * An offline code's own verdict at {@code now}: why its rules (window, daily hours, revocation,
     * one-time use, vacation mode, the clock) refuse it, or null, with the lock-wide blockers set
     * aside as {@link #ownVerdict} does. The code is taken as one of the issuing-key generation in
     * force (a code of an earlier generation is no code the lock recognises).
     *
     * @throws IllegalArgumentException if the lock is not commissioned or takes no offline codes
     */
    public static DenialReason ownOfflineVerdict(LockState s, OfflineCode code, Instant now, EntrySource source) {
        return offlineVerdict(withoutLockWideBlockers(s), code, now, source);
    }

    /**
     * What the decider answers when the offline code {@code code} (of the issuing-key generation in
     * force) is entered from {@code source} at {@code now} in state {@code s}: null if it opens, else
     * the denial reason.
     *
     * @throws IllegalArgumentException if the lock is not commissioned or takes no offline codes
     */
    public static DenialReason offlineVerdict(LockState s, OfflineCode code, Instant now, EntrySource source) {
        Objects.requireNonNull(code, "code");
        if (!s.commissioned() || !s.profile().offlineCodes()) {
            throw new IllegalArgumentException("offline code " + code.id() + " is no code of a commissioned lock "
                    + "that takes offline codes");
        }
        Instant at = s.effectiveTime(now);
        return outcome(new LockCommand.EnterOfflineCode(s.lockId(), at, source, code, s.keyEpoch(),
                s.offline().generation()), s, "offline code " + code.id());
    }

    /** Every attempt in the history. */
    public static List<Attempt> attempts(LockHistory history) {
        return attempts(history, Instant.MIN, Instant.MAX);
    }

    /**
     * Who entered, or tried to, from {@code from} (inclusive) to {@code to} (exclusive), by the
     * attempts' stamps, in trail order; names are those the codes had at each attempt, as the
     * history's {@link LockHistory#names() names} read them.
     */
    public static List<Attempt> attempts(LockHistory history, Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Names names = history.names();
        String lock = history.lock();
        List<Attempt> out = new ArrayList<>();
        Map<Integer, CodeAdded> codes = new HashMap<>();
        // A pruned trail's codes added before its anchor: as the anchored state holds them.
        Map<Integer, Credential> anchored = new HashMap<>(history.initialState().credentials().bySlot());
        for (SequencedEvent se : history.events()) {
            LockEvent e = se.event();
            if (e instanceof CodeAdded) {
                codes.put(((CodeAdded) e).slot(), (CodeAdded) e);
                anchored.remove(((CodeAdded) e).slot());
            } else if (e instanceof CodeRemoved) {
                codes.remove(((CodeRemoved) e).slot());
                anchored.remove(((CodeRemoved) e).slot());
            } else if (e instanceof LockCommissioned || e instanceof FactoryResetPerformed) {
                codes.clear();
                anchored.clear();
            }
            if (!(e instanceof EntryGranted || e instanceof EntryDenied || e instanceof CodeChecked)
                    || e.at().isBefore(from)
                    || !e.at().isBefore(to)) {
                continue;
            }
            if (e instanceof CodeChecked) {
                CodeChecked k = (CodeChecked) e;
                CodeAdded a = k.slot() == null ? null : codes.get(k.slot());
                Credential c = k.slot() == null || a != null ? null : anchored.get(k.slot());
                UserType type = k.offlineCode() != null ? UserType.OFFLINE : a != null ? a.type() : c == null ? null : c.type();
                out.add(new Attempt(history.lock(), se.sequence(), k.at(), EntrySource.DIAGNOSTIC, k.slot(),
                        names.reveal(lock, a != null ? a.name() : c == null ? null : c.name()), type, false, null, null, false, k.offlineCode()));
            } else if (e instanceof EntryGranted) {
                EntryGranted g = (EntryGranted) e;
                CodeAdded a = g.slot() == null ? null : codes.get(g.slot());
                Credential c = g.slot() == null || a != null ? null : anchored.get(g.slot());
                out.add(new Attempt(history.lock(), se.sequence(), g.at(), g.source(), g.slot(),
                        names.reveal(lock, a != null ? a.name() : c == null ? null : c.name()), g.userType(), true, null, null, false,
                        g.offlineCode()));
            } else {
                EntryDenied d = (EntryDenied) e;
                CodeAdded a = d.slot() == null ? null : codes.get(d.slot());
                Credential c = d.slot() == null || a != null ? null : anchored.get(d.slot());
                UserType type = d.offlineCode() != null ? UserType.OFFLINE : a != null ? a.type() : c == null ? null : c.type();
                out.add(new Attempt(history.lock(), se.sequence(), d.at(), d.source(), d.slot(),
                        names.reveal(lock, a != null ? a.name() : c == null ? null : c.name()), type, false, d.reason(), d.lockedOutUntil(),
                        d.wrongCode(), d.offlineCode()));
            }
        }
        return out;
    }
}
