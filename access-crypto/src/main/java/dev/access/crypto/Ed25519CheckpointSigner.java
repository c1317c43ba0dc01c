package dev.access.crypto;

import java.time.Instant;
import java.util.Base64;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** A {@link CheckpointSigner} over Bouncy Castle's Ed25519 (RFC 8032, pure). */
final class Ed25519CheckpointSigner implements CheckpointSigner {
    private final String lockId;
    private final Ed25519PrivateKeyParameters key;
    private final TrailPublicKey publicKey;

    Ed25519CheckpointSigner(String lockId, byte[] seed) {
        this.lockId = lockId;
        this.key = new Ed25519PrivateKeyParameters(seed, 0);
        this.publicKey = TrailPublicKey.of(lockId, key.generatePublicKey().getEncoded());
    }

    @Override
    public Checkpoint sign(long sequence, ChainHead head, Instant at) {
        byte[] sig = sign(key, Checkpoint.signedBytes(lockId, sequence, head, at, publicKey.keyId()));
        return new Checkpoint(lockId, sequence, head.toHex(), at, publicKey.keyId(),
                Base64.getEncoder().encodeToString(sig));
    }

    @Override
    public String signStatement(String label, byte[] body) {
        return Statements.sign(key, label, body);
    }

    static byte[] sign(Ed25519PrivateKeyParameters key, byte[] message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, key);
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    @Override
    public TrailPublicKey publicKey() {
        return publicKey;
    }

    @Override
    public String toString() {
        return "CheckpointSigner[lock=" + lockId + ", key=" + publicKey.keyId() + ", private key redacted]";
    }
}
