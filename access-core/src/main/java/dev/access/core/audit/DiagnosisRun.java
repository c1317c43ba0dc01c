package dev.access.core.audit;

import dev.access.core.audit.Finding.Code;
import dev.access.core.audit.FindingDetail.Slot;
import dev.access.core.domain.BatteryLevel;
import dev.access.core.domain.DenialReason;
import dev.access.core.domain.LockDecider;
import dev.access.core.domain.LockEvent;
import dev.access.core.domain.LockEvent.BatteryReported;
import dev.access.core.domain.LockEvent.CodeAdded;
import dev.access.core.domain.LockEvent.EntryDenied;
import dev.access.core.domain.LockEvent.LockCommissioned;
import dev.access.core.domain.LockEvent.LockoutStarted;
import dev.access.core.domain.LockState;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * One diagnosis in progress: the trail's prefix up to the instant, the state folded from it, the
 * lock's zone, and the findings so far; with the searches of the prefix the rules share.
 */
final class DiagnosisRun {
    final List<SequencedEvent> prefix;
    final LockState s;
    /** The state the prefix applies to: a pruned trail's anchored state, else the initial state. */
    final LockState anchored;
    /** The sequence of a pruned trail's anchor, or -1. */
    final long anchorSequence;
    final Instant now;
    final ZoneId zone;
    /** The lock. */
    final String lock;
    /** How the trail's sealed names read. */
    final Names names;
    /** The slot asked about, if what refuses it is only the untrusted clock; else null. */
    Integer timeBoundSlot;
    private final List<Finding> out = new ArrayList<>();

    DiagnosisRun(LockHistory history, Instant at) {
        this.prefix = Replay.prefix(history, at);
        this.lock = history.lock();
        this.names = history.names();
        this.anchored = history.initialState();
        this.anchorSequence = history.anchor() == null ? -1 : history.anchor().sequence();
        LockState st = anchored;
        for (SequencedEvent e : prefix) {
            st = LockDecider.evolve(st, e.event());
        }
        this.s = st;
        this.now = st.effectiveTime(at);
        SequencedEvent commissioned = last(LockCommissioned.class, e -> true);
        ZoneId z = ZoneId.of("UTC");
        if (commissioned == null && st.profile() != null) {
            try {
                z = ZoneId.of(st.profile().timeZone());
            } catch (RuntimeException e) {
                z = ZoneId.of("UTC");
            }
        }
        if (commissioned != null) {
            try {
                z = ZoneId.of(((LockCommissioned) commissioned.event()).timeZone());
            } catch (RuntimeException e) {
                z = ZoneId.of("UTC");
            }
        }
        this.zone = z;
    }

    /** Adds a finding at this run's instant and zone; the evidence is sorted and deduplicated. */
    void add(FindingDetail detail, Instant since, Instant until, List<Long> evidence) {
        out.add(new Finding(detail, now, zone, since, until, List.copyOf(new TreeSet<>(evidence))));
    }

    boolean found(Code code) {
        return out.stream().anyMatch(f -> f.code() == code);
    }

    /** Whether a finding with a detail of this type was added. */
    boolean has(Class<? extends FindingDetail> type) {
        return out.stream().anyMatch(f -> type.isInstance(f.detail()));
    }

    boolean nothingFound() {
        return out.isEmpty();
    }

    List<Finding> findings() {
        return List.copyOf(out);
    }

    SequencedEvent last(Class<? extends LockEvent> type, Predicate<LockEvent> p) {
        for (int i = prefix.size() - 1; i >= 0; i--) {
            LockEvent e = prefix.get(i).event();
            if (type.isInstance(e) && p.test(e)) {
                return prefix.get(i);
            }
        }
        return null;
    }

    /** Every matching event after {@code from} (or from the start), at most the last MAX_EVIDENCE. */
    List<SequencedEvent> all(Class<? extends LockEvent> type, Predicate<LockEvent> p, SequencedEvent from) {
        List<SequencedEvent> r = new ArrayList<>();
        for (SequencedEvent se : from == null ? prefix : after(from)) {
            if (type.isInstance(se.event()) && p.test(se.event())) {
                r.add(se);
            }
        }
        return r.size() > Diagnosis.MAX_EVIDENCE ? r.subList(r.size() - Diagnosis.MAX_EVIDENCE, r.size()) : r;
    }

    SequencedEvent first(Class<? extends LockEvent> type, Predicate<LockEvent> p, SequencedEvent from) {
        for (SequencedEvent se : from == null ? prefix : after(from)) {
            if (type.isInstance(se.event()) && p.test(se.event())) {
                return se;
            }
        }
        return null;
    }

    List<SequencedEvent> after(SequencedEvent e) {
        int i = prefix.indexOf(e);
        return prefix.subList(i + 1, prefix.size());
    }

    /** The code in {@code slot} as the last CodeAdded for it at or before {@code from} names it. */
    Slot slotAt(int slot, SequencedEvent from) {
        for (int i = prefix.indexOf(from); i >= 0; i--) {
            LockEvent e = prefix.get(i).event();
            if (e instanceof CodeAdded && ((CodeAdded) e).slot() == slot) {
                return new Slot(slot, name(((CodeAdded) e).name()), ((CodeAdded) e).type());
            }
        }
        // Added before a pruned trail's anchor: as the anchored state holds it.
        dev.access.core.domain.Credential c = anchored.credentials().get(slot);
        return c == null ? new Slot(slot, null, null) : new Slot(slot, c.name(), c.type());
    }

    /** A personal value of the trail as people read it (see {@link Names#reveal}). */
    String name(String value) {
        return names.reveal(lock, value);
    }

    /** Who did {@code e} as people read it (see {@link Names#who}), or null; null for null. */
    String by(SequencedEvent e) {
        return e == null ? null : names.who(lock, e.event());
    }

    /** The wrong-code denials before {@code e}, at most {@code n}, back to the previous lockout. */
    List<Long> wrongCodesBefore(SequencedEvent e, int n) {
        List<Long> r = new ArrayList<>();
        for (int i = prefix.indexOf(e) - 1; i >= 0 && r.size() < Math.min(n, Diagnosis.MAX_EVIDENCE); i--) {
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
    List<Long> recentDenials(int slot, DenialReason reason) {
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
    List<SequencedEvent> batteryRun(BatteryLevel level) {
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
        return run.size() > Diagnosis.MAX_EVIDENCE ? run.subList(run.size() - Diagnosis.MAX_EVIDENCE, run.size()) : run;
    }

    static List<Long> seqs(List<SequencedEvent> events) {
        List<Long> r = new ArrayList<>(events.size());
        for (SequencedEvent e : events) {
            r.add(e.sequence());
        }
        return r;
    }
}
