package dev.access.core.pg;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/** Shared helpers for the PostgreSQL tests: the server, databases, pools and queries. */
final class PgSupport {
    /** The superuser zonky's embedded PostgreSQL creates (trust authentication, no password). */
    static final String USER = "postgres";

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private PgSupport() {
    }

    /**
     * The embedded PostgreSQL server the test classes of this package share (started on first use,
     * stopped when the test JVM exits). Each test takes a fresh database on it.
     */
    static synchronized EmbeddedPostgres server() throws java.io.IOException {
        if (server == null) {
            EmbeddedPostgres started = EmbeddedPostgres.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (java.io.IOException e) {
                    // The JVM is exiting; the server's directory is temporary.
                }
            }));
            server = started;
        }
        return server;
    }

    /** Creates a fresh, empty database on the server and returns its name. */
    static String createDatabase(EmbeddedPostgres pg, String prefix) throws SQLException {
        String name = prefix + "_" + DATABASES.incrementAndGet();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return name;
    }

    /** A HikariCP pool on {@code database} with autocommit on, as {@code LockStore.postgres} requires. */
    static HikariDataSource pool(EmbeddedPostgres pg, String database, String name, int size) {
        return pool(pg.getJdbcUrl(USER, database), name, size);
    }

    /** A HikariCP pool on a JDBC URL with autocommit on. */
    static HikariDataSource pool(String jdbcUrl, String name, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(USER);
        config.setPoolName(name);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setAutoCommit(true);
        return new HikariDataSource(config);
    }

    /** The single long value of a query (0 when it returns SQL NULL). */
    static long queryLong(DataSource ds, String sql, Object... params) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                p.setObject(i + 1, params[i]);
            }
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    throw new AssertionError("no row from " + sql);
                }
                return r.getLong(1);
            }
        }
    }

    /** Rows of a query as lists of strings. */
    static List<List<String>> query(DataSource ds, String sql, Object... params) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                p.setObject(i + 1, params[i]);
            }
            List<List<String>> rows = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                int n = r.getMetaData().getColumnCount();
                while (r.next()) {
                    List<String> row = new ArrayList<>(n);
                    for (int i = 1; i <= n; i++) {
                        row.add(r.getString(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    /** Runs statements with autocommit. */
    static void execute(DataSource ds, String... sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }

    /**
     * The columns of a table in the public schema, in ordinal order, as
     * {@code name -> data_type(max length)/is_nullable/default}.
     */
    static Map<String, String> columns(DataSource ds, String table) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        for (List<String> row : query(ds, "SELECT column_name, "
                + "data_type || coalesce('(' || character_maximum_length || ')', ''), is_nullable, column_default "
                + "FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ? "
                + "ORDER BY ordinal_position", table.toLowerCase())) {
            out.put(row.get(0), row.get(1) + "/" + row.get(2) + "/" + row.get(3));
        }
        return out;
    }

    /**
     * The constraints of a table as {@code type(columns)} strings, sorted, e.g.
     * {@code p(globalindex)} or {@code u(aggregateidentifier,sequencenumber)}; names are left out.
     */
    static List<String> constraints(DataSource ds, String table) throws SQLException {
        List<String> out = new ArrayList<>();
        for (List<String> row : query(ds, "SELECT con.contype, "
                + "(SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord) "
                + "JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum) "
                + "FROM pg_constraint con JOIN pg_class t ON t.oid = con.conrelid "
                + "JOIN pg_namespace n ON n.oid = t.relnamespace "
                + "WHERE n.nspname = 'public' AND t.relname = ? ORDER BY 1, 2", table.toLowerCase())) {
            out.add(row.get(0) + "(" + row.get(1) + ")");
        }
        return out;
    }
}
