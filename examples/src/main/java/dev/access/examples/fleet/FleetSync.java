package dev.access.examples.fleet;

import dev.access.core.EntryResult;
import dev.access.core.Fleet;
import dev.access.core.LockStore;
import dev.access.core.NewCode;
import dev.access.core.SimulatedClock;
import dev.access.core.audit.TrailProblem;
import dev.access.core.audit.TrailVerifier;
import dev.access.core.audit.VerificationReport;
import dev.access.core.domain.CodeRules;
import dev.access.core.domain.Credential;
import dev.access.core.domain.LockCommandRejected;
import dev.access.core.domain.LockId;
import dev.access.core.domain.OperatingMode;
import dev.access.core.domain.Rejection;
import dev.access.core.domain.UserType;
import dev.access.core.fleet.AppliedBatch;
import dev.access.core.fleet.CodeSync;
import dev.access.core.fleet.IngestResult;
import dev.access.core.fleet.LockView;
import dev.access.core.fleet.SegmentRejectedException;
import dev.access.core.fleet.SyncStatus;
import dev.access.core.fleet.SyncView;
import dev.access.crypto.BackendPublicKey;
import dev.access.crypto.FileKeyRing;
import dev.access.crypto.KeyRing;
import dev.access.crypto.SignatureVerificationException;
import dev.access.examples.fleet.SimulatedLock.Batch;
import dev.access.examples.fleet.SimulatedLock.Report;
import dev.access.examples.fleet.SimulatedLock.Segment;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Example: a fleet of locks that decide every entry on their own, and a backend that holds a
 * verified copy of each lock's trail and programs their codes centrally, over links that lose,
 * delay, duplicate and reorder what they carry.
 *
 * <p>Four locks, each with its own SQLite data directory and key ring, live three days: residents
 * come and go, someone mistypes, batteries drain, a one-time code added at a keypad is used up, a
 * guesser locks a keypad out, and one lock is factory reset, commissioned again and enrolled again
 * under its new key epoch. Each lock enrolls once with the backend (the installer's app carries the
 * document) and then, every hour, sends the segment of its trail the backend lacks ({@link
 * SimulatedLock} explains how it learns what that is). The backend is a {@link Fleet}: it verifies
 * every segment with the key the lock enrolled with and stores it all or nothing; a segment that
 * leaves a gap is refused and stores nothing.
 *
 * <p>The residents' codes are not typed in at the locks: the {@link Owner} asks the backend for
 * them (adds, a PIN change, a suspension, a removal, a mode), the backend seals each PIN at once to
 * its lock and pushes signed, numbered programming batches down another lossy link, and each lock
 * applies what arrives (a batch numbered no higher than the last it applied, late or repeated, is
 * refused and changes nothing). Whether a code is set is never guessed: the lock's trail, carried up,
 * proves it ({@link Fleet#sync}), and the backend pushes again while anything is still pending. The
 * owner hands a resident their PIN once the backend shows it SYNCED, enters PINs again after the
 * factory reset (FAILED LOCK_RESET), and sees a code the lock refused (FAILED DUPLICATE: carol chose
 * the PIN the neighbour's code, added at the garage's keypad, already has) and the codes added at
 * keypads (UNMANAGED).
 *
 * <p>At the end the links are left to settle, then each lock is checked: the backend's copy equals
 * the lock's own export byte for byte, verifies with the lock's public key, the backend's view
 * ({@link Fleet#view}, the decider's fold of the copy) shows the lock as the lock sees itself, the
 * lock holds exactly the codes the owner asked for (less the one it refused), and the sync status
 * of each code is printed. No PIN is ever printed, put in a batch, or stored at the backend.
 *
 * <p>Run (a SQLite backend in {@code DATA_DIR/backend}, the locks in {@code DATA_DIR/locks}; a new
 * temporary directory if none is given), after {@code mvn -q -DskipTests -pl access-cli,examples -am package}:
 * {@code java -cp access-cli/target/lockctl.jar:examples/target/classes dev.access.examples.fleet.FleetSync [DATA_DIR [SEED]]}
 */
public final class FleetSync implements AutoCloseable {
    /** When the simulation starts. */
    public static final Instant START = Instant.parse("2026-07-06T06:00:00Z");
    /** Every PIN anyone types in the simulation: never printed (a test checks the output for each). */
    static final List<String> PINS = List.of("90817263", "60221407", "31415926", "27182818", "16180339", "14142135",
            "17320508", "55501234", "22360679");
    private static final String MASTER = PINS.get(0);
    private static final String NEW_MASTER = PINS.get(1);
    private static final String ALICE = PINS.get(2);
    private static final String BOB = PINS.get(3);
    private static final String WRONG = PINS.get(7);
    private static final String NEIGHBOUR = PINS.get(8);
    /** Who asks the backend for every change (the backend records it). */
    static final String OWNER = "dana";
    private static final Duration HOUR = Duration.ofHours(1);
    private static final int MAX_SETTLE_ROUNDS = 200;
    /** Rounds after a push before the backend pushes again while the lock's trail has not confirmed everything. */
    static final int REPUSH_AFTER = 2;

    /**
     * What the run came to.
     *
     * @param segments the uplink: trail segments sent, dropped, duplicated, delivered
     * @param reports the backend's answers to segments, on their way down
     * @param batches the programming batches on their way down: pushed (sent), dropped, duplicated, delivered
     * @param refusedAsGaps segments the backend refused because an earlier one had not arrived
     * @param eventsStored events the backend stored (each once)
     * @param eventsAgain events that arrived again (overlap and duplicates), stored no second time
     * @param pushedAgain batches the backend pushed with no new change, because the trail had not confirmed an
     *     earlier one yet (lost on the way down, or its proof on the way up)
     * @param batchesApplied batches the locks applied
     * @param refusedAsStale batches the locks refused as stale (numbered no higher than the last applied, or for a
     *     key epoch a factory reset ended): late copies and duplicates; nothing changed
     * @param operationsRefused operations the locks refused inside applied batches (recorded with their reason)
     * @param settleRounds rounds the links needed after the last event to bring every copy and code up to date
     * @param locks each lock's check
     */
    public record Summary(LossyLink.Counts segments, LossyLink.Counts reports, LossyLink.Counts batches,
            long refusedAsGaps, long eventsStored, long eventsAgain, int pushedAgain, int batchesApplied,
            int refusedAsStale, long operationsRefused, int settleRounds, List<LockCheck> locks) {
        /** Whether every lock's copy is complete, identical, verified and seen as the lock sees itself. */
        public boolean allInStep() {
            return locks.stream().allMatch(l -> l.identical() && l.verified() && l.sameStatus());
        }

        /**
         * Whether every lock holds exactly the codes the owner asked for, less those it refused, and
         * every code the owner asked for is SYNCED or FAILED with the lock's own reason (nothing pending).
         */
        public boolean allProgrammed() {
            return locks.stream().allMatch(l -> l.holdsWanted() && l.sync().codes().stream()
                    .allMatch(c -> c.sync() == SyncStatus.SYNCED || c.sync() == SyncStatus.UNMANAGED
                            || c.sync() == SyncStatus.FAILED && !"LOCK_RESET".equals(c.reason())));
        }
    }

    /**
     * One lock at the end.
     *
     * @param lock the lock
     * @param eventsHeld the trail records the backend holds (checkpoints included)
     * @param identical whether the backend's copy equals the lock's export byte for byte
     * @param verified whether the copy verifies with the lock's public key, signed to its end (no warning)
     * @param sameStatus whether the backend's view gives the status the lock's own state gives
     * @param status that status
     * @param sync the sync status of every code, as the backend tells it from the lock's trail
     * @param holdsWanted whether the lock's own state holds exactly the codes the owner asked for (slot, name, type,
     *     suspended), less those it refused (FAILED), besides the codes added at the lock (UNMANAGED)
     * @param entriesWithIssuedPins entries the lock granted to codes the owner issued at the backend
     */
    public record LockCheck(LockId lock, long eventsHeld, boolean identical, boolean verified, boolean sameStatus,
            LockStatus status, SyncView sync, boolean holdsWanted, int entriesWithIssuedPins) {
    }

    private final SimulatedClock clock;
    private final Random life;
    private final PrintStream out;
    private final Fleet backend;
    private final BackendPublicKey backendKey;
    private final Owner owner;
    private final Map<LockId, SimulatedLock> locks = new LinkedHashMap<>();
    private final LossyLink<Segment> up;
    private final LossyLink<Report> answers;
    private final LossyLink<Batch> batches;
    private final Map<LockId, Integer> roundsSincePush = new HashMap<>();
    private final Map<LockId, Integer> entriesWithIssuedPins = new HashMap<>();
    private final List<String> batchTexts = new ArrayList<>();
    private String when = "install";
    private long refusedAsGaps;
    private long eventsStored;
    private long eventsAgain;
    private int pushedAgain;
    private int batchesApplied;
    private int refusedAsStale;
    private long operationsRefused;

    /**
     * A fleet of four locks with data directories under {@code locksDir} (which must be empty or not
     * exist) and a backend on {@code backendStore} with its identity in {@code backendKeys}.
     *
     * @param seed decides everything random: the residents' comings and goings and the links' mishaps
     */
    public FleetSync(Path locksDir, LockStore backendStore, KeyRing backendKeys, SimulatedClock clock, long seed,
            PrintStream out) {
        this.clock = clock;
        this.out = out;
        this.life = new Random(seed);
        this.up = new LossyLink<>(new Random(seed + 1), 0.15, 0.10, 2);
        this.answers = new LossyLink<>(new Random(seed + 2), 0.15, 0.10, 2);
        this.batches = new LossyLink<>(new Random(seed + 3), 0.15, 0.10, 2);
        this.backend = Fleet.builder().store(backendStore).keyRing(backendKeys).clock(clock).build();
        this.backendKey = backend.initialize();
        this.owner = new Owner(OWNER, backend);
        for (String name : List.of("front-door", "back-door", "garage", "office")) {
            LockId id = LockId.of(name);
            locks.put(id, new SimulatedLock(locksDir.resolve(name), id, clock));
        }
    }

    /** Runs against a SQLite backend in a data directory: {@code [DATA_DIR [SEED]]}. */
    public static void main(String[] args) throws IOException {
        Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("access-fleet-");
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 7;
        if (Files.isDirectory(dir)) {
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalArgumentException("the data directory must be empty or new: " + dir);
                }
            }
        }
        Path backendDir = dir.resolve("backend");
        try (LockStore backendStore = LockStore.sqlite(backendDir);
                FleetSync fleet = new FleetSync(dir.resolve("locks"), backendStore,
                        FileKeyRing.open(backendDir.resolve("keys")), new SimulatedClock(START), seed, System.out)) {
            System.out.println("data in " + dir);
            Summary summary = fleet.run(3);
            if (!summary.allInStep() || !summary.allProgrammed()) {
                throw new IllegalStateException("a lock and the backend disagree (see above)");
            }
        }
    }

    /** Installs the locks, lets them live {@code days} days with the links running every hour, settles, checks. */
    public Summary run(int days) {
        install();
        for (int day = 1; day <= days; day++) {
            for (int hour = 0; hour < 24; hour++) {
                clock.advance(HOUR);
                when = String.format("day %d %02d:00", day, hour);
                for (SimulatedLock lock : locks.values()) {
                    liveAnHour(lock, hour);
                }
                story(day, hour, day == days);
                exchange();
            }
        }
        when = "settling";
        int settleRounds = settle();
        return check(settleRounds);
    }

    // ---------------------------------------------------------------- the story: the locks and the owner

    /**
     * The installer commissions each lock (the master code only) and enrolls it with the backend, and
     * waits until the backend holds its trail (until then the backend knows nothing to seal a PIN
     * to). Then the owner asks the backend for the residents' codes at every lock.
     */
    private void install() {
        out.println("backend " + backendKey.keyId() + " ready");
        for (SimulatedLock lock : locks.values()) {
            lock.commission(MASTER);
            backend.enroll(lock.enrollTo(backendKey));
        }
        int rounds = settle();
        out.println("installed and enrolled " + String.join(", ", names()) + " (the master code only); the backend held"
                + " every trail " + rounds + " link rounds later");
        for (SimulatedLock lock : locks.values()) {
            owner.issueCode(lock, NewCode.unrestricted(1, "alice"), ALICE);
            owner.issueCode(lock, NewCode.unrestricted(2, "bob"), BOB);
        }
        out.println("the owner (" + OWNER + ") asks the backend for alice's and bob's codes at every lock"
                + " (each PIN sealed at once to its lock; the backend keeps none)");
    }

    /** An hour at a door: maybe a resident comes in, maybe someone mistypes; every six hours a battery report. */
    private void liveAnHour(SimulatedLock lock, int hour) {
        int roll = life.nextInt(10);
        List<Integer> slots = lock.slotsWithUsers();
        if (roll < 4 && !slots.isEmpty()) {
            EntryResult r = lock.typeCodeOf(slots.get(life.nextInt(slots.size())));
            if (r.granted() && owner.manages(lock.id(), r.slot())) {
                entriesWithIssuedPins.merge(lock.id(), 1, Integer::sum);
            }
        } else if (roll == 4) {
            lock.typePin(WRONG);
        }
        if (hour % 6 == 0) {
            lock.drainBattery(life.nextInt(3));
        }
    }

    /** What happens on purpose, at set hours: at the locks' keypads, and at the backend (the owner's requests). */
    private void story(int day, int hour, boolean lastDay) {
        SimulatedLock front = locks.get(LockId.of("front-door"));
        SimulatedLock back = locks.get(LockId.of("back-door"));
        SimulatedLock garage = locks.get(LockId.of("garage"));
        SimulatedLock office = locks.get(LockId.of("office"));
        if (day == 1 && hour == 8) {
            garage.addCode(NewCode.unrestricted(5, "neighbour"), NEIGHBOUR);
            say("garage: the neighbour's code, added at the garage's keypad (slot 5): not the backend's (UNMANAGED)");
        } else if (day == 1 && hour == 9) {
            office.addCode(NewCode.of(3, UserType.DISPOSABLE, "courier", CodeRules.none()), PINS.get(4));
            say("office: a one-time code for the courier, added at the keypad (slot 3)");
        } else if (day == 1 && hour == 11) {
            EntryResult r = office.typeCodeOf(3);
            say("office: the courier comes in (" + (r.granted() ? "granted" : r.reason()) + "); the code is used up");
        } else if (day == 1 && hour == 18) {
            owner.setMode(front, OperatingMode.VACATION);
            say("front-door: the owner asks the backend for vacation mode (only the master code opens)");
        } else if (day == 1 && hour == 20) {
            owner.changePin(office, 1, PINS.get(5));
            say("office: the owner gives alice a new PIN there (she is told it once the lock's trail proves it set)");
        } else if (day == 2 && hour == 9) {
            owner.issueCode(garage, NewCode.unrestricted(3, "carol"), NEIGHBOUR);
            say("garage: the owner asks for a code for carol (slot 3) with the PIN she chose, by chance the neighbour's");
        } else if (day == 2 && hour == 10) {
            back.factoryReset();
            back.commission(NEW_MASTER);
            backend.enroll(back.enrollTo(backendKey));
            say("back-door: factory reset (the codes the backend set are erased), commissioned again with a new master"
                    + " code, enrolled again (key epoch " + back.state().keyEpoch() + ")");
        } else if (day == 2 && hour == 12) {
            owner.remove(garage, 2);
            say("garage: bob sold his car; the owner asks for his code there to be removed");
        } else if (day == 2 && hour == 15) {
            owner.issueCode(office, NewCode.unrestricted(4, "cleaner"), PINS.get(6));
            owner.suspend(office, 4);
            say("office: the owner asks for a code for the cleaner (slot 4), suspended until the contract starts");
        } else if (lastDay && hour == 23) {
            for (int i = 0; i < 3; i++) {
                garage.typePin(WRONG);
            }
            say("garage: someone tries three wrong codes; the keypad is locked out until "
                    + garage.state().lockout().lockedOutUntil());
        }
    }

    // ---------------------------------------------------------------- the links

    /**
     * One round of the links. Up: each lock sends what the backend lacks, the backend answers, answers
     * arrive. Down: the backend pushes the batches that are due, the locks apply what arrives. Then the
     * owner looks at the app.
     */
    private void exchange() {
        for (SimulatedLock lock : locks.values()) {
            lock.nextSegment().ifPresent(up::send);
        }
        for (Segment segment : up.deliver()) {
            answers.send(receive(segment));
        }
        for (Report report : answers.deliver()) {
            locks.get(report.lock()).onReport(report);
        }
        for (SimulatedLock lock : locks.values()) {
            push(lock);
        }
        for (Batch batch : batches.deliver()) {
            apply(batch);
        }
        for (SimulatedLock lock : locks.values()) {
            List<String> noticed = owner.look(lock);
            if (!noticed.isEmpty()) {
                say("owner's app, " + lock.id() + ": " + String.join("; ", noticed));
            }
        }
    }

    /** The backend's side of the link: ingest a segment, answer with what it now holds of the lock's trail. */
    private Report receive(Segment segment) {
        try {
            IngestResult r = backend.ingest(new StringReader(segment.text()));
            eventsStored += r.newEvents();
            eventsAgain += r.unchanged();
            return new Report(segment.lock(), r.lastSequence(), false);
        } catch (SegmentRejectedException e) {
            if (e.isFork() || e.problems().stream().noneMatch(p -> p.kind() == TrailProblem.Kind.MISSING_EVENTS)) {
                throw e; // tampering or a fork: not what a lossy link does
            }
            refusedAsGaps++;
            return new Report(segment.lock(), backend.view(segment.lock()).orElseThrow().lastSequence(), true);
        }
    }

    /**
     * The backend's side of the downlink: the lock's next batch, at once after the owner's changes, and
     * again every {@link #REPUSH_AFTER} rounds while the lock's trail has not confirmed everything
     * (a batch or its proof may be lost; {@link Fleet#push} writes nothing when nothing is pending).
     */
    private void push(SimulatedLock lock) {
        LockView view = backend.view(lock.id()).orElseThrow();
        if (!view.state().commissioned() || view.state().keyEpoch() != view.enrolledEpoch()) {
            // Enrolled again after a factory reset, but the trail that shows it has not arrived yet:
            // the backend cannot program a lock it does not know the state of (push would refuse).
            return;
        }
        boolean changed = owner.takeChanged(lock.id());
        int waited = roundsSincePush.merge(lock.id(), 1, Integer::sum);
        if (!changed && waited < REPUSH_AFTER) {
            return;
        }
        roundsSincePush.put(lock.id(), 0);
        backend.push(lock.id()).ifPresent(batch -> {
            if (!changed) {
                pushedAgain++;
            }
            String text = batch.toText(); // signed; each PIN sealed to the lock, its epoch and slot
            batchTexts.add(text);
            batches.send(new Batch(lock.id(), batch.batch(), text));
        });
    }

    /** The lock's side of the downlink: it applies a batch, or refuses a stale one (a late or repeated copy). */
    private void apply(Batch batch) {
        try {
            AppliedBatch applied = locks.get(batch.lock()).apply(batch);
            batchesApplied++;
            operationsRefused += applied.outcomes().stream().filter(o -> !o.applied()).count();
        } catch (LockCommandRejected e) {
            if (e.rejection() != Rejection.STALE_BATCH && e.rejection() != Rejection.STALE_KEY_EPOCH) {
                throw e; // not what a lossy link does
            }
            refusedAsStale++;
        } catch (SignatureVerificationException e) {
            throw new IllegalStateException("a batch whose signature does not verify: not what a lossy link does", e);
        }
    }

    /**
     * Link rounds (a minute each) until every lock knows the backend holds all of its trail and the
     * owner waits for nothing more (no code pending, every PIN handed over, every mode applied).
     */
    private int settle() {
        for (int round = 0; round < MAX_SETTLE_ROUNDS; round++) {
            if (locks.values().stream().allMatch(l -> l.backendHoldsAll() && owner.satisfied(l))) {
                return round;
            }
            clock.advance(Duration.ofMinutes(1));
            exchange();
        }
        throw new IllegalStateException("the links did not settle in " + MAX_SETTLE_ROUNDS + " rounds");
    }

    // ---------------------------------------------------------------- the check

    private Summary check(int settleRounds) {
        LossyLink.Counts s = up.counts();
        LossyLink.Counts r = answers.counts();
        LossyLink.Counts b = batches.counts();
        out.println("link up: " + s.sent() + " segments sent, " + s.dropped() + " dropped, " + s.duplicated()
                + " duplicated; " + refusedAsGaps + " refused as gaps (nothing stored)");
        out.println("link down, answers: " + r.sent() + " sent, " + r.dropped() + " dropped, " + r.duplicated()
                + " duplicated; settled " + settleRounds + " rounds after the last event");
        out.println("link down, batches: " + b.sent() + " pushed (" + pushedAgain + " again while something was"
                + " pending), " + b.dropped() + " dropped, " + b.duplicated() + " duplicated; " + batchesApplied
                + " applied (operations in them the lock refused: " + operationsRefused + "), " + refusedAsStale
                + " refused as stale (a late or repeated copy: nothing changed)");
        out.println("backend stored " + eventsStored + " events, each once; " + eventsAgain
                + " arrived again (overlap, duplicates) and were stored no second time");
        List<LockCheck> checks = new ArrayList<>();
        for (SimulatedLock lock : locks.values()) {
            StringWriter copy = new StringWriter();
            long held = backend.export(lock.id(), copy);
            boolean identical = copy.toString().equals(lock.export());
            VerificationReport v = TrailVerifier.verify(new BufferedReader(new StringReader(copy.toString())),
                    id -> id.equals(lock.id().value()) ? lock.publicKey() : null);
            // Not even a warning: an unsigned tail would be one.
            boolean verified = v.ok() && v.problems().isEmpty();
            LockView view = backend.view(lock.id()).orElseThrow();
            LockStatus own = LockStatus.of(lock.state(), clock.instant());
            boolean same = LockStatus.of(view.state(), clock.instant()).equals(own);
            SyncView sync = backend.sync(lock.id());
            boolean holdsWanted = holdsWanted(lock, sync);
            int entries = entriesWithIssuedPins.getOrDefault(lock.id(), 0);
            checks.add(new LockCheck(lock.id(), held, identical, verified, same, own, sync, holdsWanted, entries));
            out.printf("%-10s %4d events held; %s; %s; %s%n", lock.id(), held,
                    identical ? "= the lock's export" : "DIFFERS from the lock's export",
                    verified ? "verified" : "NOT VERIFIED", same ? "the backend sees: " + own.describe()
                            : "the backend sees it DIFFERENTLY: " + LockStatus.of(view.state(), clock.instant()).describe());
            out.printf("%-10s sync: %s; last batch pushed %s, applied %s; %s; %s; %d entries granted with PINs issued at"
                    + " the backend%n", "", sync.inSync() ? "in sync" : "NOT in sync" + failedWhy(sync),
                    sync.lastPushedBatch(), sync.lastAppliedBatch(), describe(sync), holdsWanted
                            ? "holds what the owner asked for" : "DIFFERS from what the owner asked for", entries);
        }
        return new Summary(s, r, b, refusedAsGaps, eventsStored, eventsAgain, pushedAgain, batchesApplied, refusedAsStale,
                operationsRefused, settleRounds, checks);
    }

    /**
     * Whether the lock's own state holds exactly the codes the owner asked for (slot, name, type,
     * suspended), less those it refused (FAILED), besides the codes added at the lock (UNMANAGED).
     */
    private boolean holdsWanted(SimulatedLock lock, SyncView sync) {
        Set<Integer> unmanaged = slots(sync, SyncStatus.UNMANAGED);
        Map<Integer, Owner.Wanted> expected = new TreeMap<>(owner.wanted(lock.id()));
        expected.keySet().removeAll(slots(sync, SyncStatus.FAILED));
        Map<Integer, Owner.Wanted> held = new TreeMap<>();
        for (Credential c : lock.state().credentials().all()) {
            if (!unmanaged.contains(c.slot())) {
                held.put(c.slot(), new Owner.Wanted(c.slot(), lock.reveal(c.name()), c.type(), c.suspended()));
            }
        }
        return held.equals(expected);
    }

    private static Set<Integer> slots(SyncView sync, SyncStatus status) {
        return sync.codes().stream().filter(c -> c.sync() == status).map(CodeSync::slot).collect(Collectors.toSet());
    }

    /** Why a lock is not in sync: its FAILED codes wait for the owner (another PIN). */
    private static String failedWhy(SyncView sync) {
        String failed = sync.codes().stream().filter(c -> c.sync() == SyncStatus.FAILED)
                .map(c -> c.slot() + ":" + c.name()).collect(Collectors.joining(", "));
        return failed.isEmpty() ? "" : " (the lock refused " + failed + ": waits for the owner to choose another PIN)";
    }

    /** Each code's sync status: {@code slot:name STATUS [reason]}. */
    private static String describe(SyncView sync) {
        return "codes " + sync.codes().stream()
                .map(c -> c.slot() + ":" + c.name() + " " + c.sync() + (c.reason() == null ? "" : " " + c.reason()))
                .collect(Collectors.joining(", "));
    }

    private void say(String what) {
        out.println(when + " " + what);
    }

    private List<String> names() {
        return locks.keySet().stream().map(LockId::value).toList();
    }

    /** The backend (for tests: its copies and views). */
    Fleet backend() {
        return backend;
    }

    /** The locks, by id (for tests: their exports, keys and states). */
    Map<LockId, SimulatedLock> locks() {
        return locks;
    }

    /** The owner (for tests: what they asked for). */
    Owner owner() {
        return owner;
    }

    /** The text of every batch the backend pushed (for tests: no PIN in any). */
    List<String> batchTexts() {
        return batchTexts;
    }

    /** Closes the locks' stores and the backend (its store belongs to the caller). */
    @Override
    public void close() {
        locks.values().forEach(SimulatedLock::close);
        backend.close();
    }
}
