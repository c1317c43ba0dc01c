package dev.access.cli;

import dev.access.core.fleet.EnrollmentRejectedException;
import dev.access.core.fleet.LockNotEnrolledException;
import dev.access.core.fleet.MalformedEnrollmentException;
import dev.access.core.fleet.OfflineCodeRefusedException;
import dev.access.core.fleet.SegmentRejectedException;
import dev.access.crypto.SignatureVerificationException;
import dev.access.StoreCorruptedException;
import dev.access.StoreUnavailableException;
import dev.access.core.domain.LockCommandRejected;
import dev.access.crypto.KeyRingException;
import dev.access.crypto.KeyUnavailableException;
import dev.access.crypto.PinRejectedException;

/**
 * lockctl's exit codes, and the one place that decides which failure gets which.
 *
 * <ul>
 *   <li>{@value #OK}: done, or entry granted;
 *   <li>{@value #INTERNAL}: an internal error (a bug, or a failure lockctl did not foresee);
 *   <li>{@value #USAGE}: a usage or environment error: unknown command or option, malformed or
 *       negative value (also an offline code's window the backend cannot issue: {@code
 *       OfflineCodeRefusedException} INVALID_REQUEST), an output path that is one of the store's files or an input, a data
 *       directory that cannot be created or written, an unreadable or unsafe key ring or one that
 *       does not belong to the store, a database that cannot be reached, is read-only or corrupt;
 *   <li>{@value #DENIED}: the entry was denied (the attempt is recorded);
 *   <li>{@value #REJECTED}: the lock refused the command ({@code LockCommandRejected}, also a whole
 *       programming batch: {@code NOT_ENROLLED}, {@code WRONG_LOCK}, {@code STALE_BATCH}, {@code
 *       STALE_KEY_EPOCH}), a new PIN broke the PIN policy ({@code PinRejectedException}), the
 *       backend does not know the lock ({@code NOT_ENROLLED}), or it refused to issue or revoke an
 *       offline code (every other {@code OfflineCodeRefusedException}: a stale or missing issuing
 *       key, every variant issued, an unknown code id, a window that ended); nothing was recorded;
 *   <li>{@value #VERIFY_FAILED}: {@code audit verify} found the export modified, incomplete or
 *       not signed by the trusted key (each problem is printed on standard output); {@code fleet
 *       enroll} found an enrollment whose signature does not verify or that the backend must refuse;
 *       {@code fleet ingest} refused a segment (a failed verification, a gap, a fork); {@code apply}
 *       found a batch whose signature or format does not verify.
 * </ul>
 */
public final class ExitCodes {
    /** Done, or entry granted. */
    public static final int OK = 0;
    /** An internal error. */
    public static final int INTERNAL = 1;
    /** A usage or environment error. */
    public static final int USAGE = 2;
    /** Entry denied. */
    public static final int DENIED = 3;
    /** Command rejected by the lock, or a PIN refused by its policy. */
    public static final int REJECTED = 4;
    /** An exported trail failed verification. */
    public static final int VERIFY_FAILED = 5;

    private ExitCodes() {
    }

    /** A failure's exit code and its one-line message (which never holds a PIN). */
    record Failure(int exitCode, String message) {
    }

    /** Classifies a failure: the first cause lockctl knows decides. */
    static Failure of(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof CliError) {
                return new Failure(((CliError) c).exitCode(), c.getMessage());
            }
            if (c instanceof SignatureVerificationException || c instanceof SegmentRejectedException
                    || c instanceof EnrollmentRejectedException) {
                return new Failure(VERIFY_FAILED, c.getMessage());
            }
            if (c instanceof MalformedEnrollmentException) {
                return new Failure(USAGE, c.getMessage());
            }
            if (c instanceof OfflineCodeRefusedException o) {
                return new Failure(o.reason() == OfflineCodeRefusedException.Reason.INVALID_REQUEST ? USAGE : REJECTED,
                        c.getMessage());
            }
            if (c instanceof LockCommandRejected || c instanceof PinRejectedException
                    || c instanceof LockNotEnrolledException) {
                return new Failure(REJECTED, c.getMessage());
            }
            if (c instanceof KeyRingException) {
                return new Failure(USAGE, c.getMessage());
            }
            if (c instanceof StoreUnavailableException || c instanceof StoreCorruptedException) {
                return new Failure(USAGE, c.getMessage());
            }
            if (c instanceof KeyUnavailableException) {
                return new Failure(USAGE, c.getMessage() + " (does the key ring in --data belong to this store?)");
            }
        }
        return new Failure(INTERNAL, "internal error (please report it): " + dev.access.Causes.plain(t));
    }

    /** {@code text} on one line: line breaks and tabs become spaces. */
    static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        return text.replaceAll("[\\r\\n\\t]+", " ").strip();
    }
}
