package dev.access.crypto;

import java.util.Set;

/**
 * What a lock accepts as a PIN: length bounds and digits only (checked on every keypad entry),
 * plus optional strength rules that apply when a new code is set.
 *
 * <p>The strength rules are deliberately not applied to typed entries: a weak guess at the keypad
 * is simply an unknown code.
 *
 * @param minLength the fewest digits a PIN may have, 1 to {@value #MAX_SUPPORTED_LENGTH}
 * @param maxLength the most digits a PIN may have, {@code minLength} to
 *     {@value #MAX_SUPPORTED_LENGTH}
 * @param rejectAllSameDigit whether new codes such as 1111 are refused
 * @param rejectSequential whether new codes that are one ascending or descending run (1234,
 *     87654) are refused
 * @param minDistinctDigits the fewest distinct digits a new code must hold, 0 (no rule) to 10
 * @param rejectCommonPins whether new codes on the short list of most common PINs are refused
 */
public record PinPolicy(
        int minLength,
        int maxLength,
        boolean rejectAllSameDigit,
        boolean rejectSequential,
        int minDistinctDigits,
        boolean rejectCommonPins) {

    /** The longest PIN any policy accepts. */
    public static final int MAX_SUPPORTED_LENGTH = 32;

    /** The most common PINs in published leak analyses; refused by {@code rejectCommonPins}. */
    private static final Set<String> COMMON_PINS = Set.of(
            "1234", "1111", "0000", "1212", "7777", "1004", "2000", "4444", "2222", "6969",
            "9999", "3333", "5555", "6666", "1122", "1313", "8888", "4321", "2001", "1010",
            "123456", "654321", "111111", "000000", "123123", "666666", "121212", "112233",
            "789456", "159753", "123321", "696969", "012345", "12345678", "11111111",
            "87654321", "00000000", "12341234");

    /** Validates the fields; every message names the offending value. */
    public PinPolicy {
        if (minLength < 1 || minLength > MAX_SUPPORTED_LENGTH) {
            throw new IllegalArgumentException(
                    "minLength must be 1.." + MAX_SUPPORTED_LENGTH + ", was " + minLength);
        }
        if (maxLength < minLength || maxLength > MAX_SUPPORTED_LENGTH) {
            throw new IllegalArgumentException("maxLength must be " + minLength + ".."
                    + MAX_SUPPORTED_LENGTH + " (at least minLength), was " + maxLength);
        }
        if (minDistinctDigits < 0 || minDistinctDigits > 10) {
            throw new IllegalArgumentException(
                    "minDistinctDigits must be 0..10, was " + minDistinctDigits);
        }
        if (minDistinctDigits > maxLength) {
            throw new IllegalArgumentException("minDistinctDigits " + minDistinctDigits
                    + " can never be met by PINs of at most " + maxLength + " digits");
        }
    }

    /** 4 to 8 digits, no strength rules: what most keypads accept today. */
    public static PinPolicy defaults() {
        return new PinPolicy(4, 8, false, false, 0, false);
    }

    /**
     * 6 to 8 digits, and new codes must not be all one digit, one run, a common PIN, or hold
     * fewer than 3 distinct digits (after NIST SP 800-63B-4's guidance for activation PINs).
     */
    public static PinPolicy strict() {
        return new PinPolicy(6, 8, true, true, 3, true);
    }

    /** A policy with other length bounds and the same strength rules. */
    public PinPolicy withLengths(int min, int max) {
        return new PinPolicy(min, max, rejectAllSameDigit, rejectSequential, minDistinctDigits,
                rejectCommonPins);
    }

    /**
     * Checks the format of typed characters: present, within the length bounds, digits only.
     *
     * @throws PinRejectedException naming the rule and the length, never a digit
     */
    public void checkFormat(char[] typed) {
        if (typed == null) {
            throw new PinRejectedException(PinRule.NULL_INPUT, 0, "no input");
        }
        checkLength(typed.length);
        int bad = 0;
        for (char c : typed) {
            bad |= (c < '0' || c > '9') ? 1 : 0;
        }
        if (bad != 0) {
            throw new PinRejectedException(PinRule.NOT_DIGITS, typed.length,
                    "only the digits 0-9 are allowed (length " + typed.length + ")");
        }
    }

    /**
     * Checks the format of typed ASCII bytes: present, within the length bounds, digits only.
     *
     * @throws PinRejectedException naming the rule and the length, never a digit
     */
    public void checkFormat(byte[] typed) {
        if (typed == null) {
            throw new PinRejectedException(PinRule.NULL_INPUT, 0, "no input");
        }
        checkLength(typed.length);
        int bad = 0;
        for (byte b : typed) {
            bad |= (b < '0' || b > '9') ? 1 : 0;
        }
        if (bad != 0) {
            throw new PinRejectedException(PinRule.NOT_DIGITS, typed.length,
                    "only the digits 0-9 are allowed (length " + typed.length + ")");
        }
    }

    private void checkLength(int length) {
        if (length == 0) {
            throw new PinRejectedException(PinRule.EMPTY, 0, "no digits were entered");
        }
        if (length < minLength) {
            throw new PinRejectedException(PinRule.TOO_SHORT, length,
                    "length " + length + " is below the minimum of " + minLength);
        }
        if (length > maxLength) {
            throw new PinRejectedException(PinRule.TOO_LONG, length,
                    "length " + length + " is above the maximum of " + maxLength);
        }
    }

    /**
     * Checks a PIN proposed for a new or changed code against the strength rules (its format was
     * checked when it was built, against the policy it was built with; it is checked again here).
     *
     * @throws PinRejectedException naming the rule and the length, never a digit
     */
    public void checkStrength(PinCode pin) {
        byte[] d = pin.digits();
        checkFormat(d);
        int n = d.length;
        if (rejectAllSameDigit && n > 1) {
            boolean same = true;
            for (int i = 1; i < n; i++) {
                same &= d[i] == d[0];
            }
            if (same) {
                throw new PinRejectedException(PinRule.ALL_SAME_DIGIT, n,
                        "all " + n + " digits are the same");
            }
        }
        if (rejectSequential && n > 2) {
            boolean up = true;
            boolean down = true;
            for (int i = 1; i < n; i++) {
                up &= d[i] == d[i - 1] + 1;
                down &= d[i] == d[i - 1] - 1;
            }
            if (up || down) {
                throw new PinRejectedException(PinRule.SEQUENTIAL, n,
                        "the " + n + " digits form one ascending or descending run");
            }
        }
        if (minDistinctDigits > 0) {
            int seen = 0;
            for (byte b : d) {
                seen |= 1 << (b - '0');
            }
            int distinct = Integer.bitCount(seen);
            if (distinct < minDistinctDigits) {
                throw new PinRejectedException(PinRule.TOO_FEW_DISTINCT_DIGITS, n,
                        distinct + " distinct digits, at least " + minDistinctDigits + " required");
            }
        }
        if (rejectCommonPins && isCommon(d)) {
            throw new PinRejectedException(PinRule.COMMON_PIN, n,
                    "the PIN is on the list of most common PINs (length " + n + ")");
        }
    }

    private static boolean isCommon(byte[] d) {
        for (String common : COMMON_PINS) {
            if (common.length() == d.length) {
                boolean same = true;
                for (int i = 0; i < d.length; i++) {
                    same &= common.charAt(i) == d[i];
                }
                if (same) {
                    return true;
                }
            }
        }
        return false;
    }
}
