package dev.access.cli;

import java.nio.file.Path;
import java.time.Instant;
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
            description = "The database password (with --jdbc).")
    String password;

    @Option(names = "--at", paramLabel = "INSTANT", scope = ScopeType.INHERIT,
            converter = Converters.InstantConverter.class,
            description = "The simulated time of this invocation, ISO-8601 UTC "
                    + "(e.g. 2026-12-01T08:00:00Z); default: the system clock.")
    Instant at;

    @Option(names = "--json", scope = ScopeType.INHERIT,
            description = "Print exactly one JSON object on standard output.")
    boolean json;

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
