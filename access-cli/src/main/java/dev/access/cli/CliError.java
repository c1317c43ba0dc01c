package dev.access.cli;

/**
 * A failure lockctl detected itself, with its exit code: a usage error (a malformed or negative
 * value, options that must come together) or an environment error (the store or the key ring
 * cannot be opened). Messages never hold a PIN.
 */
final class CliError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    private CliError(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** A usage error (exit 2). */
    static CliError usage(String message) {
        return new CliError(ExitCodes.USAGE, message, null);
    }

    /** An environment error: the store, its directory or the key ring (exit 2). */
    static CliError environment(String message, Throwable cause) {
        return new CliError(ExitCodes.USAGE, message, cause);
    }

    int exitCode() {
        return exitCode;
    }
}
