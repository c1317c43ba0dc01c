package dev.access.core.audit;

import static dev.access.core.audit.DiagnosisRun.seqs;

import dev.access.core.audit.FindingDetail.CodeOk;
import dev.access.core.audit.FindingDetail.EmptySlot;
import dev.access.core.audit.FindingDetail.Erased;
import dev.access.core.audit.FindingDetail.Excluded;
import dev.access.core.audit.FindingDetail.Expired;
import dev.access.core.audit.FindingDetail.NonAccess;
import dev.access.core.audit.FindingDetail.NotYetValid;
import dev.access.core.audit.FindingDetail.OffSchedule;
import dev.access.core.audit.FindingDetail.RemoteOnly;
import dev.access.core.audit.FindingDetail.Removed;
import dev.access.core.audit.FindingDetail.Replaced;
import dev.access.core.audit.FindingDetail.Slot;
import dev.access.core.audit.FindingDetail.Suspended;
import dev.access.core.audit.FindingDetail.UnknownPin;
import dev.access.core.audit.FindingDetail.UsedUp;
import dev.access.core.audit.FindingDetail.WrongLength;
import dev.access.core.domain.CodeRules;
import dev.access.core.domain.Credential;
import dev.access.core.domain.DenialReason;
import dev.access.core.domain.EntrySource;
import dev.access.core.domain.Instants;
import dev.access.core.domain.LockEvent;
import dev.access.core.domain.LockEvent.CodeAdded;
import dev.access.core.domain.LockEvent.CodeChanged;
import dev.access.core.domain.LockEvent.CodeRemoved;
import dev.access.core.domain.LockEvent.CodeSuspended;
import dev.access.core.domain.LockEvent.EntryGranted;
import dev.access.core.domain.LockEvent.FactoryResetPerformed;
import dev.access.core.domain.LockEvent.LockCommissioned;
import dev.access.core.domain.TimeWindow;
import dev.access.core.domain.UserType;
import dev.access.core.domain.WeekDaySchedule;
import dev.access.crypto.CodeDigest;
import dev.access.crypto.CodeFingerprint;
import dev.access.crypto.PinPolicy;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules about one code of a commissioned lock: the typed length, the typed PIN (which code it
 * is, or was) and the code's own verdict, as the decider gives it.
 */
final class CodeChecks {
    private final DiagnosisRun r;

    private CodeChecks(DiagnosisRun r) {
        this.r = r;
    }

    /**
     * Checks the code asked about: by {@code slot}, or by the {@code typed} digest (the slot it
     * opens, else what became of it), and the {@code typedLength}; each may be null.
     */
    static void check(DiagnosisRun r, Integer slot, CodeDigest typed, Integer typedLength) {
        new CodeChecks(r).check(slot, typed, typedLength);
    }

    private void check(Integer slotAsked, CodeDigest typed, Integer typedLength) {
        if (typedLength != null) {
            PinPolicy policy = r.s.profile().pinPolicy();
            int offline = r.s.profile().offlineCodeLength();
            if ((typedLength < policy.minLength() || typedLength > policy.maxLength()) && typedLength != offline) {
                SequencedEvent c = r.last(LockCommissioned.class, e -> true);
                r.add(new WrongLength(typedLength, policy.minLength(), policy.maxLength(), offline), null, null,
                        c == null ? List.of() : List.of(c.sequence()));
            }
        }
        Integer slot = slotAsked;
        boolean typedIsCurrent = false;
        if (typed != null) {
            Integer matched = typedCode(typed);
            if (matched != null) {
                slot = matched;
                typedIsCurrent = true;
            } else if (slotAsked == null) {
                return;
            }
        }
        if (slot != null) {
            slot(slot, typedIsCurrent);
        }
    }

