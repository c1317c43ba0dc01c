package dev.access.crypto;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad PIN input and bad {@link PinPolicy} values are refused with the right rule and a message naming the value. */
class PinPolicyTest {

    private static final PinPolicy DEFAULTS = PinPolicy.defaults();

    static Stream<Arguments> badInput() {
        char[] longDigits = new char[10_000];
        Arrays.fill(longDigits, '7');
        char[] longLetters = new char[10_000];
        Arrays.fill(longLetters, 'x');
        return Stream.of(
                Arguments.of("null", null, PinRule.NULL_INPUT, 0),
                Arguments.of("empty", new char[0], PinRule.EMPTY, 0),
                Arguments.of("non-digit", "12a4".toCharArray(), PinRule.NOT_DIGITS, 4),
                Arguments.of("space", "1234 ".toCharArray(), PinRule.NOT_DIGITS, 5),
                Arguments.of("too short", "123".toCharArray(), PinRule.TOO_SHORT, 3),
                Arguments.of("too long", "123456789".toCharArray(), PinRule.TOO_LONG, 9),
                Arguments.of("10,000 digits", longDigits, PinRule.TOO_LONG, 10_000),
                Arguments.of("10,000 letters (length is checked first)", longLetters, PinRule.TOO_LONG, 10_000),
                Arguments.of("short and non-digit (length is checked first)", "1a".toCharArray(),
                        PinRule.TOO_SHORT, 2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void pinCodeOf_badChars_isRejectedWithTheRightRuleAndLength(String name, char[] typed, PinRule rule,
            int length) {
        PinRejectedException e = assertThrows(PinRejectedException.class, () -> PinCode.of(typed, DEFAULTS));

        assertEquals(rule, e.rule());
        assertEquals(length, e.length());
        assertTrue(e.getMessage().contains(rule.name()), e.getMessage());
        assertTrue(e.getMessage().length() < 200, "the message does not echo the input");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void pinCodeOf_badBytes_isRejectedWithTheRightRuleAndLength(String name, char[] typed, PinRule rule,
            int length) {
        byte[] bytes = typed == null ? null : new String(typed).getBytes(java.nio.charset.StandardCharsets.US_ASCII);

        PinRejectedException e = assertThrows(PinRejectedException.class, () -> PinCode.of(bytes, DEFAULTS));

        assertEquals(rule, e.rule());
        assertEquals(length, e.length());
    }

    @Test
    void pinCodeOf_byteAboveAscii_isNotDigits() {
        PinRejectedException e = assertThrows(PinRejectedException.class,
                () -> PinCode.of(new byte[] {'1', '2', (byte) 0xB3, '4'}, DEFAULTS));

        assertEquals(PinRule.NOT_DIGITS, e.rule());
    }

    @Test
    void pinCodeOf_validPin_isAccepted_atBothLengthBounds() {
        assertEquals(4, PinCode.of("0000".toCharArray(), DEFAULTS).length());
        assertEquals(8, PinCode.of("99999999".toCharArray(), DEFAULTS).length());
        assertEquals(6, PinCode.of("012345".getBytes(java.nio.charset.StandardCharsets.US_ASCII), DEFAULTS).length());
    }

    static Stream<Arguments> badPolicies() {
        return Stream.of(
                Arguments.of(0, 8, 0, "was 0"),
                Arguments.of(-1, 8, 0, "was -1"),
                Arguments.of(33, 33, 0, "was 33"),
                Arguments.of(6, 5, 0, "was 5"),
                Arguments.of(4, 33, 0, "was 33"),
                Arguments.of(4, Integer.MAX_VALUE, 0, "was " + Integer.MAX_VALUE),
                Arguments.of(4, 8, -1, "was -1"),
                Arguments.of(4, 12, 11, "was 11"),
                Arguments.of(1, 4, 5, "minDistinctDigits 5"));
    }

    @ParameterizedTest(name = "min={0} max={1} distinct={2}")
    @MethodSource("badPolicies")
    void constructor_outOfRangeValue_isRejectedNamingTheValue(int min, int max, int distinct, String named) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PinPolicy(min, max, false, false, distinct, false));

        assertTrue(e.getMessage().contains(named), e.getMessage());
    }

    @Test
    void constructor_valuesAtTheLimits_areAccepted() {
        assertDoesNotThrow(() -> new PinPolicy(1, 1, true, true, 1, true));
        assertDoesNotThrow(() -> new PinPolicy(32, 32, false, false, 10, false));
        assertEquals(new PinPolicy(6, 8, true, true, 3, true), PinPolicy.strict());
        assertEquals(new PinPolicy(4, 8, false, false, 0, false), PinPolicy.defaults());
        assertEquals(new PinPolicy(5, 10, true, true, 3, true), PinPolicy.strict().withLengths(5, 10));
        assertThrows(IllegalArgumentException.class, () -> PinPolicy.strict().withLengths(8, 7));
    }

    static Stream<Arguments> strengthRules() {
        PinPolicy strict = PinPolicy.strict();
        return Stream.of(
                Arguments.of("555555", strict, PinRule.ALL_SAME_DIGIT),
                Arguments.of("345678", strict, PinRule.SEQUENTIAL),
                Arguments.of("98765432", strict, PinRule.SEQUENTIAL),
                Arguments.of("112112", strict, PinRule.TOO_FEW_DISTINCT_DIGITS),
                Arguments.of("123321", strict, PinRule.COMMON_PIN),
                Arguments.of("12341234", strict, PinRule.COMMON_PIN),
                Arguments.of("890123", strict, null),
                Arguments.of("739158", strict, null),
                Arguments.of("1234", DEFAULTS, null),
                Arguments.of("1111", DEFAULTS, null));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("strengthRules")
    void checkStrength_appliesEachRule(String digits, PinPolicy policy, PinRule expected) {
        PinCode pin = PinCode.of(digits.toCharArray(), policy);

        if (expected == null) {
            assertDoesNotThrow(() -> policy.checkStrength(pin));
        } else {
            PinRejectedException e = assertThrows(PinRejectedException.class, () -> policy.checkStrength(pin));
            assertEquals(expected, e.rule());
            assertEquals(digits.length(), e.length());
        }
    }

    @Test
    void checkStrength_rechecksTheFormatAgainstItsOwnPolicy() {
        PinCode fourDigits = PinCode.of("7391".toCharArray(), DEFAULTS);

        PinRejectedException e = assertThrows(PinRejectedException.class,
                () -> PinPolicy.strict().checkStrength(fourDigits));

        assertEquals(PinRule.TOO_SHORT, e.rule());
    }
}
