package dev.access.core.audit;

import dev.access.core.domain.BatchOutcome;
import dev.access.core.domain.LockEvent;
import dev.access.core.domain.LockEvent.AllOfflineCodesRevoked;
import dev.access.core.domain.LockEvent.BatchApplied;
import dev.access.core.domain.LockEvent.CodeChecked;
import dev.access.core.domain.LockEvent.EntryDenied;
import dev.access.core.domain.LockEvent.EntryGranted;
import dev.access.core.domain.LockEvent.FactoryResetPerformed;
import dev.access.core.domain.LockEvent.LockCommissioned;
import dev.access.core.domain.OfflineCode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a trail says about offline codes, for the replay, the reports and the diagnosis: the code an
 * event names, where the issuing-key generation in force began, and which events a backend's
 * programming batch caused (so a revocation is told "at the lock" from "by batch N").
 */
final class OfflineTrail {
    private OfflineTrail() {
    }

    /**
     * A programming batch that caused an event.
     *
     * @param batch the batch's number
     * @param backend the key id of its backend
     * @param sequence the sequence number of its {@code BatchApplied}
     */
    record Batch(long batch, String backend, long sequence) {
    }

    /** The offline code an event names (a grant, a refusal or a diagnostic check), or null. */
    static OfflineCode named(LockEvent e) {
        if (e instanceof EntryGranted) {
            return ((EntryGranted) e).offlineCode();
        }
        if (e instanceof EntryDenied) {
            return ((EntryDenied) e).offlineCode();
        }
        if (e instanceof CodeChecked) {
            return ((CodeChecked) e).offlineCode();
        }
        return null;
    }

    /**
     * The index in {@code events} of the first event of the issuing-key generation in force after
     * them: right after the last commissioning, factory reset or revoke-all (0 if none).
     */
    static int generationStart(List<SequencedEvent> events) {
        for (int i = events.size() - 1; i >= 0; i--) {
            LockEvent e = events.get(i).event();
            if (e instanceof LockCommissioned || e instanceof FactoryResetPerformed
                    || e instanceof AllOfflineCodesRevoked) {
                return i + 1;
            }
        }
        return 0;
    }

    /** The index of the first event of the key epoch in force after {@code events}: right after the last commissioning. */
    static int epochStart(List<SequencedEvent> events) {
        for (int i = events.size() - 1; i >= 0; i--) {
            LockEvent e = events.get(i).event();
            if (e instanceof LockCommissioned) {
                return i;
            }
            if (e instanceof FactoryResetPerformed) {
                return i + 1;
            }
        }
        return 0;
    }

    /**
     * The batch that caused each event a batch caused, by the event's sequence number: a
     * {@code BatchApplied} comes right after the events of its applied operations, which its
     * outcomes count.
     */
    static Map<Long, Batch> batches(List<SequencedEvent> events) {
        Map<Long, Batch> out = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            if (!(events.get(i).event() instanceof BatchApplied)) {
                continue;
            }
            BatchApplied b = (BatchApplied) events.get(i).event();
            int caused = 0;
            for (BatchOutcome o : b.outcomes()) {
                caused += Math.max(0, o.events());
            }
            Batch batch = new Batch(b.batch(), b.backendKeyId(), events.get(i).sequence());
            for (int j = Math.max(0, i - caused); j < i; j++) {
                out.put(events.get(j).sequence(), batch);
            }
        }
        return out;
    }
}
