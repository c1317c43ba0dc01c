package dev.access.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;

/**
 * The public half of an X25519 sealing key: what a sender needs to seal a secret (a PIN) so that
 * only the holder of the private half can open it. A lock has one per key epoch, a backend one for
 * its identity.
 *
 * <p>Guarantees: holds exactly 32 bytes; immutable.
 */
public final class SealingPublicKey {
    private final byte[] raw;
    private final String keyId;

    private SealingPublicKey(byte[] raw) {
        this.raw = raw;
        this.keyId = Bytes.hex(Arrays.copyOf(sha256(raw), 8));
    }

    /**
     * The key from its 32 raw bytes.
     *
     * @throws IllegalArgumentException if it is not 32 bytes
     */
    public static SealingPublicKey of(byte[] raw) {
        if (raw == null || raw.length != X25519PublicKeyParameters.KEY_SIZE) {
            throw new IllegalArgumentException("an X25519 public key is 32 bytes, got "
                    + (raw == null ? "none" : raw.length));
        }
        return new SealingPublicKey(raw.clone());
    }

    /**
     * The key from its base64 text (as {@link #base64()} writes it).
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static SealingPublicKey fromBase64(String b64) {
        if (b64 == null) {
            throw new IllegalArgumentException("no X25519 public key given");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(b64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the X25519 public key is not base64: '"
                    + Statements.shorten(b64) + "'", e);
        }
        return of(raw);
    }

    /**
     * Seals a PIN to this key (HPKE, see {@link SealedSecret}) for {@code context} (which the
     * opener must give again, e.g. the lock, its key epoch and the slot). The PIN is left as it is.
     */
    public SealedSecret sealPin(PinCode pin, String context) {
        byte[] digits = pin.digits();
        try {
            return Hpke.seal(raw, info(context), Bytes.utf8(context), digits);
        } finally {
            java.util.Arrays.fill(digits, (byte) 0);
        }
    }

    /** The HPKE info for a context: a fixed label and the context. */
    static byte[] info(String context) {
        return Bytes.concat(Bytes.utf8("access/sealed-pin/v1"), new byte[] {0}, Bytes.utf8(context));
    }

    /** The 32 raw bytes (a copy). */
    public byte[] raw() {
        return raw.clone();
    }

    /** The key in base64. */
    public String base64() {
        return Base64.getEncoder().encodeToString(raw);
    }

    /** 16 hex characters: the first 8 bytes of SHA-256 over the key. */
    public String keyId() {
        return keyId;
    }

    /** Same key bytes. */
    @Override
    public boolean equals(Object o) {
        return o instanceof SealingPublicKey && Arrays.equals(raw, ((SealingPublicKey) o).raw);
    }

    @Override
    public int hashCode() {
        return keyId.hashCode();
    }

    @Override
    public String toString() {
        return "SealingPublicKey[" + keyId + "]";
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