    /** Finds the typed code; the slot it currently opens, or null (findings added). */
    private Integer typedCode(CodeDigest typed) {
        SequencedEvent match = null;
        int compared = 0;
        for (SequencedEvent se : r.prefix) {
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
            // A code added before a pruned trail's anchor is in the anchored state only.
            Credential held = null;
            for (Credential c : r.anchored.credentials().all()) {
                compared++;
                if (c.digest().identifies(typed)) {
                    held = c;
                }
            }
            if (held != null) {
                return anchoredCode(held);
            }
            SequencedEvent reset = r.last(FactoryResetPerformed.class, e -> true);
            SequencedEvent c = r.last(LockCommissioned.class, e -> true);
            r.add(new UnknownPin(compared, reset == null ? null : reset.event().at()), null, null,
                    c == null ? List.of() : List.of(c.sequence()));
            return null;
        }
        int slot = match.event() instanceof CodeAdded ? ((CodeAdded) match.event()).slot()
                : ((CodeChanged) match.event()).slot();
        Slot code = r.slotAt(slot, match);
        for (SequencedEvent se : r.after(match)) {
            LockEvent e = se.event();
            List<Long> ev = List.of(match.sequence(), se.sequence());
            if (e instanceof CodeChanged && ((CodeChanged) e).slot() == slot) {
                r.add(new Replaced(code, true, match.event().at(), r.by(se)), e.at(), null, ev);
                return null;
            }
            if (e instanceof CodeRemoved && ((CodeRemoved) e).slot() == slot) {
                r.add(new Removed(code, true, r.by(se)), e.at(), null, ev);
                return null;
            }
            if (e instanceof FactoryResetPerformed) {
                r.add(new Erased(code, true, r.by(se)), e.at(), null, ev);
                return null;
            }
        }
        return slot;
    }

    /** {@link #typedCode} for a code the anchored state holds: what became of it after the anchor. */
    private Integer anchoredCode(Credential held) {
        int slot = held.slot();
        Slot code = new Slot(slot, held.name(), held.type());
        Instant since = held.changedAt() != null ? held.changedAt() : held.addedAt();
        for (SequencedEvent se : r.prefix) {
            LockEvent e = se.event();
            List<Long> ev = r.anchorSequence >= 0 ? List.of(r.anchorSequence, se.sequence()) : List.of(se.sequence());
            if (e instanceof CodeChanged && ((CodeChanged) e).slot() == slot) {
                r.add(new Replaced(code, true, since), e.at(), null, ev);
                return null;
            }
            if (e instanceof CodeRemoved && ((CodeRemoved) e).slot() == slot) {
                r.add(new Removed(code, true), e.at(), null, ev);
                return null;
            }
            if (e instanceof FactoryResetPerformed) {
                r.add(new Erased(code, true), e.at(), null, ev);
                return null;
            }
        }
        return slot;
    }

    private void slot(int slot, boolean typedIsCurrent) {
        Credential c = r.s.credentials().get(slot);
        SequencedEvent added = r.last(CodeAdded.class, e -> ((CodeAdded) e).slot() == slot);
        if (c == null) {
            gone(slot, added);
            return;
        }
        Slot code = new Slot(slot, r.name(c.name()), c.type());
        if (!typedIsCurrent && c.changedAt() != null) {
            List<SequencedEvent> changes = r.all(CodeChanged.class, e -> ((CodeChanged) e).slot() == slot, added);
            r.add(new Replaced(code, false, null, changes.isEmpty() ? null : r.by(changes.get(changes.size() - 1))),
                    c.changedAt(), null, seqs(changes));
        }
        DenialReason own = Replay.ownVerdict(r.s, c, r.now, EntrySource.KEYPAD);
        List<Long> ev = new ArrayList<>();
        if (added != null) {
            ev.add(added.sequence());
        }
        if (own != null) {
            ev.addAll(r.recentDenials(slot, own));
        }
        if (own == DenialReason.SUSPENDED) {
            SequencedEvent sus = r.last(CodeSuspended.class, e -> ((CodeSuspended) e).slot() == slot);
            if (sus != null) {
                ev.add(sus.sequence());
            }
            r.add(new Suspended(code, r.by(sus)), sus == null ? null : sus.event().at(), null, ev);
        } else if (own == DenialReason.NON_ACCESS) {
            r.add(new NonAccess(code), c.addedAt(), null, ev);
        } else if (own == DenialReason.MODE_FORBIDS && c.type() == UserType.REMOTE_ONLY) {
            r.add(new RemoteOnly(code), c.addedAt(), null, ev);
        } else if (own == DenialReason.USE_LIMIT_REACHED) {
            List<SequencedEvent> grants = r.all(EntryGranted.class, e -> Integer.valueOf(slot).equals(((EntryGranted) e).slot()), added);
            ev.addAll(seqs(grants));
            r.add(new UsedUp(code, c.uses(), c.useLimit()),
                    grants.isEmpty() ? null : grants.get(grants.size() - 1).event().at(), null, ev);
        } else if (own == DenialReason.EXPIRED) {
            expired(code, c, added, ev);
        } else if (own == DenialReason.CLOCK_UNTRUSTED) {
            r.timeBoundSlot = slot;
        } else if (own == DenialReason.NOT_YET_VALID) {
            r.add(new NotYetValid(code), c.addedAt(), c.rules().validFrom(), ev);
        } else if (own == DenialReason.OUTSIDE_SCHEDULE) {
            outsideSchedule(code, c, ev);
        }
        if (own == null || (own == DenialReason.MODE_FORBIDS && c.type() != UserType.REMOTE_ONLY)) {
            if (Replay.verdict(r.s, c, r.now, EntrySource.KEYPAD) == null) {
                r.add(new CodeOk(code), null, null, added == null ? List.of() : List.of(added.sequence()));
            }
        }
    }

