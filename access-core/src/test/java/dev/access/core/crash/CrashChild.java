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
 * codes one at a time forever, printing {@code ACK <instant>} to standard output as soon as each
 * call returns. The parent kills it with SIGKILL at random moments.
 */
public final class CrashChild {
    static final LockId LOCK = LockId.of("crash-lock");

    private CrashChild() {
    }

    /** {@code args[0]}: the data directory. Any failure ends the process (exit code 3). */
    public static void main(String[] args) {
        try {
            run(args);
        } catch (Throwable t) {
            t.printStackTrace();
            System.err.flush();
            Runtime.getRuntime().halt(3);
        }
    }

    private static void run(String[] args) {
        System.setProperty("axoniq.update-checker.disabled", "true");
        Path data = Path.of(args[0]);
        LockStore store = LockStore.sqlite(data);
        FileKeyRing keys = FileKeyRing.open(data.resolve("keys"));
        AccessControl probe = AccessControl.builder().store(store).clock(Clock.systemUTC()).keyRing(keys).build();
        LockState s = probe.state(LOCK);
        Instant start = s.clockFloor() == null ? Instant.parse("2026-01-01T00:00:00Z") : s.clockFloor().plusSeconds(1);
        probe.close();
        // Every read moves 1 ms on: each attempt gets its own instant.
        AccessControl access = AccessControl.builder().store(store)
                .clock(SimulatedClock.ticking(start, Duration.ofMillis(1))).keyRing(keys).build();
        if (!access.state(LOCK).commissioned()) {
            access.commission(LockSetup.of(LOCK), "90817263".toCharArray());
        }
        if (access.state(LOCK).credentials().get(1) == null) {
            access.addCode(LOCK, NewCode.unrestricted(1, "resident"), "4826".toCharArray());
        }
        System.out.println("READY");
        System.out.flush();
        for (long i = 0; ; i++) {
            EntryResult r = access.enter(LOCK, (i % 4 == 3 ? "1111" : "4826").toCharArray(), EntrySource.KEYPAD);
            System.out.println("ACK " + r.at());
            System.out.flush();
        }
    }
}
