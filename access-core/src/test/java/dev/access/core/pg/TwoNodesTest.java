package dev.access.core.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.access.core.AccessControl;
import dev.access.core.EntryResult;
import dev.access.core.LockSetup;
import dev.access.core.LockStore;
import dev.access.core.SimulatedClock;
import dev.access.core.NewCode;
import dev.access.core.domain.DenialReason;
import dev.access.core.domain.EntrySource;
import dev.access.core.domain.LockCommand;
import dev.access.core.domain.LockDecider;
import dev.access.core.domain.LockEvent;
import dev.access.core.domain.LockId;
import dev.access.core.domain.LockState;
import dev.access.core.domain.LockoutPolicy;
import dev.access.crypto.CodeDigest;
import dev.access.crypto.DigestEngine;
import dev.access.crypto.FileKeyRing;
import dev.access.crypto.PinCode;
import dev.access.crypto.PinPolicy;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/*
 * Two backend nodes (two AccessControl instances, each with its own pool and aggregate cache) on
 * one PostgreSQL database and one key ring, hammering the same locks from 16 threads. The unique
 * (lock, sequence) key is the only thing between them: a node deciding on a stale cached lock
 * loses the append and must retry on the fresh state. The checks: every acknowledged attempt is
 * in the trail exactly once with the outcome that was answered; sequences are contiguous; a fresh
 * node's state is the fold; and re-deciding every attempt in trail order, one at a time, gives
 * exactly the recorded events (so the lockout counting is what a single lock would have done).
 *
 * -Daccess.twonodes.seed=N fixes the seed (printed).
 */
