package dev.access.bench.support;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * An embedded PostgreSQL server with one pooled database. Only this class names zonky's API, so
 * the rest of the module loads without it; it is on the class path only when the run scripts add
 * {@code target/pg-lib/*}.
 */
final class PgServer implements AutoCloseable {
    private final EmbeddedPostgres pg;
    private final HikariDataSource pool;

    private PgServer(EmbeddedPostgres pg, HikariDataSource pool) {
        this.pg = pg;
        this.pool = pool;
    }

    static boolean available() {
        try {
            Class.forName("io.zonky.test.db.postgres.embedded.EmbeddedPostgres", false, PgServer.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    static PgServer start() throws IOException, SQLException {
        EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE bench");
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(pg.getJdbcUrl("postgres", "bench"));
        config.setUsername("postgres");
        config.setPoolName("access-bench-pg");
        // One connection per benchmark thread (up to 8): each command holds one for its unit of work.
        config.setMaximumPoolSize(10);
        config.setAutoCommit(true);
        return new PgServer(pg, new HikariDataSource(config));
    }

    DataSource dataSource() {
        return pool;
    }

    /** Creates an empty database on the server and returns a pool on it (autocommit, as the stores require). */
    HikariDataSource createDatabase(String name) throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(pg.getJdbcUrl("postgres", name));
        config.setUsername("postgres");
        config.setPoolName("access-bench-" + name);
        config.setMaximumPoolSize(4);
        config.setAutoCommit(true);
        return new HikariDataSource(config);
    }

    /** Drops a database made by {@link #createDatabase} (its pool closed first). */
    void dropDatabase(String name) throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
        }
    }

    @Override
    public void close() throws IOException {
        pool.close();
        pg.close();
    }
}
