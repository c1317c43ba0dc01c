package dev.access.core;

import dev.access.core.fleet.Enrollment;
import dev.access.core.internal.axon.EnrollAndSign;
import dev.access.core.internal.axon.LockRuntime;
import dev.access.core.trail.TrailRecord;
import dev.access.core.trail.TrailSource;
import dev.access.crypto.BackendPublicKey;
import dev.access.crypto.Checkpoint;
import dev.access.crypto.SealingPublicKey;
import dev.access.crypto.TrailPublicKey;
import java.util.function.Consumer;
import dev.access.core.audit.Diagnosis;
import dev.access.core.fleet.AppliedBatch;
import dev.access.core.fleet.ProgrammingBatch;
import dev.access.crypto.SignatureVerificationException;
import dev.access.core.domain.Actor;
import dev.access.core.domain.DenialReason;
import dev.access.core.domain.DeviceEventKind;
import dev.access.core.domain.EntrySource;
import dev.access.core.domain.LockCommand;
import dev.access.core.domain.LockCommandRejected;
import dev.access.core.domain.LockEvent;
import dev.access.core.domain.LockId;
import dev.access.core.domain.LockProfile;
import dev.access.core.domain.LockState;
import dev.access.core.domain.OperatingMode;
import dev.access.core.domain.Rejection;
import dev.access.crypto.CodeDigest;
import dev.access.crypto.DigestEngine;
import dev.access.crypto.KeyRing;
import dev.access.crypto.KeyUnavailableException;
import dev.access.crypto.PinCode;
import dev.access.crypto.PinPolicy;
import dev.access.crypto.PinRejectedException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import dev.access.core.readmodel.AccessLogView;
import java.time.Duration;

/*
 * Implementation notes.
 *
 * PINs: every method that takes typed digits takes a char[] and wipes it before returning, after
 * building a PinCode (validated against the lock's policy), digesting it under the lock's current
 * key epoch and wiping that too. Only the digest enters a command.
 *
 * Keypad profile: the PIN policy and key epoch of each lock are cached here (they change only with
 * commissioning and factory reset). If another node reset the lock meanwhile, the decider refuses
 * the digest as STALE_KEY_EPOCH (or the key ring no longer has the epoch): the cache entry is
 * dropped and the call retried once with fresh data.
 *
 * Commit before answer, conflict retries and the translation of Axon's, JDBC's and Jackson's
 * failures into the library's error tree live in the internal LockRuntime.
 */
/**
 * The embedding API: one object a lock's firmware or a backend uses to run locks without knowing
 * Axon. Safe to call from many threads for many locks; calls for one lock are serialised.
 *
 * <p>Guarantees: typed PIN buffers are wiped before each call returns; every answer is given only
 * after the events it rests on are committed; a refused command ({@link LockCommandRejected}, or
 * {@link PinRejectedException} for a weak or malformed new PIN) records nothing; every error is a
 * {@link dev.access.AccessException} ({@link dev.access.TransientAccessException} when worth
 * retrying: the store is unavailable, or concurrent writers won every retry), never an Axon, JDBC
 * or Jackson type.
 */
public final class AccessControl implements TrailSource, AutoCloseable {
    private record KeypadProfile(PinPolicy policy, int epoch, OfflineKeypad.Settings offline) {
    }

    private final LockRuntime runtime;
    private final LockStore store;
    private final Clock clock;
    private final KeyRing keyRing;
    private final DigestEngine engine;
    private final Map<LockId, KeypadProfile> profiles = new ConcurrentHashMap<>();
    private volatile People people;

    /** How often a command is tried by default before a conflicting append is given up. */
    static final int MAX_CONFLICT_RETRIES = 50;

    private AccessControl(Builder b) {
        this.clock = b.clock;
        this.store = b.store;
        this.keyRing = b.keyRing;
        this.engine = b.engine;
        this.runtime = new LockRuntime(new LockRuntime.Settings(b.store.engine(), b.store.tokenStore(),
                b.store.accessLogStore(), b.keyRing, b.checkpointEvery, b.cacheSize, b.snapshotEvery, b.accessLog,
                b.conflictAttempts));
    }

    /** A builder: choose a store, a clock and a key ring. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Commissions a lock with its master code (slot 0). A fresh key epoch is created for it.
     *
     * @param masterPin the master code's digits; wiped before return
     * @return the recorded events
     * @throws PinRejectedException if the master code breaks the setup's PIN policy
     * @throws LockCommandRejected if the lock is already commissioned or a value is invalid
     */
    public List<LockEvent> commission(LockSetup setup, char[] masterPin) {
        return commission(setup, masterPin, Actor.INSTALLER);
    }

    /**
     * Commissions a lock as {@link #commission(LockSetup, char[])} does, recording {@code by} (usually
     * the installer) as who did it.
     */
    public List<LockEvent> commission(LockSetup setup, char[] masterPin, Actor by) {
        Objects.requireNonNull(setup, "setup");
        try {
            LockId id = setup.lockId();
            Actor actor = people().seal(id, by);
            if (setup.profile().pinPolicy() == null) {
                throw new LockCommandRejected(Rejection.INVALID_ARGUMENT, "PIN policy is missing");
            }
            LockState s = state(id);
            if (s.commissioned()) {
                throw new LockCommandRejected(Rejection.ALREADY_COMMISSIONED,
                        "lock " + id + " is already commissioned; factory reset it first");
            }
            boolean reuse = s.keyEpoch() > 0 && keyRing.currentEpoch(id.value()).orElse(-1) == s.keyEpoch();
            int epoch = reuse ? s.keyEpoch() : keyRing.createEpoch(id.value());
            boolean done = false;
            try {
                LockProfile p = setup.profile();
                CodeDigest master = digest(id, epoch, p.pinPolicy(), masterPin, true);
                List<LockEvent> events = send(new LockCommand.CommissionLock(id, now(), p.model(),
                        p.serial(), p.firmwareVersion(), p.timeZone(), p.pinPolicy(), p.lockoutPolicy(), master, epoch,
                        p.offlineCodeLength(), actor));
                done = true;
                return events;
            } finally {
                profiles.remove(id);
                if (!done && !reuse) {
                    keyRing.destroyEpoch(id.value(), epoch);
                }
            }
        } finally {
            wipe(masterPin);
        }
    }

