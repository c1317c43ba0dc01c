package dev.access.bench.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Bare HMAC-SHA-256 implementations outside the library, over the same message the library
 * digests ({@code "access/pin/v1" ‖ 0x00 ‖ digits}): the floors and peers of the benchmarks.
 */
public final class Hmacs {
    /** The library's PIN domain label, so every floor hashes a message of the same length. */
    public static final byte[] LABEL = "access/pin/v1\0".getBytes(StandardCharsets.US_ASCII);

    private Hmacs() {
    }

    /** A fixed benchmark key (the key's value does not change the cost). */
    public static byte[] key() {
        byte[] k = new byte[32];
        for (int i = 0; i < k.length; i++) {
            k[i] = (byte) (i * 37 + 11);
        }
        return k;
    }

    /**
     * HMAC-SHA-256 with the JDK's {@code MessageDigest}: keyed inner (with the label absorbed) and
     * outer states computed once, cloned per call. Thread-safe (the templates are never updated).
     * This is the fastest HMAC the JDK offers for short messages: two SHA-256 compressions.
     */
    public static final class PadStateClone {
        private final MessageDigest inner;
        private final MessageDigest outer;

        /** Precomputes the pad states for {@code key}. */
        public PadStateClone(byte[] key) {
            try {
                inner = MessageDigest.getInstance("SHA-256");
                outer = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            byte[] block = Arrays.copyOf(key, 64);
            byte[] ipad = new byte[64];
            byte[] opad = new byte[64];
            for (int i = 0; i < 64; i++) {
                ipad[i] = (byte) (block[i] ^ 0x36);
                opad[i] = (byte) (block[i] ^ 0x5c);
            }
            inner.update(ipad);
            inner.update(LABEL);
            outer.update(opad);
        }

        /** The tag of {@code LABEL ‖ message}. */
        public byte[] mac(byte[] message) {
            try {
                MessageDigest in = (MessageDigest) inner.clone();
                in.update(message);
                byte[] ih = in.digest();
                MessageDigest out = (MessageDigest) outer.clone();
                out.update(ih);
                return out.digest();
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A {@code javax.crypto.Mac} (SunJCE HmacSHA256) keyed once; one per thread. */
    public static Mac jcaMac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The tag of {@code LABEL ‖ message} with a reused JCA Mac. */
    public static byte[] jca(Mac mac, byte[] message) {
        mac.update(LABEL);
        mac.update(message);
        return mac.doFinal();
    }

    /** A Bouncy Castle {@code HMac(SHA256Digest)} keyed once; one per thread. */
    public static HMac bcHMac(byte[] key) {
        HMac mac = new HMac(new SHA256Digest());
        mac.init(new KeyParameter(key));
        return mac;
    }

    /** The tag of {@code LABEL ‖ message} with a reused BC HMac (doFinal resets it). */
    public static byte[] bc(HMac mac, byte[] message) {
        mac.update(LABEL, 0, LABEL.length);
        mac.update(message, 0, message.length);
        byte[] out = new byte[32];
        mac.doFinal(out, 0);
        return out;
    }
}
