package dev.access.core.domain;

import static dev.access.core.domain.Checks.invalid;

import dev.access.core.domain.LockCommand.EnrollLock;
import dev.access.core.domain.LockEvent.LockEnrolled;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The backend a lock belongs to: enrolling it (DESIGN.md section 11). The lock records whose it is
 * by the backend's key id; the keys themselves are exchanged in the signed enrollment document,
 * outside the domain.
 */
final class Enrollments {
    /** A backend key id: 16 lower-case hex characters (the first 8 bytes of a key hash). */
    private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{16}");

    /** The most of a refused key id a message shows. */
    private static final int SHOWN = 40;

    private Enrollments() {
    }

    /**
     * Enrolls a commissioned lock to a backend; enrolling it to the backend it already belongs to
     * changes nothing, enrolling it to another records the move and names the one it leaves.
     */
    static List<LockEvent> enroll(EnrollLock c, Situation x) {
        String backend = c.backendKeyId();
        if (backend == null) {
            throw invalid("backend key id is missing");
        }
        if (!KEY_ID.matcher(backend).matches()) {
            throw invalid("backend key id '" + shown(backend) + "' is not a key id (16 lower-case hex characters)");
        }
        LockState s = x.state();
        Integer handed = c.offlineKeyGeneration();
        if (handed != null && handed != s.offline().generation()) {
            throw new LockCommandRejected(Rejection.STALE_KEY_EPOCH, "the enrollment hands over issuing-key generation "
                    + handed + ", the lock uses " + s.offline().generation());
        }
        if (backend.equals(s.backendKeyId()) && (handed == null || handed == s.offline().backendGeneration())) {
            return List.of();
        }
        return List.of(new LockEnrolled(c.lockId(), c.at(), backend, s.keyEpoch(), s.backendKeyId(),
                c.backendSigningKey(), handed, Checks.actor(c.actor())));
    }

    /** The lock belongs to the backend the event names. */
    static LockState enrolled(LockEnrolled e, LockState s) {
        LockState next = s.withBackend(e.backendKeyId(), e.backendSigningKey());
        return e.offlineKeyGeneration() == null ? next
                : next.withOffline(next.offline().withBackendGeneration(e.offlineKeyGeneration()));
    }

    private static String shown(String value) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < value.length() && b.length() < SHOWN; i++) {
            char ch = value.charAt(i);
            b.append(Character.isISOControl(ch) ? '?' : ch);
        }
        return value.length() > SHOWN ? b + "…" : b.toString();
    }
}
