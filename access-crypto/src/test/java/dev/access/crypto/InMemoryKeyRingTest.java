package dev.access.crypto;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link InMemoryKeyRing} against the {@link KeyRingContract}. */
class InMemoryKeyRingTest extends KeyRingContract {

    @Override
    KeyRing newRing() {
        return InMemoryKeyRing.create();
    }

    @Test
    void twoRings_digestTheSamePinDifferently() {
        InMemoryKeyRing a = InMemoryKeyRing.create();
        InMemoryKeyRing b = InMemoryKeyRing.create();
        int ea = a.createEpoch(LOCK);
        int eb = b.createEpoch(LOCK);
        try (PinCode pin = PinCode.of("482913".getBytes(java.nio.charset.StandardCharsets.US_ASCII), PinPolicy.defaults())) {
            assertFalse(a.digester(LOCK, ea, DigestEngine.JDK).digest(pin)
                    .equals(b.digester(LOCK, eb, DigestEngine.JDK).digest(pin)), "two rings share no key");
        }
    }

    @Test
    void toString_isRedacted() {
        InMemoryKeyRing ring = InMemoryKeyRing.create();
        ring.createEpoch(LOCK);

        String shown = ring.toString();

        assertTrue(shown.contains("redacted"), shown);
        assertFalse(shown.contains("="), "no base64 key material: " + shown);
    }
}
