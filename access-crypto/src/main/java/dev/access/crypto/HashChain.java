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
        // One digest and one scratch block per thread: this runs once per event of every trail
        // written and every line verified, and a digest lookup costs more than the hash of a line.
        Scratch k = SCRATCH.get();
        MessageDigest sha = k.sha;
        sha.reset();
        sha.update(LABEL);
        sha.update(previous.raw());
        byte[] t = Bytes.utf8(type);
        byte[] b = k.block;
        Bytes.putLong(b, 0, sequence);
        Bytes.putLong(b, 8, t.length);
        sha.update(b, 0, 16);
        sha.update(t);
        Bytes.putLong(b, 0, timestamp.getEpochSecond());
        Bytes.putLong(b, 8, timestamp.getNano());
        Bytes.putLong(b, 16, payload.length);
        sha.update(b, 0, 24);
        sha.update(payload);
        return ChainHead.wrap(sha.digest());
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private static final class Scratch {
        final MessageDigest sha = sha256();
        final byte[] block = new byte[24];
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
