package dev.access.crypto;

import java.util.HexFormat;

/** The SHA-256 head of a trail's hash chain after some event: public, printable as hex. */
public final class ChainHead {
    /** The head before a trail's first event: 32 zero bytes. */
    public static final ChainHead GENESIS = new ChainHead(new byte[32]);

    private final byte[] bytes;

    private ChainHead(byte[] bytes) {
        this.bytes = bytes;
    }

    static ChainHead wrap(byte[] bytes) {
        return new ChainHead(bytes);
    }

    /**
     * Parses 64 hex characters.
     *
     * @throws IllegalArgumentException naming the value if it is not 64 hex characters
     */
    public static ChainHead fromHex(String hex) {
        if (hex == null || hex.length() != 64) {
            throw new IllegalArgumentException("a chain head is 64 hex characters, got "
                    + (hex == null ? "null" : hex.length() + " characters"));
        }
        byte[] raw = new byte[32];
        for (int i = 0; i < 32; i++) {
            int hi = Character.digit(hex.charAt(2 * i), 16);
            int lo = Character.digit(hex.charAt(2 * i + 1), 16);
            // Character.digit also reads other scripts' digits and fullwidth letters, all above 'f'.
            if (hi < 0 || lo < 0 || hex.charAt(2 * i) > 'f' || hex.charAt(2 * i + 1) > 'f') {
                throw new IllegalArgumentException("a chain head is 64 hex characters, got '" + hex + "'");
            }
            raw[i] = (byte) (hi << 4 | lo);
        }
        return new ChainHead(raw);
    }

    /** The 64 lower-case hex characters. */
    public String toHex() {
        return HexFormat.of().formatHex(bytes);
    }

    /** A copy of the 32 bytes. */
    public byte[] toBytes() {
        return bytes.clone();
    }

    byte[] raw() {
        return bytes;
    }

    /** Constant-time comparison of the 32 bytes. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ChainHead && ConstantTime.equals(bytes, ((ChainHead) o).bytes);
    }

    @Override
    public int hashCode() {
        return (int) Bytes.longAt(bytes, 0);
    }

    /** The hex form. */
    @Override
    public String toString() {
        return toHex();
    }
}
