package dev.access.core.internal.readmodel;

import java.util.Optional;

/** Where access-log entries are kept: in memory, or in a table beside the event store. */
public interface AccessLogStore {
    /** The entry of a lock, if any. */
    Optional<AccessLogEntry> load(String lockId);

    /** Stores an entry (replacing the lock's previous one). */
    void save(AccessLogEntry entry);

    /** Removes every entry (before a replay from scratch). */
    void clear();
}
