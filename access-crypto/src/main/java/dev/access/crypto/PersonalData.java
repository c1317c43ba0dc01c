package dev.access.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/*
 * Implementation notes.
 *
 * A sealed value is the text "~pd1.<subject>.<box>": <subject> is the subject's id, 22 base64url
 * characters = the first 16 bytes of SHA-256("access/personal-subject/v1" 0x00 key), so the id
 * commits to the key (a key handed to an auditor is checked against it, and a substituted key
 * cannot make a chained ciphertext read as another name: AES-GCM alone is not key-committing);
 * <box> is base64url(nonce(12) || AES-256-GCM ciphertext || tag(16)) with associated data
 * "access/personal-data/v1" 0x00 lock 0x00 subject, so a box moved to another lock or subject
 * does not open. Nothing in a sealed value tells anything about the text but its length
 * (rounded up to 16 bytes by padding with NULs, which names never contain).
 */
/**
 * Personal data (a code's name, an actor's name, any free text) sealed under the key of the person
 * it belongs to (a <em>subject</em>): what events, snapshots and read models store in place of
 * the text.
 *
 * <p>Guarantees: a sealed value reveals nothing about its text but a length rounded up to 16
 * bytes; it opens only with its subject's key, for its lock and subject, unaltered (AES-256-GCM);
 * the subject id commits to the key, so {@link #subjectOf(byte[])} tells whether a key handed over
 * is the subject's; once the key is destroyed, no one can read the value again. A value that does
 * not start with {@link #PREFIX} is clear text written before personal data was sealed.
 */
public final class PersonalData {
    /** What every sealed value starts with. */
    public static final String PREFIX = "~pd1.";
    /** What a sealed value reads as once its subject's key is gone. */
    public static final String ERASED = "(erased)";
    /** The longest text sealed, in UTF-8 bytes. */
    public static final int MAX_TEXT_BYTES = 256;
    /** What a subject id looks like: 22 base64url characters. */
    private static final Pattern SUBJECT = Pattern.compile("[A-Za-z0-9_-]{22}");
    private static final Pattern SEALED = Pattern.compile("~pd1\\.([A-Za-z0-9_-]{22})\\.([A-Za-z0-9_-]{59,400})");
    private static final byte[] SUBJECT_LABEL = Bytes.utf8("access/personal-subject/v1");
    private static final byte[] AAD_LABEL = Bytes.utf8("access/personal-data/v1");
    private static final int NONCE = 12;
    private static final int TAG = 16;

    private PersonalData() {
    }

    /** Whether {@code value} is a sealed value (else it is clear text, or null). */
    public static boolean isSealed(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    /** The subject a sealed value belongs to, or empty for clear text, null or a malformed value. */
    public static Optional<String> subjectOfValue(String value) {
        if (!isSealed(value)) {
            return Optional.empty();
        }
        java.util.regex.Matcher m = SEALED.matcher(value);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** Whether {@code id} has the form of a subject id. */
    public static boolean isSubjectId(String id) {
        return id != null && SUBJECT.matcher(id).matches();
    }

    /** A fresh random 32-byte subject key. */
    static byte[] newKey(SecureRandom random) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return key;
    }

    /** The id of the subject whose key is {@code key}: it commits to the key. */
    public static String subjectOf(byte[] key) {
        if (key == null || key.length != 32) {
            throw new IllegalArgumentException("a subject key has 32 bytes");
        }
        byte[] h = sha256(Bytes.concat(SUBJECT_LABEL, new byte[] {0}, key));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(h, 16));
    }

    /**
     * Seals {@code text} for {@code lockId} under the subject key {@code key}.
     *
     * @throws IllegalArgumentException if the text is longer than {@link #MAX_TEXT_BYTES} UTF-8
     *     bytes or holds a NUL character (the message never shows the text)
     */
    public static String seal(String lockId, byte[] key, String text, SecureRandom random) {
        byte[] plain = text.getBytes(StandardCharsets.UTF_8);
        if (plain.length > MAX_TEXT_BYTES) {
            throw new IllegalArgumentException("personal text is " + plain.length + " bytes long; at most "
                    + MAX_TEXT_BYTES + " are kept");
        }
        if (text.indexOf('\u0000') >= 0) {
            throw new IllegalArgumentException("personal text holds a NUL character");
        }
        String subject = subjectOf(key);
        byte[] padded = java.util.Arrays.copyOf(plain, Math.max(16, (plain.length + 15) / 16 * 16));
        byte[] nonce = new byte[NONCE];
        random.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG * 8, nonce));
            c.updateAAD(aad(lockId, subject));
            byte[] box = Bytes.concat(nonce, c.doFinal(padded));
            return PREFIX + subject + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(box);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is missing from this JDK", e);
        } finally {
            java.util.Arrays.fill(padded, (byte) 0);
            java.util.Arrays.fill(plain, (byte) 0);
        }
    }

    /**
     * Opens a sealed value of {@code lockId} with its subject's key: empty if the value is malformed,
     * belongs to another subject or lock, or was altered.
     */
    public static Optional<String> open(String lockId, String value, byte[] key) {
        if (!isSealed(value) || key == null || key.length != 32) {
            return Optional.empty();
        }
        java.util.regex.Matcher m = SEALED.matcher(value);
        if (!m.matches() || !ConstantTime.equals(Bytes.utf8(m.group(1)), Bytes.utf8(subjectOf(key)))) {
            return Optional.empty();
        }
        byte[] box;
        try {
            box = Base64.getUrlDecoder().decode(m.group(2));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (box.length < NONCE + TAG + 16) {
            return Optional.empty();
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG * 8, box, 0, NONCE));
            c.updateAAD(aad(lockId, m.group(1)));
            byte[] padded = c.doFinal(box, NONCE, box.length - NONCE);
            int n = padded.length;
            while (n > 0 && padded[n - 1] == 0) {
                n--;
            }
            String text = new String(padded, 0, n, StandardCharsets.UTF_8);
            java.util.Arrays.fill(padded, (byte) 0);
            return Optional.of(text);
        } catch (javax.crypto.AEADBadTagException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is missing from this JDK", e);
        }
    }

    private static byte[] aad(String lockId, String subject) {
        return Bytes.concat(AAD_LABEL, new byte[] {0}, Bytes.utf8(lockId), new byte[] {0}, Bytes.utf8(subject));
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
