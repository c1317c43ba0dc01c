package dev.access.core.fleet;

import dev.access.crypto.IssuedOfflineCode;
import java.util.Objects;

/**
 * An offline code the backend just issued: its PIN (to hand to its user, then {@link #close} to
 * wipe) and what the backend recorded of it.
 *
 * <p>Guarantees: the record holds no PIN; {@link #toString()} never shows the PIN.
 *
 * @param code the issued code, with its PIN
 * @param issuance what the backend recorded
 */
public record OfflineCodeIssue(IssuedOfflineCode code, OfflineIssuance issuance) implements AutoCloseable {
    /** Checks both are given. */
    public OfflineCodeIssue {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(issuance, "issuance");
    }

    /** Wipes the PIN. */
    @Override
    public void close() {
        code.wipe();
    }

    /** The issuance; never the PIN. */
    @Override
    public String toString() {
        return "OfflineCodeIssue[" + issuance + ", PIN redacted]";
    }
}
