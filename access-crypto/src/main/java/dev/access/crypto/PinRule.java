package dev.access.crypto;

/** The rule of a {@link PinPolicy} that a typed or proposed PIN broke. */
public enum PinRule {
    /** No input at all (a null buffer). */
    NULL_INPUT,
    /** An empty buffer. */
    EMPTY,
    /** A character other than the digits 0-9. */
    NOT_DIGITS,
    /** Fewer digits than the policy's minimum length. */
    TOO_SHORT,
    /** More digits than the policy's maximum length. */
    TOO_LONG,
    /** Every digit the same (1111); a strength rule for new codes. */
    ALL_SAME_DIGIT,
    /** One ascending or descending run (1234, 9876); a strength rule for new codes. */
    SEQUENTIAL,
    /** Fewer distinct digits than the policy asks for; a strength rule for new codes. */
    TOO_FEW_DISTINCT_DIGITS,
    /** One of the most common PINs; a strength rule for new codes. */
    COMMON_PIN
}
