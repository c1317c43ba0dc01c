package dev.access.crypto;

import java.util.Arrays;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;

/** A {@link BackendIdentity} whose two keys are derived from the key ring's root and an identity seed. */
final class DerivedBackendIdentity implements BackendIdentity {
    private final Ed25519PrivateKeyParameters signing;
    private final X25519PrivateKeyParameters sealing;
    private final BackendPublicKey publicKey;

    DerivedBackendIdentity(byte[] root, byte[] seed) {
        byte[] ed = KeyDerivation.backendKey(root, seed, "signing");
        byte[] x = KeyDerivation.backendKey(root, seed, "sealing");
        try {
            this.signing = new Ed25519PrivateKeyParameters(ed, 0);
            this.sealing = new X25519PrivateKeyParameters(x, 0);
        } finally {
            Arrays.fill(ed, (byte) 0);
            Arrays.fill(x, (byte) 0);
        }
        this.publicKey = new BackendPublicKey(signing.generatePublicKey().getEncoded(),
                SealingPublicKey.of(sealing.generatePublicKey().getEncoded()));
    }

    @Override
    public BackendPublicKey publicKey() {
        return publicKey;
    }

    @Override
    public String signStatement(String label, byte[] body) {
        return Statements.sign(signing, label, body);
    }

    /** The X25519 private key, for opening what is sealed to this backend (inside this package only). */
    X25519PrivateKeyParameters sealingKey() {
        return sealing;
    }

    @Override
    public String toString() {
        return "BackendIdentity[" + publicKey.keyId() + ", private keys redacted]";
    }
}
