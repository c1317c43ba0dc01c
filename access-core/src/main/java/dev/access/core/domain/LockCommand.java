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

    /** The same command stamped {@code time}: how a command with a faulty stamp is judged at the clock floor. */
    LockCommand restampedAt(Instant time);

    /** Commissions a lock and sets its master code in slot 0. */
    record CommissionLock(LockId lockId, Instant at, String model, String serial, String firmwareVersion,
            String timeZone, PinPolicy pinPolicy, LockoutPolicy lockoutPolicy, CodeDigest masterDigest,
            int keyEpoch, int offlineCodeLength, Actor actor) implements LockCommand {
        /** The same command by the local administrator (the embedding API's default). */
        public CommissionLock(LockId lockId, Instant at, String model, String serial, String firmwareVersion,
            String timeZone, PinPolicy pinPolicy, LockoutPolicy lockoutPolicy, CodeDigest masterDigest,
            int keyEpoch, int offlineCodeLength) {
            this(lockId, at, model, serial, firmwareVersion, timeZone, pinPolicy, lockoutPolicy, masterDigest, keyEpoch, offlineCodeLength, Actor.INSTALLER);
        }

        /** Commissioning with the default offline PIN length for this PIN policy. */
        public CommissionLock(LockId lockId, Instant at, String model, String serial, String firmwareVersion,
                String timeZone, PinPolicy pinPolicy, LockoutPolicy lockoutPolicy, CodeDigest masterDigest,
                int keyEpoch) {
            this(lockId, at, model, serial, firmwareVersion, timeZone, pinPolicy, lockoutPolicy, masterDigest, keyEpoch,
                    LockProfile.defaultOfflineCodeLength(pinPolicy));
        }

        @Override
        public CommissionLock restampedAt(Instant time) {
            return new CommissionLock(lockId, time, model, serial, firmwareVersion, timeZone, pinPolicy,
                    lockoutPolicy, masterDigest, keyEpoch, offlineCodeLength, actor);
        }

        @Override
        public String toString() {
            return "CommissionLock[" + lockId + ", at=" + at + ", model=" + model + ", serial=" + serial
                    + ", zone=" + timeZone + ", epoch=" + keyEpoch + "]";
        }
    }

    /** Adds a user code in an empty slot (1 to {@value LockDecider#MAX_SLOT}). */
    record AddCode(LockId lockId, Instant at, int slot, UserType type, String name, CodeDigest digest,
            CodeRules rules, int keyEpoch, Actor actor) implements LockCommand {
        /** The same command by the local administrator (the embedding API's default). */
        public AddCode(LockId lockId, Instant at, int slot, UserType type, String name, CodeDigest digest,
            CodeRules rules, int keyEpoch) {
            this(lockId, at, slot, type, name, digest, rules, keyEpoch, Actor.LOCAL);
        }

        @Override
        public AddCode restampedAt(Instant time) {
            return new AddCode(lockId, time, slot, type, name, digest, rules, keyEpoch, actor);
        }
    }

    /** Replaces the PIN of the code in a slot (slot 0: the master code). */
    record ChangeCode(LockId lockId, Instant at, int slot, CodeDigest digest, int keyEpoch, Actor actor)
            implements LockCommand {
        /** The same command by the local administrator (the embedding API's default). */
        public ChangeCode(LockId lockId, Instant at, int slot, CodeDigest digest, int keyEpoch) {
            this(lockId, at, slot, digest, keyEpoch, Actor.LOCAL);
        }

        @Override
        public ChangeCode restampedAt(Instant time) {
            return new ChangeCode(lockId, time, slot, digest, keyEpoch, actor);
        }
    }

    /** Suspends a user code: kept, but it does not open. */
    record SuspendCode(LockId lockId, Instant at, int slot, Actor actor) implements LockCommand {
        /** The same command by the local administrator (the embedding API's default). */
        public SuspendCode(LockId lockId, Instant at, int slot) {
            this(lockId, at, slot, Actor.LOCAL);
        }

        @Override
        public SuspendCode restampedAt(Instant time) {
            return new SuspendCode(lockId, time, slot, actor);
        }
    }

    /** Resumes a suspended user code. */
    record ResumeCode(LockId lockId, Instant at, int slot, Actor actor) implements LockCommand {
        /** The same command by the local administrator (the embedding API's default). */
        public ResumeCode(LockId lockId, Instant at, int slot) {
            this(lockId, at, slot, Actor.LOCAL);
        }

        @Override
        public ResumeCode restampedAt(Instant time) {
            return new ResumeCode(lockId, time, slot, actor);
        }
    }

    /** Removes a user code. */
    record RemoveCode(LockId lockId, Instant at, int slot, Actor actor) implements LockCommand {
        /** The same command by the local administrator (the embedding API's default). */
        public RemoveCode(LockId lockId, Instant at, int slot) {
            this(lockId, at, slot, Actor.LOCAL);
        }

        @Override
        public RemoveCode restampedAt(Instant time) {
            return new RemoveCode(lockId, time, slot, actor);
        }
    }

    /**
     * A PIN was entered; {@code digest} is its digest under {@code keyEpoch} (an auditor's replay
     * of an export enters a code by the commitment it is known by there, as the state holds it).
     */
    record EnterCode(LockId lockId, Instant at, EntrySource source, CodeFingerprint digest, int keyEpoch)
            implements LockCommand {
        @Override
        public EnterCode restampedAt(Instant time) {
            return new EnterCode(lockId, time, source, digest, keyEpoch);
        }
    }

    /**
     * A typed PIN checked for a diagnosis ("why does my code not work?"), never to open: it goes
     * through the entry rules as an attempt from {@link EntrySource#DIAGNOSTIC}, so it is recorded,
     * counts toward the lockout and the daily budget like a keypad entry, and is refused during a
     * lockout or while the keypad is disabled (then it tells nothing about the PIN).
     * {@code digest} is the PIN's digest under {@code keyEpoch}, or null when the input is not a PIN
     * under the lock's policy; {@code malformedRule} then names the broken rule.
     */
    record CheckCode(LockId lockId, Instant at, CodeFingerprint digest, int keyEpoch, String malformedRule)
            implements LockCommand {
        @Override
        public CheckCode restampedAt(Instant time) {
            return new CheckCode(lockId, time, digest, keyEpoch, malformedRule);
        }
    }

    /**
     * Input that is not a PIN under the lock's policy was entered (wrong length, non-digits): it is
     * recorded as an attempt; {@code rule} names the broken rule and {@code length} the input's
     * length.
     */
    record EnterMalformedCode(LockId lockId, Instant at, EntrySource source, String rule, int length)
            implements LockCommand {
        @Override
        public EnterMalformedCode restampedAt(Instant time) {
            return new EnterMalformedCode(lockId, time, source, rule, length);
        }
    }

    /** Changes the operating mode; {@code by} says who (for the trail). */
    record ChangeMode(LockId lockId, Instant at, OperatingMode mode, String by, Actor actor) implements LockCommand {
        /** The same command by the local administrator (the embedding API's default). */
        public ChangeMode(LockId lockId, Instant at, OperatingMode mode, String by) {
            this(lockId, at, mode, by, Actor.LOCAL);
        }

        @Override
        public ChangeMode restampedAt(Instant time) {
            return new ChangeMode(lockId, time, mode, by, actor);
        }
    }

    /** Clears a lockout or a disabled keypad: a remote administrator's action. */
    record ClearLockout(LockId lockId, Instant at, String by, Actor actor) implements LockCommand {
        /** The same command by the local administrator (the embedding API's default). */
        public ClearLockout(LockId lockId, Instant at, String by) {
            this(lockId, at, by, Actor.LOCAL);
        }

        @Override
        public ClearLockout restampedAt(Instant time) {
            return new ClearLockout(lockId, time, by, actor);
        }
    }

    /** The battery reports its level in percent (0-100). */
    record ReportBattery(LockId lockId, Instant at, int percent) implements LockCommand {
        @Override
        public ReportBattery restampedAt(Instant time) {
            return new ReportBattery(lockId, time, percent);
        }
    }

    /** The hardware reports a device event. */
    record ReportDeviceEvent(LockId lockId, Instant at, DeviceEventKind kind) implements LockCommand {
        @Override
        public ReportDeviceEvent restampedAt(Instant time) {
            return new ReportDeviceEvent(lockId, time, kind);
        }
    }

    /** New firmware was installed. */
    record UpdateFirmware(LockId lockId, Instant at, String version) implements LockCommand {
        @Override
        public UpdateFirmware restampedAt(Instant time) {
            return new UpdateFirmware(lockId, time, version);
        }
    }

    /** Trusted time from an authenticated source: {@code at} is that time. */
    record SetClock(LockId lockId, Instant at, Actor actor) implements LockCommand {
        /** The same command by the local administrator (the embedding API's default). */
        public SetClock(LockId lockId, Instant at) {
            this(lockId, at, Actor.LOCAL);
        }

        @Override
        public SetClock restampedAt(Instant time) {
            return new SetClock(lockId, time, actor);
        }
    }

    /**
     * Erases every credential and setting and moves the lock to {@code newKeyEpoch}; the caller
     * destroys the old epoch's key once this is recorded.
     */
    record FactoryReset(LockId lockId, Instant at, int newKeyEpoch, Actor actor) implements LockCommand {
        /** The same command by the local administrator (the embedding API's default). */
        public FactoryReset(LockId lockId, Instant at, int newKeyEpoch) {
            this(lockId, at, newKeyEpoch, Actor.LOCAL);
        }

        @Override
        public FactoryReset restampedAt(Instant time) {
            return new FactoryReset(lockId, time, newKeyEpoch, actor);
        }
    }

    /**
     * Enrolls the lock to the backend whose key id is {@code backendKeyId} (16 lower-case hex
     * characters, as {@code BackendPublicKey.keyId()} gives it): from then on the lock belongs to it.
     */
    record EnrollLock(LockId lockId, Instant at, String backendKeyId, String backendSigningKey,
            Integer offlineKeyGeneration, Actor actor) implements LockCommand {
        /** The same command by the local administrator (the embedding API's default). */
        public EnrollLock(LockId lockId, Instant at, String backendKeyId, String backendSigningKey,
            Integer offlineKeyGeneration) {
            this(lockId, at, backendKeyId, backendSigningKey, offlineKeyGeneration, Actor.LOCAL);
        }

        /** An enrollment that hands the backend no offline issuing key. */
        public EnrollLock(LockId lockId, Instant at, String backendKeyId, String backendSigningKey) {
            this(lockId, at, backendKeyId, backendSigningKey, null);
        }

        @Override
        public EnrollLock restampedAt(Instant time) {
            return new EnrollLock(lockId, time, backendKeyId, backendSigningKey, offlineKeyGeneration, actor);
        }
    }

    /**
     * Applies a programming batch of the backend {@code backendKeyId} (its signature already checked
     * against the key the lock enrolled with, its sealed PINs already opened and digested under
     * {@code keyEpoch}): each operation's end state is set, or refused with its reason.
     */
    record ApplyBatch(LockId lockId, Instant at, String backendKeyId, long batch, int keyEpoch,
            java.util.List<BatchOperation> operations) implements LockCommand {
        /** Copies the list. */
        public ApplyBatch {
            operations = java.util.List.copyOf(operations);
        }

        @Override
        public ApplyBatch restampedAt(Instant time) {
            return new ApplyBatch(lockId, time, backendKeyId, batch, keyEpoch, operations);
        }

        @Override
        public String toString() {
            return "ApplyBatch[" + lockId + ", at=" + at + ", backend=" + backendKeyId + ", batch=" + batch + ", epoch="
                    + keyEpoch + ", " + operations.size() + " operations]";
        }
    }

    /**
     * A PIN of the offline length typed: {@code match} is the offline code it is (computed at the
     * edge by the issuing key's checker, in constant work), or null if it is none.
     */
    record EnterOfflineCode(LockId lockId, Instant at, EntrySource source, OfflineCode match, int keyEpoch,
            int generation) implements LockCommand {
        @Override
        public EnterOfflineCode restampedAt(Instant time) {
            return new EnterOfflineCode(lockId, time, source, match, keyEpoch, generation);
        }
    }

    /**
     * A PIN of the offline length checked for a diagnosis, never to open: an attempt from
     * {@link EntrySource#DIAGNOSTIC} judged like {@link CheckCode} (recorded, refused during a
     * lockout, while the keypad is disabled or while the clock is untrusted; counted as a wrong code
     * when it is no code that opens now). {@code match} is the offline code of issuing-key
     * {@code generation} it is at {@code at} (the keypad's constant-work check), or null.
     */
    record CheckOfflineCode(LockId lockId, Instant at, OfflineCode match, int keyEpoch, int generation)
            implements LockCommand {
        @Override
        public CheckOfflineCode restampedAt(Instant time) {
            return new CheckOfflineCode(lockId, time, match, keyEpoch, generation);
        }
    }

    /** Revokes one offline code until its window ends. */
    record RevokeOfflineCode(LockId lockId, Instant at, String codeId, Instant until, Actor actor) implements LockCommand {
        /** The same command by the local administrator (the embedding API's default). */
        public RevokeOfflineCode(LockId lockId, Instant at, String codeId, Instant until) {
            this(lockId, at, codeId, until, Actor.LOCAL);
        }

        @Override
        public RevokeOfflineCode restampedAt(Instant time) {
            return new RevokeOfflineCode(lockId, time, codeId, until, actor);
        }
    }

    /** Revokes every outstanding offline code: the lock moves to the next issuing-key generation. */
    record RevokeAllOfflineCodes(LockId lockId, Instant at, Actor actor) implements LockCommand {
        /** The same command by the local administrator (the embedding API's default). */
        public RevokeAllOfflineCodes(LockId lockId, Instant at) {
            this(lockId, at, Actor.LOCAL);
        }

        @Override
        public RevokeAllOfflineCodes restampedAt(Instant time) {
            return new RevokeAllOfflineCodes(lockId, time, actor);
        }
    }

    /** Records that the owner exported the issuing key of this epoch and generation. */
    record RecordOfflineKeyExport(LockId lockId, Instant at, int keyEpoch, int generation, Actor actor) implements LockCommand {
        /** The same command by the local administrator (the embedding API's default). */
        public RecordOfflineKeyExport(LockId lockId, Instant at, int keyEpoch, int generation) {
            this(lockId, at, keyEpoch, generation, Actor.LOCAL);
        }

        @Override
        public RecordOfflineKeyExport restampedAt(Instant time) {
            return new RecordOfflineKeyExport(lockId, time, keyEpoch, generation, actor);
        }
    }

    /**
     * Erases a person (a subject) of the lock: their key has just been destroyed in the key ring, so
     * every name sealed under it reads as erased from now on; this records that it happened (naming
     * the subject's random id, never a name). Allowed in any state: a reset lock's trail still holds
     * names.
     */
    record EraseSubject(LockId lockId, Instant at, String subject, Actor actor) implements LockCommand {
        @Override
        public EraseSubject restampedAt(Instant time) {
            return new EraseSubject(lockId, time, subject, actor);
        }
    }
}
