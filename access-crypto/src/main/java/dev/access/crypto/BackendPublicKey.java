package dev.access.crypto;

import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

/**
 * A backend's public identity, exported as a small text file that locks enroll with: its Ed25519
 * key (verifies what the backend signs, such as programming batches) and its X25519 sealing key
 * (what a lock seals secrets to for the backend), under one key id.
 *
 * <p>The file: {@code access-backend-public-key 1}, then {@code key-id}, {@code ed25519} and
 * {@code x25519} lines (keys in base64). The key id is the first 8 bytes, in hex, of SHA-256 over
 * {@code "access/backend-key/v1" ‖ 0x00 ‖ ed25519 ‖ x25519}, so it names both keys at once.
 *
 * <p>Guarantees: a parsed key's id matches its keys; {@link #verifyStatement} either returns
 * normally or throws, never accepting a bad signature.
 */
public final class BackendPublicKey {
    private static final String HEADER = "access-backend-public-key 1";

    private final byte[] signingKey;
    private final SealingPublicKey sealingKey;
    private final String keyId;

    BackendPublicKey(byte[] signingKey, SealingPublicKey sealingKey) {
        this.signingKey = signingKey.clone();
        this.sealingKey = sealingKey;
        this.keyId = keyIdOf(this.signingKey, sealingKey);
    }

    private static String keyIdOf(byte[] ed, SealingPublicKey x) {
        byte[] id = SealingPublicKey.sha256(Bytes.concat(Bytes.utf8("access/backend-key/v1"), new byte[] {0}, ed, x.raw()));
        return Bytes.hex(Arrays.copyOf(id, 8));
    }

    /** 16 hex characters naming this backend (both of its keys). */
    public String keyId() {
        return keyId;
    }

    /** The backend's X25519 key: what is sealed for the backend. */
    public SealingPublicKey sealingKey() {
        return sealingKey;
    }

    /** The backend's Ed25519 verification key in base64. */
    public String signingKeyBase64() {
        return Base64.getEncoder().encodeToString(signingKey);
    }

    /**
     * Checks a statement the backend signed (see {@link BackendIdentity#signStatement}).
     *
     * @throws SignatureVerificationException if the signature is malformed or does not verify for
     *     this label and body
     * @throws IllegalArgumentException if the label is not a valid statement label
     */
    public void verifyStatement(String label, byte[] body, String signature) throws SignatureVerificationException {
        Statements.verify(signingKey, label, body, signature, "backend key " + keyId);
    }

    /**
     * Checks a statement a backend signed, with its Ed25519 key alone (base64), as a lock keeps it
     * from its enrollment.
     *
     * @throws SignatureVerificationException if the key is not an Ed25519 key, or the signature is
     *     malformed or does not verify for this label and body
     */
    public static void verifySigned(String signingKeyBase64, String label, byte[] body, String signature)
            throws SignatureVerificationException {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(Objects.requireNonNull(signingKeyBase64, "signingKeyBase64"));
            new Ed25519PublicKeyParameters(key, 0);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new SignatureVerificationException("the backend key the lock enrolled with is not an Ed25519 key");
        }
        if (key.length != Ed25519PublicKeyParameters.KEY_SIZE) {
            throw new SignatureVerificationException("the backend key the lock enrolled with is not an Ed25519 key");
        }
        Statements.verify(key, label, body, signature, "the backend key the lock enrolled with");
    }

    /** The public file's text. */
    public String export() {
        Base64.Encoder b64 = Base64.getEncoder();
        return HEADER + "\nkey-id " + keyId + "\ned25519 " + b64.encodeToString(signingKey) + "\nx25519 "
                + sealingKey.base64() + "\n";
    }

    /**
     * Parses the text {@link #export()} writes.
     *
     * @throws IllegalArgumentException naming what is wrong: not such a file, a key that is not
     *     base64 or not a valid key, or a key id that does not match the keys
     */
    public static BackendPublicKey parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("no backend public key text");
        }
        String[] lines = text.strip().split("\n");
        if (lines.length != 4 || !lines[0].strip().equals(HEADER)) {
            throw new IllegalArgumentException("not a backend public key: expected 4 lines starting '" + HEADER + "'");
        }
        String id = field(lines[1], "key-id");
        byte[] ed;
        try {
            ed = Base64.getDecoder().decode(field(lines[2], "ed25519"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("backend public key: the ed25519 line is not base64", e);
        }
        if (ed.length != Ed25519PublicKeyParameters.KEY_SIZE) {
            throw new IllegalArgumentException("backend public key: an Ed25519 key is 32 bytes, got " + ed.length);
        }
        try {
            new Ed25519PublicKeyParameters(ed, 0);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("backend public key: the ed25519 line is not a valid Ed25519 key", e);
        }
        SealingPublicKey x;
        try {
            x = SealingPublicKey.fromBase64(field(lines[3], "x25519"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("backend public key: the x25519 line: " + e.getMessage(), e);
        }
        BackendPublicKey parsed = new BackendPublicKey(ed, x);
        if (!parsed.keyId.equals(id)) {
            throw new IllegalArgumentException("backend public key: key-id '" + Statements.shorten(id)
                    + "' does not match its keys (" + parsed.keyId + ")");
        }
        return parsed;
    }

    private static String field(String line, String name) {
        String l = line.strip();
        if (!l.startsWith(name + " ")) {
            throw new IllegalArgumentException("backend public key: expected a '" + name + "' line");
        }
        return l.substring(name.length() + 1).strip();
    }

    /** Same keys. */
    @Override
    public boolean equals(Object o) {
        return o instanceof BackendPublicKey && keyId.equals(((BackendPublicKey) o).keyId)
                && Arrays.equals(signingKey, ((BackendPublicKey) o).signingKey)
                && sealingKey.equals(((BackendPublicKey) o).sealingKey);
    }

    @Override
    public int hashCode() {
        return keyId.hashCode();
    }

    @Override
    public String toString() {
        return "BackendPublicKey[" + keyId + "]";
    }
}
