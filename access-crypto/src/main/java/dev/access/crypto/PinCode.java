package dev.access.crypto;

import java.util.Arrays;

/**
 * A PIN as typed on a keypad: a wipeable buffer of ASCII digits that has passed a
 * {@link PinPolicy}'s format check.
 *
 * <p>Guarantees: the digits are copied in and never leave this object except into a
 * {@link CodeDigester}; {@link #toString()} is redacted; there is no value-based {@code equals}
 * (compare digests instead, in constant time); {@link #wipe()} overwrites the buffer and every
 * later use fails. The caller still owns, and should wipe, the buffer it passed in. A PIN belongs
 * to the thread that typed it: it is not safe to share between threads.
 */
public final class PinCode implements AutoCloseable {
    private final byte[] digits;
    /**
     * Plain, not volatile: a PIN is typed, digested and wiped by one thread (the keypad's), and a
     * volatile write on every wipe put a full memory fence on the hot path. Another thread that
     * wipes a PIN still in use gets no guarantee either way; do not share a PIN between threads.
     */
    private boolean wiped;

    private PinCode(byte[] digits) {
        this.digits = digits;
    }

    /**
     * Copies typed characters into a new PIN after checking their format against the policy.
     *
     * @param typed the characters as typed; not modified
     * @param policy the lock's PIN policy
     * @return a PIN that must be wiped (or closed) after use
     * @throws PinRejectedException if the input is null, empty, too short, too long or holds a
     *     non-digit
     */
    public static PinCode of(char[] typed, PinPolicy policy) {
        policy.checkFormat(typed);
        byte[] copy = new byte[typed.length];
        for (int i = 0; i < typed.length; i++) {
            copy[i] = (byte) typed[i];
        }
        return new PinCode(copy);
    }

    /**
     * Copies typed ASCII digit bytes into a new PIN after checking their format against the
     * policy.
     *
     * @param typed ASCII bytes '0'..'9' as typed; not modified
     * @param policy the lock's PIN policy
     * @return a PIN that must be wiped (or closed) after use
     * @throws PinRejectedException if the input is null, empty, too short, too long or holds a
     *     non-digit
     */
    public static PinCode of(byte[] typed, PinPolicy policy) {
        policy.checkFormat(typed);
        return new PinCode(typed.clone());
    }

    /** The number of digits. */
    public int length() {
        return digits.length;
    }

    /** Overwrites the digits; the PIN cannot be used afterwards. Idempotent. */
    public void wipe() {
        Arrays.fill(digits, (byte) 0);
        wiped = true;
    }

    /** Whether {@link #wipe()} has been called. */
    public boolean isWiped() {
        return wiped;
    }

    /** Same as {@link #wipe()}, so a PIN can live in try-with-resources. */
    @Override
    public void close() {
        wipe();
    }

    /** The live buffer, for digesting and strength checks inside this package only. */
    byte[] digits() {
        if (wiped) {
            throw new IllegalStateException("PIN was already wiped");
        }
        return digits;
    }

    /** Redacted: never shows a digit. */
    @Override
    public String toString() {
        return "PinCode[redacted]";
    }
}
