package dev.access.core;

import dev.access.core.audit.LockHistory;
import dev.access.core.audit.SequencedEvent;
import dev.access.core.audit.TrailReader;
import dev.access.core.domain.LockDecider;
import dev.access.core.domain.LockEvent;
import dev.access.core.domain.LockId;
import dev.access.core.domain.LockState;
import dev.access.core.fleet.DesiredChange;
import dev.access.core.fleet.Enrollment;
import dev.access.core.fleet.FleetAlarm;
import dev.access.core.fleet.FleetLock;
import dev.access.core.fleet.IngestResult;
import dev.access.core.fleet.LockNotEnrolledException;
import dev.access.core.fleet.LockView;
import dev.access.core.fleet.OfflineCodeIssue;
import dev.access.core.fleet.OfflineCodeRefusedException;
import dev.access.core.fleet.OfflineCodeStatus;
import dev.access.core.fleet.OfflineCodeSync;
import dev.access.core.fleet.OfflineIssuance;
import dev.access.core.fleet.Registration;
import dev.access.core.fleet.SegmentRejectedException;
import dev.access.core.internal.fleet.DesiredState;
import dev.access.core.internal.fleet.FleetDesired;
import dev.access.core.internal.fleet.FleetLedger;
import dev.access.core.internal.fleet.FleetOffline;
import dev.access.core.internal.fleet.OfflineRules;
import dev.access.core.internal.fleet.SyncRules;
import dev.access.core.internal.fleet.TrailFacts;
import dev.access.core.internal.fleet.FleetTables;
import dev.access.core.trail.TrailRecord;
import dev.access.core.trail.TrailSource;
import dev.access.crypto.BackendIdentity;
import dev.access.crypto.BackendPublicKey;
import dev.access.crypto.KeyRing;
import dev.access.crypto.KeyRingException;
import dev.access.crypto.SignatureVerificationException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/*
 * Implementation notes.
 *
 * The backend's view of a lock is the decider's fold of the trail it holds. Folds are kept per lock
 * in memory with the sequence they reach; a view asks the store only for the lines after it and
 * folds those on (the trail only grows: an ingest appends, never rewrites).
 */
/**
 * The backend's entry point: it holds a verified copy of every enrolled lock's trail, carried up
 * by any link, and answers for each lock from that trail alone. Built like {@link AccessControl}
 * (a store, a key ring holding the backend's identity, a clock); safe for many threads, and several
 * nodes may share one PostgreSQL store.
 *
 * <p>Guarantees: a segment is stored only if every line verifies with the key the lock enrolled
 * with and continues the held trail without a gap (all or nothing: a refused segment stores
 * nothing); only what a verified checkpoint signs joins the copy (an unsigned tail is held back
 * until a later segment signs it); re-ingesting what is held adds nothing; a lock that signs two
 * different trails is refused and recorded as a {@code FORK} alarm; the copy is byte-identical, line
 * for line, to the lock's own export; it holds what exports hold: no PIN, digest or key. Offline
 * codes: the issuing key a lock hands over at enrollment is kept only sealed to this backend and
 * opened in the key ring for one issuance at a time; an issuance is recorded without its PIN.
 */
public final class Fleet implements TrailSource, AutoCloseable {
    /** The most lines one segment may have. */
    public static final int MAX_SEGMENT_LINES = 2_000_000;

    private record Folded(long lastSequence, LockState state, List<FleetAlarm> alarms, TrailFacts facts) {
    }

    private final FleetLedger ledger;
    private final FleetDesired desired;
    private final FleetOffline offline;
    private final KeyRing keyRing;
    private final Clock clock;
    private final Map<String, Folded> folds = new ConcurrentHashMap<>();

    private Fleet(Builder b, FleetLedger ledger, FleetDesired desired, FleetOffline offline) {
        this.ledger = ledger;
        this.desired = desired;
        this.offline = offline;
        this.keyRing = b.keyRing;
        this.clock = b.clock;
    }

    /** A builder: choose a store, a clock and a key ring. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Creates the backend's identity in its key ring if it has none (idempotent) and returns its
     * public half.
     *
     * @throws KeyRingException if the key ring cannot hold or record one
     */
    public BackendPublicKey initialize() {
        return keyRing.createBackendIdentity().publicKey();
    }

    /** The backend's public key, if {@link #initialize} was called (by any node sharing the key ring). */
    public Optional<BackendPublicKey> publicKey() {
        return keyRing.backendIdentity().map(BackendIdentity::publicKey);
    }

