package dev.access.crypto;

import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.hpke.HPKEContextWithEncapsulation;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;

/** HPKE (RFC 9180) base mode with DHKEM(X25519, HKDF-SHA256), HKDF-SHA256 and AES-128-GCM, through Bouncy Castle. */
final class Hpke {
    private Hpke() {
    }

    private static HPKE suite() {
        return new HPKE(HPKE.mode_base, HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256, HPKE.aead_AES_GCM128);
    }

    /** Seals {@code plaintext} to the X25519 key {@code recipient} for {@code info} and {@code aad}. */
    static SealedSecret seal(byte[] recipient, byte[] info, byte[] aad, byte[] plaintext) {
        HPKEContextWithEncapsulation ctx = suite().setupBaseS(new X25519PublicKeyParameters(recipient, 0), info);
        try {
            byte[] ct = ctx.seal(aad, plaintext);
            Base64.Encoder b64 = Base64.getEncoder();
            return new SealedSecret(b64.encodeToString(ctx.getEncapsulation()), b64.encodeToString(ct));
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("HPKE sealing failed", e);
        }
    }

    /**
     * Opens {@code sealed} with the X25519 private key {@code privateKey}; the caller wipes the result.
     *
     * @throws SealedSecretException if it does not open
     */
    static byte[] open(byte[] privateKey, byte[] info, byte[] aad, SealedSecret sealed) {
        X25519PrivateKeyParameters sk = new X25519PrivateKeyParameters(privateKey, 0);
        AsymmetricCipherKeyPair pair = new AsymmetricCipherKeyPair(sk.generatePublicKey(), sk);
        byte[] ct = sealed.ciphertextBytes();
        try {
            return suite().setupBaseR(sealed.encBytes(), pair, info).open(aad, ct);
        } catch (InvalidCipherTextException | IllegalArgumentException e) {
            throw new SealedSecretException("the sealed secret does not open with this key and context: it was sealed"
                    + " to another key or for another lock, epoch or slot, or it was changed");
        } finally {
            Arrays.fill(ct, (byte) 0);
        }
    }
}
