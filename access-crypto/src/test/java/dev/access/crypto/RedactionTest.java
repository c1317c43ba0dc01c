package dev.access.crypto;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** No PIN digit run leaks through toString or rejection messages; PINs have no value equality and can be wiped. */
class RedactionTest {

    private static final String PIN = "73915846";

    /** Fails if {@code text} holds any run of two or more consecutive characters of {@code pin}. */
    static void assertNoDigitRun(String text, String pin) {
        for (int from = 0; from < pin.length() - 1; from++) {
            for (int to = from + 2; to <= pin.length(); to++) {
                String run = pin.substring(from, to);
                assertFalse(text.contains(run), () -> "'" + text + "' reveals the digit run " + run);
            }
        }
    }

    @Test
    void assertNoDigitRun_detectsALeak_soTheRedactionChecksCanFail() {
        assertThrows(AssertionError.class, () -> assertNoDigitRun("PIN was 915 or so", PIN));
        assertDoesNotThrow(() -> assertNoDigitRun("length 8, minimum 9", PIN));
    }

    @Test
    void toString_ofPinDigestDigesterAndKeyRings_revealsNoDigits(@TempDir Path dir) {
        PinCode pin = PinCode.of(PIN.toCharArray(), PinPolicy.strict());
        InMemoryKeyRing memory = InMemoryKeyRing.create();
        FileKeyRing file = FileKeyRing.open(dir.resolve("keyring"));
        for (KeyRing ring : new KeyRing[] {memory, file}) {
            int epoch = ring.createEpoch("front-door");
            for (DigestEngine engine : DigestEngine.values()) {
                CodeDigester digester = ring.digester("front-door", epoch, engine);
                CodeDigest digest = digester.digest(pin);

                assertNoDigitRun(digest.toString(), PIN);
                assertNoDigitRun(digester.toString(), PIN);
                // The digest's own bytes are not shown either.
                assertFalse(digest.toString().contains(TestBytes.hex(digest.toBytes()).substring(0, 8)));
            }
            // The signer names its public key id, random hex that may hold any digits; the rest is checked.
            CheckpointSigner signer = ring.checkpointSigner("front-door");
            assertNoDigitRun(signer.toString().replace(signer.publicKey().keyId(), ""), PIN);
        }
        assertNoDigitRun(pin.toString(), PIN);
        assertNoDigitRun(memory.toString(), PIN);
        // The temporary directory's random name may hold any digits, so only the rest is checked.
        String fileRing = file.toString();
        assertTrue(fileRing.contains(file.file().toString()), fileRing);
        assertNoDigitRun(fileRing.replace(file.file().toString(), ""), PIN);
    }

