package dev.access.crypto;

/** A {@link CodeDigester} over a {@link PrefixedHmac} with the PIN domain label absorbed. */
final class HmacCodeDigester implements CodeDigester {
    /** Domain separation: a PIN digest can never collide with another use of the same key. */
    static final byte[] PIN_LABEL = Bytes.concat(Bytes.utf8("access/pin/v1"), new byte[] {0});

    private final String lockId;
    private final int epoch;
    private final PrefixedHmac hmac;

    HmacCodeDigester(String lockId, int epoch, byte[] key, DigestEngine engine) {
        this.lockId = lockId;
        this.epoch = epoch;
        this.hmac = engine.create(key, PIN_LABEL);
    }

    @Override
    public CodeDigest digest(PinCode pin) {
        byte[] tag = hmac.mac(pin.digits());
        CodeDigest digest = CodeDigest.fromBytes(tag);
        java.util.Arrays.fill(tag, (byte) 0);
        return digest;
    }

    @Override
    public String lockId() {
        return lockId;
    }

    @Override
    public int epoch() {
        return epoch;
    }

    @Override
    public String toString() {
        return "CodeDigester[lock=" + lockId + ", epoch=" + epoch + "]";
    }
}
