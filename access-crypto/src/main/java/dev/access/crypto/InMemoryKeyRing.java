package dev.access.crypto;

import java.security.SecureRandom;
import java.util.Map;

/**
 * A {@link KeyRing} that lives only in memory: for tests and simulations. Everything it holds is
 * lost with the process, so the codes digested under it can never be checked again after a
 * restart. Use {@link FileKeyRing} for a real lock.
 */
public final class InMemoryKeyRing extends DerivingKeyRing {
    private InMemoryKeyRing(SecureRandom random) {
        super(random, randomRoot(random), Map.of());
    }

    /** A key ring with a fresh random root secret. */
    public static InMemoryKeyRing create() {
        return new InMemoryKeyRing(new SecureRandom());
    }

    private static byte[] randomRoot(SecureRandom random) {
        byte[] root = new byte[32];
        random.nextBytes(root);
        return root;
    }

    @Override
    void persist(byte[] root, Map<String, LockKeys> state) {
        // Nothing to persist.
    }
}
