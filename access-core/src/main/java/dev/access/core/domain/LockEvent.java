package dev.access.core.domain;

import dev.access.crypto.CodeFingerprint;
import dev.access.crypto.PinPolicy;
import java.time.Instant;

/**
 * Everything that happened to a lock, in the past tense. The lock's state is the fold of these
 * (see {@link LockDecider#evolve}); they carry digests, never PINs.
 */
public sealed interface LockEvent {
    /** The lock. */
    LockId lockId();

    /** The time the lock stamped the event with. */
    Instant at();

    /** The lock was commissioned. */
    record LockCommissioned(LockId lockId, Instant at, String model, String serial, String firmwareVersion,
            String timeZone, PinPolicy pinPolicy, LockoutPolicy lockoutPolicy, int keyEpoch, Integer offlineCodeLength, Actor actor)
            implements LockEvent {
        /** The same event by the embedding API's default actor (the local administrator; the installer for a commissioning). */
        public LockCommissioned(LockId lockId, Instant at, String model, String serial, String firmwareVersion,
            String timeZone, PinPolicy pinPolicy, LockoutPolicy lockoutPolicy, int keyEpoch, Integer offlineCodeLength) {
            this(lockId, at, model, serial, firmwareVersion, timeZone, pinPolicy, lockoutPolicy, keyEpoch, offlineCodeLength, Actor.INSTALLER);
        }

        /** A commissioning recorded before offline codes existed (their length then is the default, if free). */
        public LockCommissioned(LockId lockId, Instant at, String model, String serial, String firmwareVersion,
                String timeZone, PinPolicy pinPolicy, LockoutPolicy lockoutPolicy, int keyEpoch) {
            this(lockId, at, model, serial, firmwareVersion, timeZone, pinPolicy, lockoutPolicy, keyEpoch, null);
        }
    }

    /** A code was added to a slot (slot 0 with commissioning: the master code). */
    record CodeAdded(LockId lockId, Instant at, int slot, UserType type, String name, CodeFingerprint digest,
            CodeRules rules, Actor actor) implements LockEvent {
        /** The same event by the embedding API's default actor (the local administrator; the installer for a commissioning). */
        public CodeAdded(LockId lockId, Instant at, int slot, UserType type, String name, CodeFingerprint digest,
            CodeRules rules) {
            this(lockId, at, slot, type, name, digest, rules, slot == 0 ? Actor.INSTALLER : Actor.LOCAL);
        }

        @Override
        public String toString() {
            return "CodeAdded[" + lockId + ", at=" + at + ", slot=" + slot + ", type=" + type + ", name="
                    + name + ", rules=" + rules + "]";
        }
    }

    /** The PIN of a slot's code was replaced. */
    record CodeChanged(LockId lockId, Instant at, int slot, CodeFingerprint digest, Actor actor) implements LockEvent {
        /** The same event by the embedding API's default actor (the local administrator; the installer for a commissioning). */
        public CodeChanged(LockId lockId, Instant at, int slot, CodeFingerprint digest) {
            this(lockId, at, slot, digest, Actor.LOCAL);
        }

        @Override
        public String toString() {
            return "CodeChanged[" + lockId + ", at=" + at + ", slot=" + slot + "]";
        }
    }

    /** A code was suspended. */
    record CodeSuspended(LockId lockId, Instant at, int slot, Actor actor) implements LockEvent {
        /** The same event by the embedding API's default actor (the local administrator; the installer for a commissioning). */
        public CodeSuspended(LockId lockId, Instant at, int slot) {
            this(lockId, at, slot, Actor.LOCAL);
        }

    }

    /** A suspended code was resumed. */
    record CodeResumed(LockId lockId, Instant at, int slot, Actor actor) implements LockEvent {
        /** The same event by the embedding API's default actor (the local administrator; the installer for a commissioning). */
        public CodeResumed(LockId lockId, Instant at, int slot) {
            this(lockId, at, slot, Actor.LOCAL);
        }

    }

    /** A code was removed. */
    record CodeRemoved(LockId lockId, Instant at, int slot, Actor actor) implements LockEvent {
        /** The same event by the embedding API's default actor (the local administrator; the installer for a commissioning). */
        public CodeRemoved(LockId lockId, Instant at, int slot) {
            this(lockId, at, slot, Actor.LOCAL);
        }

    }

