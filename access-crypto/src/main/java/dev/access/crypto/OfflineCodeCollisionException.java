package dev.access.crypto;

/**
 * Refusal to issue an offline code whose PIN is also the PIN of another validity that opens at some
 * moment of its window: at such a moment the lock could take the holder for the other code (and,
 * for a one-time code, record its use under the other code's id). Rare (at most about 2 × 10⁻⁴ at
 * 10 digits for the longest window); issue the next variant instead. Names no PIN.
 */
public final class OfflineCodeCollisionException extends dev.access.AccessException {
    private static final long serialVersionUID = 1L;

    private final int variant;

    OfflineCodeCollisionException(OfflineValidity validity) {
        super("variant " + validity.variant() + " of this validity shares its PIN with another offline code during"
                + " its window: issue another variant");
        this.variant = validity.variant();
    }

    /** The variant that collides. */
    public int variant() {
        return variant;
    }
}
