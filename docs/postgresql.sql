-- The PostgreSQL tables of access-core, for creating them beforehand (e.g. by a DBA).
-- LockStore.postgres(dataSource) creates exactly these five tables itself on first use (one node
-- at a time, under an advisory lock): the events and snapshots with Axon's PostgresEventTableFactory
-- and its default EventSchema, the access-log processor's tokens with Axon's
-- PostgresTokenTableFactory, the access-log views, and the store's id (one row, written by the first
-- node that opens the store; key rings are bound to it). Names are unquoted, so PostgreSQL stores
-- them in lower case.
--
-- Payload and metadata are BYTEA, never OID large objects (which bloat, and which vacuumlo can
-- delete). The unique (aggregateIdentifier, sequenceNumber) key is what makes two nodes' concurrent
-- appends to one lock conflict (and be retried) instead of interleave.
--
-- Checked by dev.access.core.pg.PostgresSchemaScriptTest: same columns, types, defaults,
-- constraints, sequence and index names as the tables LockStore.postgres creates, and usable by it.
-- The store's database user then needs only SELECT, INSERT, UPDATE and DELETE on them (and USAGE
-- on the globalIndex sequence).

CREATE TABLE IF NOT EXISTS DomainEventEntry (
    globalIndex BIGSERIAL NOT NULL,
    aggregateIdentifier VARCHAR(255) NOT NULL,
    sequenceNumber BIGINT NOT NULL,
    type VARCHAR(255),
    eventIdentifier VARCHAR(255) NOT NULL,
    metaData BYTEA,
    payload BYTEA NOT NULL,
    payloadRevision VARCHAR(255),
    payloadType VARCHAR(255) NOT NULL,
    timeStamp VARCHAR(255) NOT NULL,
    PRIMARY KEY (globalIndex),
    UNIQUE (aggregateIdentifier, sequenceNumber),
    UNIQUE (eventIdentifier)
);

CREATE TABLE IF NOT EXISTS SnapshotEventEntry (
    aggregateIdentifier VARCHAR(255) NOT NULL,
    sequenceNumber BIGINT NOT NULL,
    type VARCHAR(255) NOT NULL,
    eventIdentifier VARCHAR(255) NOT NULL,
    metaData BYTEA,
    payload BYTEA NOT NULL,
    payloadRevision VARCHAR(255),
    payloadType VARCHAR(255) NOT NULL,
    timeStamp VARCHAR(255) NOT NULL,
    PRIMARY KEY (aggregateIdentifier, sequenceNumber),
    UNIQUE (eventIdentifier)
);

-- Positions of the tracking processors (the access log's).
CREATE TABLE IF NOT EXISTS TokenEntry (
    processorName VARCHAR(255) NOT NULL,
    segment INTEGER NOT NULL,
    token BYTEA NULL,
    tokenType VARCHAR(255) NULL,
    timestamp VARCHAR(255) NULL,
    owner VARCHAR(255) NULL,
    PRIMARY KEY (processorName, segment)
);

-- The access log: one JSON entry per lock, committed with the processor's token.
CREATE TABLE IF NOT EXISTS AccessLogView (
    lockId VARCHAR(64) PRIMARY KEY,
    lastSequence BIGINT NOT NULL,
    entry TEXT NOT NULL
);

-- The store's id: one row, a random UUID the first opening node inserts. Every key ring used with
-- this store is bound to it (KeyRing.bindToStore), so a key ring of another store is refused.
CREATE TABLE IF NOT EXISTS AccessStore (
    storeId VARCHAR(64) NOT NULL PRIMARY KEY
);
