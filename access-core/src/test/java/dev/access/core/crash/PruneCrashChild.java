package dev.access.core.crash;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.access.core.AccessControl;
import dev.access.core.EntryResult;
import dev.access.core.LockSetup;
import dev.access.core.LockStore;
import dev.access.core.NewCode;
import dev.access.core.PruneResult;
import dev.access.core.SimulatedClock;
import dev.access.core.domain.CodeRules;
import dev.access.core.domain.EntrySource;
import dev.access.core.domain.LockId;
import dev.access.core.domain.LockState;
import dev.access.core.domain.LockoutPolicy;
import dev.access.core.domain.UserType;
import dev.access.crypto.FileKeyRing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The prune kill harness's child process: opens the store (SQLite in a data directory, or PostgreSQL
 * by JDBC URL), then enters codes and prunes the trail at the instants the parent listed, one after
 * the other, printing {@code ACK <instant> <granted>} after each answered entry, {@code PRUNE
 * <instant>} before each prune and {@code PRUNED <removed> <anchor sequence>} after it. The parent
 * kills it with SIGKILL, mostly while a prune runs.
 */
public final class PruneCrashChild {
    static final LockId LOCK = LockId.of("prune-crash-lock");

    private PruneCrashChild() {
    }

    /**
     * {@code args}: {@code sqlite DIR} or {@code pg JDBC-URL}, then the key ring directory and the file of
     * prune instants (one ISO-8601 instant a line, ascending; may be empty). Any failure ends the
     * process with exit code 3.
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

    private static void run(String[] args) throws Exception {
        System.setProperty("axoniq.update-checker.disabled", "true");
        LockStore store;
        if (args[0].equals("sqlite")) {
            store = LockStore.sqlite(Path.of(args[1]));
        } else {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(args[1]);
            config.setUsername("postgres");
            config.setMaximumPoolSize(3);
            config.setAutoCommit(true);
            store = LockStore.postgres(new HikariDataSource(config));
        }
        FileKeyRing keys = FileKeyRing.open(Path.of(args[2]));
        List<Instant> instants = new ArrayList<>();
        for (String l : Files.readAllLines(Path.of(args[3]))) {
            if (!l.isBlank()) {
                instants.add(Instant.parse(l.strip()));
            }
        }
        SimulatedClock clock = SimulatedClock.ticking(Instant.EPOCH, Duration.ofMillis(1));
        AccessControl access = AccessControl.builder().store(store).clock(clock).keyRing(keys).snapshotEvery(25)
                .checkpointEvery(9).build();
        LockState s = access.state(LOCK);
        clock.set(s.clockFloor() == null ? Instant.parse("2026-01-01T00:00:00Z") : s.clockFloor().plusSeconds(1));
        if (!s.commissioned()) {
            access.commission(LockSetup.of(LOCK).withLockoutPolicy(new LockoutPolicy(3, Duration.ofMillis(1000),
                    Duration.ofSeconds(8), Duration.ofMinutes(5), 10_000)), "90817263".toCharArray());
        }
        if (access.state(LOCK).credentials().get(1) == null) {
            access.addCode(LOCK, NewCode.unrestricted(1, "resident"), "4826".toCharArray());
            access.addCode(LOCK, NewCode.of(2, UserType.DISPOSABLE, "courier", CodeRules.none()), "7351".toCharArray());
            access.addCode(LOCK, NewCode.of(3, UserType.UNRESTRICTED, "cleaner", CodeRules.none().withMaxUses(50)),
                    "6284".toCharArray());
        }
        System.out.println("READY");
        System.out.flush();
        int next = 0;
        for (long i = 0; ; i++) {
            String pin = i % 7 == 3 || i % 7 == 4 || i % 7 == 5 ? "1111" : i % 11 == 0 ? "7351" : i % 2 == 0 ? "6284" : "4826";
            EntryResult r = access.enter(LOCK, pin.toCharArray(), EntrySource.KEYPAD);
            System.out.println("ACK " + r.at() + " " + r.granted());
            System.out.flush();
            if (i % 4 == 3 && next < instants.size()) {
                Instant before = instants.get(next++);
                System.out.println("PRUNE " + before);
                System.out.flush();
                PruneResult p = access.pruneTrail(LOCK, before);
                System.out.println("PRUNED " + p.removed() + " " + p.anchorSequence());
                System.out.flush();
            }
        }
    }
}
