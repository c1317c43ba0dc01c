package dev.access.core.internal.axon;

import dev.access.ConflictRetriesExhaustedException;
import dev.access.core.domain.LockDecider;
import dev.access.core.domain.LockEvent;
import dev.access.core.domain.LockId;
import dev.access.core.domain.LockState;
import dev.access.core.internal.readmodel.JdbcAccessLogStore;
import dev.access.core.internal.store.StoreFailures;
import dev.access.core.internal.trail.AuditForm;
import dev.access.core.trail.TrailAnchored;
import dev.access.core.trail.TrailCheckpointed;
import dev.access.crypto.AnchorStatement;
import dev.access.crypto.CheckpointSigner;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Iterator;
import java.util.function.Function;
import javax.sql.DataSource;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

/*
 * Implementation notes.
 *
 * The fold runs outside the transaction (a long trail does not hold SQLite's write lock, or the
 * lock's rows, while it is read): one streaming pass keeps the state, the latest stamp and the chain
 * head after the last record stamped before the cut instant. The transaction then checks that what
 * was folded is still there (the first sequence, and row c by its event id and payload type: a
 * concurrent prune replaces row c keeping its id, or deletes it), replaces row c's payload by the
 * anchor (its metadata, the chain head after c, stays), deletes the rows before it, the snapshots at
 * or before it and the access log's attempts it removed. On PostgreSQL a transaction-scoped advisory
 * lock per lock id serialises prunes of one lock (SQLite's IMMEDIATE transactions admit one writer);
 * a check that fails rolls back and the prune starts over from the fold. Appends after c are
 * untouched and may go on meanwhile.
 */
/** Internal: pruning a lock's trail down to a signed anchor, in one database transaction. */
final class TrailPruning {
    /** Advisory-lock namespace of prunes on PostgreSQL ("prun"). */
    private static final int PG_NAMESPACE = 0x7072756e;

    private final Function<String, Iterator<? extends DomainEventMessage<?>>> stream;
    private final Function<String, CheckpointSigner> signers;
    private final Serializer serializer = Serialization.serializer();
    private final int attempts;

    TrailPruning(Function<String, Iterator<? extends DomainEventMessage<?>>> stream,
            Function<String, CheckpointSigner> signers, int attempts) {
        this.stream = stream;
        this.signers = signers;
        this.attempts = attempts;
    }

    /**
     * What a prune did.
     *
     * @param removed records removed (the one the anchor replaced included), 0 when there was nothing to do
     * @param anchor the trail's anchor afterwards (the new one, or the one it already had), or null
     */
    record Outcome(long removed, TrailAnchored anchor) {
    }

    /** What the fold found: the cut and the anchor to write, or nothing to do. */
    private record Cut(long first, long sequence, String eventId, String payloadType, TrailAnchored existing,
            LockState state, Instant through, String chain) {
    }

    Outcome prune(LockId lock, Instant before, Instant now, DataSource database, dev.access.core.domain.Actor actor) {
        String what = "lock " + lock + ": pruning its trail before " + before;
        for (int attempt = 1; ; attempt++) {
            Cut cut = fold(lock, before);
            if (cut == null) {
                return new Outcome(0, null);
            }
            if (cut.eventId() == null) {
                return new Outcome(0, cut.existing());
            }
            TrailAnchored anchor = sign(lock, now, cut, actor);
            Long removed;
            try {
                removed = write(database, lock, cut, anchor);
            } catch (SQLException e) {
                throw StoreFailures.translate(what, e);
            } catch (RuntimeException e) {
                throw LockRuntime.translate(what, e);
            }
            if (removed != null) {
                return new Outcome(removed, anchor);
            }
            if (attempt >= attempts) {
                throw new ConflictRetriesExhaustedException(lock.value(), attempt, null);
            }
        }
    }

