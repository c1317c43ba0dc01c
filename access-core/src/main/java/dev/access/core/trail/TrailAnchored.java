package dev.access.core.trail;

import dev.access.core.domain.LockId;
import dev.access.core.domain.LockState;
import dev.access.crypto.AnchorStatement;
import dev.access.crypto.ChainHead;
import java.time.Instant;
import java.util.HexFormat;

/**
 * A retention anchor: what a prune leaves in a lock's trail in place of the last event it removed
 * (its sequence {@code sequence}, its stored chain value), so that the rest of the trail still
 * verifies from here with the lock's public key alone. It carries the lock's state after that event
 * (the fold of every event up to it: lockouts, budgets, use counts, schedules, offline-code facts),
 * the chain head after it, and an Ed25519 signature by the lock's trail key over all of it
 * ({@link AnchorStatement}; the state enters as the SHA-256 of its audit-form bytes, {@code
 * stateSha256}).
 *
 * <p>Guarantees (checked by the auditor's verifier): an anchor is only ever a trail's first record;
 * its signature covers every field; the next record chains on from {@code chainHead}. What the
 * removed events said is gone: the anchor proves the state they led to, not their content.
 *
 * @param lockId the lock
 * @param at when the anchor was signed
 * @param sequence the sequence of the event it replaces (the cut)
 * @param chainHead the chain head after that event, 64 hex characters
 * @param firstSequence the first sequence the trail held before this prune (0, or an earlier anchor's)
 * @param through every removed event was stamped at or before this instant (the state is the lock's
 *     state through it)
 * @param stateSha256 SHA-256 of the audit-form bytes of {@code state}, 64 hex characters
 * @param state the lock's state after event {@code sequence}
 * @param keyId the signing key's id
 * @param signature the Ed25519 signature, base64
 */
public record TrailAnchored(LockId lockId, Instant at, long sequence, String chainHead, long firstSequence,
        Instant through, String stateSha256, LockState state, String keyId, String signature,
        dev.access.core.domain.Actor actor) {

    /** An anchor that names no actor. */
    public TrailAnchored(LockId lockId, Instant at, long sequence, String chainHead, long firstSequence,
            Instant through, String stateSha256, LockState state, String keyId, String signature) {
        this(lockId, at, sequence, chainHead, firstSequence, through, stateSha256, state, keyId, signature, null);
    }

    /**
     * The exact body the signature covers (see {@link AnchorStatement#body}).
     *
     * @throws IllegalArgumentException if the chain head or the state hash is not 64 hex characters
     */
    public byte[] signedBody() {
        byte[] hash;
        try {
            hash = HexFormat.of().parseHex(stateSha256 == null ? "" : stateSha256);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the anchor's state hash is not hex", e);
        }
        return AnchorStatement.body(lockId.value(), sequence, ChainHead.fromHex(chainHead), firstSequence, at, through,
                hash, keyId, actor == null ? "" : actor.channel() + "\u0000" + (actor.who() == null ? "" : actor.who())
                        + "\u0000" + (actor.keyId() == null ? "" : actor.keyId()));
    }
}
