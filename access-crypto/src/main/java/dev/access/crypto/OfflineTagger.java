package dev.access.crypto;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * HMAC-SHA-256 of offline-code messages under one issuing key, for one thread: two reused
 * {@code MessageDigest}s and buffers, no allocation per tag (checking a lock's codes computes
 * thousands of tags at once; a search computes millions).
 */
final class OfflineTagger {
    private final byte[] ipad;
    private final byte[] opad;
    private final byte[] label = OfflineCodes.label();
    private final MessageDigest inner;
    private final MessageDigest outer;
    private final byte[] innerHash = new byte[32];
    final byte[] tag = new byte[32];
    final byte[] message = new byte[16];

    /** {@code pads} is {ipad, opad} of the key (64 bytes each); not copied: the owner keeps them. */
    OfflineTagger(byte[][] pads) {
        this.ipad = pads[0];
        this.opad = pads[1];
        try {
            inner = MessageDigest.getInstance("SHA-256");
            outer = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** The key's {ipad, opad}. */
    static byte[][] pads(byte[] key) {
        byte[] block = PrefixedHmac.blockKey(key);
        byte[][] pads = {PrefixedHmac.pad(block, 0x36), PrefixedHmac.pad(block, 0x5c)};
        Arrays.fill(block, (byte) 0);
        return pads;
    }

    /** Computes the tag of {@link #message} (for {@code v} and {@code digits}) into {@link #tag}. */
    void tag(OfflineValidity v, int digits) {
        OfflineCodes.message(v, digits, message);
        try {
            inner.update(ipad);
            inner.update(label);
            inner.update(message);
            inner.digest(innerHash, 0, 32);
            outer.update(opad);
            outer.update(innerHash);
            outer.digest(tag, 0, 32);
        } catch (DigestException e) {
            throw new IllegalStateException("SHA-256 output does not fit 32 bytes", e);
        }
    }

    /** The PIN value of the last tag. */
    long pinValue(int digits) {
        return OfflineCodes.pinValue(tag, digits);
    }

    /** Bytes 8 to 15 of the last tag (the code id's value). */
    long idValue() {
        return Bytes.longAt(tag, 8);
    }

    /** Overwrites the buffers. */
    void wipe() {
        Arrays.fill(innerHash, (byte) 0);
        Arrays.fill(tag, (byte) 0);
    }
}
