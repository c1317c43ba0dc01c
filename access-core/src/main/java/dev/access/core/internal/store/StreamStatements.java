package dev.access.core.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;

/**
 * Axon's read of one lock's stream, a batch at a time, rewritten for trails that do not start at
 * sequence 0. Axon asks for {@code sequenceNumber >= first AND sequenceNumber < first + batchSize}
 * and stops at the first empty batch; a pruned trail starts at its retention anchor, possibly
 * thousands of sequence numbers up, so every read from 0 (loading a lock without a snapshot, reading
 * its trail, its events) would come back empty. This reads the next {@code batchSize} events at or
 * after {@code first} by order instead ({@code ORDER BY … LIMIT}, the same on SQLite and PostgreSQL;
 * the unique (lock, sequence) index serves it), which is the same for a stream without a gap.
 */
public final class StreamStatements {
    private StreamStatements() {
    }

    /** The next {@code batchSize} events of {@code aggregateId} from sequence {@code first} on. */
    public static PreparedStatement readEventDataForAggregate(Connection c, EventSchema s, String aggregateId, long first,
            int batchSize) throws SQLException {
        PreparedStatement p = c.prepareStatement("SELECT " + s.trackedEventFields() + " FROM " + s.domainEventTable()
                + " WHERE " + s.aggregateIdentifierColumn() + " = ? AND " + s.sequenceNumberColumn() + " >= ? ORDER BY "
                + s.sequenceNumberColumn() + " ASC LIMIT ?");
        p.setString(1, aggregateId);
        p.setLong(2, first);
        p.setInt(3, batchSize);
        return p;
    }
}