    static Stream<Arguments> rejections() {
        PinPolicy strict = PinPolicy.strict();
        return Stream.of(
                Arguments.of(PIN, strict.withLengths(9, 12), PinRule.TOO_SHORT),
                Arguments.of(PIN, strict.withLengths(4, 6), PinRule.TOO_LONG),
                Arguments.of("739158#6", strict, PinRule.NOT_DIGITS),
                Arguments.of("7391584\u0666", strict, PinRule.NOT_DIGITS),
                Arguments.of(PIN, new PinPolicy(6, 12, false, false, 9, false), PinRule.TOO_FEW_DISTINCT_DIGITS),
                Arguments.of("", strict, PinRule.EMPTY),
                Arguments.of("77777777", strict, PinRule.ALL_SAME_DIGIT),
                Arguments.of("23456789", strict, PinRule.SEQUENTIAL),
                Arguments.of("98765432", strict, PinRule.SEQUENTIAL),
                Arguments.of("73737373", strict, PinRule.TOO_FEW_DISTINCT_DIGITS),
                Arguments.of("12341234", strict, PinRule.COMMON_PIN),
                Arguments.of("696969", strict, PinRule.TOO_FEW_DISTINCT_DIGITS),
                Arguments.of("789456", strict, PinRule.COMMON_PIN));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("rejections")
    void rejectionMessage_forEveryRule_revealsNoDigitRunOfThePin(String typed, PinPolicy policy, PinRule rule) {
        PinRejectedException e = assertThrows(PinRejectedException.class, () -> {
            // Format rules fire in PinCode.of; strength rules when the PIN is proposed as a new code.
            PinCode pin = PinCode.of(typed.toCharArray(), policy);
            policy.checkStrength(pin);
        });

        assertEquals(rule, e.rule());
        assertEquals(typed.length(), e.length());
        assertNoDigitRun(e.getMessage(), typed.replaceAll("[^0-9]", ""));
        assertNoDigitRun(e.toString(), typed.replaceAll("[^0-9]", ""));
        assertNoDigitRun(e.getLocalizedMessage(), typed.replaceAll("[^0-9]", ""));
        assertNoDigitRun(e.getMessage(), PIN);
    }

    @Test
    void distinctivePin_passesTheStrictPolicy_soItsRejectionsAboveComeFromTheirPolicies() {
        PinCode pin = PinCode.of(PIN.toCharArray(), PinPolicy.strict());

        assertDoesNotThrow(() -> PinPolicy.strict().checkStrength(pin));
    }

    @Test
    void pinCode_hasNoValueBasedEquals() {
        PinCode a = PinCode.of(PIN.toCharArray(), PinPolicy.strict());
        PinCode b = PinCode.of(PIN.toCharArray(), PinPolicy.strict());

        assertNotEquals(a, b);
        assertEquals(a, a);
    }

    @Test
    void digest_afterWipe_throwsIllegalState() {
        InMemoryKeyRing ring = InMemoryKeyRing.create();
        CodeDigester digester = ring.digester("lock", ring.createEpoch("lock"));
        PinCode pin = PinCode.of(PIN.toCharArray(), PinPolicy.strict());
        CodeDigest before = digester.digest(pin);

        pin.wipe();

        assertTrue(pin.isWiped());
        assertThrows(IllegalStateException.class, () -> digester.digest(pin));
        assertThrows(IllegalStateException.class, () -> PinPolicy.strict().checkStrength(pin));
        assertEquals(before, digester.digest(PinCode.of(PIN.toCharArray(), PinPolicy.strict())));
    }

    /** Wiping overwrites the very buffer the digits lived in (not a copy, not just a flag). */
    @Test
    void wipe_zeroesTheDigitsBuffer() {
        PinCode pin = PinCode.of(PIN.toCharArray(), PinPolicy.strict());
        byte[] live = pin.digits();
        assertNotEquals(0, live[0]);

        pin.wipe();

        for (byte b : live) {
            assertEquals(0, b);
        }
    }

    @Test
    void close_wipesLikeWipe_andIsIdempotent() {
        InMemoryKeyRing ring = InMemoryKeyRing.create();
        CodeDigester digester = ring.digester("lock", ring.createEpoch("lock"), DigestEngine.BOUNCY_CASTLE);
        PinCode escaped;
        try (PinCode pin = PinCode.of(PIN.toCharArray(), PinPolicy.strict())) {
            escaped = pin;
            assertFalse(pin.isWiped());
        }

        assertTrue(escaped.isWiped());
        escaped.wipe();

        assertTrue(escaped.isWiped());
        assertThrows(IllegalStateException.class, () -> digester.digest(escaped));
    }

    @Test
    void pinCode_copiesTheTypedBuffer_soWipingTheCallersBufferChangesNothing() {
        InMemoryKeyRing ring = InMemoryKeyRing.create();
        CodeDigester digester = ring.digester("lock", ring.createEpoch("lock"));
        char[] typed = PIN.toCharArray();
        PinCode pin = PinCode.of(typed, PinPolicy.strict());
        CodeDigest before = digester.digest(pin);

        java.util.Arrays.fill(typed, '0');

        assertEquals(before, digester.digest(pin));
        assertNotEquals(before, digester.digest(PinCode.of(typed, PinPolicy.strict().withLengths(1, 8))));
    }

    @Test
    void theRedactedNames_stillSayWhatTheObjectIs() {
        InMemoryKeyRing ring = InMemoryKeyRing.create();
        int epoch = ring.createEpoch("front-door");
        CredentialTable strict = CredentialTable.empty(CredentialTable.Variant.STRICT)
                .with(CodeDigest.fromBytes(TestBytes.sequence(1, 32)), 3);

        assertEquals("PinCode[redacted]", PinCode.of(PIN.toCharArray(), PinPolicy.defaults()).toString());
        assertEquals("CredentialTable[STRICT, 1 entries]", strict.toString());
        assertEquals("OfflineCodeChecker[front-door, 10 digits, UTC, key redacted]",
                ring.offlineCodeChecker("front-door", epoch, 1, 10, java.time.ZoneId.of("UTC")).toString());
        OfflineCodeChecker checker = ring.offlineCodeChecker("front-door", epoch, 1, 12, java.time.ZoneId.of("Europe/Berlin"));
        assertEquals(12, checker.digits());
        assertEquals(java.time.ZoneId.of("Europe/Berlin"), checker.zone());
        assertEquals("CodeDigest[redacted]", CodeDigest.fromBytes(TestBytes.sequence(1, 32)).toString());
        assertEquals("CodeDigester[lock=front-door, epoch=" + epoch + "]",
                ring.digester("front-door", epoch, DigestEngine.JDK).toString());
        BackendIdentity backend = ring.createBackendIdentity();
        assertEquals("BackendIdentity[" + backend.publicKey().keyId() + ", private keys redacted]", backend.toString());
    }

    @Test
    void anIssuedOfflineCode_saysItsIdLockWindowAndKind_neverItsPin() {
        InMemoryKeyRing ring = InMemoryKeyRing.create();
        int epoch = ring.createEpoch("front-door");
        OfflineIssuingKey key = ring.offlineIssuingKey("front-door", epoch, 1, 10, java.time.ZoneId.of("UTC"));
        java.time.Instant from = java.time.Instant.parse("2026-06-01T10:00:00Z");
        try (IssuedOfflineCode oneTime = key.issue(OfflineCodes.fitPlain(from, from.plusSeconds(7200), true, 0));
                IssuedOfflineCode reusable = key.issue(OfflineCodes.fitPlain(from, from.plusSeconds(7200), false, 0))) {
            assertEquals("front-door", oneTime.lockId());
            String shown = oneTime.toString();
            assertTrue(shown.startsWith("IssuedOfflineCode[" + oneTime.codeId() + ", front-door, "), shown);
            assertTrue(shown.contains(", one-time") && shown.endsWith(", PIN redacted]"), shown);
            assertFalse(reusable.toString().contains("one-time"), reusable.toString());
            assertFalse(shown.contains("daily"), "a plain window has no daily hours: " + shown);
            assertFalse(shown.contains(new String(oneTime.pin())), "the PIN is not shown");
            int length = oneTime.pin().length;
            oneTime.close();
            assertArrayEquals(new char[length], oneTime.pin(), "closing overwrites the PIN");
            reusable.wipe();
            assertArrayEquals(new char[length], reusable.pin(), "wiping overwrites the PIN");
        }
    }
}