    /**
     * An entry was granted to the code in {@code slot}. For a code whose uses matter (a use limit,
     * one-time or expiring), {@code useCount} is its grants so far including this one; other codes'
     * uses are not kept in the lock's state (the trail has them all), and for them it is 1. An
     * offline code's grant has no slot, user type {@link UserType#OFFLINE} and names the code in
     * {@code offlineCode} (its id and validity, never its PIN); its {@code useCount} is 1 for a
     * one-time code, else 0 (the lock does not count an offline code's uses).
     */
    record EntryGranted(LockId lockId, Instant at, EntrySource source, Integer slot, UserType userType,
            int useCount, OfflineCode offlineCode) implements LockEvent {
        /** A grant of the code in a slot. */
        public EntryGranted(LockId lockId, Instant at, EntrySource source, int slot, UserType userType, int useCount) {
            this(lockId, at, source, Integer.valueOf(slot), userType, useCount, null);
        }

        /** A grant of an offline code (no slot; user type {@link UserType#OFFLINE}). */
        public static EntryGranted offline(LockId lockId, Instant at, EntrySource source, OfflineCode code) {
            return new EntryGranted(lockId, at, source, null, UserType.OFFLINE, code.oneTime() ? 1 : 0, code);
        }
    }

    /**
     * An entry was denied for {@code reason}. {@code slot} names the code when one was recognised;
     * {@code lockedOutUntil} is set during or at the start of a lockout; {@code wrongCode} says
     * whether it counted toward the wrong-code limit and the daily budget. {@code offlineCode} names
     * an offline code that was recognised but refused (revoked, used, vacation mode…), else null.
     */
    record EntryDenied(LockId lockId, Instant at, EntrySource source, DenialReason reason, Integer slot,
            Instant lockedOutUntil, boolean wrongCode, OfflineCode offlineCode) implements LockEvent {
        /** A denial that names no offline code. */
        public EntryDenied(LockId lockId, Instant at, EntrySource source, DenialReason reason, Integer slot,
                Instant lockedOutUntil, boolean wrongCode) {
            this(lockId, at, source, reason, slot, lockedOutUntil, wrongCode, null);
        }
    }

    /**
     * A PIN checked for a diagnosis ({@link LockCommand.CheckCode}) is the code in {@code slot}, or
     * ({@link LockCommand.CheckOfflineCode}) the offline code {@code offlineCode} (no slot; its id
     * and validity, never its PIN). It opened nothing, counted no use and restarted no wrong-code
     * count; a wrong or refused check is an {@link EntryDenied} from {@link EntrySource#DIAGNOSTIC}.
     * A check naming no offline code is written as before offline codes existed.
     */
    record CodeChecked(LockId lockId, Instant at, Integer slot, OfflineCode offlineCode) implements LockEvent {
        /** A check that found the code in a slot. */
        public CodeChecked(LockId lockId, Instant at, int slot) {
            this(lockId, at, Integer.valueOf(slot), null);
        }
    }

    /** Too many wrong codes: the keypad is locked out until {@code until}. */
    record LockoutStarted(LockId lockId, Instant at, Instant until, int level, int failures)
            implements LockEvent {
    }

    /** The daily failure budget is spent: the keypad stays disabled until cleared. */
    record KeypadDisabled(LockId lockId, Instant at, int failuresInLastDay) implements LockEvent {
    }

    /** A lockout or a disabled keypad was cleared by the master code or an administrator. */
    record LockoutCleared(LockId lockId, Instant at, String by, Actor actor) implements LockEvent {
        /** The same event by the embedding API's default actor (the local administrator; the installer for a commissioning). */
        public LockoutCleared(LockId lockId, Instant at, String by) {
            this(lockId, at, by, Actor.LOCAL);
        }

    }

    /** An alarm was raised ({@code slot} for a duress code's alarm, else null). */
    record AlarmRaised(LockId lockId, Instant at, AlarmCode code, Integer slot) implements LockEvent {
    }

    /** The operating mode changed. */
    record ModeChanged(LockId lockId, Instant at, OperatingMode from, OperatingMode to, String by, Actor actor)
            implements LockEvent {
        /** The same event by the embedding API's default actor (the local administrator; the installer for a commissioning). */
        public ModeChanged(LockId lockId, Instant at, OperatingMode from, OperatingMode to, String by) {
            this(lockId, at, from, to, by, Actor.LOCAL);
        }

    }

    /** The battery reported its level. */
    record BatteryReported(LockId lockId, Instant at, int percent, BatteryLevel level) implements LockEvent {
    }

    /** The hardware reported a device event. */
    record DeviceEventReported(LockId lockId, Instant at, DeviceEventKind kind) implements LockEvent {
    }

    /** New firmware was installed. */
    record FirmwareUpdated(LockId lockId, Instant at, String from, String to) implements LockEvent {
    }

    /** A command was stamped before the clock floor: the clock is untrusted from now on. */
    record ClockRollbackDetected(LockId lockId, Instant at, Instant floor) implements LockEvent {
    }

    /**
     * A command was stamped {@code reported}, a time outside what a lock's clock can hold (see
     * {@link LockDecider#EARLIEST_TIME}): a clock fault. The clock is untrusted from now on, and the
     * command was judged and recorded at the floor, {@code at}.
     */
    record ClockFaultDetected(LockId lockId, Instant at, Instant reported) implements LockEvent {
    }