    /**
     * Registers a lock's enrollment after checking its signature: from now on the backend accepts
     * the lock's trail, verified with the trail key the enrollment carries. Registering the same
     * enrollment again changes nothing; a later one (another key epoch after a factory reset, or a
     * new anchor) is recorded beside the earlier ones, and the trail held so far stays. The offline
     * issuing key an enrollment hands over is kept as it came, sealed to this backend (a new key
     * epoch or generation beside the earlier ones), for {@link #issueOfflineCode}.
     *
     * @throws SignatureVerificationException if the enrollment's signature does not verify
     * @throws dev.access.core.fleet.EnrollmentRejectedException if it names another backend, carries
     *     another trail key than the lock's earlier enrollment, an older epoch, or a chain head that
     *     contradicts the held trail (then also recorded as a FORK alarm)
     * @throws KeyRingException if this backend has no identity yet ({@link #initialize})
     */
    public Registration enroll(Enrollment enrollment) throws SignatureVerificationException {
        Objects.requireNonNull(enrollment, "enrollment");
        enrollment.verify();
        BackendPublicKey self = publicKey().orElseThrow(() -> new KeyRingException(
                "this backend has no identity yet: initialize it first (lockctl fleet init)"));
        return ledger.register(enrollment, self.keyId(), clock.instant());
    }

