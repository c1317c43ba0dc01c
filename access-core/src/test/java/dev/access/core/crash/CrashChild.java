package dev.access.core.crash;

import dev.access.core.AccessControl;
import dev.access.core.EntryResult;
import dev.access.core.LockSetup;
import dev.access.core.LockStore;
import dev.access.core.NewCode;
import dev.access.core.SimulatedClock;
import dev.access.core.domain.EntrySource;
import dev.access.core.domain.LockId;
import dev.access.core.domain.LockState;
import dev.access.crypto.FileKeyRing;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The crash harness's child process: opens the embedded store in a data directory, then enters
 * codes one at a time forever (on one lock, or one per thread), printing {@code ACK <instant>} (and
 * the lock, for any but the first) to standard output as soon as each call returns. The parent kills it with SIGKILL at random moments.
 */
public final class CrashChild {
    static final LockId LOCK = LockId.of("crash-lock");

    private CrashChild() {
    }

    /**
     * {@code args[0]}: the data directory; {@code args[1]} (optional, default 1): threads, each on its
     * own lock. Any failure ends the process (exit code 3).
     */
    public static void main(String[] args) {
        try {
            run(args);
        } catch (Throwable t) {
            t.printStackTrace();
            System.err.flush();
            Runtime.getRuntime().halt(3);
        }
    }

    /** The lock thread {@code t} enters codes on ({@link #LOCK} for thread 0). */
    static LockId lock(int t) {
        return t == 0 ? LOCK : LockId.of("crash-lock-" + t);
    }

    private static void run(String[] args) throws InterruptedException {
        System.setProperty("axoniq.update-checker.disabled", "true");
        Path data = Path.of(args[0]);
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        LockStore store = LockStore.sqlite(data);
        FileKeyRing keys = FileKeyRing.open(data.resolve("keys"));
        AccessControl probe = AccessControl.builder().store(store).clock(Clock.systemUTC()).keyRing(keys).build();
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        for (int t = 0; t < threads; t++) {
            LockState s = probe.state(lock(t));
            if (s.clockFloor() != null && !s.clockFloor().plusSeconds(1).isBefore(start)) {
                start = s.clockFloor().plusSeconds(1);
            }
        }
        probe.close();
        // Every read moves 1 ms on: each attempt gets its own instant.
        AccessControl access = AccessControl.builder().store(store)
                .clock(SimulatedClock.ticking(start, Duration.ofMillis(1))).keyRing(keys).build();
        for (int t = 0; t < threads; t++) {
            LockId lock = lock(t);
            if (!access.state(lock).commissioned()) {
                access.commission(LockSetup.of(lock), "90817263".toCharArray());
            }
            if (access.state(lock).credentials().get(1) == null) {
                access.addCode(lock, NewCode.unrestricted(1, "resident"), "4826".toCharArray());
            }
        }
        System.out.println("READY");
        System.out.flush();
        // Several threads on several locks: their commits share group transactions on SQLite.
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            LockId lock = lock(t);
            String suffix = t == 0 ? "" : " " + lock.value();
            workers[t] = new Thread(() -> {
                try {
                    for (long i = 0; ; i++) {
                        EntryResult r = access.enter(lock, (i % 4 == 3 ? "1111" : "4826").toCharArray(),
                                EntrySource.KEYPAD);
                        synchronized (System.out) {
                            System.out.println("ACK " + r.at() + suffix);
                            System.out.flush();
                        }
                    }
                } catch (Throwable e) {
                    e.printStackTrace();
                    System.err.flush();
                    Runtime.getRuntime().halt(3);
                }
            });
            workers[t].start();
        }
        for (Thread w : workers) {
            w.join();
        }
    }
}
