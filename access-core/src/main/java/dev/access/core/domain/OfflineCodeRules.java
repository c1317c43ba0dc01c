package dev.access.core.domain;

import dev.access.core.domain.LockCommand.RecordOfflineKeyExport;
import dev.access.core.domain.LockCommand.RevokeAllOfflineCodes;
import dev.access.core.domain.LockCommand.RevokeOfflineCode;
import dev.access.core.domain.LockEvent.AllOfflineCodesRevoked;
import dev.access.core.domain.LockEvent.OfflineCodeRevoked;
import dev.access.core.domain.LockEvent.OfflineKeyExported;
import java.util.List;

/**
 * Revoking offline codes (one, or all by moving to the next issuing-key generation) and recording
 * an owner's export of the issuing key. Entering one is {@link Entry}'s.
 */
final class OfflineCodeRules {
    private OfflineCodeRules() {
    }

    static List<LockEvent> revoke(RevokeOfflineCode c, Situation x) {
        requireOffline(x.state(), c);
        if (c.codeId() == null || !c.codeId().matches("[0-9a-f]{16}")) {
            throw Checks.invalid("an offline code id is 16 lowercase hex digits, got '" + Checks.shorten(c.codeId())
                    + "'");
        }
        Checks.requireNonNull(c.until(), "the end of the code's window");
        if (!c.until().isAfter(x.now())) {
            throw Checks.invalid("offline code " + c.codeId() + " stopped opening at " + c.until()
                    + ": there is nothing to revoke");
        }
        java.time.Instant latest = x.now().plus(dev.access.crypto.OfflineCodes.MAX_LEAD)
                .plus(dev.access.crypto.OfflineCodes.MAX_REQUEST);
        if (c.until().isAfter(latest)) {
            throw Checks.invalid("offline code " + c.codeId() + " cannot open until " + c.until()
                    + ": no code issued by now ends after " + latest);
        }
        if (x.state().offline().isRevoked(c.codeId())) {
            return List.of();
        }
        return List.of(new OfflineCodeRevoked(c.lockId(), c.at(), c.codeId(), c.until(), Checks.actor(c.actor())));
    }

    static List<LockEvent> revokeAll(RevokeAllOfflineCodes c, Situation x) {
        LockState s = x.state();
        requireOffline(s, c);
        return List.of(new AllOfflineCodesRevoked(c.lockId(), c.at(), s.keyEpoch(), s.offline().generation() + 1,
                Checks.actor(c.actor())));
    }

    static List<LockEvent> recordExport(RecordOfflineKeyExport c, Situation x) {
        LockState s = x.state();
        requireOffline(s, c);
        Checks.requireEpoch(s, c.keyEpoch());
        if (c.generation() != s.offline().generation()) {
            throw new LockCommandRejected(Rejection.STALE_KEY_EPOCH, "issuing-key generation " + c.generation()
                    + " is not the lock's (" + s.offline().generation() + ")");
        }
        return List.of(new OfflineKeyExported(c.lockId(), c.at(), c.keyEpoch(), c.generation(), Checks.actor(c.actor())));
    }

    static LockState revoked(OfflineCodeRevoked e, LockState s) {
        return s.withOffline(s.offline().withRevoked(e.codeId(), e.until(), e.at()));
    }

    static LockState allRevoked(AllOfflineCodesRevoked e, LockState s) {
        return s.withOffline(s.offline().withGeneration(e.generation()));
    }

    private static void requireOffline(LockState s, LockCommand c) {
        if (!s.profile().offlineCodes()) {
            throw Checks.invalid("lock " + c.lockId() + " takes no offline codes");
        }
    }
}
