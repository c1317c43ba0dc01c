package dev.access.core.audit;

import dev.access.core.domain.LockEvent;
import dev.access.core.domain.LockId;
import dev.access.core.domain.LockState;
import dev.access.core.trail.TrailAnchored;
import dev.access.core.internal.trail.AuditForm;
import dev.access.core.trail.TrailRecord;
import dev.access.core.trail.TrailSource;
import java.io.BufferedReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One lock's events in trail order, each with its sequence number: what {@link Replay},
 * {@link AccessReport}, {@link HtmlTimeline}, {@link Diagnosis} and {@link SupportBundle} read.
 * Checkpoints are left out (their sequence numbers stay as gaps). A pruned trail starts at its
 * retention anchor: the history then starts from the anchored state ({@link #initialState()}) and
 * holds the events after it.
 *
 * @param lock the lock id
 * @param events its events, by ascending sequence
 * @param problems lines that could not be read into an event (malformed, unknown type, repeated
 *     sequence, a misplaced personal-keys line, an anchor that is not the trail's first record);
 *     empty for a trail read from a store
 * @param anchor the retention anchor the trail starts at, or null for a trail from its first event
 * @param names how its sealed names read: with the keys its export carries, or its source hands
 *     over; {@link Names#NONE} when none (every sealed name reads as erased)
 */
public record LockHistory(String lock, List<SequencedEvent> events, List<TrailProblem> problems,
        TrailAnchored anchor, Names names) {
    /** A history whose sealed names all read as erased (no key), from a trail's first event. */
    public LockHistory(String lock, List<SequencedEvent> events, List<TrailProblem> problems) {
        this(lock, events, problems, null, Names.NONE);
    }

    /**
     * Copies the lists; requires strictly ascending sequence numbers, all after the anchor's; null
     * names are {@link Names#NONE}.
     */
    public LockHistory {
        Objects.requireNonNull(lock, "lock");
        names = names == null ? Names.NONE : names;
        events = List.copyOf(events);
        problems = List.copyOf(problems);
        if (anchor != null && !events.isEmpty() && events.get(0).sequence() <= anchor.sequence()) {
            throw new IllegalArgumentException("sequence " + events.get(0).sequence() + " is not after the anchor's "
                    + anchor.sequence() + ": a history's anchor comes first");
        }
        for (int i = 1; i < events.size(); i++) {
            if (events.get(i).sequence() <= events.get(i - 1).sequence()) {
                throw new IllegalArgumentException("sequence " + events.get(i).sequence() + " follows "
                        + events.get(i - 1).sequence() + ": a history is in ascending sequence order");
            }
        }
    }

    /** The state the events apply to: the anchored state of a pruned trail, else the state before any event. */
    public LockState initialState() {
        return anchor == null ? LockState.initial() : anchor.state();
    }

    /** The same history (same anchor) with other events, e.g. a prefix of these. */
    public LockHistory withEvents(List<SequencedEvent> other) {
        return new LockHistory(lock, other, problems, anchor, names);
    }

    /**
     * A lock's trail as a source holds it (a running lock, an export file, an archive), with real
     * sequence numbers, in audit form (code digests replaced by their commitments), exactly as an
     * export would carry it.
     */
    public static LockHistory of(TrailSource source, LockId lock) {
        List<TrailRecord> records = new ArrayList<>();
        source.trail(lock, records::add);
        return ofRecords(lock.value(), records, Names.of(source, lock));
    }

    /** A lock's history from its trail records (as a {@link TrailSource} hands them over), names unreadable. */
    public static LockHistory ofRecords(String lock, List<TrailRecord> records) {
        return ofRecords(lock, records, Names.NONE);
    }

    /** A lock's history from its trail records, its sealed names read with {@code names}. */
    public static LockHistory ofRecords(String lock, List<TrailRecord> records, Names names) {
        TrailReader.HistoryBuilder b = new TrailReader.HistoryBuilder(lock);
        b.names(names);
        long line = 0;
        for (TrailRecord r : records) {
            line++;
            if (!lock.equals(r.lock())) {
                continue;
            }
            Object e;
            try {
                e = AuditForm.parse(r.type(), r.payload());
            } catch (IllegalArgumentException ex) {
                b.problem(new TrailProblem(line, lock, r.sequence(), TrailProblem.Kind.MALFORMED_LINE,
                        ex.getMessage()));
                continue;
            }
            b.add(line, r.sequence(), e);
        }
        return b.build();
    }

    /**
     * A lock's history from a plain event list, such as {@code AccessControl.events}: each event's
     * index in the list stands for its sequence number (a store's trail also holds checkpoints, so
     * these are positions, not trail sequence numbers).
     */
    public static LockHistory ofEvents(LockId lock, List<? extends LockEvent> events) {
        return ofEvents(lock, events, Names.NONE);
    }

    /** {@link #ofEvents(LockId, List)} with its sealed names read with {@code names}. */
    public static LockHistory ofEvents(LockId lock, List<? extends LockEvent> events, Names names) {
        List<SequencedEvent> out = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            out.add(new SequencedEvent(i, events.get(i)));
        }
        return new LockHistory(lock.value(), out, List.of(), null, names);
    }

    /** This history with its sealed names read with {@code other} instead. */
    public LockHistory withNames(Names other) {
        return new LockHistory(lock, events, problems, anchor, other);
    }


    /** One lock's history read from a JSON Lines export (see {@link TrailReader#history}). */
    public static LockHistory fromExport(BufferedReader in, LockId lock) {
        return TrailReader.history(in, lock.value());
    }

    /**
     * Equal to another history of the same lock with the same anchor, events and problems: what the
     * trail holds. The {@link #names} a history reads with are no part of it (the same export read
     * with and without its keys is the same trail).
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof LockHistory h && lock.equals(h.lock) && Objects.equals(anchor, h.anchor)
                && events.equals(h.events) && problems.equals(h.problems);
    }

    /** Consistent with {@link #equals}: lock, anchor, events and problems. */
    @Override
    public int hashCode() {
        return Objects.hash(lock, anchor, events, problems);
    }

    /** The events alone, in order. */
    public List<LockEvent> lockEvents() {
        List<LockEvent> out = new ArrayList<>(events.size());
        for (SequencedEvent e : events) {
            out.add(e.event());
        }
        return Collections.unmodifiableList(out);
    }
}
