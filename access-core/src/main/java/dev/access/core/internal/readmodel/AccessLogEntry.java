package dev.access.core.internal.readmodel;

import dev.access.core.domain.Credential;
import dev.access.core.domain.LockDecider;
import dev.access.core.domain.LockEvent;
import dev.access.core.domain.LockState;
import dev.access.core.readmodel.AccessLogView;
import dev.access.core.readmodel.AttemptView;
import dev.access.core.readmodel.CodeView;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the access log keeps per lock: the fold of its events up to {@code lastSequence} and its
 * recent attempts. Applying events is idempotent by sequence number.
 *
 * @param lockId the lock
 * @param lastSequence the last sequence number applied (-1 for none)
 * @param state the fold of the lock's events so far
 * @param attempts recent attempts, oldest first
 */
public record AccessLogEntry(String lockId, long lastSequence, LockState state, List<AttemptView> attempts) {
    /** Copies the attempts. */
    public AccessLogEntry {
        attempts = List.copyOf(attempts);
    }

    /** An entry with nothing applied yet. */
    public static AccessLogEntry empty(String lockId) {
        return new AccessLogEntry(lockId, -1, LockState.initial(), List.of());
    }

    /**
     * This entry after the event at {@code sequence} (a checkpoint or any other trail event only
     * advances the sequence). An event at or before {@code lastSequence} changes nothing.
     */
    public AccessLogEntry apply(long sequence, Object payload) {
        if (sequence <= lastSequence) {
            return this;
        }
        if (payload instanceof dev.access.core.trail.TrailAnchored) {
            return pruned(sequence, ((dev.access.core.trail.TrailAnchored) payload).state());
        }
        if (!(payload instanceof LockEvent)) {
            return new AccessLogEntry(lockId, sequence, state, attempts);
        }
        LockEvent e = (LockEvent) payload;
        List<AttemptView> next = attempts;
        if (e instanceof LockEvent.EntryGranted || e instanceof LockEvent.EntryDenied) {
            next = new ArrayList<>(attempts);
            next.add(attempt(sequence, e));
            if (next.size() > AccessLogView.RECENT) {
                next = next.subList(next.size() - AccessLogView.RECENT, next.size());
            }
        }
        return new AccessLogEntry(lockId, sequence, LockDecider.evolve(state, e), next);
    }

    /**
     * This entry after a prune that anchored {@code anchored} at sequence {@code cut}: the attempts
     * of the removed events are dropped; an entry that had not reached the cut takes the anchored
     * state there.
     */
    public AccessLogEntry pruned(long cut, LockState anchored) {
        List<AttemptView> kept = new ArrayList<>();
        for (AttemptView a : attempts) {
            if (a.sequence() > cut) {
                kept.add(a);
            }
        }
        return lastSequence < cut ? new AccessLogEntry(lockId, cut, anchored, kept)
                : new AccessLogEntry(lockId, lastSequence, state, kept);
    }

    private AttemptView attempt(long sequence, LockEvent e) {
        if (e instanceof LockEvent.EntryGranted) {
            LockEvent.EntryGranted g = (LockEvent.EntryGranted) e;
            return new AttemptView(sequence, g.at(), g.source(), true, g.slot(), g.slot() == null ? null : nameOf(g.slot()),
                    null, g.offlineCode());
        }
        LockEvent.EntryDenied d = (LockEvent.EntryDenied) e;
        return new AttemptView(sequence, d.at(), d.source(), false, d.slot(), d.slot() == null ? null : nameOf(d.slot()),
                d.reason(), d.offlineCode());
    }

    private String nameOf(int slot) {
        Credential c = state.credentials().get(slot);
        return c == null ? null : c.name();
    }

    /** The view of this entry, as the API shows it. */
    public AccessLogView view() {
        AccessLogEntry e = this;
        LockState s = e.state();
        List<CodeView> codes = s.credentials().all().stream().map(AccessLogEntry::code).collect(Collectors.toList());
        return new AccessLogView(e.lockId(), e.lastSequence(), s.commissioned(), s.mode(), s.modeSince(), s.modeSetBy(),
                s.lockout().lockedOutUntil(), s.lockout().keypadDisabled(), s.batteryPercent(), s.batteryLevel(),
                s.clockTrusted(), codes, e.attempts());
    }

    private static CodeView code(Credential c) {
        String status = c.suspended() ? "SUSPENDED" : c.isUsedUp() ? "USED_UP" : "ENABLED";
        return new CodeView(c.slot(), c.type(), c.name(), status, c.expiresAt());
    }
}
