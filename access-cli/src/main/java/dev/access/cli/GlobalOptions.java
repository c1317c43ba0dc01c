package dev.access.cli;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The options every command accepts, before or after the command name (they are inherited by
 * every subcommand and always land in the root command's instance of this class).
 */
final class GlobalOptions {
    @Option(names = "--data", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "The data directory: the SQLite event store and the key ring "
                    + "(default: ${DEFAULT-VALUE}, created on first use).")
    Path data = Path.of("access-data");

    @Option(names = "--jdbc", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "Use a PostgreSQL event store (jdbc:postgresql://...) instead of SQLite; "
                    + "the key ring stays in --data.")
    String jdbcUrl;

    @Option(names = "--user", paramLabel = "NAME", scope = ScopeType.INHERIT,
            description = "The database user (with --jdbc).")
    String user;

    @Option(names = "--password", paramLabel = "SECRET", scope = ScopeType.INHERIT,
            description = "The database password (with --jdbc); '-' reads it from one line of standard input. "
                    + "Without it: the environment variable " + GlobalOptions.PASSWORD_ENV + ".")
    String password;

    /** The environment variable holding the database password when {@code --password} is not given. */
    static final String PASSWORD_ENV = "LOCKCTL_PASSWORD";

    @Option(names = "--at", paramLabel = "INSTANT", scope = ScopeType.INHERIT,
            converter = Converters.InstantConverter.class,
            description = "The simulated time of this invocation, ISO-8601 UTC "
                    + "(e.g. 2026-12-01T08:00:00Z); default: the system clock.")
    Instant at;

    @Option(names = "--json", scope = ScopeType.INHERIT,
            description = "Print exactly one JSON object on standard output.")
    boolean json;

    /**
     * The database password: {@code --password}, or for {@code --password -} one line of
     * {@code in} (read before any {@code --pin -}, so the password is the first line and the PIN
     * the next), or else the environment variable {@value #PASSWORD_ENV}; null if none.
     *
     * @throws CliError (usage) if {@code --password -} finds standard input empty
     */
    String password(Map<String, String> env, InputStream in) {
        if ("-".equals(password)) {
            char[] line = Pins.readLine("--password -", "the database password", in);
            try {
                return new String(line);
            } finally {
                Pins.wipe(line);
            }
        }
        if (password != null) {
            return password;
        }
        String fromEnv = env.get(PASSWORD_ENV);
        return fromEnv == null || fromEnv.isEmpty() ? null : fromEnv;
    }

    /** Checks the combinations picocli cannot. */
    void check() {
        if (jdbcUrl == null && (user != null || password != null)) {
            throw CliError.usage("--user and --password apply only with --jdbc");
        }
        if (jdbcUrl != null && !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw CliError.usage("--jdbc takes a PostgreSQL URL (jdbc:postgresql://host/db)");
        }
    }
}
