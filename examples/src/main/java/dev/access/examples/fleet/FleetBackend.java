package dev.access.examples.fleet;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.access.core.AccessControl;
import dev.access.core.EntryResult;
import dev.access.core.LockSetup;
import dev.access.core.LockStore;
import dev.access.core.NewCode;
import dev.access.core.domain.EntrySource;
import dev.access.core.domain.LockId;
import dev.access.core.readmodel.AccessLogView;
import dev.access.crypto.KeyRing;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Example: a backend for a fleet of locks on PostgreSQL, as two nodes sharing one database.
 *
 * <p>Each node is its own {@link AccessControl} with its own connection pool and cache; any node
 * may handle any lock (concurrent commands on one lock conflict on the store's unique key and are
 * retried, so every attempt is recorded once). Codes are issued centrally, entry attempts arrive
 * from many threads on both nodes, and the access log read model answers "who came in recently?".
 * The key ring is shared: in production, both nodes reach the same KMS/HSM through a
 * {@link KeyRing} implementation.
 *
 * <p>Run against a server: {@code java -cp examples/target/lockctl.jar dev.access.examples.fleet.FleetBackend
 * jdbc:postgresql://localhost/locks USER PASSWORD [LOCKS]}
 */
public final class FleetBackend {
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final KeyRing keyRing;
    private final Clock clock;
    private final PrintStream out;

    /** A backend over a PostgreSQL database, a shared key ring and a clock, reporting on {@code out}. */
    public FleetBackend(String jdbcUrl, String user, String password, KeyRing keyRing, Clock clock, PrintStream out) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.keyRing = keyRing;
        this.clock = clock;
        this.out = out;
    }

    /** Runs against a PostgreSQL server. */
    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: FleetBackend JDBC_URL USER PASSWORD [LOCKS]");
            System.exit(2);
        }
        int locks = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        new FleetBackend(args[0], args[1], args[2], dev.access.crypto.InMemoryKeyRing.create(), Clock.systemUTC(),
                System.out).run(locks, 8, 5);
    }

    /**
     * Commissions {@code locks} locks with one code each, then {@code threadsPerNode} threads on each
     * of two nodes make {@code attemptsPerThread} entry attempts on random locks.
     *
     * @return the number of acknowledged attempts
     */
    public int run(int locks, int threadsPerNode, int attemptsPerThread) throws Exception {
        try (Node a = new Node(); Node b = new Node()) {
            for (int i = 0; i < locks; i++) {
                LockId id = lockId(i);
                if (!a.access.state(id).commissioned()) {
                    a.access.commission(LockSetup.of(id), ("8" + String.format("%07d", i)).toCharArray());
                    a.access.addCode(id, NewCode.unrestricted(1, "tenant-" + i), ("4" + String.format("%05d", i)).toCharArray());
                }
            }
            out.println("issued codes for " + locks + " locks");
            AtomicInteger granted = new AtomicInteger();
            AtomicInteger denied = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(2 * threadsPerNode);
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 2 * threadsPerNode; t++) {
                AccessControl node = t % 2 == 0 ? a.access : b.access;
                int seed = t;
                work.add(pool.submit(() -> {
                    java.util.Random random = new java.util.Random(seed);
                    for (int i = 0; i < attemptsPerThread; i++) {
                        int n = random.nextInt(locks);
                        boolean right = random.nextInt(4) != 0;
                        char[] typed = (right ? "4" + String.format("%05d", n) : "999999").toCharArray();
                        EntryResult r = node.enter(lockId(n), typed, EntrySource.REMOTE);
                        (r.granted() ? granted : denied).incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
            pool.shutdown();
            out.println("attempts: " + granted.get() + " granted, " + denied.get() + " denied, on 2 nodes");
            a.access.awaitAccessLog(Duration.ofSeconds(60));
            AccessLogView recent = b.access.accessLog(lockId(0));
            out.println(lockId(0) + ": " + recent.recentAttempts().size() + " recent attempts, last "
                    + (recent.recentAttempts().isEmpty() ? "none" : recent.recentAttempts().get(recent.recentAttempts().size() - 1)));
            return granted.get() + denied.get();
        }
    }

    static LockId lockId(int i) {
        return LockId.of("fleet-" + i);
    }

    /** One backend node: its own pool of connections, its own store handle and library instance. */
    private final class Node implements AutoCloseable {
        final HikariDataSource pool;
        final LockStore store;
        final AccessControl access;

        Node() {
            HikariConfig cfg = new HikariConfig();
            cfg.setJdbcUrl(jdbcUrl);
            cfg.setUsername(user);
            cfg.setPassword(password);
            cfg.setMaximumPoolSize(8);
            cfg.setAutoCommit(true);
            this.pool = new HikariDataSource(cfg);
            this.store = LockStore.postgres(pool);
            this.access = AccessControl.builder().store(store).clock(clock).keyRing(keyRing).build();
        }

        @Override
        public void close() {
            access.close();
            store.close();
            pool.close();
        }
    }
}
