package dev.access.core.pg;

import com.zaxxer.hikari.HikariDataSource;
import dev.access.core.AccessControl;
import dev.access.core.EntryResult;
import dev.access.core.LockSetup;
import dev.access.core.LockStore;
import dev.access.core.SimulatedClock;
import dev.access.core.NewCode;
import dev.access.core.domain.EntrySource;
import dev.access.core.domain.LockId;
import dev.access.core.domain.LockState;
import dev.access.crypto.FileKeyRing;
import dev.access.crypto.InMemoryKeyRing;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/*
 * Opens the store on a pooled connection to the parent's embedded PostgreSQL and warms up on an
 * in-memory store, waits for GO on standard input (so the parent can start it ahead of time),
 * then enters codes one at a time forever, printing "ACK <instant>" to standard output as soon as
 * each call returns. The parent (PostgresCrashTest) kills it with SIGKILL at random moments.
 */
/** The PostgreSQL crash harness's child process: enters codes forever, acknowledging each on stdout. */
public final class PgCrashChild {
    static final LockId LOCK = LockId.of("pg-crash-lock");
    /** The line on standard input that lets the child go on. */
    static final String GO = "GO";

    private PgCrashChild() {
    }

    /** {@code args[0]}: the JDBC URL (user {@value PgSupport#USER}); {@code args[1]}: the key ring file. */
    public static void main(String[] args) throws IOException {
        System.setProperty("axoniq.update-checker.disabled", "true");
        HikariDataSource pool = PgSupport.pool(args[0], "crash-child", 3);
        LockStore store = LockStore.postgres(pool);
        warmUp();
        // Until GO the child has only created missing tables: the parent may still be checking
        // the previous child's run, and another child may run before this one goes.
        if (!GO.equals(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine())) {
            return;
        }
        FileKeyRing keys = FileKeyRing.open(Path.of(args[1]));
        SimulatedClock clock = SimulatedClock.ticking(Instant.EPOCH, Duration.ofMillis(1));
        AccessControl access = AccessControl.builder().store(store).clock(clock).keyRing(keys).build();
        LockState s = access.state(LOCK);
        clock.set(s.clockFloor() == null ? Instant.parse("2026-01-01T00:00:00Z") : s.clockFloor().plusSeconds(1));
        if (!s.commissioned()) {
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

    /** Loads the library's classes on a throwaway in-memory store, so the real run starts fast. */
    private static void warmUp() {
        LockId warm = LockId.of("warm-up");
        try (LockStore memory = LockStore.inMemory()) {
            AccessControl a = AccessControl.builder().store(memory).clock(Clock.systemUTC())
                    .keyRing(InMemoryKeyRing.create()).build();
            try {
                a.commission(LockSetup.of(warm), "90817263".toCharArray());
                a.addCode(warm, NewCode.unrestricted(1, "resident"), "4826".toCharArray());
                a.enter(warm, "4826".toCharArray(), EntrySource.KEYPAD);
                a.enter(warm, "1111".toCharArray(), EntrySource.KEYPAD);
            } finally {
                a.close();
            }
        }
    }
}