    /** Trusted time was set: the clock is trusted again and the floor moves to {@code at}. */
    record ClockSet(LockId lockId, Instant at, Instant previousFloor, Actor actor) implements LockEvent {
        /** The same event by the embedding API's default actor (the local administrator; the installer for a commissioning). */
        public ClockSet(LockId lockId, Instant at, Instant previousFloor) {
            this(lockId, at, previousFloor, Actor.LOCAL);
        }

    }

    /** The lock was factory reset: everything erased, keys moved to {@code newKeyEpoch}. */
    record FactoryResetPerformed(LockId lockId, Instant at, int oldKeyEpoch, int newKeyEpoch, Actor actor)
            implements LockEvent {
        /** The same event by the embedding API's default actor (the local administrator; the installer for a commissioning). */
        public FactoryResetPerformed(LockId lockId, Instant at, int oldKeyEpoch, int newKeyEpoch) {
            this(lockId, at, oldKeyEpoch, newKeyEpoch, Actor.LOCAL);
        }

    }

    /**
     * The lock was enrolled to the backend whose key id is {@code backendKeyId}, under its key epoch
     * {@code keyEpoch}; {@code previousBackendKeyId} names the backend it belonged to before, or is
     * null when it belonged to none.
     */
    record LockEnrolled(LockId lockId, Instant at, String backendKeyId, int keyEpoch, String previousBackendKeyId,
            String backendSigningKey, Integer offlineKeyGeneration, Actor actor) implements LockEvent {
        /** The same event by the embedding API's default actor (the local administrator; the installer for a commissioning). */
        public LockEnrolled(LockId lockId, Instant at, String backendKeyId, int keyEpoch, String previousBackendKeyId,
            String backendSigningKey, Integer offlineKeyGeneration) {
            this(lockId, at, backendKeyId, keyEpoch, previousBackendKeyId, backendSigningKey, offlineKeyGeneration, Actor.LOCAL);
        }

        /** An enrollment that handed the backend no offline issuing key. */
        public LockEnrolled(LockId lockId, Instant at, String backendKeyId, int keyEpoch, String previousBackendKeyId,
                String backendSigningKey) {
            this(lockId, at, backendKeyId, keyEpoch, previousBackendKeyId, backendSigningKey, null);
        }
    }

    /**
     * One offline code revoked until its window ends (typed at the lock, or sent by the backend in a
     * batch): from now on it is denied {@link DenialReason#REVOKED}.
     */
    record OfflineCodeRevoked(LockId lockId, Instant at, String codeId, Instant until, Actor actor) implements LockEvent {
        /** The same event by the embedding API's default actor (the local administrator; the installer for a commissioning). */
        public OfflineCodeRevoked(LockId lockId, Instant at, String codeId, Instant until) {
            this(lockId, at, codeId, until, Actor.LOCAL);
        }

    }

    /**
     * Every outstanding offline code revoked at once: the lock moves to issuing-key generation
     * {@code generation} of its key epoch; codes of earlier generations no longer open, and issuers
     * need the new key.
     */
    record AllOfflineCodesRevoked(LockId lockId, Instant at, int keyEpoch, int generation, Actor actor) implements LockEvent {
        /** The same event by the embedding API's default actor (the local administrator; the installer for a commissioning). */
        public AllOfflineCodesRevoked(LockId lockId, Instant at, int keyEpoch, int generation) {
            this(lockId, at, keyEpoch, generation, Actor.LOCAL);
        }

    }

    /**
     * The lock's owner exported the offline issuing key of this epoch and generation to a file, on
     * purpose (the event holds no key).
     */
    record OfflineKeyExported(LockId lockId, Instant at, int keyEpoch, int generation, Actor actor) implements LockEvent {
        /** The same event by the embedding API's default actor (the local administrator; the installer for a commissioning). */
        public OfflineKeyExported(LockId lockId, Instant at, int keyEpoch, int generation) {
            this(lockId, at, keyEpoch, generation, Actor.LOCAL);
        }

    }

    /**
     * A programming batch of the backend {@code backendKeyId} was applied: each operation's outcome
     * (applied, or refused with the lock's reason). The code and mode events the applied operations
     * caused come right before it, in the same commit.
     */
    record BatchApplied(LockId lockId, Instant at, String backendKeyId, long batch,
            java.util.List<BatchOutcome> outcomes) implements LockEvent {
        /** Copies the list. */
        public BatchApplied {
            outcomes = outcomes == null ? null : java.util.List.copyOf(outcomes);
        }
    }

    /**
     * A person (a subject: a code's holder, or an actor) was erased: their key was destroyed, so every
     * name sealed under it reads as erased; names no one (the subject id is random).
     */
    record SubjectErased(LockId lockId, Instant at, String subject, Actor actor) implements LockEvent {
    }
}