    /**
     * One pass over the lock's stream: null for a lock without records; a cut without event id when
     * nothing is to be done (no record stamped before {@code before}, or the last such is the anchor).
     */
    private Cut fold(LockId lock, Instant before) {
        Iterator<? extends DomainEventMessage<?>> it = stream.apply(lock.value());
        long first = -1;
        TrailAnchored existing = null;
        LockState state = LockState.initial();
        Instant through = null;
        Cut cut = null;
        while (it.hasNext()) {
            DomainEventMessage<?> m = it.next();
            Object payload = m.getPayload();
            Instant at;
            if (first < 0) {
                first = m.getSequenceNumber();
                existing = payload instanceof TrailAnchored ? (TrailAnchored) payload : null;
            }
            if (payload instanceof LockEvent) {
                LockEvent e = (LockEvent) payload;
                state = LockDecider.evolve(state, e);
                through = through == null || e.at().isAfter(through) ? e.at() : through;
                at = e.at();
            } else if (payload instanceof TrailAnchored) {
                TrailAnchored a = (TrailAnchored) payload;
                state = a.state();
                through = a.through();
                at = a.at();
            } else {
                at = ((TrailCheckpointed) payload).at();
            }
            if (at.isBefore(before)) {
                Object chain = m.getMetaData().get(AuditForm.CHAIN);
                cut = new Cut(first, m.getSequenceNumber(), m.getIdentifier(), m.getPayloadType().getName(), existing,
                        state, through, chain == null ? null : chain.toString());
            }
        }
        if (first < 0) {
            return null;
        }
        if (cut == null || (existing != null && cut.sequence() <= existing.sequence())) {
            return new Cut(first, -1, null, null, existing, null, null, null);
        }
        if (cut.chain() == null) {
            throw new IllegalStateException("lock " + lock + ": record " + cut.sequence() + " carries no chain value");
        }
        return cut;
    }

    private TrailAnchored sign(LockId lock, Instant now, Cut cut, dev.access.core.domain.Actor actor) {
        CheckpointSigner signer = signers.apply(lock.value());
        String keyId = signer.publicKey().keyId();
        TrailAnchored unsigned = new TrailAnchored(lock, now, cut.sequence(), cut.chain(), cut.first(), cut.through(),
                AuditForm.stateHash(cut.state()), cut.state(), keyId, null, actor);
        String signature = AnchorStatement.sign(signer, unsigned.signedBody());
        return new TrailAnchored(lock, now, cut.sequence(), cut.chain(), cut.first(), cut.through(),
                unsigned.stateSha256(), cut.state(), keyId, signature, actor);
    }

    /** The transaction; the number of records removed, or null if the trail changed since the fold. */
    private Long write(DataSource database, LockId lock, Cut cut, TrailAnchored anchor) throws SQLException {
        SerializedObject<byte[]> payload = serializer.serialize(anchor, byte[].class);
        String id = lock.value();
        try (Connection c = database.getConnection()) {
            boolean postgres = c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT)
                    .contains("postgres");
            c.setAutoCommit(false);
            boolean done = false;
            try {
                if (postgres) {
                    try (PreparedStatement p = c.prepareStatement("SELECT pg_advisory_xact_lock(?, hashtext(?))")) {
                        p.setInt(1, PG_NAMESPACE);
                        p.setString(2, id);
                        p.executeQuery().close();
                    }
                }
                try (PreparedStatement p = c.prepareStatement(
                        "SELECT MIN(sequenceNumber) FROM DomainEventEntry WHERE aggregateIdentifier = ?")) {
                    p.setString(1, id);
                    try (ResultSet r = p.executeQuery()) {
                        if (!r.next() || r.getLong(1) != cut.first() || r.wasNull()) {
                            return null;
                        }
                    }
                }
                try (PreparedStatement p = c.prepareStatement("UPDATE DomainEventEntry SET payload = ?, payloadType = ?,"
                        + " payloadRevision = ? WHERE aggregateIdentifier = ? AND sequenceNumber = ?"
                        + " AND eventIdentifier = ? AND payloadType = ?")) {
                    p.setBytes(1, payload.getData());
                    p.setString(2, payload.getType().getName());
                    p.setString(3, payload.getType().getRevision());
                    p.setString(4, id);
                    p.setLong(5, cut.sequence());
                    p.setString(6, cut.eventId());
                    p.setString(7, cut.payloadType());
                    if (p.executeUpdate() != 1) {
                        return null;
                    }
                }
                long removed;
                try (PreparedStatement p = c.prepareStatement(
                        "DELETE FROM DomainEventEntry WHERE aggregateIdentifier = ? AND sequenceNumber < ?")) {
                    p.setString(1, id);
                    p.setLong(2, cut.sequence());
                    removed = p.executeUpdate() + 1L;
                }
                try (PreparedStatement p = c.prepareStatement(
                        "DELETE FROM SnapshotEventEntry WHERE aggregateIdentifier = ? AND sequenceNumber <= ?")) {
                    p.setString(1, id);
                    p.setLong(2, cut.sequence());
                    p.executeUpdate();
                }
                JdbcAccessLogStore.prune(c, id, cut.sequence(), cut.state(), postgres);
                c.commit();
                done = true;
                return removed;
            } finally {
                if (!done) {
                    c.rollback();
                }
                c.setAutoCommit(true);
            }
        }
    }
}
