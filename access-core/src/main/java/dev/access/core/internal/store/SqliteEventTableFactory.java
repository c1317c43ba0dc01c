package dev.access.core.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventTableFactory;

/**
 * The event and snapshot tables on SQLite. The global index is {@code INTEGER PRIMARY KEY
 * AUTOINCREMENT} (a column constraint on SQLite, so Axon's generic factories cannot express it);
 * payloads are BLOBs; {@code (aggregateIdentifier, sequenceNumber)} is unique, which is what makes
 * concurrent appends to one lock conflict instead of interleave.
 */
public final class SqliteEventTableFactory implements EventTableFactory {
    /** The one instance. */
    public static final SqliteEventTableFactory INSTANCE = new SqliteEventTableFactory();

    private SqliteEventTableFactory() {
    }

    @Override
    public PreparedStatement createDomainEventTable(Connection c, EventSchema s) throws SQLException {
        return c.prepareStatement("CREATE TABLE IF NOT EXISTS " + s.domainEventTable() + " ("
                + s.globalIndexColumn() + " INTEGER PRIMARY KEY AUTOINCREMENT, "
                + eventColumns(s, "TEXT")
                + "UNIQUE (" + s.aggregateIdentifierColumn() + ", " + s.sequenceNumberColumn() + "))");
    }

    @Override
    public PreparedStatement createSnapshotEventTable(Connection c, EventSchema s) throws SQLException {
        return c.prepareStatement("CREATE TABLE IF NOT EXISTS " + s.snapshotTable() + " ("
                + eventColumns(s, "TEXT NOT NULL")
                + "PRIMARY KEY (" + s.aggregateIdentifierColumn() + ", " + s.sequenceNumberColumn() + "))");
    }

    /** The columns events and snapshots share, each followed by ", "; the type column as {@code typeColumn}. */
    private static String eventColumns(EventSchema s, String typeColumn) {
        return s.aggregateIdentifierColumn() + " TEXT NOT NULL, "
                + s.sequenceNumberColumn() + " INTEGER NOT NULL, "
                + s.typeColumn() + " " + typeColumn + ", "
                + s.eventIdentifierColumn() + " TEXT NOT NULL UNIQUE, "
                + s.metaDataColumn() + " BLOB, "
                + s.payloadColumn() + " BLOB NOT NULL, "
                + s.payloadRevisionColumn() + " TEXT, "
                + s.payloadTypeColumn() + " TEXT NOT NULL, "
                + s.timestampColumn() + " TEXT NOT NULL, ";
    }
}
