package dev.access.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Properties: {@link PinPolicy} accepts exactly the PINs its fields describe, for format and strength. */
class PinPolicyProperties {

    /** The published list, restated independently of the main code. */
    private static final Set<String> COMMON = Set.of(
            "1234", "1111", "0000", "1212", "7777", "1004", "2000", "4444", "2222", "6969",
            "9999", "3333", "5555", "6666", "1122", "1313", "8888", "4321", "2001", "1010",
            "123456", "654321", "111111", "000000", "123123", "666666", "121212", "112233",
            "789456", "159753", "123321", "696969", "012345", "12345678", "11111111",
            "87654321", "00000000", "12341234");

    /** Characters that are not ASCII digits, several of them near or disguised as digits. */
    private static final List<Character> NON_DIGITS = List.of('/', ':', ' ', 'a', 'O', '\0', '\n',
            '\u0660' /* Arabic-Indic zero */, '\uFF13' /* fullwidth 3 */, '\u0135' /* low byte '5' */,
            '\u0130' /* low byte '0' */, '\uFFFF', '\u00B2' /* superscript two */, '-', '+');

    private static Gen<PinPolicy> policies() {
        return Generate.range(1, PinPolicy.MAX_SUPPORTED_LENGTH)
                .zip(Generate.range(0, PinPolicy.MAX_SUPPORTED_LENGTH), Generate.range(0, 15),
                        Generate.range(0, 10), (min, extra, flags, distinct) -> {
                            int max = Math.min(PinPolicy.MAX_SUPPORTED_LENGTH, min + extra);
                            return new PinPolicy(min, max, (flags & 1) != 0, (flags & 2) != 0,
                                    Math.min(distinct, max), (flags & 4) != 0);
                        });
    }

    private static Gen<Character> digits() {
        return Generate.range('0', '9').map(i -> (char) i.intValue());
    }

    private static Gen<char[]> typedChars() {
        Gen<Character> mixed = digits().mix(Generate.pick(NON_DIGITS), 15)
                .mix(Generate.characters(0, 0xFFFF), 5);
        Gen<List<Character>> allDigits = lists().of(digits()).ofSizeBetween(0, 40);
        Gen<List<Character>> someOthers = lists().of(mixed).ofSizeBetween(0, 40);
        return Generate.oneOf(allDigits, someOthers).map(list -> {
            char[] out = new char[list.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = list.get(i);
            }
            return out;
        });
    }

