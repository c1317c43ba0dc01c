package dev.access.core;

import java.util.function.Supplier;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;

/**
 * Where locks' events are kept. One store may be opened by successive {@link AccessControl}
 * instances: that is what a restart (a power cycle) is.
 */
public final class LockStore {
    private final String description;
    private final Supplier<EventStorageEngine> engine;

    private LockStore(String description, Supplier<EventStorageEngine> engine) {
        this.description = description;
        this.engine = engine;
    }

    /**
     * A store in this process's memory, for tests and simulations: it survives closing and
     * reopening an {@link AccessControl} within the process, but not the process.
     */
    public static LockStore inMemory() {
        InMemoryEventStorageEngine shared = new InMemoryEventStorageEngine();
        return new LockStore("in-memory", () -> shared);
    }

    EventStorageEngine engine() {
        return engine.get();
    }

    @Override
    public String toString() {
        return "LockStore[" + description + "]";
    }
}
