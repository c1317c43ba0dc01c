package dev.access.core.domain;

import static dev.access.core.domain.Checks.invalid;
import static dev.access.core.domain.Checks.requireNonNull;
import static dev.access.core.domain.Checks.text;

import dev.access.core.domain.LockCommand.CommissionLock;
import dev.access.core.domain.LockCommand.FactoryReset;
import dev.access.core.domain.LockEvent.AlarmRaised;
import dev.access.core.domain.LockEvent.CodeAdded;
import dev.access.core.domain.LockEvent.FactoryResetPerformed;
import dev.access.core.domain.LockEvent.LockCommissioned;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;

/** The lock's life cycle: commissioning it (with its master code) and factory resetting it. */
final class Commissioning {
    private Commissioning() {
    }

    /** Commissions an uncommissioned lock under a key epoch not older than its own. */
    static List<LockEvent> commission(CommissionLock c, Situation x) {
        LockState s = x.state();
        if (s.commissioned()) {
            throw new LockCommandRejected(Rejection.ALREADY_COMMISSIONED,
                    "lock " + c.lockId() + " is already commissioned; factory reset it first");
        }
        String model = text(c.model(), "model", true);
        String serial = text(c.serial(), "serial", true);
        String firmware = text(c.firmwareVersion(), "firmware version", true);
        requireNonNull(c.timeZone(), "time zone");
        try {
            ZoneId.of(c.timeZone());
        } catch (DateTimeException e) {
            throw invalid("unknown time zone '" + c.timeZone() + "'");
        }
        requireNonNull(c.pinPolicy(), "PIN policy");
        requireNonNull(c.lockoutPolicy(), "lockout policy");
        requireNonNull(c.masterDigest(), "master code");
        if (c.keyEpoch() < 1 || c.keyEpoch() < s.keyEpoch()) {
            throw new LockCommandRejected(Rejection.STALE_KEY_EPOCH, "key epoch " + c.keyEpoch()
                    + " is older than the lock's epoch " + s.keyEpoch());
        }
        int offline = c.offlineCodeLength();
        if (offline != 0 && (offline < dev.access.crypto.OfflineCodes.MIN_DIGITS
                || offline > dev.access.crypto.OfflineCodes.MAX_DIGITS)) {
            throw invalid("an offline code length is " + dev.access.crypto.OfflineCodes.MIN_DIGITS + " to "
                    + dev.access.crypto.OfflineCodes.MAX_DIGITS + " digits (0: no offline codes), got " + offline);
        }
        if (offline != 0 && offline >= c.pinPolicy().minLength() && offline <= c.pinPolicy().maxLength()) {
            throw invalid("the offline code length " + offline + " is also a user-code length ("
                    + c.pinPolicy().minLength() + " to " + c.pinPolicy().maxLength()
                    + "): the lock could not tell them apart");
        }
        Actor actor = Checks.actor(c.actor());
        return List.of(
                new LockCommissioned(c.lockId(), c.at(), model, serial, firmware, c.timeZone(), c.pinPolicy(),
                        c.lockoutPolicy(), c.keyEpoch(), offline, actor),
                new CodeAdded(c.lockId(), c.at(), 0, UserType.PROGRAMMING, "master", c.masterDigest(),
                        CodeRules.none(), actor));
    }

    /** Resets the lock, commissioned or not, to a key epoch after its own; raises an alarm. */
    static List<LockEvent> factoryReset(FactoryReset c, Situation x) {
        LockState s = x.state();
        if (c.newKeyEpoch() <= s.keyEpoch()) {
            throw new LockCommandRejected(Rejection.STALE_KEY_EPOCH, "new key epoch " + c.newKeyEpoch()
                    + " must be after the lock's epoch " + s.keyEpoch());
        }
        return List.of(new FactoryResetPerformed(c.lockId(), c.at(), s.keyEpoch(), c.newKeyEpoch(), Checks.actor(c.actor())),
                new AlarmRaised(c.lockId(), c.at(), AlarmCode.LOCK_FACTORY_RESET, null));
    }

    /** Commissioned: the profile and epoch set, every code, mode and lockout fresh. */
    static LockState commissioned(LockCommissioned e, LockState s) {
        int offline = e.offlineCodeLength() != null ? e.offlineCodeLength()
                : LockProfile.defaultOfflineCodeLength(e.pinPolicy());
        return s.withCommissioning(new LockProfile(e.model(), e.serial(), e.firmwareVersion(), e.timeZone(),
                e.pinPolicy(), e.lockoutPolicy(), offline), e.keyEpoch());
    }

    /** Reset: nothing kept but the lock's id, its battery, its clock and the count of resets. */
    static LockState reset(FactoryResetPerformed e, LockState s) {
        return s.withFactoryReset(e.newKeyEpoch());
    }
}
