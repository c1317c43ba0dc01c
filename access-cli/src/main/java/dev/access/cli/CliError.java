package dev.access.cli;

/**
 * A failure lockctl detected itself, with its exit code: a usage error (a malformed or negative
 * value, options that must come together), an environment error (the store or the key ring
 * cannot be opened) or an input that does not verify (a file that is not a programming batch). Messages never hold a PIN.
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

    /** Something given to verify did not: a batch whose format is not a batch's (exit 5). */
    static CliError unverified(String message) {
        return new CliError(ExitCodes.VERIFY_FAILED, message, null);
    }

    int exitCode() {
        return exitCode;
    }
}
