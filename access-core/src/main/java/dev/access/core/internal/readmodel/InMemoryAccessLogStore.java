package dev.access.core.internal.readmodel;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** An {@link AccessLogStore} in memory, beside the in-memory event store. */
public final class InMemoryAccessLogStore implements AccessLogStore {
    private final Map<String, AccessLogEntry> entries = new ConcurrentHashMap<>();

    @Override
    public Optional<AccessLogEntry> load(String lockId) {
        return Optional.ofNullable(entries.get(lockId));
    }

    @Override
    public void save(AccessLogEntry entry) {
        entries.put(entry.lockId(), entry);
    }

    @Override
    public void clear() {
        entries.clear();
    }
}
