package dev.access.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PINs sealed to a lock's epoch key (HPKE) open only inside that lock's key ring, for that context. */
class SealedPinTest {
    private static final String LOCK = "front-door";
    private static final String CONTEXT = "front-door/1/slot/3";

    @TempDir
    Path dir;

    private static PinCode pin(String digits) {
        return PinCode.of(digits.toCharArray(), PinPolicy.defaults());
    }

    private static String digits(PinCode p) {
        StringBuilder b = new StringBuilder();
        for (byte d : p.digits()) {
            b.append((char) d);
        }
        return b.toString();
    }

    @Test
    void aSealedPin_opensInTheLocksKeyRing_afterARestart() {
        FileKeyRing ring = FileKeyRing.open(dir.resolve("keys"));
        int epoch = ring.createEpoch(LOCK);
        SealedSecret sealed;
        try (PinCode p = pin("73915846")) {
            sealed = ring.sealingPublicKey(LOCK, epoch).sealPin(p, CONTEXT);
            assertFalse(p.isWiped(), "sealing leaves the caller's PIN alone");
        }
        assertFalse(sealed.toString().contains("7391"), sealed.toString());
        try (PinCode opened = FileKeyRing.open(dir.resolve("keys")).unsealPin(LOCK, epoch, sealed, CONTEXT,
                PinPolicy.defaults())) {
            assertEquals("73915846", digits(opened));
        }
    }

    @Test
    void sealingTwice_givesDifferentCiphertexts() {
        InMemoryKeyRing ring = InMemoryKeyRing.create();
        int epoch = ring.createEpoch(LOCK);
        SealingPublicKey key = ring.sealingPublicKey(LOCK, epoch);
        try (PinCode p = pin("73915846")) {
            SealedSecret a = key.sealPin(p, CONTEXT);
            SealedSecret b = key.sealPin(p, CONTEXT);
            assertNotEquals(a.enc(), b.enc());
            assertNotEquals(a.ciphertext(), b.ciphertext());
        }
    }

    @Test
    void anotherContext_epoch_lock_orAChangedByte_doesNotOpen() {
        InMemoryKeyRing ring = InMemoryKeyRing.create();
        int e1 = ring.createEpoch(LOCK);
        int e2 = ring.createEpoch(LOCK);
        ring.createEpoch("back-door");
        SealedSecret sealed;
        try (PinCode p = pin("73915846")) {
            sealed = ring.sealingPublicKey(LOCK, e1).sealPin(p, CONTEXT);
        }
        PinPolicy policy = PinPolicy.defaults();
        assertThrows(SealedSecretException.class, () -> ring.unsealPin(LOCK, e1, sealed, "front-door/1/slot/4", policy));
        assertThrows(SealedSecretException.class, () -> ring.unsealPin(LOCK, e2, sealed, CONTEXT, policy));
        assertThrows(SealedSecretException.class, () -> ring.unsealPin("back-door", 1, sealed, CONTEXT, policy));
        byte[] ct = Base64.getDecoder().decode(sealed.ciphertext());
        ct[ct.length / 2] ^= 1;
        SealedSecret changed = new SealedSecret(sealed.enc(), Base64.getEncoder().encodeToString(ct));
        SealedSecretException e = assertThrows(SealedSecretException.class,
                () -> ring.unsealPin(LOCK, e1, changed, CONTEXT, policy));
        assertFalse(e.getMessage().contains("7391"));
        // Another ring (another lock's, or the backend's) cannot open it either.
        InMemoryKeyRing other = InMemoryKeyRing.create();
        other.createEpoch(LOCK);
        assertThrows(SealedSecretException.class, () -> other.unsealPin(LOCK, 1, sealed, CONTEXT, policy));
    }

    @Test
    void aDestroyedEpoch_cannotOpenWhatWasSealedToIt() {
        InMemoryKeyRing ring = InMemoryKeyRing.create();
        int e1 = ring.createEpoch(LOCK);
        SealedSecret sealed;
        try (PinCode p = pin("73915846")) {
            sealed = ring.sealingPublicKey(LOCK, e1).sealPin(p, CONTEXT);
        }
        ring.destroyEpoch(LOCK, e1);
        assertThrows(KeyUnavailableException.class, () -> ring.unsealPin(LOCK, e1, sealed, CONTEXT, PinPolicy.defaults()));
    }

    @Test
    void aSealedSecretsShape_isChecked() {
        String enc32 = Base64.getEncoder().encodeToString(new byte[32]);
        String ct20 = Base64.getEncoder().encodeToString(new byte[20]);
        assertThrows(IllegalArgumentException.class, () -> new SealedSecret(null, ct20));
        assertThrows(IllegalArgumentException.class, () -> new SealedSecret("***", ct20));
        assertThrows(IllegalArgumentException.class,
                () -> new SealedSecret(Base64.getEncoder().encodeToString(new byte[31]), ct20));
        assertThrows(IllegalArgumentException.class,
                () -> new SealedSecret(enc32, Base64.getEncoder().encodeToString(new byte[16])));
        assertThrows(IllegalArgumentException.class,
                () -> new SealedSecret(enc32, Base64.getEncoder().encodeToString(new byte[SealedSecret.MAX_CIPHERTEXT + 1])));
        assertTrue(new SealedSecret(enc32, ct20).toString().contains("20 bytes"));
        // The bounds themselves are accepted: 17 bytes (a tag and one byte) and the maximum.
        assertTrue(new SealedSecret(enc32, Base64.getEncoder().encodeToString(new byte[17])).toString()
                .contains("17 bytes"));
        assertTrue(new SealedSecret(enc32, Base64.getEncoder().encodeToString(new byte[SealedSecret.MAX_CIPHERTEXT]))
                .toString().contains(SealedSecret.MAX_CIPHERTEXT + " bytes"));
    }
}