    /**
     * Adds a user code.
     *
     * @param pin the code's digits; wiped before return
     * @throws PinRejectedException if the PIN breaks the lock's PIN policy (format or strength)
     * @throws LockCommandRejected if the slot is taken, the PIN is a DUPLICATE, or a value is invalid
     */
    public List<LockEvent> addCode(LockId lock, NewCode code, char[] pin) {
        return addCode(lock, code, pin, Actor.LOCAL);
    }

    /**
     * Adds a user code as {@link #addCode(LockId, NewCode, char[])} does, recording {@code by}. The
     * code's name is sealed under a new person's key (see {@link #forgetSlotHolder}).
     */
    public List<LockEvent> addCode(LockId lock, NewCode code, char[] pin, Actor by) {
        Objects.requireNonNull(code, "code");
        try {
            Actor actor = people().seal(lock, by);
            return withProfile(lock, p -> {
                CodeDigest d = digest(lock, p.epoch(), p.policy(), pin, true);
                return send(new LockCommand.AddCode(lock, now(), code.slot(), code.type(),
                        people().sealName(lock, code.name()), d, code.rules(), p.epoch(), actor));
            });
        } finally {
            wipe(pin);
        }
    }

    /**
     * Replaces the PIN of the code in {@code slot} (slot 0: the master code).
     *
     * @param pin the new digits; wiped before return
     */
    public List<LockEvent> changeCode(LockId lock, int slot, char[] pin) {
        return changeCode(lock, slot, pin, Actor.LOCAL);
    }

    /** Replaces a code's PIN as {@link #changeCode(LockId, int, char[])} does, recording {@code by}. */
    public List<LockEvent> changeCode(LockId lock, int slot, char[] pin, Actor by) {
        try {
            Actor actor = people().seal(lock, by);
            return withProfile(lock, p -> send(new LockCommand.ChangeCode(lock, now(), slot,
                    digest(lock, p.epoch(), p.policy(), pin, true), p.epoch(), actor)));
        } finally {
            wipe(pin);
        }
    }

    /** Suspends the code in {@code slot}: kept, but it does not open. */
    public List<LockEvent> suspendCode(LockId lock, int slot) {
        return suspendCode(lock, slot, Actor.LOCAL);
    }

    /** Suspends the code in {@code slot}, recording {@code by}. */
    public List<LockEvent> suspendCode(LockId lock, int slot, Actor by) {
        return send(new LockCommand.SuspendCode(lock, now(), slot, people().seal(lock, by)));
    }

    /** Resumes a suspended code. */
    public List<LockEvent> resumeCode(LockId lock, int slot) {
        return resumeCode(lock, slot, Actor.LOCAL);
    }

    /** Resumes a suspended code, recording {@code by}. */
    public List<LockEvent> resumeCode(LockId lock, int slot, Actor by) {
        return send(new LockCommand.ResumeCode(lock, now(), slot, people().seal(lock, by)));
    }

    /** Removes the code in {@code slot}. */
    public List<LockEvent> removeCode(LockId lock, int slot) {
        return removeCode(lock, slot, Actor.LOCAL);
    }

    /** Removes the code in {@code slot}, recording {@code by}. */
    public List<LockEvent> removeCode(LockId lock, int slot, Actor by) {
        return send(new LockCommand.RemoveCode(lock, now(), slot, people().seal(lock, by)));
    }

    /**
     * An entry attempt: the typed digits are checked against the lock's codes and the outcome is
     * recorded before it is returned. Malformed input is recorded as a denied attempt too.
     *
     * @param typed the digits as typed (null or empty allowed: recorded as malformed); wiped before
     *     return
     */
    public EntryResult enter(LockId lock, char[] typed, EntrySource source) {
        try {
            return EntryResult.from(withProfile(lock, p -> {
                LockCommand command;
                boolean offline = OfflineKeypad.isOfflineLength(p.offline(), typed);
                try (PinCode pin = PinCode.of(typed, offline ? p.offline().policy() : p.policy())) {
                    if (offline) {
                        command = OfflineKeypad.enter(keyRing, lock, p.epoch(), p.offline(), pin, source, now());
                    } else {
                        CodeDigest d = keyRing.digester(lock.value(), p.epoch(), engine).digest(pin);
                        command = new LockCommand.EnterCode(lock, now(), source, d, p.epoch());
                    }
                } catch (PinRejectedException e) {
                    command = new LockCommand.EnterMalformedCode(lock, now(), source, e.rule().name(), e.length());
                }
                return send(command);
            }));
        } finally {
            wipe(typed);
        }
    }

    /**
     * Revokes the offline code(s) a typed PIN is (an administrator at the lock types the code): every
     * code of the lock's current issuing key that the PIN is and that has not ended and starts within
     * {@link OfflineKeypad#MAX_LEAD} (the latest start an issuer allows), each recorded as
     * {@code OfflineCodeRevoked} until its window ends. Not constant work: it searches every code
     * that could be outstanding (about a second).
     *
     * @param typed the offline PIN; wiped before return
     * @return the recorded events (empty if every such code was already revoked)
     * @throws PinRejectedException if the input is not a PIN of the lock's offline length
     * @throws LockCommandRejected INVALID_ARGUMENT if the lock takes no offline codes or no code of its
     *     current issuing key is this PIN from now on (the message never shows the PIN)
     */
    public List<LockEvent> revokeOfflineCode(LockId lock, char[] typed) {
        return revokeOfflineCode(lock, typed, Actor.LOCAL);
    }

