package dev.access.core.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.access.core.LockStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Several nodes starting together on an empty database all get their tables (no DDL race). */
class ConcurrentStartTest {
    @Test
    void givenEmptyDatabase_whenFourNodesOpenTheStoreAtOnce_thenAllSucceed() throws Exception {
        EmbeddedPostgres pg = PgSupport.server();
        {
            for (int round = 0; round < 5; round++) {
                String db = PgSupport.createDatabase(pg, "round" + round);
                String url = pg.getJdbcUrl("postgres", db);
                CountDownLatch go = new CountDownLatch(1);
                ExecutorService threads = Executors.newFixedThreadPool(4);
                List<Future<String>> opened = new ArrayList<>();
                for (int n = 0; n < 4; n++) {
                    opened.add(threads.submit(() -> {
                        HikariConfig cfg = new HikariConfig();
                        cfg.setJdbcUrl(url);
                        cfg.setUsername("postgres");
                        cfg.setMaximumPoolSize(1);
                        try (HikariDataSource ds = new HikariDataSource(cfg)) {
                            go.await();
                            try (LockStore store = LockStore.postgres(ds)) {
                                return store.toString();
                            }
                        }
                    }));
                }
                go.countDown();
                for (Future<String> f : opened) {
                    assertEquals("LockStore[PostgreSQL]", f.get(), "round " + round);
                }
                threads.shutdown();
            }
        }
    }
}