    /**
     * Ingests a trail segment (JSON Lines, as a lock's export from a sequence writes it).
     *
     * <p>A lock that pruned its trail ({@link AccessControl#pruneTrail}) exports it from its signed
     * retention anchor. A backend that holds nothing of the lock yet starts its copy at that anchor once
     * it verifies; one whose copy reaches the anchor's sequence keeps its own (longer) copy and takes
     * the anchor in a segment's overlap when it signs the chain head held there; one whose copy ends
     * before the anchor refuses the segment ({@code ANCHOR_MISPLACED}, naming the removed range): those
     * events are gone and nothing would link its copy to the anchor, so it never holds an unverified
     * trail. Prune at a lock only what its backend has ingested.
     *
     * @throws SegmentRejectedException naming every problem if the segment fails verification,
     *     leaves a gap, or forks the held trail; nothing is stored
     * @throws LockNotEnrolledException if the segment's lock is not enrolled
     * @throws UncheckedIOException if reading fails
     */
    public IngestResult ingest(Reader segment) {
        Objects.requireNonNull(segment, "segment");
        BufferedReader in = segment instanceof BufferedReader ? (BufferedReader) segment : new BufferedReader(segment);
        List<String> lines = new ArrayList<>();
        try {
            String line;
            while ((line = TrailReader.readLine(in)) != null) {
                if (lines.size() == MAX_SEGMENT_LINES) {
                    throw new SegmentRejectedException(null, List.of(new dev.access.core.audit.TrailProblem(
                            lines.size() + 1, null, -1, dev.access.core.audit.TrailProblem.Kind.MALFORMED_LINE,
                            "a segment holds at most " + MAX_SEGMENT_LINES + " lines: export a shorter one"
                            + " (from the sequence the backend holds)")));
                }
                lines.add(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        IngestResult r = ledger.ingest(lines, clock.instant());
        if (r.newEvents() > 0) {
            java.util.Map<Integer, FleetDesired.Sealed> sealed = desired.sealedPins(r.lock());
            if (!sealed.isEmpty()) {
                dropDelivered(r.lock(), desired.state(r.lock()), fold(ledger.lock(r.lock())).facts(), sealed);
            }
        }
        return r;
    }

    // ------------------------------------------------------------------ desired state (part 2)

    /**
     * Records that slot {@code code.slot()} of the lock is to hold a new code: the PIN is checked
     * against the lock's PIN policy (as its trail says it), sealed at once to the lock's current
     * sealing key and wiped; the backend keeps only the sealed form, until the lock's trail proves
     * the code set.
     *
     * @param pin the code's digits; wiped before return
     * @param by who asks (kept in the backend's desired state)
     * @throws LockNotEnrolledException if the lock is not enrolled
     * @throws dev.access.core.domain.LockCommandRejected SLOT_OCCUPIED (the backend manages a code
     *     there already), MASTER_SLOT, INVALID_ARGUMENT (a value), STALE_KEY_EPOCH (the held trail
     *     and the latest enrollment disagree on the lock's key epoch: nothing can be sealed until
     *     they agree)
     * @throws dev.access.crypto.PinRejectedException if the PIN breaks the lock's PIN policy
     */
    public DesiredChange requestCode(LockId lock, dev.access.core.NewCode code, char[] pin, String by) {
        Objects.requireNonNull(code, "code");
        try {
            LockState s = enrolledState(lock);
            java.util.Map<String, Object> payload = new java.util.LinkedHashMap<>();
            payload.put("slot", code.slot());
            payload.put("type", code.type() == null ? null : code.type().name());
            payload.put("name", code.name());
            payload.put("rules", code.rules() == null ? dev.access.core.domain.CodeRules.none() : code.rules());
            long seq = desired.append(lock.value(), actor(by), clock.instant(), d -> {
                if (d.wanted(code.slot()) != null) {
                    throw new dev.access.core.domain.LockCommandRejected(dev.access.core.domain.Rejection.SLOT_OCCUPIED,
                            "the backend already manages a code in slot " + code.slot() + "; change or remove it");
                }
                BackendPrograms.checkAdd(lock, code, s, clock.instant());
                dev.access.crypto.SealedSecret sealed = seal(lock, s, code.slot(), pin);
                payload.put("keyEpoch", s.keyEpoch());
                return new FleetDesired.Change("CodeRequested", payload, sealed, code.slot(), s.keyEpoch());
            });
            return new DesiredChange(lock.value(), code.slot(), "s" + code.slot() + "-" + seq, "add");
        } finally {
            wipe(pin);
        }
    }

    /**
     * Records a new PIN for the managed code in {@code slot} (sealed at once, as {@link #requestCode}).
     *
     * @throws dev.access.core.domain.LockCommandRejected UNKNOWN_SLOT if the backend manages no code there
     */
    public DesiredChange requestPinChange(LockId lock, int slot, char[] pin, String by) {
        try {
            LockState s = enrolledState(lock);
            long seq = desired.append(lock.value(), actor(by), clock.instant(), d -> {
                requireManaged(d, slot);
                dev.access.crypto.SealedSecret sealed = seal(lock, s, slot, pin);
                java.util.Map<String, Object> payload = new java.util.LinkedHashMap<>();
                payload.put("slot", slot);
                payload.put("keyEpoch", s.keyEpoch());
                return new FleetDesired.Change("PinChangeRequested", payload, sealed, slot, s.keyEpoch());
            });
            return new DesiredChange(lock.value(), slot, "s" + slot + "-" + seq, "change");
        } finally {
            wipe(pin);
        }
    }

    /** Records that the managed code in {@code slot} is to be suspended (UNKNOWN_SLOT if none). */
    public DesiredChange requestSuspend(LockId lock, int slot, String by) {
        return slotChange(lock, slot, by, "SuspendRequested", "suspend");
    }

    /** Records that the managed code in {@code slot} is to be resumed (UNKNOWN_SLOT if none). */
    public DesiredChange requestResume(LockId lock, int slot, String by) {
        return slotChange(lock, slot, by, "ResumeRequested", "resume");
    }

    /** Records that {@code slot} is to be empty (UNKNOWN_SLOT if the backend manages no code there). */
    public DesiredChange requestRemove(LockId lock, int slot, String by) {
        return slotChange(lock, slot, by, "RemoveRequested", "remove");
    }

    /** Records that the lock is to be in {@code mode}. */
    public DesiredChange requestMode(LockId lock, dev.access.core.domain.OperatingMode mode, String by) {
        Objects.requireNonNull(mode, "mode");
        enrolledRow(lock);
        long seq = desired.append(lock.value(), actor(by), clock.instant(),
                d -> new FleetDesired.Change("ModeRequested", java.util.Map.of("mode", mode.name()), null, 0, 0));
        return new DesiredChange(lock.value(), 0, "mode-" + seq, "mode");
    }

    /**
     * Writes the lock's next programming batch: the end state of every slot (and the mode) whose
     * change the lock's trail has not confirmed, and every offline code's revocation the trail does
     * not show done while the code can still open, signed, numbered above the last; empty when
     * nothing is pending (nothing is recorded then).
     *
     * @throws LockNotEnrolledException if the lock is not enrolled
     * @throws KeyRingException if this backend has no identity
     * @throws dev.access.core.domain.LockCommandRejected STALE_KEY_EPOCH while the held trail and the
     *     lock's latest enrollment disagree on its key epoch (a re-enrolled lock whose new trail is
     *     not ingested yet, or a lock reset and not enrolled again): a batch must name the epoch the
     *     lock is at
     */
    public Optional<dev.access.core.fleet.ProgrammingBatch> push(LockId lock) {
        Objects.requireNonNull(lock, "lock");
        BackendIdentity self = keyRing.backendIdentity().orElseThrow(() -> new KeyRingException(
                "this backend has no identity yet: initialize it first (lockctl fleet init)"));
        LockState s = enrolledState(lock);
        FleetLedger.LockRow row = ledger.lock(lock.value());
        Folded f = fold(row);
        dev.access.core.fleet.ProgrammingBatch[] out = new dev.access.core.fleet.ProgrammingBatch[1];
        try {
            desired.append(lock.value(), "backend", clock.instant(), d -> {
            java.util.Map<Integer, FleetDesired.Sealed> sealed = desired.sealedPins(lock.value());
            List<dev.access.core.fleet.ProgrammingBatch.Operation> ops = BackendPrograms.pendingOperations(d, f.facts(),
                    s, sealed, clock.instant());
            if (ops.isEmpty()) {
                throw new NothingPending();
            }
            long number = (d.lastBatch == null ? 0 : d.lastBatch) + 1;
            out[0] = dev.access.core.fleet.ProgrammingBatch.sign(self, lock.value(), s.keyEpoch(), number, clock.instant(),
                    ops);
            List<String> ids = new ArrayList<>();
            ops.forEach(o -> ids.add(o.id()));
            return FleetDesired.batchIssued(number, ids);
            });
        } catch (NothingPending e) {
            return Optional.empty();
        }
        return Optional.of(out[0]);
    }

    /**
     * The sync status of every code of the lock, from the desired state and the lock's ingested trail.
     *
     * @throws LockNotEnrolledException if the lock is not enrolled
     */
    public dev.access.core.fleet.SyncView sync(LockId lock) {
        Objects.requireNonNull(lock, "lock");
        FleetLedger.LockRow row = ledger.lock(lock.value());
        if (row == null) {
            throw new LockNotEnrolledException(lock.value());
        }
        Folded f = fold(row);
        DesiredState d = desired.state(lock.value());
        java.util.Map<Integer, FleetDesired.Sealed> sealed = desired.sealedPins(lock.value());
        dev.access.core.fleet.SyncView view = SyncRules.view(lock.value(), d, f.facts(), f.state(), sealed,
                clock.instant());
        dropDelivered(lock.value(), d, f.facts(), sealed);
        return view;
    }

    // ------------------------------------------------------------------ offline codes

    /**
     * Issues an offline code for the lock with the issuing key it handed this backend at enrollment
     * (opened in the key ring, for this one code, never stored in clear), and records the issuance
     * (lock, key epoch, generation, code id, the window it really has, one-time, daily hours,
     * variant, name, by whom, when; never the PIN). The code is the lowest variant of that exact
     * validity not issued yet, so asking twice for the same window gives two different PINs.
     *
     * <p>The window is fitted onto the offline-code grid inside {@code [from, until)} (see {@link
     * dev.access.crypto.OfflineCodes#fitPlain} and {@link dev.access.crypto.OfflineCodes#fitDaily}):
     * the returned code says the window it really has.
     *
     * @param from the earliest the code may open
     * @param until the latest it may stop opening (at most 366 days after {@code from})
     * @param oneTime whether its first use consumes it (plain windows only)
     * @param dailyFrom the local time it starts opening each day in the lock's time zone, or null
     *     for a plain window
     * @param dailyUntil the local time it stops each day ({@code 00:00} or {@link LocalTime#MAX}: the
     *     end of the day), or null for a plain window
     * @param name whom it is for (kept with the issuance), or null
     * @param by who asks (kept with the issuance)
     * @return the code with its PIN (the caller hands it out and closes it) and the issuance
     * @throws LockNotEnrolledException if the lock is not enrolled
     * @throws OfflineCodeRefusedException INVALID_REQUEST (a value, named), NO_OFFLINE_KEY,
     *     STALE_ISSUING_KEY (the trail shows a revoke-all past the key's generation: enroll the lock
     *     again), LOCK_RESET (the trail shows a factory reset since), VARIANTS_EXHAUSTED; nothing is
     *     recorded
     * @throws KeyRingException if this backend has no identity
     */
    public OfflineCodeIssue issueOfflineCode(LockId lock, Instant from, Instant until, boolean oneTime,
            LocalTime dailyFrom, LocalTime dailyUntil, String name, String by) {
        Objects.requireNonNull(lock, "lock");
        if (from == null || until == null) {
            throw invalidOffline("an offline code needs the start and the end of its window");
        }
        if ((dailyFrom == null) != (dailyUntil == null)) {
            throw invalidOffline("daily hours need a start and an end");
        }
        String who = offlineText(by, "by");
        String label = offlineText(name, "name");
        FleetLedger.LockRow row = enrolledRow(lock);
        Folded f = fold(row);
        LockState s = f.state();
        FleetOffline.HeldKey key = offline.newestKey(lock.value());
        if (key == null) {
            throw new OfflineCodeRefusedException(OfflineCodeRefusedException.Reason.NO_OFFLINE_KEY, "lock " + lock
                    + " handed this backend no offline issuing key: " + (s.profile() != null
                    && !s.profile().offlineCodes() ? "it takes no offline codes (its offline code length is 0)"
                    : "enroll it again to hand over its key"));
        }
        Instant now = clock.instant();
        if (from.isAfter(now.plus(OfflineKeypad.MAX_LEAD))) {
            throw invalidOffline("the window starts at " + from + ", more than " + OfflineKeypad.MAX_LEAD.toDays()
                    + " days after now (" + now + "): a lock looks no further ahead");
        }
        boolean daily = dailyFrom != null;
        if (daily && oneTime) {
            throw invalidOffline("a daily code cannot be one-time: give a one-time code a plain window");
        }
        dev.access.crypto.OfflineValidity probe;
        try {
            probe = daily ? dev.access.crypto.OfflineCodes.fitDaily(from, until, dailyFrom, dailyUntil, key.zone(), 0)
                    : dev.access.crypto.OfflineCodes.fitPlain(from, until, oneTime, 0);
        } catch (IllegalArgumentException e) {
            throw invalidOffline(e.getMessage());
        }
        Instant validFrom = probe.from(key.zone());
        Instant validUntil = probe.until(key.zone());
        if (!validUntil.isAfter(now)) {
            throw invalidOffline("the code for that window would open from " + validFrom + " to " + validUntil
                    + ", which has ended by now (" + now + "): ask for a window that ends later");
        }
        requireCurrentKey(lock, key, f.facts(), s);
        FleetOffline.Request q = new FleetOffline.Request(validFrom, validUntil, oneTime, probe.dailyText(),
                dev.access.crypto.OfflineCodes.variants(daily), label, who, now);
        return offline.issue(lock.value(), key, q, variant -> issuingKey(lock, key).issue(
                new dev.access.crypto.OfflineValidity(probe.kind(), probe.start(), probe.end(), probe.oneTime(),
                        probe.dailyStartHour(), probe.dailyHours(), variant)));
    }

    /**
     * Queues the revocation of an offline code the backend issued for the next programming batch
     * ({@link #push}); the lock revokes it through the same rule as a revocation at the lock, until
     * the code's window ends. Asking again while it is queued, or for a code the trail shows revoked,
     * used up (one-time), revoked with all others or destroyed by a factory reset, records nothing
     * (the code cannot open any more, or will not once the batch arrives).
     *
     * @param codeId the code's public id
     * @param by who asks
     * @return the code's status afterwards ({@code REVOKE_PENDING} once queued)
     * @throws LockNotEnrolledException if the lock is not enrolled
     * @throws OfflineCodeRefusedException UNKNOWN_CODE (the backend issued no such code for the
     *     lock), WINDOW_ENDED (its window has ended: nothing to revoke)
     */
    public OfflineCodeSync revokeOfflineCode(LockId lock, String codeId, String by) {
        Objects.requireNonNull(lock, "lock");
        String who = offlineText(by, "by");
        FleetLedger.LockRow row = enrolledRow(lock);
        OfflineIssuance issued = null;
        for (OfflineIssuance i : offline.issuances(lock.value())) {
            if (i.codeId().equals(codeId) && (issued == null || i.keyEpoch() > issued.keyEpoch()
                    || i.keyEpoch() == issued.keyEpoch() && i.generation() > issued.generation())) {
                issued = i;
            }
        }
        if (issued == null) {
            // The id is not repeated: a PIN given by mistake must not reach a message.
            throw new OfflineCodeRefusedException(OfflineCodeRefusedException.Reason.UNKNOWN_CODE, "this backend issued"
                    + " no offline code with that id for lock " + lock + " (see lockctl fleet offline-code list)");
        }
        Folded f = fold(row);
        Instant now = clock.instant();
        OfflineIssuance i = issued;
        OfflineCodeSync before = OfflineRules.status(i, desired.state(lock.value()).revocations.get(codeId), f.facts(),
                f.state(), now);
        switch (before.status()) {
            case EXPIRED:
                throw new OfflineCodeRefusedException(OfflineCodeRefusedException.Reason.WINDOW_ENDED, "offline code "
                        + codeId + " of lock " + lock + " stopped opening at " + i.until() + ": there is nothing to revoke");
            case ISSUED:
            case REVOKE_FAILED:
                break;
            default:
                return before;
        }
        try {
            desired.append(lock.value(), who, now, d -> {
                DesiredState.Revocation queued = d.revocations.get(codeId);
                if (queued != null && !f.facts().refused.containsKey(queued.operation())
                        && before.status() != OfflineCodeStatus.REVOKE_FAILED) {
                    throw new NothingPending(); // another node queued it meanwhile
                }
                java.util.Map<String, Object> payload = new java.util.LinkedHashMap<>();
                payload.put("codeId", codeId);
                payload.put("until", i.until().toString());
                payload.put("keyEpoch", i.keyEpoch());
                payload.put("generation", i.generation());
                return new FleetDesired.Change("OfflineRevokeRequested", payload, null, 0, 0);
            });
        } catch (NothingPending e) {
            // already queued: nothing to record
        }
        return OfflineRules.status(i, desired.state(lock.value()).revocations.get(codeId), f.facts(), f.state(), now);
    }

    /**
     * Every offline code the backend issued for the lock, oldest first, with its status from the
     * lock's ingested trail and the backend's revocation requests.
     *
     * @throws LockNotEnrolledException if the lock is not enrolled
     */
    public List<OfflineCodeSync> offlineCodes(LockId lock) {
        Objects.requireNonNull(lock, "lock");
        FleetLedger.LockRow row = enrolledRow(lock);
        Folded f = fold(row);
        DesiredState d = desired.state(lock.value());
        Instant now = clock.instant();
        List<OfflineCodeSync> out = new ArrayList<>();
        for (OfflineIssuance i : offline.issuances(lock.value())) {
            DesiredState.Revocation r = d.revocations.get(i.codeId());
            out.add(OfflineRules.status(i, r != null && r.keyEpoch == i.keyEpoch() && r.generation == i.generation()
                    ? r : null, f.facts(), f.state(), now));
        }
        return out;
    }

    /**
     * Refuses a held issuing key the lock's trail shows stale: a factory reset since (a new key
     * epoch), or a revoke-all past its generation.
     */
    private static void requireCurrentKey(LockId lock, FleetOffline.HeldKey key, TrailFacts facts, LockState s) {
        if (facts.resetSince(key.keyEpoch()) != null || s.keyEpoch() > key.keyEpoch()) {
            throw new OfflineCodeRefusedException(OfflineCodeRefusedException.Reason.LOCK_RESET, "lock " + lock
                    + " was factory reset since it handed this backend its issuing key (key epoch " + key.keyEpoch()
                    + "): that key is destroyed; commission it and enroll it again to hand over the new key");
        }
        if (s.keyEpoch() == key.keyEpoch() && s.offline().generation() > key.generation()) {
            throw new OfflineCodeRefusedException(OfflineCodeRefusedException.Reason.STALE_ISSUING_KEY, "the lock "
                    + lock + " moved to issuing-key generation " + s.offline().generation() + " (this backend holds"
                    + " generation " + key.generation() + ", whose codes it no longer accepts): enroll it again to hand"
                    + " over the new key");
        }
    }

    /** The held issuing key, opened in the key ring. */
    private dev.access.crypto.OfflineIssuingKey issuingKey(LockId lock, FleetOffline.HeldKey key) {
        try {
            return keyRing.openOfflineIssuingKey(key.sealed(), lock.value(), key.keyEpoch(), key.generation(),
                    key.digits(), key.zone());
        } catch (dev.access.crypto.SealedSecretException e) {
            throw new OfflineCodeRefusedException(OfflineCodeRefusedException.Reason.NO_OFFLINE_KEY, "the issuing key"
                    + " lock " + lock + " handed over does not open with this backend's key ring: enroll the lock again");
        }
    }

    private static OfflineCodeRefusedException invalidOffline(String message) {
        return new OfflineCodeRefusedException(OfflineCodeRefusedException.Reason.INVALID_REQUEST, message);
    }

    /** A name or requester: stripped, null when blank ("backend" for a missing requester), at most MAX_TEXT. */
    private static String offlineText(String text, String what) {
        if (text == null || text.isBlank()) {
            return what.equals("by") ? "backend" : null;
        }
        String t = text.strip();
        if (t.length() > LockDecider.MAX_TEXT || t.chars().anyMatch(Character::isISOControl)) {
            throw invalidOffline(what + " must be at most " + LockDecider.MAX_TEXT + " characters with no control"
                    + " characters");
        }
        return t;
    }

    /** Thrown inside a push's transaction when nothing is pending: nothing is recorded. */
    private static final class NothingPending extends dev.access.AccessException {
        private static final long serialVersionUID = 1L;

        NothingPending() {
            super("nothing pending");
        }
    }

    private DesiredChange slotChange(LockId lock, int slot, String by, String type, String change) {
        enrolledRow(lock);
        long seq = desired.append(lock.value(), actor(by), clock.instant(), d -> {
            requireManaged(d, slot);
            return new FleetDesired.Change(type, java.util.Map.of("slot", slot), null, slot, 0);
        });
        return new DesiredChange(lock.value(), slot, "s" + slot + "-" + seq, change);
    }

    /** A sealed PIN is dropped once the lock's trail proves the code set. */
    private void dropDelivered(String lock, DesiredState d, TrailFacts facts,
            java.util.Map<Integer, FleetDesired.Sealed> sealed) {
        for (DesiredState.Slot slot : d.slots.values()) {
            TrailFacts.SlotFacts f = facts.slots.get(slot.slot);
            if (sealed.containsKey(slot.slot) && f != null && slot.operation().equals(f.appliedOp)) {
                desired.dropSealed(lock, slot.slot, slot.opSeq);
            }
        }
    }

    private static void requireManaged(DesiredState d, int slot) {
        if (d.wanted(slot) == null) {
            throw new dev.access.core.domain.LockCommandRejected(dev.access.core.domain.Rejection.UNKNOWN_SLOT,
                    "the backend manages no code in slot " + slot);
        }
    }

    /** The lock's row, for a lock enrolled here. */
    private FleetLedger.LockRow enrolledRow(LockId lock) {
        Objects.requireNonNull(lock, "lock");
        FleetLedger.LockRow row = ledger.lock(lock.value());
        if (row == null) {
            throw new LockNotEnrolledException(lock.value());
        }
        return row;
    }

    /**
     * The lock's state as its trail says, for a lock enrolled here whose held trail is at the key
     * epoch it enrolled with (what a PIN is sealed to and a batch is for).
     *
     * @throws dev.access.core.domain.LockCommandRejected STALE_KEY_EPOCH if the held trail and the
     *     enrollment disagree on the epoch, naming which one is behind
     */
    private LockState enrolledState(LockId lock) {
        FleetLedger.LockRow row = enrolledRow(lock);
        LockState s = fold(row).state();
        // A lock enrolls only when commissioned: an enrollment at an epoch the held trail has not
        // seen commissioned means the backend's copy is behind.
        if (s.keyEpoch() < row.enrolledEpoch() || (!s.commissioned() && s.keyEpoch() == row.enrolledEpoch())) {
            throw new dev.access.core.domain.LockCommandRejected(dev.access.core.domain.Rejection.STALE_KEY_EPOCH,
                    "lock " + lock + " enrolled again under key epoch " + row.enrolledEpoch() + " but the trail this backend"
                    + " holds " + (s.keyEpoch() < row.enrolledEpoch() ? "is still at epoch " + s.keyEpoch()
                    : "ends before its commissioning") + ": ingest the lock's newer trail first");
        }
        if (s.keyEpoch() > row.enrolledEpoch() || !s.commissioned()) {
            throw new dev.access.core.domain.LockCommandRejected(dev.access.core.domain.Rejection.STALE_KEY_EPOCH,
                    "lock " + lock + " was factory reset since it enrolled (its trail is at key epoch " + s.keyEpoch()
                    + (s.commissioned() ? "" : ", not commissioned") + ", its enrollment at epoch " + row.enrolledEpoch()
                    + "): it must be commissioned and enrolled again");
        }
        return s;
    }

    /** Checks the PIN against the lock's policy (as its trail says), seals it to the lock's current key; wipes nothing. */
    private dev.access.crypto.SealedSecret seal(LockId lock, LockState s, int slot, char[] pin) {
        Objects.requireNonNull(pin, "pin");
        dev.access.crypto.PinPolicy policy = s.profile().pinPolicy();
        try (dev.access.crypto.PinCode code = dev.access.crypto.PinCode.of(pin, policy)) {
            policy.checkStrength(code);
            dev.access.crypto.SealingPublicKey key = ledger.sealingKey(lock.value(), s.keyEpoch());
            return key.sealPin(code, dev.access.core.fleet.ProgrammingBatch.sealContext(lock.value(), s.keyEpoch(), slot));
        }
    }

    private static String actor(String by) {
        String a = by == null || by.isBlank() ? "backend" : by.strip();
        if (a.length() > dev.access.core.domain.LockDecider.MAX_TEXT) {
            throw new dev.access.core.domain.LockCommandRejected(dev.access.core.domain.Rejection.INVALID_ARGUMENT,
                    "by is longer than " + dev.access.core.domain.LockDecider.MAX_TEXT + " characters");
        }
        return a;
    }

    private static void wipe(char[] pin) {
        if (pin != null) {
            java.util.Arrays.fill(pin, '\0');
        }
    }

    /** The backend's view of a lock from its trail alone, if the lock is enrolled. */
    public Optional<LockView> view(LockId lock) {
        Objects.requireNonNull(lock, "lock");
        FleetLedger.LockRow row = ledger.lock(lock.value());
        if (row == null) {
            return Optional.empty();
        }
        Folded f = fold(row);
        List<FleetAlarm> alarms = new ArrayList<>(f.alarms());
        alarms.addAll(ledger.forks(row.lock()));
        return Optional.of(new LockView(row.lock(), row.enrolledEpoch(), row.lastSequence(), row.lastEventAt(),
                row.lastIngestAt(), f.state(), alarms));
    }

    /** Every enrolled lock, by id. */
    public List<FleetLock> locks() {
        Instant now = clock.instant();
        List<FleetLock> out = new ArrayList<>();
        for (FleetLedger.LockRow row : ledger.locks()) {
            LockState s = fold(row).state();
            boolean lockedOut = s.lockout().isLockedOutAt(s.effectiveTime(now));
            out.add(new FleetLock(row.lock(), row.enrolledEpoch(), row.lastSequence(), row.lastIngestAt(),
                    s.batteryPercent(), lockedOut, row.alarmsLastIngest()));
        }
        return out;
    }

    /** The backend's clock, as it judges a view (whether a lockout or a code's validity has run out). */
    public Instant now() {
        return clock.instant();
    }

    private Folded fold(FleetLedger.LockRow row) {
        return folds.compute(row.lock(), (lock, cached) -> {
            Folded f = cached == null ? new Folded(-1, LockState.initial(), List.of(), new TrailFacts()) : cached;
            if (f.lastSequence() >= row.lastSequence()) {
                return f;
            }
            List<TrailRecord> records = new ArrayList<>();
            ledger.lines(lock, f.lastSequence(), text -> records.add(TrailReader.record(text)));
            LockState s = f.state();
            List<FleetAlarm> alarms = new ArrayList<>(f.alarms());
            TrailFacts facts = f.facts().copy();
            long last = f.lastSequence();
            LockHistory held = LockHistory.ofRecords(lock, records);
            if (held.anchor() != null) {
                // A copy that starts at a lock's retention anchor: its state is the anchored one.
                s = held.anchor().state();
            }
            for (SequencedEvent e : held.events()) {
                LockEvent ev = e.event();
                s = LockDecider.evolve(s, ev);
                facts.add(ev);
                if (ev instanceof LockEvent.FactoryResetPerformed) {
                    alarms.clear();
                } else if (ev instanceof LockEvent.AlarmRaised a) {
                    alarms.add(new FleetAlarm(a.code().name(), a.at(), e.sequence(), a.slot(), null));
                }
            }
            facts.settle();
            if (!records.isEmpty()) {
                last = records.get(records.size() - 1).sequence();
            }
            return new Folded(last, s, List.copyOf(alarms), facts);
        });
    }

    /** Hands the held records of a lock to {@code sink}, by sequence (none for a lock not enrolled). */
    @Override
    public void trail(LockId lock, Consumer<TrailRecord> sink) {
        Objects.requireNonNull(lock, "lock");
        ledger.lines(lock.value(), -1, text -> sink.accept(TrailReader.record(text)));
    }

    /**
     * Writes the held lines of a lock, each exactly as the lock exported it, ended by {@code \n}:
     * byte-identical to the lock's own export of the same range.
     *
     * @return the number of lines written
     * @throws UncheckedIOException if writing fails
     */
    public long export(LockId lock, Writer out) {
        Objects.requireNonNull(lock, "lock");
        long[] n = {0};
        ledger.lines(lock.value(), -1, text -> {
            try {
                out.write(text);
                out.write('\n');
                n[0]++;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return n[0];
    }

    /** Releases nothing: the store belongs to the caller. */
    @Override
    public void close() {
        folds.clear();
    }

    /** Builds a {@link Fleet}. */
    public static final class Builder {
        private LockStore store;
        private Clock clock;
        private KeyRing keyRing;

        private Builder() {
        }

        /** The backend's store: SQLite ({@link LockStore#sqlite}) or PostgreSQL ({@link LockStore#postgres}). */
        public Builder store(LockStore s) {
            this.store = Objects.requireNonNull(s, "store");
            return this;
        }

        /** The backend's clock. */
        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        /** The backend's key ring, which holds its identity. */
        public Builder keyRing(KeyRing k) {
            this.keyRing = Objects.requireNonNull(k, "keyRing");
            return this;
        }

        /**
         * Creates the backend's tables if missing and binds the key ring to the store.
         *
         * @throws IllegalStateException if the store, clock or key ring was not set
         * @throws IllegalArgumentException if the store is in memory (a backend needs SQLite or PostgreSQL)
         * @throws dev.access.crypto.KeyRingMismatchException if the key ring belongs to another store
         * @throws dev.access.StoreUnavailableException if the store cannot be used
         */
        public Fleet build() {
            if (store == null) {
                throw new IllegalStateException("store was not set (e.g. LockStore.sqlite(dir))");
            }
            if (clock == null) {
                throw new IllegalStateException("clock was not set (e.g. Clock.systemUTC())");
            }
            if (keyRing == null) {
                throw new IllegalStateException("keyRing was not set (e.g. FileKeyRing.open(dir.resolve(\"keys\")))");
            }
            if (store.database() == null) {
                throw new IllegalArgumentException("a fleet backend needs a SQLite or PostgreSQL store, not " + store);
            }
            FleetTables tables = FleetTables.open(store.database(), store.description());
            if (store.id().isPresent()) {
                keyRing.bindToStore(store.id().get(), store.holdsEvents() || tables.holdsLocks());
            }
            return new Fleet(this, new FleetLedger(tables), new FleetDesired(tables), new FleetOffline(tables));
        }
    }
}
