package dev.access.crypto;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/** HKDF-SHA-256 (RFC 5869) through Bouncy Castle, and the labels this library derives with. */
final class KeyDerivation {
    private KeyDerivation() {
    }

    /** RFC 5869 extract-and-expand. */
    static byte[] hkdf(byte[] ikm, byte[] salt, byte[] info, int length) {
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(ikm, salt, info));
        byte[] out = new byte[length];
        hkdf.generateBytes(out, 0, length);
        return out;
    }

    /** The PIN key of one lock and epoch. */
    static byte[] pinKey(byte[] root, byte[] epochSalt, String lockId, int epoch) {
        byte[] info = Bytes.concat(Bytes.utf8("access/pin-key/v1"), new byte[] {0},
                Bytes.utf8(lockId), new byte[] {0, (byte) (epoch >>> 24), (byte) (epoch >>> 16),
                    (byte) (epoch >>> 8), (byte) epoch});
        return hkdf(root, epochSalt, info, 32);
    }

    /** The X25519 private key of one lock's epoch: derived from the epoch's salt, so destroyed with it. */
    static byte[] sealingKey(byte[] root, byte[] epochSalt, String lockId, int epoch) {
        byte[] info = Bytes.concat(Bytes.utf8("access/sealing-key/v1"), new byte[] {0},
                Bytes.utf8(lockId), new byte[] {0, (byte) (epoch >>> 24), (byte) (epoch >>> 16),
                    (byte) (epoch >>> 8), (byte) epoch});
        return hkdf(root, epochSalt, info, 32);
    }

    /**
     * The offline-code issuing key of one lock's epoch and generation: derived from the epoch's salt,
     * so destroyed with it; a new generation gives an unrelated key.
     */
    static byte[] offlineIssuingKey(byte[] root, byte[] epochSalt, String lockId, int epoch, int generation) {
        byte[] info = Bytes.concat(Bytes.utf8("access/offline-issuing-key/v1"), new byte[] {0},
                Bytes.utf8(lockId), new byte[] {0, (byte) (epoch >>> 24), (byte) (epoch >>> 16),
                    (byte) (epoch >>> 8), (byte) epoch, (byte) (generation >>> 24), (byte) (generation >>> 16),
                    (byte) (generation >>> 8), (byte) generation});
        return hkdf(root, epochSalt, info, 32);
    }

    /** One of a backend identity's private keys ({@code purpose}: "signing" or "sealing"). */
    static byte[] backendKey(byte[] root, byte[] identitySeed, String purpose) {
        return hkdf(root, identitySeed, Bytes.utf8("access/backend-key/v1/" + purpose), 32);
    }
}
