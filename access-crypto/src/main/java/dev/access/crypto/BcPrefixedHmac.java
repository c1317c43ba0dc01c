package dev.access.crypto;

import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA256Digest;

/**
 * HMAC-SHA-256 over Bouncy Castle's {@code SHA256Digest}, with the same precomputed inner and
 * outer states as {@link JdkPrefixedHmac}; each call copies them with the copy constructor.
 */
final class BcPrefixedHmac implements PrefixedHmac {
    private final SHA256Digest inner = new SHA256Digest();
    private final SHA256Digest outer = new SHA256Digest();

    BcPrefixedHmac(byte[] key, byte[] prefix) {
        byte[] block = PrefixedHmac.blockKey(key);
        byte[] ipad = PrefixedHmac.pad(block, 0x36);
        byte[] opad = PrefixedHmac.pad(block, 0x5c);
        inner.update(ipad, 0, ipad.length);
        inner.update(prefix, 0, prefix.length);
        outer.update(opad, 0, opad.length);
        Arrays.fill(block, (byte) 0);
        Arrays.fill(ipad, (byte) 0);
        Arrays.fill(opad, (byte) 0);
    }

    @Override
    public byte[] mac(byte[] message) {
        SHA256Digest in = new SHA256Digest(inner);
        in.update(message, 0, message.length);
        byte[] innerHash = new byte[32];
        in.doFinal(innerHash, 0);
        SHA256Digest out = new SHA256Digest(outer);
        out.update(innerHash, 0, 32);
        byte[] tag = new byte[32];
        out.doFinal(tag, 0);
        return tag;
    }
}
