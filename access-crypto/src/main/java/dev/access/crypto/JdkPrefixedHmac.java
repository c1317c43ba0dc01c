package dev.access.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * HMAC-SHA-256 over the JDK's {@code MessageDigest}: the inner state after (key XOR ipad) and the
 * prefix, and the outer state after (key XOR opad), are computed once; each call clones them.
 * The templates are never updated after construction, so concurrent clones are safe.
 */
final class JdkPrefixedHmac implements PrefixedHmac {
    private final MessageDigest inner;
    private final MessageDigest outer;

    JdkPrefixedHmac(byte[] key, byte[] prefix) {
        byte[] block = PrefixedHmac.blockKey(key);
        byte[] ipad = PrefixedHmac.pad(block, 0x36);
        byte[] opad = PrefixedHmac.pad(block, 0x5c);
        try {
            inner = MessageDigest.getInstance("SHA-256");
            outer = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
        inner.update(ipad);
        inner.update(prefix);
        outer.update(opad);
        Arrays.fill(block, (byte) 0);
        Arrays.fill(ipad, (byte) 0);
        Arrays.fill(opad, (byte) 0);
        try {
            inner.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("this JDK's SHA-256 cannot be cloned", e);
        }
    }

    @Override
    public byte[] mac(byte[] message) {
        try {
            MessageDigest in = (MessageDigest) inner.clone();
            in.update(message);
            byte[] innerHash = in.digest();
            MessageDigest out = (MessageDigest) outer.clone();
            out.update(innerHash);
            return out.digest();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("checked cloneable at construction", e);
        }
    }
}
