package dev.access.crypto;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/*
 * Domain separation. A checkpoint signs bytes starting "access/checkpoint/v2" 0x00; a statement
 * signs bytes starting "access/statement/v1" 0x00, then its label's length and the label. No
 * statement can be taken for a checkpoint or for a statement with another label, whatever its body.
 */
/** Ed25519 signatures over labelled statements, shared by lock and backend keys. */
final class Statements {
    private static final byte[] PREFIX = Bytes.utf8("access/statement/v1");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9][a-z0-9./-]{0,63}");

    private Statements() {
    }

    /** The exact bytes signed for {@code label} and {@code body}. */
    static byte[] message(String label, byte[] body) {
        requireLabel(label);
        Objects.requireNonNull(body, "body");
        byte[] l = Bytes.utf8(label);
        return ByteBuffer.allocate(PREFIX.length + 1 + 4 + l.length + body.length)
                .put(PREFIX).put((byte) 0).putInt(l.length).put(l).put(body).array();
    }

    static void requireLabel(String label) {
        if (label == null || !LABEL.matcher(label).matches()) {
            throw new IllegalArgumentException("a statement label is 1 to 64 of a-z 0-9 . / - (starting with a"
                    + " letter or digit), was " + (label == null ? "null" : "'" + shorten(label) + "'"));
        }
    }

    static String sign(Ed25519PrivateKeyParameters key, String label, byte[] body) {
        return Base64.getEncoder().encodeToString(Ed25519CheckpointSigner.sign(key, message(label, body)));
    }

    /** Verifies; {@code who} names the key in the message of a failure. */
    static void verify(byte[] publicKey, String label, byte[] body, String signature, String who)
            throws SignatureVerificationException {
        byte[] message = message(label, body);
        byte[] sig;
        try {
            sig = signature == null ? null : Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            sig = null;
        }
        if (sig == null || sig.length != 64) {
            throw new SignatureVerificationException("the " + label + " signature is malformed (not 64 bytes"
                    + " of base64)");
        }
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, new Ed25519PublicKeyParameters(publicKey, 0));
        verifier.update(message, 0, message.length);
        if (!verifier.verifySignature(sig)) {
            throw new SignatureVerificationException("the " + label + " signature does not verify with " + who);
        }
    }

    static String shorten(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