    /** The slot holds no code: it never did, or its code was removed or erased by a reset. */
    private void gone(int slot, SequencedEvent added) {
        if (added == null) {
            Credential held = r.anchored.credentials().get(slot);
            if (held != null) {
                // Added before a pruned trail's anchor, gone after it.
                Slot code = new Slot(slot, held.name(), held.type());
                for (SequencedEvent se : r.prefix) {
                    LockEvent e = se.event();
                    List<Long> ev = r.anchorSequence >= 0 ? List.of(r.anchorSequence, se.sequence()) : List.of(se.sequence());
                    if (e instanceof CodeRemoved && ((CodeRemoved) e).slot() == slot) {
                        r.add(new Removed(code, false), e.at(), null, ev);
                        return;
                    }
                    if (e instanceof FactoryResetPerformed) {
                        r.add(new Erased(code, false), e.at(), null, ev);
                        return;
                    }
                }
            }
            r.add(new EmptySlot(slot), null, null, List.of());
            return;
        }
        Slot code = r.slotAt(slot, added);
        for (SequencedEvent se : r.after(added)) {
            LockEvent e = se.event();
            if (e instanceof CodeRemoved && ((CodeRemoved) e).slot() == slot) {
                r.add(new Removed(code, false, r.by(se)), e.at(), null, List.of(added.sequence(), se.sequence()));
                return;
            }
            if (e instanceof FactoryResetPerformed) {
                r.add(new Erased(code, false, r.by(se)), e.at(), null, List.of(added.sequence(), se.sequence()));
                return;
            }
        }
    }

    private void expired(Slot code, Credential c, SequencedEvent added, List<Long> ev) {
        Instant end = c.expiresAt();
        if (c.type() == UserType.EXPIRING && c.firstUsedAt() != null && c.rules().expireAfterFirstUse() != null
                && end.equals(Instants.plus(c.firstUsedAt(), c.rules().expireAfterFirstUse()))) {
            SequencedEvent first = r.first(EntryGranted.class,
                    e -> Integer.valueOf(code.number()).equals(((EntryGranted) e).slot()), added);
            if (first != null) {
                ev.add(first.sequence());
            }
            r.add(new Expired(code, c.rules().expireAfterFirstUse(), c.firstUsedAt()), end, null, ev);
        } else {
            r.add(new Expired(code, null, null), end, null, ev);
        }
    }

    private void outsideSchedule(Slot code, Credential c, List<Long> ev) {
        CodeRules rules = c.rules();
        for (TimeWindow w : rules.exclusions()) {
            if (w.contains(r.now)) {
                r.add(new Excluded(code, w), w.from(), w.until(), ev);
                return;
            }
        }
        r.add(new OffSchedule(code, rules.schedules()), null, nextWindow(rules, r.now, r.zone, c.expiresAt()), ev);
    }

    /**
     * The start of the next week-day window after {@code now} (in {@code zone}), skipping
     * exclusion windows, before {@code expiresAt}; null if none within 8 days.
     */
    static Instant nextWindow(CodeRules r, Instant now, ZoneId zone, Instant expiresAt) {
        ZonedDateTime local = Instants.atZone(now, zone);
        if (r.schedules().isEmpty() || local == null || !Instants.isPlausible(now)) {
            return null;
        }
        LocalDate day = local.toLocalDate();
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
}
