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
import dev.access.core.domain.LockId;
import dev.access.core.domain.OperatingMode;
import dev.access.core.domain.UserType;
import dev.access.core.fleet.IngestResult;
import dev.access.core.fleet.LockView;
import dev.access.core.fleet.SegmentRejectedException;
import dev.access.crypto.BackendPublicKey;
import dev.access.crypto.FileKeyRing;
import dev.access.crypto.KeyRing;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Example: a fleet of locks that decide every entry on their own, and a backend that holds a
 * verified copy of each lock's trail, carried up over a link that loses, delays, duplicates and
 * reorders what it carries.
 *
 * <p>Four locks, each with its own SQLite data directory and key ring, live three days: residents
 * come and go, someone mistypes, batteries drain, a one-time code is used up, a code is
 * suspended, a lock goes to vacation mode, a guesser locks a keypad out, and one lock is factory
 * reset, commissioned again and enrolled again under its new key epoch. Each lock enrolls once
 * with the backend (the installer's app carries the document) and then, every hour, sends the
 * segment of its trail the backend lacks ({@link SimulatedLock} explains how it learns what that
 * is). The backend is a {@link Fleet}: it verifies every segment with the key the lock enrolled
 * with and stores it all or nothing; a segment that leaves a gap is refused and stores nothing.
 *
 * <p>At the end the link is left to settle, then each lock is checked: the backend's copy equals
 * the lock's own export byte for byte, verifies with the lock's public key, and the backend's view
 * ({@link Fleet#view}, the decider's fold of the copy) shows the lock as the lock sees itself.
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
            "17320508", "55501234");
    private static final String MASTER = PINS.get(0);
    private static final String NEW_MASTER = PINS.get(1);
    private static final String WRONG = PINS.get(7);
    private static final Duration HOUR = Duration.ofHours(1);
    private static final int MAX_SETTLE_ROUNDS = 200;

    /**
     * What the run came to.
     *
     * @param segments the uplink: trail segments sent, dropped, duplicated, delivered
     * @param reports the downlink: the backend's answers
     * @param refusedAsGaps segments the backend refused because an earlier one had not arrived
     * @param eventsStored events the backend stored (each once)
     * @param eventsAgain events that arrived again (overlap and duplicates), stored no second time
     * @param settleRounds rounds the link needed after the last event to bring every copy up to date
     * @param locks each lock's check
     */
    public record Summary(LossyLink.Counts segments, LossyLink.Counts reports, long refusedAsGaps, long eventsStored,
            long eventsAgain, int settleRounds, List<LockCheck> locks) {
        /** Whether every lock's copy is complete, identical, verified and seen as the lock sees itself. */
        public boolean allInStep() {
            return locks.stream().allMatch(l -> l.identical() && l.verified() && l.sameStatus());
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
     */
    public record LockCheck(LockId lock, long eventsHeld, boolean identical, boolean verified, boolean sameStatus,
            LockStatus status) {
    }

    private final SimulatedClock clock;
    private final Random life;
    private final PrintStream out;
    private final Fleet backend;
    private final BackendPublicKey backendKey;
    private final Map<LockId, SimulatedLock> locks = new LinkedHashMap<>();
    private final LossyLink<Segment> up;
    private final LossyLink<Report> down;
    private long refusedAsGaps;
    private long eventsStored;
    private long eventsAgain;

    /**
     * A fleet of four locks with data directories under {@code locksDir} (which must be empty or not
     * exist) and a backend on {@code backendStore} with its identity in {@code backendKeys}.
     *
     * @param seed decides everything random: the residents' comings and goings and the link's mishaps
     */
    public FleetSync(Path locksDir, LockStore backendStore, KeyRing backendKeys, SimulatedClock clock, long seed,
            PrintStream out) {
        this.clock = clock;
        this.out = out;
        this.life = new Random(seed);
        this.up = new LossyLink<>(new Random(seed + 1), 0.15, 0.10, 2);
        this.down = new LossyLink<>(new Random(seed + 2), 0.15, 0.10, 2);
        this.backend = Fleet.builder().store(backendStore).keyRing(backendKeys).clock(clock).build();
        this.backendKey = backend.initialize();
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
            if (!fleet.run(3).allInStep()) {
                throw new IllegalStateException("a lock and the backend disagree (see above)");
            }
        }
    }

    /** Installs the locks, lets them live {@code days} days with the link running every hour, settles, checks. */
    public Summary run(int days) {
        install();
        for (int day = 1; day <= days; day++) {
            for (int hour = 0; hour < 24; hour++) {
                clock.advance(HOUR);
                for (SimulatedLock lock : locks.values()) {
                    liveAnHour(lock, hour);
                }
                story(day, hour, day == days);
                exchange();
            }
        }
        int settleRounds = settle();
        return check(settleRounds);
    }

    // ---------------------------------------------------------------- the locks' side

    /** The installer commissions each lock, sets the residents' codes and enrolls it with the backend. */
    private void install() {
        out.println("backend " + backendKey.keyId() + " ready");
        for (SimulatedLock lock : locks.values()) {
            lock.commission(MASTER);
            lock.addCode(NewCode.unrestricted(1, "alice"), PINS.get(2));
            lock.addCode(NewCode.unrestricted(2, "bob"), PINS.get(3));
            backend.enroll(lock.enrollTo(backendKey));
        }
        out.println("installed and enrolled " + String.join(", ", names()) + " (codes for alice and bob each)");
    }

    /** An hour at a door: maybe a resident comes in, maybe someone mistypes; every six hours a battery report. */
    private void liveAnHour(SimulatedLock lock, int hour) {
        int roll = life.nextInt(10);
        List<Integer> slots = lock.slotsWithUsers();
        if (roll < 4 && !slots.isEmpty()) {
            lock.typeCodeOf(slots.get(life.nextInt(slots.size())));
        } else if (roll == 4) {
            lock.typeWrongCode(WRONG);
        }
        if (hour % 6 == 0) {
            lock.drainBattery(life.nextInt(3));
        }
    }

    /** What happens on purpose, at set hours. */
    private void story(int day, int hour, boolean lastDay) {
        SimulatedLock office = locks.get(LockId.of("office"));
        SimulatedLock back = locks.get(LockId.of("back-door"));
        if (day == 1 && hour == 9) {
            office.addCode(NewCode.of(3, UserType.DISPOSABLE, "courier", CodeRules.none()), PINS.get(4));
            say(day, hour, "office: a one-time code for the courier (slot 3)");
        } else if (day == 1 && hour == 11) {
            EntryResult r = office.typeCodeOf(3);
            say(day, hour, "office: the courier comes in (" + (r.granted() ? "granted" : r.reason()) + "); the code is used up");
        } else if (day == 1 && hour == 18) {
            locks.get(LockId.of("front-door")).changeMode(OperatingMode.VACATION, "alice");
            say(day, hour, "front-door: vacation mode (only the master code opens)");
        } else if (day == 2 && hour == 10) {
            back.factoryReset();
            back.commission(NEW_MASTER);
            back.addCode(NewCode.unrestricted(1, "alice"), PINS.get(5));
            backend.enroll(back.enrollTo(backendKey));
            say(day, hour, "back-door: factory reset, commissioned again with a new master code and alice's new code,"
                    + " enrolled again (key epoch " + back.state().keyEpoch() + ")");
        } else if (day == 2 && hour == 15) {
            office.addCode(NewCode.unrestricted(4, "cleaner"), PINS.get(6));
            office.suspendCode(4);
            say(day, hour, "office: a code for the cleaner, suspended until the contract starts");
        } else if (lastDay && hour == 23) {
            SimulatedLock garage = locks.get(LockId.of("garage"));
            for (int i = 0; i < 3; i++) {
                garage.typeWrongCode(WRONG);
            }
            say(day, hour, "garage: someone tries three wrong codes; the keypad is locked out until "
                    + garage.state().lockout().lockedOutUntil());
        }
    }

    // ---------------------------------------------------------------- the link

    /** One round of the link: each lock sends what the backend lacks, the backend answers, answers arrive. */
    private void exchange() {
        for (SimulatedLock lock : locks.values()) {
            lock.nextSegment().ifPresent(up::send);
        }
        for (Segment segment : up.deliver()) {
            down.send(receive(segment));
        }
        for (Report report : down.deliver()) {
            locks.get(report.lock()).onReport(report);
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

    /** After the last event: link rounds (a minute each) until every lock knows the backend holds all of its trail. */
    private int settle() {
        for (int round = 0; round < MAX_SETTLE_ROUNDS; round++) {
            if (locks.values().stream().allMatch(SimulatedLock::backendHoldsAll)) {
                return round;
            }
            clock.advance(Duration.ofMinutes(1));
            exchange();
        }
        throw new IllegalStateException("the link did not settle in " + MAX_SETTLE_ROUNDS + " rounds");
    }

    // ---------------------------------------------------------------- the check

    private Summary check(int settleRounds) {
        LossyLink.Counts s = up.counts();
        LossyLink.Counts r = down.counts();
        out.println("link up: " + s.sent() + " segments sent, " + s.dropped() + " dropped, " + s.duplicated()
                + " duplicated; " + refusedAsGaps + " refused as gaps (nothing stored)");
        out.println("link down: " + r.sent() + " answers sent, " + r.dropped() + " dropped, " + r.duplicated()
                + " duplicated; settled " + settleRounds + " rounds after the last event");
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
            checks.add(new LockCheck(lock.id(), held, identical, verified, same, own));
            out.printf("%-10s %4d events held; %s; %s; %s%n", lock.id(), held,
                    identical ? "= the lock's export" : "DIFFERS from the lock's export",
                    verified ? "verified" : "NOT VERIFIED", same ? "the backend sees: " + own.describe()
                            : "the backend sees it DIFFERENTLY: " + LockStatus.of(view.state(), clock.instant()).describe());
        }
        return new Summary(s, r, refusedAsGaps, eventsStored, eventsAgain, settleRounds, checks);
    }

    private void say(int day, int hour, String what) {
        out.printf("day %d %02d:00 %s%n", day, hour, what);
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

    /** Closes the locks' stores and the backend (its store belongs to the caller). */
    @Override
    public void close() {
        locks.values().forEach(SimulatedLock::close);
        backend.close();
    }
}
