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
    void toString_isRedacted() {
        InMemoryKeyRing ring = InMemoryKeyRing.create();
        ring.createEpoch(LOCK);

        String shown = ring.toString();

        assertTrue(shown.contains("redacted"), shown);
        assertFalse(shown.contains("="), "no base64 key material: " + shown);
    }
}
