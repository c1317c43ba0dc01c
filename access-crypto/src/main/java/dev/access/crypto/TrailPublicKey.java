package dev.access.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * The public Ed25519 key that verifies one lock's checkpoints: what an auditor trusts, exported
 * as a small text file.
 *
 * <p>Guarantees: {@link #verify} either returns normally or throws; it never reports a bad
 * signature as good.
 */
public final class TrailPublicKey {
    private static final String HEADER = "access-trail-public-key 1";

    private final String lockId;
    private final byte[] key;
    private final String keyId;

    private TrailPublicKey(String lockId, byte[] key) {
        this.lockId = lockId;
        this.key = key;
        this.keyId = Bytes.hex(Arrays.copyOf(sha256(key), 8));
    }

    static TrailPublicKey of(String lockId, byte[] encoded) {
        return new TrailPublicKey(LockIds.requireValid(lockId), encoded.clone());
    }

    /**
     * The key of lock {@code lockId} from its raw Ed25519 bytes in base64 (as {@link #base64()}
     * writes them).
     *
     * @throws IllegalArgumentException naming what is wrong: an invalid lock id, text that is not
     *     base64, or bytes that are not an Ed25519 public key
     */
    public static TrailPublicKey of(String lockId, String base64) {
        LockIds.requireValid(lockId);
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(Objects.requireNonNull(base64, "base64").strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("trail public key: not base64: '" + Statements.shorten(base64) + "'", e);
        }
        if (raw.length != 32) {
            throw new IllegalArgumentException("trail public key: an Ed25519 key is 32 bytes, got " + raw.length);
        }
        try {
            new Ed25519PublicKeyParameters(raw, 0);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("trail public key: not a valid Ed25519 public key", e);
        }
        return of(lockId, raw);
    }

    /** The raw Ed25519 key in base64. */
    public String base64() {
        return Base64.getEncoder().encodeToString(key);
    }

    /**
     * Checks a statement this lock signed with {@link CheckpointSigner#signStatement}.
     *
     * @throws SignatureVerificationException if the signature is malformed or does not verify for
     *     this label and body
     * @throws IllegalArgumentException if the label is not a valid statement label
     */
    public void verifyStatement(String label, byte[] body, String signature) throws SignatureVerificationException {
        Statements.verify(key, label, body, signature, "the trail key " + keyId + " of lock '" + lockId + "'");
    }

    /** The lock whose checkpoints this key verifies. */
    public String lockId() {
        return lockId;
    }

    /** 16 hex characters: the first 8 bytes of SHA-256 over the public key. */
    public String keyId() {
        return keyId;
    }

    /**
     * Checks a checkpoint's signature against this key, for this lock.
     *
     * @throws CheckpointVerificationException if the lock, the key id or the signature is wrong
     */
    public void verify(Checkpoint checkpoint) throws CheckpointVerificationException {
        if (!lockId.equals(checkpoint.lockId())) {
            throw new CheckpointVerificationException("checkpoint is for lock '"
                    + checkpoint.lockId() + "', this key is for lock '" + lockId + "'");
        }
        if (!keyId.equals(checkpoint.keyId())) {
            throw new CheckpointVerificationException("checkpoint was signed by key '"
                    + checkpoint.keyId() + "', this key is '" + keyId + "'");
        }
        ChainHead head;
        byte[] sig;
        try {
            head = ChainHead.fromHex(checkpoint.chainHead());
            sig = Base64.getDecoder().decode(checkpoint.signature());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new CheckpointVerificationException("checkpoint at sequence "
                    + checkpoint.sequence() + " is malformed: " + e.getMessage());
        }
        if (checkpoint.at() == null) {
            throw new CheckpointVerificationException("checkpoint at sequence " + checkpoint.sequence()
                    + " is malformed: it has no time");
        }
        byte[] message = Checkpoint.signedBytes(lockId, checkpoint.sequence(), head, checkpoint.at(), keyId);
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, new Ed25519PublicKeyParameters(key, 0));
        verifier.update(message, 0, message.length);
        if (sig.length != 64 || !verifier.verifySignature(sig)) {
            throw new CheckpointVerificationException("checkpoint signature at sequence "
                    + checkpoint.sequence() + " does not verify with key " + keyId);
        }
    }

    /** The key as a small text file: header, lock, key id, and the key in base64. */
    public String export() {
        return HEADER + "\nlock " + lockId + "\nkey-id " + keyId + "\ned25519 "
                + Base64.getEncoder().encodeToString(key) + "\n";
    }

    /**
     * Parses the text written by {@link #export()}.
     *
     * @throws IllegalArgumentException naming what is wrong if the text is not such a key, or
     *     its key id does not match its key
     */
    public static TrailPublicKey parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("no public key text");
        }
        String[] lines = text.strip().split("\n");
        if (lines.length != 4 || !lines[0].strip().equals(HEADER)) {
            throw new IllegalArgumentException("not a trail public key: expected 4 lines starting '"
                    + HEADER + "'");
        }
        String lock = field(lines[1], "lock");
        String id = field(lines[2], "key-id");
        byte[] key;
        try {
            key = Base64.getDecoder().decode(field(lines[3], "ed25519").getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("trail public key: the ed25519 line is not base64", e);
        }
        if (key.length != 32) {
            throw new IllegalArgumentException("trail public key: an Ed25519 key is 32 bytes, got "
                    + key.length);
        }
        try {
            new Ed25519PublicKeyParameters(key, 0);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("trail public key: the ed25519 line is not a valid"
                    + " Ed25519 public key", e);
        }
        TrailPublicKey parsed = of(lock, key);
        if (!parsed.keyId.equals(id)) {
            throw new IllegalArgumentException("trail public key: key-id " + id
                    + " does not match the key (" + parsed.keyId + ")");
        }
        return parsed;
    }

    private static String field(String line, String name) {
        String l = line.strip();
        if (!l.startsWith(name + " ")) {
            throw new IllegalArgumentException("trail public key: expected a '" + name + "' line");
        }
        return l.substring(name.length() + 1).strip();
    }

    /** Same lock and same key bytes. */
    @Override
    public boolean equals(Object o) {
        return o instanceof TrailPublicKey && lockId.equals(((TrailPublicKey) o).lockId)
                && Arrays.equals(key, ((TrailPublicKey) o).key);
    }

    @Override
    public int hashCode() {
        return keyId.hashCode();
    }

    @Override
    public String toString() {
        return "TrailPublicKey[lock=" + lockId + ", keyId=" + keyId + "]";
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
