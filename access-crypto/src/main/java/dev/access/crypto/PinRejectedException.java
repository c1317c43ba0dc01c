package dev.access.crypto;

import dev.access.AccessException;

/**
 * A PIN broke a {@link PinPolicy} rule. Permanent: the same PIN is refused again.
 *
 * <p>Guarantees: the message and the fields name the rule and the input's length only, never a
 * digit of the input.
 */
public final class PinRejectedException extends AccessException {
    private static final long serialVersionUID = 1L;

    private final PinRule rule;
    private final int length;

    PinRejectedException(PinRule rule, int length, String detail) {
        super("PIN rejected (" + rule + "): " + detail);
        this.rule = rule;
        this.length = length;
    }

    /** The rule that was broken. */
    public PinRule rule() {
        return rule;
    }

    /** The number of characters that were typed (0 for no input). */
    public int length() {
        return length;
    }
}
