package dev.access.crypto;

import java.util.HexFormat;

/**
 * The public commitment to a {@link CodeDigest}, as an export carries it in place of the digest:
 * {@code SHA-256("access/digest-commitment/v1" ‖ 0x00 ‖ digest)}, written {@code sha256:<64 hex>}.
 *
 * <p>Guarantees: it identifies the same code across events (equal digests, equal commitments) and
 * does not reveal the digest. It does not stop guessing by whoever holds the key ring: they can
 * digest every candidate PIN and commit to it (short PINs fall in seconds), exactly as with the
 * digest. The key ring is the secret; a commitment is public, so its {@link #toString()} shows it.
 */
public final class CodeCommitment extends CodeFingerprint {
    /** How a commitment is written in the audit form and in exports. */
    public static final String PREFIX = "sha256:";

    private CodeCommitment(byte[] bytes) {
        super(bytes);
    }

    /**
     * A commitment from its 32 bytes.
     *
     * @throws IllegalArgumentException if {@code bytes} is null or not 32 bytes long
     */
    public static CodeCommitment fromBytes(byte[] bytes) {
        return new CodeCommitment(require32(bytes, "code commitment"));
    }

    /**
     * A commitment from its written form, {@code sha256:} and 64 lower-case hex digits.
     *
     * @throws IllegalArgumentException naming the (shortened) text if it is not one
     */
    public static CodeCommitment parse(String text) {
        if (text == null || !text.startsWith(PREFIX) || text.length() != PREFIX.length() + 2 * LENGTH
                || !text.substring(PREFIX.length()).chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            String shown = text == null ? "null" : "'" + (text.length() > 80 ? text.substring(0, 80) + "…" : text) + "'";
            throw new IllegalArgumentException("not a code commitment: " + shown + " (sha256: and 64 lower-case hex digits)");
        }
        return new CodeCommitment(HexFormat.of().parseHex(text.substring(PREFIX.length())));
    }

    static CodeCommitment of(byte[] sha256) {
        return new CodeCommitment(sha256);
    }

    /** Itself. */
    @Override
    public CodeCommitment commitment() {
        return this;
    }

    /** The 64 lower-case hex digits, without the prefix. */
    public String toHex() {
        return Bytes.hex(toBytes());
    }

    /** The written form, {@code sha256:<64 hex>}. */
    @Override
    public String toString() {
        return PREFIX + toHex();
    }
}
