package dev.access.core.retention;

import dev.access.core.audit.LockHistory;
import dev.access.core.domain.LockState;
import java.io.BufferedReader;
import java.io.StringReader;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts what the anchored states of a model run carry, so the run says what it exercised. */
final class TrailAnchoredStats {
    private TrailAnchoredStats() {
    }

    static void count(String export, AtomicInteger lockouts, AtomicInteger usedUp) {
        LockState s = LockHistory.fromExport(new BufferedReader(new StringReader(export)), PruneModel.LOCK).initialState();
        if (s.lockout().lockedOutUntil() != null || s.lockout().keypadDisabled() || s.lockout().level() > 0) {
            lockouts.incrementAndGet();
        }
        if (!s.offline().used().isEmpty() || s.credentials().all().stream().anyMatch(c -> c.uses() > 0)) {
            usedUp.incrementAndGet();
        }
    }
}
