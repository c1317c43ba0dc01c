package dev.access.core.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;

/**
 * Axon's aggregate queries ({@code max}, {@code min}) rewritten to return no row instead of a NULL
 * on an empty table or a lock with no events: sqlite-jdbc cannot read a NULL as a {@code Long}
 * ("Bad value for type Long"), which otherwise breaks head and tail tokens, {@code openStream} and
 * caught-up tracking processors. The rewrite is standard SQL, harmless on other databases.
 */
public final class NullSafeStatements {
    private NullSafeStatements() {
    }

    private static String nonNull(String aggregate) {
        return "SELECT v FROM (" + aggregate + ") AS agg WHERE v IS NOT NULL";
    }

    /** The token before the first event at or after {@code at}. */
    public static PreparedStatement createTokenAt(Connection c, EventSchema s, Instant at) throws SQLException {
        PreparedStatement p = c.prepareStatement(nonNull("SELECT min(" + s.globalIndexColumn() + ") - 1 AS v FROM "
                + s.domainEventTable() + " WHERE " + s.timestampColumn() + " >= ?"));
        p.setString(1, DateTimeUtils.formatInstant(at));
        return p;
    }

    /** The highest sequence number of one aggregate. */
    public static PreparedStatement lastSequenceNumberFor(Connection c, EventSchema s, String aggregateId)
            throws SQLException {
        PreparedStatement p = c.prepareStatement(nonNull("SELECT max(" + s.sequenceNumberColumn() + ") AS v FROM "
                + s.domainEventTable() + " WHERE " + s.aggregateIdentifierColumn() + " = ?"));
        p.setString(1, aggregateId);
        return p;
    }

    /** The token before the first event. */
    public static PreparedStatement createTailToken(Connection c, EventSchema s) throws SQLException {
        return c.prepareStatement(nonNull("SELECT min(" + s.globalIndexColumn() + ") - 1 AS v FROM "
                + s.domainEventTable()));
    }

    /** The token of the last event. */
    public static PreparedStatement createHeadToken(Connection c, EventSchema s) throws SQLException {
        return c.prepareStatement(nonNull("SELECT max(" + s.globalIndexColumn() + ") AS v FROM "
                + s.domainEventTable()));
    }

    /** The first global index after {@code index}. */
    public static PreparedStatement fetchTrackedEvents(Connection c, EventSchema s, long index) throws SQLException {
        PreparedStatement p = c.prepareStatement(nonNull("SELECT min(" + s.globalIndexColumn() + ") AS v FROM "
                + s.domainEventTable() + " WHERE " + s.globalIndexColumn() + " > ?"));
        p.setLong(1, index);
        return p;
    }
}
