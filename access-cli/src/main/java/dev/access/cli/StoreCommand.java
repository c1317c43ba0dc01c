package dev.access.cli;

import dev.access.core.domain.LockId;
import picocli.CommandLine.Option;

/**
 * A command that works on one lock in the store. Every such command runs the same way:
 * {@link #prepare() check its arguments} (usage errors end here, before anything is opened), open
 * the store, {@link #execute run} against the library, print the answer, close the store. Any
 * failure becomes one line on standard error and an exit code ({@link ExitCodes}); a refused
 * command records nothing.
 */
abstract class StoreCommand extends Subcommand {
    @Option(names = "--lock", required = true, paramLabel = "ID", converter = Converters.LockIdConverter.class,
            description = "The lock (1 to 64 characters from A-Z a-z 0-9 . _ : -).")
    LockId lock;

    @Override
    final int run(GlobalOptions g, Console console) {
        // The password (for --password -, the first line of standard input) before any PIN.
        String password = g.jdbcUrl == null ? null : g.password(System.getenv(), System.in);
        prepare();
        try (StoreOpener.Session session = StoreOpener.open(g, password, usesKeyRing())) {
            return execute(session, console);
        }
    }

    @Override
    final void cleanUp() {
        wipe();
    }

    /**
     * Checks the arguments before the store is opened (and reads a PIN from standard input).
     *
     * @throws CliError for a usage error
     */
    void prepare() {
    }

    /** Whether the command needs the key ring (everything but read-only commands). */
    boolean usesKeyRing() {
        return true;
    }

    /** Wipes any PIN buffer the command still holds. */
    void wipe() {
    }

    /** Runs the command and prints its answer; returns the exit code. */
    abstract int execute(StoreOpener.Session session, Console console);


    /** @throws CliError (usage) if {@code value} is negative */
    static void requireNotNegative(String option, Integer value) {
        if (value != null && value < 0) {
            throw CliError.usage(option + " must not be negative, was " + value);
        }
    }
}
