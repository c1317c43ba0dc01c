package dev.access.crypto;

import java.util.Base64;

/**
 * A secret (a PIN) sealed with HPKE (RFC 9180, base mode, DHKEM(X25519, HKDF-SHA256), HKDF-SHA256,
 * AES-128-GCM) to one X25519 key: only the holder of the private half opens it, and any change to
 * it, or to the context it was sealed for, makes opening fail.
 *
 * @param enc the sender's encapsulated key (32 bytes), base64
 * @param ciphertext the AEAD ciphertext with its 16-byte tag, base64
 */
public record SealedSecret(String enc, String ciphertext) {
    /** The largest ciphertext accepted, in bytes (a PIN is at most 12 digits; this leaves room). */
    public static final int MAX_CIPHERTEXT = 256;

    /**
     * Checks the shape: {@code enc} 32 bytes and {@code ciphertext} 17 to {@value #MAX_CIPHERTEXT}
     * bytes, both canonical base64.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public SealedSecret {
        byte[] e = decode(enc, "enc");
        byte[] c = decode(ciphertext, "ciphertext");
        if (e.length != 32) {
            throw new IllegalArgumentException("a sealed secret's enc is 32 bytes, got " + e.length);
        }
        if (c.length < 17 || c.length > MAX_CIPHERTEXT) {
            throw new IllegalArgumentException("a sealed secret's ciphertext is 17 to " + MAX_CIPHERTEXT
                    + " bytes, got " + c.length);
        }
    }

    private static byte[] decode(String b64, String what) {
        if (b64 == null) {
            throw new IllegalArgumentException("a sealed secret needs its " + what);
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a sealed secret's " + what + " is not base64: '"
                    + Statements.shorten(b64) + "'", e);
        }
        if (!Base64.getEncoder().encodeToString(raw).equals(b64)) {
            throw new IllegalArgumentException("a sealed secret's " + what + " is not in canonical base64");
        }
        return raw;
    }

    byte[] encBytes() {
        return Base64.getDecoder().decode(enc);
    }

    byte[] ciphertextBytes() {
        return Base64.getDecoder().decode(ciphertext);
    }

    /** Shows sizes only. */
    @Override
    public String toString() {
        return "SealedSecret[" + ciphertextBytes().length + " bytes sealed]";
    }
}