    /** Revokes an offline code by its PIN as {@link #revokeOfflineCode(LockId, char[])} does, recording {@code by}. */
    public List<LockEvent> revokeOfflineCode(LockId lock, char[] typed, Actor by) {
        try {
            Actor actor = people().seal(lock, by);
            return withProfile(lock, p -> {
                OfflineKeypad.Settings o = requireOffline(lock, p);
                Instant now = now();
                List<IdentifiedOfflineCode> found;
                try (PinCode pin = PinCode.of(typed, o.policy())) {
                    found = OfflineKeypad.identify(keyRing, lock, p.epoch(), o, o.generation(), pin, now,
                            now.plus(OfflineKeypad.MAX_LEAD));
                }
                if (found.isEmpty()) {
                    throw new LockCommandRejected(Rejection.INVALID_ARGUMENT, "no offline code of lock " + lock
                            + "'s current issuing key (generation " + o.generation() + ") is that PIN from now on");
                }
                List<LockEvent> events = new java.util.ArrayList<>();
                for (IdentifiedOfflineCode c : found) {
                    events.addAll(send(new LockCommand.RevokeOfflineCode(lock, now(), c.code().id(),
                            c.code().until(), actor)));
                }
                return List.copyOf(events);
            });
        } finally {
            wipe(typed);
        }
    }

    /**
     * Revokes one offline code by its public id until {@code until} (the end of its window, which the
     * issuer recorded): what a backend's batch carries.
     *
     * @return the recorded event, or nothing if it was already revoked
     * @throws LockCommandRejected INVALID_ARGUMENT if the id is malformed, the window already ended or
     *     the lock takes no offline codes
     */
    public List<LockEvent> revokeOfflineCode(LockId lock, String codeId, Instant until) {
        return revokeOfflineCode(lock, codeId, until, Actor.LOCAL);
    }

    /** Revokes one offline code by its id, recording {@code by}. */
    public List<LockEvent> revokeOfflineCode(LockId lock, String codeId, Instant until, Actor by) {
        return send(new LockCommand.RevokeOfflineCode(lock, now(), codeId, until, people().seal(lock, by)));
    }

    /**
     * Revokes every outstanding offline code: the lock moves to its next issuing-key generation
     * ({@code AllOfflineCodesRevoked}); issuers must fetch the new key (the owner's export, or the
     * backend through a new enrollment).
     */
    public List<LockEvent> revokeAllOfflineCodes(LockId lock) {
        return revokeAllOfflineCodes(lock, Actor.LOCAL);
    }

    /** Revokes every outstanding offline code, recording {@code by}. */
    public List<LockEvent> revokeAllOfflineCodes(LockId lock, Actor by) {
        try {
            return send(new LockCommand.RevokeAllOfflineCodes(lock, now(), people().seal(lock, by)));
        } finally {
            forget(lock);
        }
    }

    /**
     * Exports the lock's current offline issuing key to its owner, on purpose: records
     * {@code OfflineKeyExported} (without the key) first, then returns the key, which the caller
     * writes to an owner-only file ({@link dev.access.crypto.OfflineIssuingKey#fileBytes()}).
     *
     * @throws LockCommandRejected if the lock is not commissioned or takes no offline codes
     */
    public dev.access.crypto.OfflineIssuingKey exportOfflineIssuingKey(LockId lock) {
        return exportOfflineIssuingKey(lock, Actor.LOCAL);
    }

    /** Exports the offline issuing key to its owner, recording {@code by} as who took it. */
    public dev.access.crypto.OfflineIssuingKey exportOfflineIssuingKey(LockId lock, Actor by) {
        Actor actor = people().seal(lock, by);
        return withProfile(lock, p -> {
            OfflineKeypad.Settings o = requireOffline(lock, p);
            dev.access.crypto.OfflineIssuingKey key = keyRing.offlineIssuingKey(lock.value(), p.epoch(),
                    o.generation(), o.digits(), o.zone());
            send(new LockCommand.RecordOfflineKeyExport(lock, now(), p.epoch(), o.generation(), actor));
            return key;
        });
    }

