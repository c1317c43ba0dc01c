package dev.access.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Byte helpers shared by this module's tests (and published in its test-jar). */
public final class TestBytes {
    private TestBytes() {
    }

    /** Parses lower- or upper-case hex. */
    public static byte[] unhex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    /** Lower-case hex. */
    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** {@code n} copies of the byte {@code b}. */
    public static byte[] repeat(int b, int n) {
        byte[] out = new byte[n];
        Arrays.fill(out, (byte) b);
        return out;
    }

    /** The bytes {@code from, from+1, ...}, {@code n} of them. */
    public static byte[] sequence(int from, int n) {
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = (byte) (from + i);
        }
        return out;
    }

    /** UTF-8 bytes. */
    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code n} pseudo-random bytes from {@code random}. */
    public static byte[] random(Random random, int n) {
        byte[] out = new byte[n];
        random.nextBytes(out);
        return out;
    }

    /**
     * The JDK's reference HMAC-SHA-256 of {@code data} under {@code key}. An empty key is passed
     * as one zero byte, which RFC 2104's zero padding makes identical (SecretKeySpec refuses an
     * empty key).
     */
    public static byte[] jdkHmacSha256(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
