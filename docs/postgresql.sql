-- The PostgreSQL tables of access-core, for creating them beforehand (e.g. by a DBA).
-- LockStore.postgres(dataSource) creates exactly the first five tables itself on first use (one node
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

-- ---------------------------------------------------------------------------------------------
-- The fleet backend's tables (dev.access.core.Fleet). Fleet.builder().build() creates exactly these
-- itself on first use, beside the store's (one node at a time, under an advisory lock), with the
-- same DDL on SQLite; they are here for creating them beforehand. Instants are ISO-8601 text.
-- Checked by dev.access.core.pg.FleetSchemaScriptTest: same columns and constraints as Fleet's own.

-- Each enrolled lock: its trail key and how far the backend holds its trail.
CREATE TABLE IF NOT EXISTS fleet_lock (
    lock TEXT NOT NULL PRIMARY KEY,
    trail_key TEXT NOT NULL,
    last_sequence BIGINT NOT NULL,
    last_chain TEXT,
    last_event_at TEXT,
    last_ingest_at TEXT,
    alarms_last_ingest INTEGER NOT NULL
);

-- Each enrollment document registered (the signed text, which carries the offline issuing key only
-- sealed to this backend).
CREATE TABLE IF NOT EXISTS fleet_enrollment (
    lock TEXT NOT NULL,
    key_epoch INTEGER NOT NULL,
    sequence BIGINT NOT NULL,
    chain_head TEXT NOT NULL,
    sealing_key TEXT NOT NULL,
    enrolled_at TEXT NOT NULL,
    registered_at TEXT NOT NULL,
    document TEXT NOT NULL,
    PRIMARY KEY (lock, key_epoch, sequence)
);

-- The verified copy of each lock's trail, line for line as the lock exported it.
CREATE TABLE IF NOT EXISTS fleet_trail (
    lock TEXT NOT NULL,
    sequence BIGINT NOT NULL,
    type TEXT NOT NULL,
    chain TEXT NOT NULL,
    line TEXT NOT NULL,
    PRIMARY KEY (lock, sequence)
);

-- Lines after a segment's last checkpoint, held back until a later segment signs them.
CREATE TABLE IF NOT EXISTS fleet_pending (
    lock TEXT NOT NULL,
    sequence BIGINT NOT NULL,
    line TEXT NOT NULL,
    PRIMARY KEY (lock, sequence)
);

-- FORK alarms the backend recorded.
CREATE TABLE IF NOT EXISTS fleet_alarm (
    lock TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    code TEXT NOT NULL,
    sequence BIGINT NOT NULL,
    detail TEXT NOT NULL
);

-- The desired state of each lock, event-sourced (codes, mode, offline-code revocations, batches).
CREATE TABLE IF NOT EXISTS fleet_desired (
    lock TEXT NOT NULL,
    sequence BIGINT NOT NULL,
    type TEXT NOT NULL,
    payload TEXT NOT NULL,
    at TEXT NOT NULL,
    by_whom TEXT NOT NULL,
    PRIMARY KEY (lock, sequence)
);

-- PINs sealed to a lock, waiting until its trail proves them set (then deleted).
CREATE TABLE IF NOT EXISTS fleet_sealed_pin (
    lock TEXT NOT NULL,
    slot INTEGER NOT NULL,
    sequence BIGINT NOT NULL,
    key_epoch INTEGER NOT NULL,
    enc TEXT NOT NULL,
    ciphertext TEXT NOT NULL,
    PRIMARY KEY (lock, slot, sequence)
);

-- Each offline issuing key a lock handed over at enrollment, sealed to this backend (HPKE, bound to
-- the lock, key epoch and generation): opened only in the key ring, one issuance at a time.
CREATE TABLE IF NOT EXISTS fleet_offline_key (
    lock TEXT NOT NULL,
    key_epoch INTEGER NOT NULL,
    generation INTEGER NOT NULL,
    digits INTEGER NOT NULL,
    zone TEXT NOT NULL,
    enc TEXT NOT NULL,
    ciphertext TEXT NOT NULL,
    registered_at TEXT NOT NULL,
    PRIMARY KEY (lock, key_epoch, generation)
);

-- Each offline code issued: the key it was issued under, its public id, the window it really has,
-- its variant, name, requester and time. Never its PIN.
CREATE TABLE IF NOT EXISTS fleet_offline_code (
    lock TEXT NOT NULL,
    key_epoch INTEGER NOT NULL,
    generation INTEGER NOT NULL,
    code_id TEXT NOT NULL,
    valid_from TEXT NOT NULL,
    valid_until TEXT NOT NULL,
    one_time INTEGER NOT NULL,
    daily TEXT,
    variant INTEGER NOT NULL,
    code_name TEXT,
    by_whom TEXT NOT NULL,
    issued_at TEXT NOT NULL,
    PRIMARY KEY (lock, key_epoch, generation, code_id)
);