    /**
     * An administrator's search: the offline codes of the lock's current key epoch (every issuing-key
     * generation, revoked ones too) that the typed PIN is and that open at some moment in
     * {@code [from, until)}. Records nothing and is not constant work (about a second a year searched):
     * for diagnosis and support tools, never for the keypad.
     *
     * @param typed the offline PIN; wiped before return
     * @throws PinRejectedException if the input is not a PIN of the lock's offline length
     * @throws LockCommandRejected if the lock is not commissioned or takes no offline codes
     */
    public List<IdentifiedOfflineCode> identifyOfflineCode(LockId lock, char[] typed, Instant from, Instant until) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        try {
            return withProfile(lock, p -> {
                OfflineKeypad.Settings o = requireOffline(lock, p);
                try (PinCode pin = PinCode.of(typed, o.policy())) {
                    return OfflineKeypad.identify(keyRing, lock, p.epoch(), o, 1, pin, from, until);
                }
            });
        } finally {
            wipe(typed);
        }
    }

    private static OfflineKeypad.Settings requireOffline(LockId lock, KeypadProfile p) {
        if (p.offline() == null) {
            throw new LockCommandRejected(Rejection.INVALID_ARGUMENT, "lock " + lock + " takes no offline codes");
        }
        return p.offline();
    }

    /**
     * A diagnostic check of a typed PIN ("why does my code not work?"): recorded before it returns,
     * through the decider as an attempt from {@code DIAGNOSTIC} that never opens, so it counts
     * toward the lockout and the daily budget like a keypad entry and is refused (recorded,
     * uncounted) during a lockout or while the keypad is disabled. Diagnose with the returned
     * check's {@link CodeCheck#question()}: it names the typed code only if the lock let the check
     * through.
     *
     * <p>A PIN of the lock's offline length is checked as the keypad would check it now (constant
     * work): if it is no offline code opening now, the check is a wrong code, counted; if it is, it
     * is recorded as {@code CodeChecked} naming the code, uncounted. It is also refused (recorded,
     * uncounted) while the clock is untrusted. Only when the lock let it through does an
     * administrator's search follow ({@link #identifyOfflineCode}), over every issuing-key generation
     * of the current key epoch and the codes opening from {@link #OFFLINE_DIAGNOSIS_LOOKBACK} before
     * now (or the lock's commissioning, if later) to {@link #OFFLINE_DIAGNOSIS_LOOKAHEAD} after it;
     * the question then carries what it found ({@link Diagnosis.OfflineSearch}). That search matches
     * a random PIN far more often than the keypad's check of one hour (about 5.8 × 10⁻⁴ against
     * 9.24 × 10⁻⁷ per issuing-key generation, at 10 digits) and tells of windows ahead, which is why
     * each one costs the asker a wrong code and is recorded; even so it is an administrator's tool
     * (as {@code lockctl diagnose} is: whoever runs it holds the key ring, which exports the issuing
     * key anyway), not one to offer at the door.
     *
     * @param typed the digits as typed (null or empty allowed: a malformed check); wiped before return
     * @param question what else to ask (its instant, e.g. this instance's clock's now)
     * @throws LockCommandRejected if the lock is not commissioned
     */
    public CodeCheck checkCode(LockId lock, char[] typed, Diagnosis.Question question) {
        Objects.requireNonNull(question, "question");
        try {
            return withProfile(lock, p -> {
                Diagnosis.Question q = question.typedLength(typed == null ? 0 : typed.length);
                if (OfflineKeypad.isOfflineLength(p.offline(), typed)) {
                    return checkOfflineCode(lock, p, typed, q);
                }
                CodeDigest d = null;
                LockCommand command;
                try (PinCode pin = PinCode.of(typed, p.policy())) {
                    d = keyRing.digester(lock.value(), p.epoch(), engine).digest(pin);
                    command = new LockCommand.CheckCode(lock, now(), d, p.epoch(), null);
                } catch (PinRejectedException e) {
                    command = new LockCommand.CheckCode(lock, now(), null, p.epoch(), e.rule().name());
                }
                List<LockEvent> events = send(command);
                boolean refused = events.stream().anyMatch(e -> e instanceof LockEvent.EntryDenied
                        && ((LockEvent.EntryDenied) e).reason() == DenialReason.LOCKED_OUT);
                return new CodeCheck(events, refused, refused, refused || d == null ? q : q.typedCode(d));
            });
        } finally {
            wipe(typed);
        }
    }

    /** How far back a diagnosis of a typed offline PIN searches (at most: never before the lock's commissioning). */
    public static final java.time.Duration OFFLINE_DIAGNOSIS_LOOKBACK = java.time.Duration.ofDays(366);
    /**
     * How far ahead a diagnosis of a typed offline PIN searches: as far as revoking by PIN does (a
     * window may start a year after it was issued and last a year).
     */
    public static final java.time.Duration OFFLINE_DIAGNOSIS_LOOKAHEAD = OfflineKeypad.MAX_LEAD
            .plus(dev.access.crypto.OfflineCodes.MAX_REQUEST);

    /**
     * The diagnostic check of input of the offline length (see {@link #checkCode}), then, if the lock
     * let it through, the administrator's search; input that is no PIN (non-digits) is a malformed
     * check, as at the keypad.
     */
    private CodeCheck checkOfflineCode(LockId lock, KeypadProfile p, char[] typed, Diagnosis.Question q) {
        OfflineKeypad.Settings o = p.offline();
        PinCode held;
        try {
            held = PinCode.of(typed, o.policy());
        } catch (PinRejectedException e) {
            List<LockEvent> events = send(new LockCommand.CheckCode(lock, now(), null, p.epoch(), e.rule().name()));
            boolean refused = events.stream().anyMatch(x -> x instanceof LockEvent.EntryDenied
                    && ((LockEvent.EntryDenied) x).reason() == DenialReason.LOCKED_OUT);
            return new CodeCheck(events, refused, refused, q);
        }
        try (PinCode pin = held) {
            Instant at = now();
            List<LockEvent> events = send(OfflineKeypad.check(keyRing, lock, p.epoch(), o, pin, at));
            DenialReason refusal = events.stream().filter(e -> e instanceof LockEvent.EntryDenied)
                    .map(e -> ((LockEvent.EntryDenied) e).reason())
                    .filter(r -> r == DenialReason.LOCKED_OUT || r == DenialReason.CLOCK_UNTRUSTED)
                    .findFirst().orElse(null);
            if (refusal != null) {
                return new CodeCheck(events, refusal == DenialReason.LOCKED_OUT, true, q);
            }
            Instant from = at.minus(OFFLINE_DIAGNOSIS_LOOKBACK);
            dev.access.core.domain.Credential master = state(lock).credentials().get(0);
            if (master != null && master.addedAt() != null && master.addedAt().isAfter(from)) {
                from = master.addedAt();
            }
            Instant until = at.plus(OFFLINE_DIAGNOSIS_LOOKAHEAD);
            List<Diagnosis.OfflineSearch.Match> found = new java.util.ArrayList<>();
            for (IdentifiedOfflineCode c : OfflineKeypad.identify(keyRing, lock, p.epoch(), o, 1, pin, from, until)) {
                found.add(new Diagnosis.OfflineSearch.Match(c.generation(), c.code()));
            }
            return new CodeCheck(events, false, false,
                    q.offlineSearch(new Diagnosis.OfflineSearch(p.epoch(), o.generation(), from, until, found)));
        }
    }

    /**
     * Changes the operating mode; {@code by} names the local administrator who did it (null: the
     * default, "local").
     */
    public List<LockEvent> changeMode(LockId lock, OperatingMode mode, String by) {
        return changeMode(lock, mode, by == null ? Actor.LOCAL : Actor.local(by));
    }

    /** Changes the operating mode, recording {@code by}. */
    public List<LockEvent> changeMode(LockId lock, OperatingMode mode, Actor by) {
        return send(new LockCommand.ChangeMode(lock, now(), mode, null, people().seal(lock, by)));
    }

    /**
     * Clears a lockout or a disabled keypad; {@code by} names the remote administrator who did it
     * (null: "remote").
     */
    public List<LockEvent> clearLockout(LockId lock, String by) {
        return clearLockout(lock, Actor.remote(by == null ? "remote" : by));
    }

    /** Clears a lockout or a disabled keypad, recording {@code by}. */
    public List<LockEvent> clearLockout(LockId lock, Actor by) {
        return send(new LockCommand.ClearLockout(lock, now(), null, people().seal(lock, by)));
    }

    /** Records a battery report (0-100 %). */
    public List<LockEvent> reportBattery(LockId lock, int percent) {
        return send(new LockCommand.ReportBattery(lock, now(), percent));
    }

    /** Records a device event (jam, forced door, tamper, restart). */
    public List<LockEvent> reportDeviceEvent(LockId lock, DeviceEventKind kind) {
        return send(new LockCommand.ReportDeviceEvent(lock, now(), kind));
    }

    /** Records a firmware update. */
    public List<LockEvent> updateFirmware(LockId lock, String version) {
        return send(new LockCommand.UpdateFirmware(lock, now(), version));
    }

    /** Sets trusted time from an authenticated source: the clock is trusted again. */
    public List<LockEvent> setClock(LockId lock, Instant trustedTime) {
        return setClock(lock, trustedTime, Actor.LOCAL);
    }

    /** Sets trusted time, recording {@code by} as who set it. */
    public List<LockEvent> setClock(LockId lock, Instant trustedTime, Actor by) {
        return send(new LockCommand.SetClock(lock, Objects.requireNonNull(trustedTime, "trustedTime"),
                people().seal(lock, by)));
    }

    /**
     * Factory reset: erases every credential and setting, moves the lock to a new key epoch and
     * then destroys the old epoch's key, so no earlier PIN can be checked again.
     */
    public List<LockEvent> factoryReset(LockId lock) {
        return factoryReset(lock, Actor.LOCAL);
    }

    /** Factory reset as {@link #factoryReset(LockId)}, recording {@code by}. */
    public List<LockEvent> factoryReset(LockId lock, Actor by) {
        Actor actor = people().seal(lock, by);
        LockState s = state(lock);
        int fresh = keyRing.createEpoch(lock.value());
        List<LockEvent> events;
        try {
            events = send(new LockCommand.FactoryReset(lock, now(), fresh, actor));
        } catch (RuntimeException e) {
            keyRing.destroyEpoch(lock.value(), fresh);
            throw e;
        } finally {
            profiles.remove(lock);
        }
        if (s.keyEpoch() > 0 && !keyRing.isDestroyed(lock.value(), s.keyEpoch())) {
            keyRing.destroyEpoch(lock.value(), s.keyEpoch());
        }
        return events;
    }

    /**
     * The lock's current state, folded from its committed events. When several nodes share one
     * store and caching is on, this node's view of a lock another node changed may lag until this
     * node next writes to it (every write is checked against the store and retried on conflict);
     * {@link #events(LockId)} always reads the store.
     */
    public LockState state(LockId lock) {
        return runtime.state(Objects.requireNonNull(lock, "lock"));
    }

    /**
     * The lock's committed events, in order, from its first (never a snapshot in place of its
     * beginning): what its state is the fold of. Checkpoints are left out; see {@link #trail}. After a
     * prune ({@link #pruneTrail}) they are the events after the trail's anchor, and the state is the
     * anchored state with them applied ({@link dev.access.core.audit.LockHistory#initialState}).
     */
    public List<LockEvent> events(LockId lock) {
        return runtime.events(Objects.requireNonNull(lock, "lock"));
    }

    /**
     * Streams the lock's whole trail, checkpoints included, in order, as an auditor sees it (audit
     * form: no digest). Reads the store in batches, so a trail of any length passes in constant
     * memory.
     */
    @Override
    public void trail(LockId lock, Consumer<TrailRecord> sink) {
        Objects.requireNonNull(sink, "sink");
        runtime.trail(Objects.requireNonNull(lock, "lock"), sink);
    }

    /**
     * Retention: deletes the lock's trail records stamped before {@code before}, keeping a signed
     * anchor in their place, so that the rest of the trail still verifies from it with the lock's
     * public key alone and the lock behaves exactly as before (its state, lockouts, daily budgets, use
     * counts, schedules and offline-code facts, are carried by the anchor).
     *
     * <p>The cut is the last record of the lock's stream stamped before {@code before}; the anchor
     * ({@link dev.access.core.trail.TrailAnchored}, signed now with the lock's trail key) takes its
     * sequence and chain value and carries the state after it, folded from the events up to it. In one
     * database transaction: the records before the cut are deleted, the cut is replaced by the anchor,
     * the lock's snapshots at or before it and the access log's attempts it removed are deleted. A
     * crash leaves the old trail or the new one. Nothing is done (0 removed) when no record is stamped
     * before {@code before} or the last such is the trail's anchor already. Exports then start at the
     * anchor ({@link dev.access.core.audit.TrailVerifier} verifies from it); {@link #events} returns the
     * events after it. A backend that has not yet ingested the removed events cannot any more (see
     * {@link Fleet#ingest}).
     *
     * @return how many records were removed and the anchor the trail now starts at
     * @throws IllegalStateException if the store is the in-memory one (pruning needs SQLite or PostgreSQL)
     * @throws dev.access.ConflictRetriesExhaustedException if concurrent prunes of the lock won every retry
     */
    public PruneResult pruneTrail(LockId lock, Instant before) {
        return pruneTrail(lock, before, Actor.LOCAL);
    }

    /**
     * Prunes as {@link #pruneTrail(LockId, Instant)} does; the anchor names {@code by} (its name
     * sealed), covered by the anchor's signature.
     */
    public PruneResult pruneTrail(LockId lock, Instant before, Actor by) {
        Objects.requireNonNull(lock, "lock");
        Actor actor = people().seal(lock, by);
        Objects.requireNonNull(before, "before");
        if (store.database() == null) {
            throw new IllegalStateException("the in-memory store cannot prune a trail: use SQLite or PostgreSQL");
        }
        LockRuntime.PruneOutcome o = runtime.prune(lock, before, now(), store.database(), actor);
        return PruneResult.of(lock, o.removed(), o.anchor());
    }

    /**
     * Signs a checkpoint of the lock's trail now (they are also signed every
     * {@link Builder#checkpointEvery} events, on every lockout and every factory reset).
     *
     * @throws LockCommandRejected if the lock has no events yet
     */
    public Checkpoint checkpoint(LockId lock) {
        return runtime.checkpoint(Objects.requireNonNull(lock, "lock"), now());
    }

    /**
     * Enrolls the lock to {@code backend} and returns the signed document to hand the backend: the
     * lock's trail and sealing public keys, the backend it now belongs to, the head of its trail
     * right after the enrollment, which a checkpoint signed in the same unit of work, and, for a lock
     * that takes offline codes, its current offline issuing key sealed to the backend's X25519 key
     * with its generation, the offline PIN length and the lock's time zone ({@code LockEnrolled}
     * records the generation handed over). Enrolling it again to the same backend records no {@code
     * LockEnrolled} unless it hands over a newer issuing-key generation (after a revoke-all), but
     * signs a fresh checkpoint and document; enrolling it to another backend records the move (a
     * factory reset ends an enrollment).
     *
     * @throws LockCommandRejected NOT_COMMISSIONED if the lock is not commissioned (nothing is recorded)
     * @throws KeyUnavailableException if the key ring lacks the lock's current key epoch (nothing is recorded)
     */
    public Enrollment enroll(LockId lock, BackendPublicKey backend) {
        return enroll(lock, backend, Actor.LOCAL);
    }

    /** Enrolls the lock as {@link #enroll(LockId, BackendPublicKey)} does, recording {@code by}. */
    public Enrollment enroll(LockId lock, BackendPublicKey backend, Actor by) {
        Objects.requireNonNull(lock, "lock");
        Objects.requireNonNull(backend, "backend");
        Actor actor = people().seal(lock, by);
        LockState s = state(lock);
        if (!s.commissioned()) {
            throw new LockCommandRejected(Rejection.NOT_COMMISSIONED, "lock " + lock + " is not commissioned");
        }
        // Before anything is recorded: a key ring without the lock's epoch fails here.
        SealingPublicKey sealing = keyRing.sealingPublicKey(lock.value(), s.keyEpoch());
        Enrollment.OfflineKey offline = offlineKeyFor(lock, s, s.keyEpoch(), backend);
        EnrollAndSign.Result r = runtime.enrollAndSign(new LockCommand.EnrollLock(lock, now(), backend.keyId(),
                backend.signingKeyBase64(), offline == null ? null : offline.generation(), actor));
        if (r.keyEpoch() != s.keyEpoch()) {
            sealing = keyRing.sealingPublicKey(lock.value(), r.keyEpoch()); // another node reset it meanwhile
            offline = offlineKeyFor(lock, s, r.keyEpoch(), backend);
        }
        Checkpoint c = r.checkpoint();
        return Enrollment.sign(keyRing.checkpointSigner(lock.value()), backend.keyId(), r.keyEpoch(), sealing,
                c.sequence(), c.chainHead(), c.at(), offline);
    }

    /**
     * The lock's current offline issuing key sealed to the backend (null for a lock that takes no
     * offline codes): the key never leaves the key ring in clear but into the sealing.
     */
    private Enrollment.OfflineKey offlineKeyFor(LockId lock, LockState s, int epoch, BackendPublicKey backend) {
        if (!s.profile().offlineCodes()) {
            return null;
        }
        int generation = s.offline().generation();
        java.time.ZoneId zone = java.time.ZoneId.of(s.profile().timeZone());
        dev.access.crypto.OfflineIssuingKey key = keyRing.offlineIssuingKey(lock.value(), epoch, generation,
                s.profile().offlineCodeLength(), zone);
        return new Enrollment.OfflineKey(generation, key.digits(), key.zone(), key.sealTo(backend.sealingKey()));
    }

    /**
     * Applies a programming batch from the lock's backend: its signature must verify with the
     * backend key the lock enrolled with, it must be for this lock's key epoch and numbered above
     * the last batch applied; then each operation's end state is set through the same rules as a
     * local command, or refused with its reason (recorded in {@code BatchApplied}), the others still
     * applying. Sealed PINs are opened inside the key ring and wiped after digesting.
     *
     * @throws SignatureVerificationException if the signature does not verify (nothing is recorded)
     * @throws LockCommandRejected WRONG_LOCK (this store holds no such commissioned lock),
     *     NOT_ENROLLED, STALE_KEY_EPOCH or STALE_BATCH; nothing is recorded
     */
    public AppliedBatch apply(ProgrammingBatch batch) throws SignatureVerificationException {
        Objects.requireNonNull(batch, "batch");
        LockId lock = LockId.of(batch.lock());
        return BatchApplication.apply(batch, state(lock), keyRing, engine, now(), this::send, people());
    }

    /**
     * Erases the people who held {@code slot} (every holding of it, past and present, in this lock's
     * trail): each one's key is destroyed in the key ring, so their names read as erased everywhere
     * ({@link #reveal}), and {@code SubjectErased} is recorded for each (naming no one). The trail
     * still verifies; copies exported before the erasure keep what they held.
     *
     * @return how many people's keys were destroyed now (0 when all were erased before: idempotent)
     * @throws LockCommandRejected UNKNOWN_SUBJECT if the slot never held a named code
     */
    public int forgetSlotHolder(LockId lock, int slot, Actor by) {
        Objects.requireNonNull(lock, "lock");
        Actor actor = people().seal(lock, by);
        java.util.LinkedHashSet<String> subjects = new java.util.LinkedHashSet<>();
        java.util.Set<String> recorded = new java.util.HashSet<>();
        // A pruned trail: the holder at the cut lives on in the anchored state (holders whose
        // CodeAdded was pruned and who left before the cut are in no record any more).
        dev.access.core.audit.LockHistory history = dev.access.core.audit.LockHistory.of(this, lock);
        dev.access.core.domain.Credential anchored = history.initialState().credentials().get(slot);
        if (anchored != null) {
            dev.access.crypto.PersonalData.subjectOfValue(anchored.name()).ifPresent(subjects::add);
        }
        for (LockEvent e : history.lockEvents()) {
            if (e instanceof LockEvent.CodeAdded a && a.slot() == slot) {
                dev.access.crypto.PersonalData.subjectOfValue(a.name()).ifPresent(subjects::add);
            } else if (e instanceof LockEvent.SubjectErased x) {
                recorded.add(x.subject());
            }
        }
        if (subjects.isEmpty()) {
            throw new LockCommandRejected(Rejection.UNKNOWN_SUBJECT, "slot " + slot + " of lock " + lock
                    + " never held a named code: no one to erase");
        }
        return erase(lock, subjects, recorded, actor);
    }

    /**
     * Erases the actor named {@code name} at this lock: their key is destroyed (with the keyed entry
     * that finds it by name), so every event they did reads "by (erased)", and {@code SubjectErased}
     * is recorded (naming no one).
     *
     * @return 1
     * @throws LockCommandRejected UNKNOWN_SUBJECT if no actor of that name acted at the lock (or it was
     *     erased already: nothing then remains that could recognise the name)
     */
    public int forgetActor(LockId lock, String name, Actor by) {
        Objects.requireNonNull(lock, "lock");
        String clean = name == null ? null : name.strip();
        java.util.Optional<String> subject = clean == null || clean.isEmpty() ? java.util.Optional.empty()
                : people().keys().findActorSubject(lock.value(), clean);
        if (subject.isEmpty()) {
            throw new LockCommandRejected(Rejection.UNKNOWN_SUBJECT, "no actor of that name is known at lock " + lock
                    + " (never acted there, or already erased)");
        }
        Actor actor = people().seal(lock, by);
        return erase(lock, java.util.Set.of(subject.get()), java.util.Set.of(), actor);
    }

    private int erase(LockId lock, java.util.Set<String> subjects, java.util.Set<String> recorded, Actor actor) {
        int erased = 0;
        for (String subject : subjects) {
            // The key first: the erasure is what matters; an event lost to a crash is recorded on the
            // next call (the subject is then erased but not yet recorded).
            if (people().keys().erase(lock.value(), subject)) {
                erased++;
            }
            if (!recorded.contains(subject)) {
                send(new LockCommand.EraseSubject(lock, now(), subject, actor));
            }
        }
        return erased;
    }

    /**
     * A personal value of this lock's events or state (a code's name, an actor's name) as people read
     * it: its text while its person's key exists, {@value dev.access.crypto.PersonalData#ERASED} once
     * erased; clear text (written before names were sealed) as it is; null stays null.
     */
    public String reveal(LockId lock, String value) {
        return people().reveal(Objects.requireNonNull(lock, "lock"), value);
    }

    /** The actor as people read it: "NAME via CHANNEL" (NAME revealed), or null for null. */
    public String describe(LockId lock, Actor actor) {
        if (actor == null) {
            return null;
        }
        return actor.who() == null ? actor.via() : reveal(lock, actor.who()) + " via " + actor.via();
    }

    /**
     * The keys of the lock's living people, for an export that must let an auditor read names
     * (subject id to key; each id commits to its key).
     */
    public java.util.Map<String, byte[]> personalKeys(LockId lock) {
        return people().keys().liveKeys(Objects.requireNonNull(lock, "lock").value());
    }

    private People people() {
        People p = people;
        if (p == null) {
            synchronized (this) {
                if (people == null) {
                    people = new People(keyRing.personalKeys());
                }
                p = people;
            }
        }
        return p;
    }

    /** The public key that verifies the lock's checkpoints: what an auditor needs besides the export. */
    public TrailPublicKey publicKey(LockId lock) {
        return keyRing.trailPublicKey(lock.value());
    }

    /**
     * The lock's access log: recent attempts with outcome and reason, codes with status, lockout,
     * mode and battery. Kept by a tracking processor in the background and caught up with the
     * lock's committed events when read, so it is never behind a committed event.
     *
     * @throws IllegalStateException if the access log was switched off in the builder
     */
    public AccessLogView accessLog(LockId lock) {
        requireAccessLog();
        AccessLogView v = runtime.accessLog(Objects.requireNonNull(lock, "lock"));
        if (v == null) {
            return null;
        }
        // The view keeps names sealed, as the events do; they are read here, for this caller only.
        java.util.List<dev.access.core.readmodel.CodeView> codes = new java.util.ArrayList<>();
        for (dev.access.core.readmodel.CodeView c : v.codes()) {
            codes.add(new dev.access.core.readmodel.CodeView(c.slot(), c.type(), reveal(lock, c.name()), c.status(),
                    c.expiresAt()));
        }
        java.util.List<dev.access.core.readmodel.AttemptView> attempts = new java.util.ArrayList<>();
        for (dev.access.core.readmodel.AttemptView a : v.recentAttempts()) {
            attempts.add(a.withName(reveal(lock, a.name())));
        }
        String modeBy = v.modeSetBy() == null || v.modeSetBy().startsWith("backend:") ? v.modeSetBy()
                : reveal(lock, v.modeSetBy());
        return new AccessLogView(v.lockId(), v.lastSequence(), v.commissioned(), v.mode(), v.modeSince(), modeBy,
                v.lockedOutUntil(), v.keypadDisabled(), v.batteryPercent(), v.batteryLevel(), v.clockTrusted(),
                java.util.List.copyOf(codes), java.util.List.copyOf(attempts));
    }

    /**
     * Rebuilds the access log from scratch: clears it and replays every event from the store.
     * Returns at once; {@link #awaitAccessLog} waits for the replay.
     */
    public void rebuildAccessLog() {
        requireAccessLog();
        runtime.rebuildAccessLog();
    }

    /**
     * Waits until the access log's processor has handled every event committed so far.
     *
     * @return whether it caught up within {@code timeout}
     */
    public boolean awaitAccessLog(Duration timeout) throws InterruptedException {
        requireAccessLog();
        return runtime.awaitAccessLog(timeout);
    }

    private void requireAccessLog() {
        if (!runtime.hasAccessLog()) {
            throw new IllegalStateException("the access log is switched off (AccessControl.Builder.accessLog(false))");
        }
    }

    /** Stops the Axon configuration; the store keeps everything committed. */
    @Override
    public void close() {
        runtime.close();
    }

    private interface ProfileCall<T> {
        T call(KeypadProfile p);
    }

    private <T> T withProfile(LockId lock, ProfileCall<T> call) {
        Objects.requireNonNull(lock, "lock");
        for (int attempt = 0; ; attempt++) {
            KeypadProfile p = profiles.computeIfAbsent(lock, this::loadProfile);
            try {
                return call.call(p);
            } catch (LockCommandRejected e) {
                if (e.rejection() != Rejection.STALE_KEY_EPOCH || attempt > 0) {
                    throw e;
                }
                forget(lock);
            } catch (KeyUnavailableException e) {
                if (attempt > 0) {
                    throw e;
                }
                forget(lock);
            }
        }
    }

    /**
     * Drops what this node holds about a lock (its keypad profile and its cached aggregate), so
     * the next call reads the store: another node sharing the store changed its key epoch.
     */
    private void forget(LockId lock) {
        profiles.remove(lock);
        runtime.forget(lock);
    }

    private KeypadProfile loadProfile(LockId lock) {
        LockState s = state(lock);
        if (!s.commissioned()) {
            throw new LockCommandRejected(Rejection.NOT_COMMISSIONED, "lock " + lock + " is not commissioned");
        }
        OfflineKeypad.Settings offline = s.profile().offlineCodes()
                ? new OfflineKeypad.Settings(s.profile().offlineCodeLength(), s.offline().generation(),
                        java.time.ZoneId.of(s.profile().timeZone()))
                : null;
        return new KeypadProfile(s.profile().pinPolicy(), s.keyEpoch(), offline);
    }

    private CodeDigest digest(LockId lock, int epoch, PinPolicy policy, char[] typed, boolean newCode) {
        try (PinCode pin = PinCode.of(typed, policy)) {
            if (newCode) {
                policy.checkStrength(pin);
            }
            return keyRing.digester(lock.value(), epoch, engine).digest(pin);
        }
    }

    /**
     * Sends a command and waits for its committed events. A concurrency conflict (another node or
     * process appended to the same lock first) is retried on the fresh state, so every attempt is
     * decided exactly once against the lock's latest events.
     */
    private List<LockEvent> send(LockCommand command) {
        return runtime.send(command);
    }

    private Instant now() {
        return clock.instant();
    }

    private static void wipe(char[] typed) {
        if (typed != null) {
            Arrays.fill(typed, '\0');
        }
    }

    /** Configures an {@link AccessControl}; each setter validates its argument. */
    public static final class Builder {
        private LockStore store;
        private Clock clock;
        private KeyRing keyRing;
        private DigestEngine engine = DigestEngine.JDK;
        private int cacheSize = 10_000;
        private int snapshotEvery = 150;
        private int checkpointEvery = 100;
        private boolean accessLog = true;
        private int conflictAttempts = MAX_CONFLICT_RETRIES;

        private Builder() {
        }

        /** The event store (required). */
        public Builder store(LockStore s) {
            this.store = Objects.requireNonNull(s, "store");
            return this;
        }

        /** The clock commands are stamped with (required; inject a fixed or simulated one in tests). */
        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        /** The key ring holding the PIN keys (required; never kept in the event store). */
        public Builder keyRing(KeyRing k) {
            this.keyRing = Objects.requireNonNull(k, "keyRing");
            return this;
        }

        /** The HMAC engine (default {@link DigestEngine#JDK}; both give identical digests). */
        public Builder digestEngine(DigestEngine e) {
            this.engine = Objects.requireNonNull(e, "digestEngine");
            return this;
        }

        /**
         * How many locks are kept in memory between commands (default 10,000; 0 turns the cache
         * off, and every command then loads its lock from the store and its latest snapshot).
         *
         * @throws IllegalArgumentException if negative
         */
        public Builder cacheSize(int locks) {
            if (locks < 0) {
                throw new IllegalArgumentException("cacheSize must be >= 0, was " + locks);
            }
            this.cacheSize = locks;
            return this;
        }

        /**
         * Take a snapshot of a lock every this many events (default 150; 0 turns snapshots off).
         * Snapshots only bound the time to load a lock: deleting them changes no answer.
         *
         * @throws IllegalArgumentException if negative or between 1 and 9
         */
        public Builder snapshotEvery(int events) {
            if (events < 0 || (events > 0 && events < 10)) {
                throw new IllegalArgumentException("snapshotEvery must be 0 or >= 10, was " + events);
            }
            this.snapshotEvery = events;
            return this;
        }

        /**
         * Sign a checkpoint of each lock's trail every this many events (default 100), besides
         * every lockout, factory reset and {@link AccessControl#checkpoint} call.
         *
         * @throws IllegalArgumentException if below 1
         */
        public Builder checkpointEvery(int events) {
            if (events < 1) {
                throw new IllegalArgumentException("checkpointEvery must be >= 1, was " + events);
            }
            this.checkpointEvery = events;
            return this;
        }

        /**
         * Whether to keep the access log read model (default on). A short-lived process that only
         * issues a command or two may switch it off to start faster; nothing is lost, the log is
         * caught up from the store by the next process that keeps it.
         */
        public Builder accessLog(boolean enabled) {
            this.accessLog = enabled;
            return this;
        }

        /**
         * How often a command is tried when its append conflicts with another writer's on the same
         * lock (another node, or another instance on the same store) before the call fails with
         * {@link dev.access.ConflictRetriesExhaustedException} (default 50; at least 1).
         */
        public Builder conflictAttempts(int attempts) {
            if (attempts < 1) {
                throw new IllegalArgumentException("conflictAttempts must be >= 1, was " + attempts);
            }
            this.conflictAttempts = attempts;
            return this;
        }

        /**
         * Starts the library, after checking that the key ring belongs to the store: for a store
         * with an {@link LockStore#id() id}, {@link KeyRing#bindToStore} binds a new key ring to it
         * and refuses one bound to another store, or an empty one for a store that holds locks.
         *
         * @throws IllegalStateException naming the first required setting that is missing
         * @throws dev.access.crypto.KeyRingMismatchException if the key ring does not belong to the store
         * @throws dev.access.StoreUnavailableException if the store cannot be read
         */
        public AccessControl build() {
            if (store == null) {
                throw new IllegalStateException("store was not set (e.g. LockStore.inMemory())");
            }
            if (clock == null) {
                throw new IllegalStateException("clock was not set (e.g. Clock.systemUTC())");
            }
            if (keyRing == null) {
                throw new IllegalStateException("keyRing was not set (e.g. FileKeyRing.open(dir.resolve(\"keys\")))");
            }
            // The key ring must belong to the store: see KeyRing.bindToStore.
            if (store.id().isPresent()) {
                keyRing.bindToStore(store.id().get(), store.holdsEvents());
            }
            AxonDefaults.apply();
            return new AccessControl(this);
        }
    }
}