/** Two nodes on one PostgreSQL database hammering the same locks decide every attempt once, in order. */
class TwoNodesTest {
    private static final int LOCKS = 10;
    private static final int THREADS_PER_NODE = 8;
    private static final int ATTEMPTS_PER_THREAD = 40;
    private static final String RIGHT = "4826";
    private static final List<String> WRONG = List.of("1357", "2468", "9090");
    private static final Instant T0 = Instant.parse("2026-04-01T10:00:00Z");
    /** Wrong-code limit 3, lockouts of 1 s doubling to 4 s: with a 100 ms tick they start and end often. */
    private static final LockoutPolicy POLICY =
            new LockoutPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(4), Duration.ofMinutes(1), 10_000);
    private static EmbeddedPostgres pg;

    @TempDir
    Path dir;

    private record Attempt(int node, String pin, EntryResult result) {
    }

    @BeforeAll
    static void startServer() throws Exception {
        pg = PgSupport.server();
    }


    @Test
    void givenTwoNodes_whenSixteenThreadsHammerTenLocks_thenEveryAttemptIsDecidedOnceInOrder() throws Exception {
        long seed = Long.getLong("access.twonodes.seed", System.nanoTime());
        System.out.println("TwoNodesTest: seed " + seed);
        String database = PgSupport.createDatabase(pg, "twonodes");
        FileKeyRing keys = FileKeyRing.open(dir.resolve("keys"));
        SimulatedClock clock = SimulatedClock.ticking(T0, Duration.ofMillis(100));
        List<LockId> locks = new ArrayList<>();
        for (int i = 0; i < LOCKS; i++) {
            locks.add(LockId.of("door-" + i));
        }

        Queue<Attempt> acked = new ConcurrentLinkedQueue<>();
        Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
        HikariDataSource[] pools = new HikariDataSource[2];
        LockStore[] stores = new LockStore[2];
        AccessControl[] nodes = new AccessControl[2];
        try {
            for (int n = 0; n < 2; n++) {
                pools[n] = PgSupport.pool(pg, database, "node-" + n, THREADS_PER_NODE + 2);
                stores[n] = LockStore.postgres(pools[n]);
                nodes[n] = AccessControl.builder().store(stores[n]).clock(clock).keyRing(keys)
                        .snapshotEvery(20).build();
            }
            for (int i = 0; i < LOCKS; i++) {
                nodes[0].commission(LockSetup.of(locks.get(i)).withLockoutPolicy(POLICY), "80808080".toCharArray());
                // Half the codes are added by the other node: its first write to a lock it never saw.
                nodes[i % 2].addCode(locks.get(i), NewCode.unrestricted(1, "resident"), RIGHT.toCharArray());
            }

            ExecutorService pool = Executors.newFixedThreadPool(2 * THREADS_PER_NODE);
            CountDownLatch go = new CountDownLatch(1);
            for (int t = 0; t < 2 * THREADS_PER_NODE; t++) {
                int node = t / THREADS_PER_NODE;
                Random random = new Random(seed + t);
                pool.execute(() -> {
                    try {
                        go.await();
                        for (int a = 0; a < ATTEMPTS_PER_THREAD; a++) {
                            LockId lock = locks.get(random.nextInt(LOCKS));
                            String pin = random.nextInt(2) == 0 ? RIGHT : WRONG.get(random.nextInt(WRONG.size()));
                            EntryResult r = nodes[node].enter(lock, pin.toCharArray(), EntrySource.KEYPAD);
                            acked.add(new Attempt(node, pin, r));
                        }
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                });
            }
            go.countDown();
            pool.shutdown();
            assertTrue(pool.awaitTermination(120, TimeUnit.SECONDS), "the threads finished");
        } finally {
            for (int n = 0; n < 2; n++) {
                if (nodes[n] != null) {
                    nodes[n].close();
                }
                if (stores[n] != null) {
                    stores[n].close();
                }
            }
        }
        if (!errors.isEmpty()) {
            AssertionError failure = new AssertionError(errors.size() + " threads failed (seed " + seed + ")");
            errors.forEach(failure::addSuppressed);
            throw failure;
        }
        assertEquals(2 * THREADS_PER_NODE * ATTEMPTS_PER_THREAD, acked.size(), "every attempt was acknowledged");

        Map<LockId, Map<Instant, Attempt>> byLock = new HashMap<>();
        for (Attempt a : acked) {
            Attempt clash = byLock.computeIfAbsent(a.result().lockId(), k -> new HashMap<>()).put(a.result().at(), a);
            assertEquals(null, clash, "the clock gave every attempt its own instant");
        }

        try (HikariDataSource fresh = PgSupport.pool(pg, database, "fresh", 2)) {
            for (List<String> row : PgSupport.query(fresh, "SELECT aggregateIdentifier, count(*), "
                    + "count(DISTINCT sequenceNumber), min(sequenceNumber), max(sequenceNumber) "
                    + "FROM DomainEventEntry GROUP BY aggregateIdentifier")) {
                long count = Long.parseLong(row.get(1));
                assertEquals(count, Long.parseLong(row.get(2)), "no duplicate sequence in " + row);
                assertEquals(0, Long.parseLong(row.get(3)), "sequences start at 0 in " + row);
                assertEquals(count - 1, Long.parseLong(row.get(4)), "sequences contiguous in " + row);
            }
            assertEquals(LOCKS, PgSupport.queryLong(fresh,
                    "SELECT count(DISTINCT aggregateIdentifier) FROM DomainEventEntry"));

            int lockouts = 0;
            int rollbacks = 0;
            try (LockStore store = LockStore.postgres(fresh)) {
                AccessControl check = AccessControl.builder().store(store).clock(clock).keyRing(keys)
                        .cacheSize(0).snapshotEvery(0).build();
                try {
                    for (LockId lock : locks) {
                        List<LockEvent> trail = check.events(lock);
                        Map<Instant, Attempt> attempts = byLock.getOrDefault(lock, Map.of());
                        verifyAttemptsOnce(lock, trail, attempts);
                        LockState folded = LockDecider.fold(trail);
                        LockState loaded = check.state(lock);
                        assertEquals(folded.lockout(), loaded.lockout(), "lockout state of " + lock);
                        assertEquals(folded, loaded, "a fresh node's state of " + lock + " is the fold");
                        lockouts += replay(lock, trail, attempts, keys);
                        rollbacks += (int) trail.stream().filter(e -> e instanceof LockEvent.ClockRollbackDetected)
                                .count();
                    }
                } finally {
                    check.close();
                }
            }
            long storedLockouts = PgSupport.queryLong(fresh, "SELECT count(*) FROM DomainEventEntry "
                    + "WHERE payloadType = ?", LockEvent.LockoutStarted.class.getName());
            assertEquals(storedLockouts, lockouts, "LockoutStarted events equal a sequential replay's");
            long snapshots = PgSupport.queryLong(fresh, "SELECT count(*) FROM SnapshotEventEntry");
            System.out.println("TwoNodesTest: " + acked.size() + " attempts, " + lockouts + " lockouts, "
                    + acked.stream().filter(a -> a.result().granted()).count() + " grants, "
                    + acked.stream().filter(a -> a.result().reason() == DenialReason.LOCKED_OUT).count()
                    + " refused during lockouts, " + rollbacks + " out-of-order commits, " + snapshots
                    + " snapshots");
            assertTrue(lockouts > 0, "the mix of codes started lockouts");
            assertTrue(acked.stream().anyMatch(a -> a.result().granted()), "and granted entries");
            assertTrue(acked.stream().anyMatch(a -> a.node() == 1) && acked.stream().anyMatch(a -> a.node() == 0));
        } finally {
            for (HikariDataSource p : pools) {
                if (p != null) {
                    p.close();
                }
            }
        }
    }

    /** Every acknowledged attempt on {@code lock} is in its trail exactly once, with the answered outcome. */
    private static void verifyAttemptsOnce(LockId lock, List<LockEvent> trail, Map<Instant, Attempt> attempts) {
        Map<Instant, List<LockEvent>> outcomes = trail.stream()
                .filter(e -> e instanceof LockEvent.EntryGranted || e instanceof LockEvent.EntryDenied)
                .collect(Collectors.groupingBy(LockEvent::at));
        for (Map.Entry<Instant, Attempt> a : attempts.entrySet()) {
            List<LockEvent> stored = outcomes.get(a.getKey());
            assertTrue(stored != null, "acknowledged attempt at " + a.getKey() + " on " + lock + " is in the trail");
            assertEquals(1, stored.size(), "attempt at " + a.getKey() + " on " + lock + " stored once");
            assertEquals(a.getValue().result(), EntryResult.from(stored), "stored outcome is the answered one");
        }
        assertEquals(attempts.keySet(), outcomes.keySet(), "no attempt on " + lock + " that was not acknowledged");
    }

    /**
     * Re-decides the trail one command at a time: each run of events sharing an instant is one
     * command; an entry attempt is decided again from the fold of what precedes it and must give
     * exactly its recorded events. Returns the number of lockouts the replay started.
     */
    private static int replay(LockId lock, List<LockEvent> trail, Map<Instant, Attempt> attempts, FileKeyRing keys) {
        LockState state = LockState.initial();
        int lockouts = 0;
        int i = 0;
        while (i < trail.size()) {
            Instant at = trail.get(i).at();
            int end = i;
            while (end < trail.size() && trail.get(end).at().equals(at)) {
                end++;
            }
            List<LockEvent> recorded = trail.subList(i, end);
            Attempt attempt = attempts.get(at);
            if (attempt != null) {
                CodeDigest digest;
                try (PinCode pin = PinCode.of(attempt.pin().toCharArray(), PinPolicy.defaults())) {
                    digest = keys.digester(lock.value(), state.keyEpoch(), DigestEngine.JDK).digest(pin);
                }
                List<LockEvent> decided = LockDecider.decide(
                        new LockCommand.EnterCode(lock, at, EntrySource.KEYPAD, digest, state.keyEpoch()), state);
                assertEquals(recorded, decided, "attempt at " + at + " on " + lock + " re-decided in trail order");
                lockouts += (int) decided.stream().filter(e -> e instanceof LockEvent.LockoutStarted).count();
            }
            for (LockEvent e : recorded) {
                state = LockDecider.evolve(state, e);
            }
            i = end;
        }
        return lockouts;
    }
}