    private static boolean allAsciiDigits(char[] typed) {
        for (char c : typed) {
            if ("0123456789".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The rule a naive reading of the policy's format rules says the input breaks, or null. */
    private static PinRule expectedFormatRule(int length, boolean digitsOnly, PinPolicy policy) {
        if (length == 0) {
            return PinRule.EMPTY;
        }
        if (length < policy.minLength()) {
            return PinRule.TOO_SHORT;
        }
        if (length > policy.maxLength()) {
            return PinRule.TOO_LONG;
        }
        return digitsOnly ? null : PinRule.NOT_DIGITS;
    }

    @Test
    void pinCodeOfChars_succeedsExactlyForDigitsWithinTheLengthBounds() {
        Set<String> seen = new HashSet<>();
        qt().withExamples(2000).forAll(typedChars(), policies()).checkAssert((typed, policy) -> {
            char[] copy = typed.clone();
            PinRule expected = expectedFormatRule(typed.length, allAsciiDigits(typed), policy);
            seen.add(String.valueOf(expected));
            if (expected == null) {
                PinCode pin = PinCode.of(typed, policy);
                assertEquals(typed.length, pin.length());
                assertArrayEquals(new String(typed).getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                        pin.digits());
            } else {
                PinRejectedException e = assertThrows(PinRejectedException.class, () -> PinCode.of(typed, policy),
                        () -> "length " + typed.length + " under " + policy);
                assertEquals(expected, e.rule(), e.getMessage());
                assertEquals(typed.length, e.length());
            }
            assertArrayEquals(copy, typed, "the caller's buffer is not modified");
        });
        assertEquals(Set.of("null", "EMPTY", "TOO_SHORT", "TOO_LONG", "NOT_DIGITS"), seen,
                "the generators reach every outcome");
    }

    @Test
    void pinCodeOfBytes_succeedsExactlyForAsciiDigitsWithinTheLengthBounds() {
        Gen<byte[]> typed = Generate.byteArrays(Generate.range(0, 40),
                Generate.bytes((byte) '0', (byte) '9', (byte) '0')
                        .mix(Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0), 20));
        qt().withExamples(2000).forAll(typed, policies()).checkAssert((bytes, policy) -> {
            boolean digitsOnly = true;
            for (byte b : bytes) {
                digitsOnly &= b >= '0' && b <= '9';
            }
            PinRule expected = expectedFormatRule(bytes.length, digitsOnly, policy);
            if (expected == null) {
                assertEquals(bytes.length, PinCode.of(bytes, policy).length());
            } else {
                PinRejectedException e = assertThrows(PinRejectedException.class, () -> PinCode.of(bytes, policy));
                assertEquals(expected, e.rule(), e.getMessage());
                assertEquals(bytes.length, e.length());
            }
        });
    }

    /** Digit strings that are often weak: few distinct digits, runs, or common PINs. */
    private static Gen<String> candidatePins() {
        Gen<String> fromSmallAlphabet = Generate.range(1, 10).zip(Generate.range(1, 32),
                Generate.longRange(0, Long.MAX_VALUE), (alphabet, length, seed) -> {
                    java.util.Random r = new java.util.Random(seed);
                    StringBuilder sb = new StringBuilder();
                    for (int i = 0; i < length; i++) {
                        sb.append((char) ('0' + r.nextInt(alphabet)));
                    }
                    return sb.toString();
                });
        Gen<String> runs = Generate.range(0, 9).zip(Generate.range(1, 10), Generate.booleans(),
                (start, length, up) -> {
                    StringBuilder sb = new StringBuilder();
                    for (int i = 0; i < length; i++) {
                        // Wraps past 9 or 0, which is not a run.
                        sb.append((char) ('0' + Math.floorMod(start + (up ? i : -i), 10)));
                    }
                    return sb.toString();
                });
        Gen<String> common = Generate.pick(List.copyOf(COMMON));
        return Generate.oneOf(fromSmallAlphabet, runs, common);
    }

    /** The rule a naive reading of the strength rules says the PIN breaks, or null. */
    private static PinRule expectedStrengthRule(String pin, PinPolicy p) {
        PinRule format = expectedFormatRule(pin.length(), true, p);
        if (format != null) {
            return format;
        }
        long distinct = pin.chars().distinct().count();
        if (p.rejectAllSameDigit() && pin.length() > 1 && distinct == 1) {
            return PinRule.ALL_SAME_DIGIT;
        }
        if (p.rejectSequential() && pin.length() > 2
                && ("0123456789".contains(pin) || "9876543210".contains(pin))) {
            return PinRule.SEQUENTIAL;
        }
        if (distinct < p.minDistinctDigits()) {
            return PinRule.TOO_FEW_DISTINCT_DIGITS;
        }
        if (p.rejectCommonPins() && COMMON.contains(pin)) {
            return PinRule.COMMON_PIN;
        }
        return null;
    }

    @Test
    void checkStrength_agreesWithNaiveRules() {
        PinPolicy anyLength = new PinPolicy(1, PinPolicy.MAX_SUPPORTED_LENGTH, false, false, 0, false);
        Set<String> seen = new HashSet<>();
        qt().withExamples(3000).forAll(candidatePins(), policies()).checkAssert((digits, policy) -> {
            PinCode pin = PinCode.of(digits.toCharArray(), anyLength);
            PinRule expected = expectedStrengthRule(digits, policy);
            seen.add(String.valueOf(expected));
            try {
                policy.checkStrength(pin);
                if (expected != null) {
                    fail("expected " + expected + " for a " + digits.length() + "-digit PIN under " + policy);
                }
            } catch (PinRejectedException e) {
                assertEquals(expected, e.rule(), e.getMessage());
                assertEquals(digits.length(), e.length());
            }
            assertEquals(false, pin.isWiped(), "checkStrength does not wipe the PIN");
        });
        assertEquals(Set.of("null", "TOO_SHORT", "TOO_LONG", "ALL_SAME_DIGIT", "SEQUENTIAL",
                "TOO_FEW_DISTINCT_DIGITS", "COMMON_PIN"), seen, "the generators reach every outcome");
    }
}
