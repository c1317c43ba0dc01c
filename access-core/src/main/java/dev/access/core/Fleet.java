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
import dev.access.core.fleet.Registration;
import dev.access.core.fleet.SegmentRejectedException;
import dev.access.core.internal.fleet.FleetLedger;
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
 * for line, to the lock's own export; it holds what exports hold: no PIN, digest or key.
 */
public final class Fleet implements TrailSource, AutoCloseable {
    /** The most lines one segment may have. */
    public static final int MAX_SEGMENT_LINES = 2_000_000;

    private record Folded(long lastSequence, LockState state, List<FleetAlarm> alarms) {
    }

    private final FleetLedger ledger;
    private final KeyRing keyRing;
    private final Clock clock;
    private final Map<String, Folded> folds = new ConcurrentHashMap<>();

    private Fleet(Builder b, FleetLedger ledger) {
        this.ledger = ledger;
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
     * new anchor) is recorded beside the earlier ones, and the trail held so far stays.
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
        return ledger.ingest(lines, clock.instant());
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
     *     there already), MASTER_SLOT, INVALID_ARGUMENT (a value, or a lock reset since it enrolled)
     * @throws dev.access.crypto.PinRejectedException if the PIN breaks the lock's PIN policy
     */
    public DesiredChange requestCode(LockId lock, dev.access.core.NewCode code, char[] pin, String by) {
        throw new UnsupportedOperationException("being built");
    }

    /**
     * Records a new PIN for the managed code in {@code slot} (sealed at once, as {@link #requestCode}).
     *
     * @throws dev.access.core.domain.LockCommandRejected UNKNOWN_SLOT if the backend manages no code there
     */
    public DesiredChange requestPinChange(LockId lock, int slot, char[] pin, String by) {
        throw new UnsupportedOperationException("being built");
    }

    /** Records that the managed code in {@code slot} is to be suspended (UNKNOWN_SLOT if none). */
    public DesiredChange requestSuspend(LockId lock, int slot, String by) {
        throw new UnsupportedOperationException("being built");
    }

    /** Records that the managed code in {@code slot} is to be resumed (UNKNOWN_SLOT if none). */
    public DesiredChange requestResume(LockId lock, int slot, String by) {
        throw new UnsupportedOperationException("being built");
    }

    /** Records that {@code slot} is to be empty (UNKNOWN_SLOT if the backend manages no code there). */
    public DesiredChange requestRemove(LockId lock, int slot, String by) {
        throw new UnsupportedOperationException("being built");
    }

    /** Records that the lock is to be in {@code mode}. */
    public DesiredChange requestMode(LockId lock, dev.access.core.domain.OperatingMode mode, String by) {
        throw new UnsupportedOperationException("being built");
    }

    /**
     * Writes the lock's next programming batch: the end state of every slot (and the mode) whose
     * change the lock's trail has not confirmed, signed, numbered above the last; empty when nothing
     * is pending (nothing is recorded then).
     *
     * @throws LockNotEnrolledException if the lock is not enrolled
     * @throws KeyRingException if this backend has no identity
     */
    public Optional<dev.access.core.fleet.ProgrammingBatch> push(LockId lock) {
        throw new UnsupportedOperationException("being built");
    }

    /**
     * The sync status of every code of the lock, from the desired state and the lock's ingested trail.
     *
     * @throws LockNotEnrolledException if the lock is not enrolled
     */
    public dev.access.core.fleet.SyncView sync(LockId lock) {
        throw new UnsupportedOperationException("being built");
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
            Folded f = cached == null ? new Folded(-1, LockState.initial(), List.of()) : cached;
            if (f.lastSequence() >= row.lastSequence()) {
                return f;
            }
            List<TrailRecord> records = new ArrayList<>();
            ledger.lines(lock, f.lastSequence(), text -> records.add(TrailReader.record(text)));
            LockState s = f.state();
            List<FleetAlarm> alarms = new ArrayList<>(f.alarms());
            long last = f.lastSequence();
            for (SequencedEvent e : LockHistory.ofRecords(lock, records).events()) {
                LockEvent ev = e.event();
                s = LockDecider.evolve(s, ev);
                if (ev instanceof LockEvent.FactoryResetPerformed) {
                    alarms.clear();
                } else if (ev instanceof LockEvent.AlarmRaised a) {
                    alarms.add(new FleetAlarm(a.code().name(), a.at(), e.sequence(), a.slot(), null));
                }
            }
            if (!records.isEmpty()) {
                last = records.get(records.size() - 1).sequence();
            }
            return new Folded(last, s, List.copyOf(alarms));
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
            return new Fleet(this, new FleetLedger(tables));
        }
    }
}
