package dev.access.core;

import dev.access.core.audit.Diagnosis;
import dev.access.core.domain.LockEvent;
import java.util.List;

/**
 * The answer to {@link AccessControl#checkCode}: the recorded events of a diagnostic check of a
 * typed PIN, whether a lockout refused it, and the diagnosis question about the typed code.
 *
 * <p>Guarantees: not a record, so its {@code toString} never shows the digest the question may
 * carry; a refused check's question holds the typed length only (no digest, no offline search), so
 * a diagnosis of it cannot tell a right PIN from a wrong one.
 */
public final class CodeCheck {
    private final List<LockEvent> events;
    private final boolean lockedOut;
    private final boolean refused;
    private final Diagnosis.Question question;

    CodeCheck(List<LockEvent> events, boolean lockedOut, boolean refused, Diagnosis.Question question) {
        this.events = List.copyOf(events);
        this.lockedOut = lockedOut;
        this.refused = refused;
        this.question = question;
    }

    /** The events the check recorded, in order. */
    public List<LockEvent> events() {
        return events;
    }

    /** Whether a lockout or a disabled keypad refused the check (recorded, uncounted, telling nothing). */
    public boolean refusedByLockout() {
        return lockedOut;
    }

    /**
     * Whether the lock refused the check (recorded, uncounted, telling nothing): a lockout or a
     * disabled keypad, or, for a PIN of the offline length, an untrusted clock.
     */
    public boolean refused() {
        return refused;
    }

    /**
     * The question asked, about the typed code: with its typed length, and with its digest unless
     * the check was refused or the input is not a PIN under the lock's policy; for a PIN of the
     * offline length, with what the administrator's search found unless the check was refused.
     */
    public Diagnosis.Question question() {
        return question;
    }

    /** Redacted: never shows the digest. */
    @Override
    public String toString() {
        return "CodeCheck[refused=" + refused + ", events=" + events.size() + ", question=" + question + "]";
    }
}
