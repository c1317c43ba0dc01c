package dev.access.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;

/**
 * The trail's hash chain: each event's head is
 * {@code SHA-256("access/chain/v1" ‖ previous head ‖ sequence ‖ type ‖ timestamp ‖ payload)}
 * with every variable-length field length-prefixed, so no two different events can encode alike.
 *
 * <p>Guarantees: changing, removing, inserting or reordering any event changes every later head.
 */
public final class HashChain {
    private static final byte[] LABEL = Bytes.utf8("access/chain/v1");

    private HashChain() {
    }

    /**
     * The head after one event.
     *
     * @param previous the head before it ({@link ChainHead#GENESIS} for a trail's first event)
     * @param sequence the event's sequence number in its lock's stream
     * @param type the event's type name
     * @param timestamp the event's timestamp (seconds and nanoseconds are both covered)
     * @param payload the event's exact serialized payload bytes
     */
    public static ChainHead next(ChainHead previous, long sequence, String type, Instant timestamp,
            byte[] payload) {
        MessageDigest sha = sha256();
        sha.update(LABEL);
        sha.update(previous.raw());
        sha.update(longBytes(sequence));
        byte[] t = Bytes.utf8(type);
        sha.update(longBytes(t.length));
        sha.update(t);
        sha.update(longBytes(timestamp.getEpochSecond()));
        sha.update(longBytes(timestamp.getNano()));
        sha.update(longBytes(payload.length));
        sha.update(payload);
        return ChainHead.wrap(sha.digest());
    }

    private static byte[] longBytes(long v) {
        byte[] b = new byte[8];
        Bytes.putLong(b, 0, v);
        return b;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
