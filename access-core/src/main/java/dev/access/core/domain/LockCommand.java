package dev.access.core.domain;

import dev.access.crypto.CodeDigest;
import dev.access.crypto.CodeFingerprint;
import dev.access.crypto.PinPolicy;
import java.time.Instant;

/**
 * What can be asked of a lock. Every command names its lock and carries the time it is stamped
 * with (the domain never reads a clock). PINs arrive only as digests under {@code keyEpoch}.
 */
public sealed interface LockCommand {
    /** The lock the command is for. */
    LockId lockId();

    /** The time the command was stamped with. */
    Instant at();

    /** Commissions a lock and sets its master code in slot 0. */
    record CommissionLock(LockId lockId, Instant at, String model, String serial, String firmwareVersion,
            String timeZone, PinPolicy pinPolicy, LockoutPolicy lockoutPolicy, CodeDigest masterDigest,
            int keyEpoch) implements LockCommand {
        @Override
        public String toString() {
            return "CommissionLock[" + lockId + ", at=" + at + ", model=" + model + ", serial=" + serial
                    + ", zone=" + timeZone + ", epoch=" + keyEpoch + "]";
        }
    }

    /** Adds a user code in an empty slot (1 to {@value LockDecider#MAX_SLOT}). */
    record AddCode(LockId lockId, Instant at, int slot, UserType type, String name, CodeDigest digest,
            CodeRules rules, int keyEpoch) implements LockCommand {
    }

    /** Replaces the PIN of the code in a slot (slot 0: the master code). */
    record ChangeCode(LockId lockId, Instant at, int slot, CodeDigest digest, int keyEpoch)
            implements LockCommand {
    }

    /** Suspends a user code: kept, but it does not open. */
    record SuspendCode(LockId lockId, Instant at, int slot) implements LockCommand {
    }

    /** Resumes a suspended user code. */
    record ResumeCode(LockId lockId, Instant at, int slot) implements LockCommand {
    }

    /** Removes a user code. */
    record RemoveCode(LockId lockId, Instant at, int slot) implements LockCommand {
    }

    /**
     * A PIN was entered; {@code digest} is its digest under {@code keyEpoch} (an auditor's replay
     * of an export enters a code by the commitment it is known by there, as the state holds it).
     */
    record EnterCode(LockId lockId, Instant at, EntrySource source, CodeFingerprint digest, int keyEpoch)
            implements LockCommand {
    }

    /**
     * Input that is not a PIN under the lock's policy was entered (wrong length, non-digits): it is
     * recorded as an attempt; {@code rule} names the broken rule and {@code length} the input's
     * length.
     */
    record EnterMalformedCode(LockId lockId, Instant at, EntrySource source, String rule, int length)
            implements LockCommand {
    }

    /** Changes the operating mode; {@code by} says who (for the trail). */
    record ChangeMode(LockId lockId, Instant at, OperatingMode mode, String by) implements LockCommand {
    }

    /** Clears a lockout or a disabled keypad: a remote administrator's action. */
    record ClearLockout(LockId lockId, Instant at, String by) implements LockCommand {
    }

    /** The battery reports its level in percent (0-100). */
    record ReportBattery(LockId lockId, Instant at, int percent) implements LockCommand {
    }

    /** The hardware reports a device event. */
    record ReportDeviceEvent(LockId lockId, Instant at, DeviceEventKind kind) implements LockCommand {
    }

    /** New firmware was installed. */
    record UpdateFirmware(LockId lockId, Instant at, String version) implements LockCommand {
    }

    /** Trusted time from an authenticated source: {@code at} is that time. */
    record SetClock(LockId lockId, Instant at) implements LockCommand {
    }

    /**
     * Erases every credential and setting and moves the lock to {@code newKeyEpoch}; the caller
     * destroys the old epoch's key once this is recorded.
     */
    record FactoryReset(LockId lockId, Instant at, int newKeyEpoch) implements LockCommand {
    }
}
