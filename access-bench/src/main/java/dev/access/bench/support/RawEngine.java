package dev.access.bench.support;

import dev.access.core.LockStore;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;

/**
 * The Axon storage engine inside a {@link LockStore}. {@code LockStore.engine()} is
 * package-private in access-core, so it is reached by reflection (the module is on the class path,
 * so this needs no {@code --add-opens}). Used to copy a history built in memory into a durable
 * store in batched transactions, and for the raw single-event append floor.
 */
public final class RawEngine {
    private RawEngine() {
    }

    /** The store's engine. */
    public static EventStorageEngine of(LockStore store) {
        try {
            Method m = LockStore.class.getDeclaredMethod("engine");
            m.setAccessible(true);
            return (EventStorageEngine) m.invoke(store);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("LockStore.engine() is no longer there: " + e, e);
        }
    }

    /**
     * Copies one aggregate's events (with their metadata: the trail chain) and, if asked, its
     * latest snapshot, in transactions of {@code batch} events.
     *
     * @return the number of events copied
     */
    public static long copy(EventStorageEngine from, EventStorageEngine to, String aggregateId, boolean snapshot,
            int batch) {
        DomainEventStream stream = from.readEvents(aggregateId, 0L);
        List<EventMessage<?>> pending = new ArrayList<>(batch);
        long n = 0;
        while (stream.hasNext()) {
            pending.add(stream.next());
            if (pending.size() == batch) {
                appendInOneTransaction(to, pending);
                n += pending.size();
                pending.clear();
            }
        }
        if (!pending.isEmpty()) {
            appendInOneTransaction(to, pending);
            n += pending.size();
        }
        if (snapshot) {
            Optional<DomainEventMessage<?>> s = from.readSnapshot(aggregateId);
            s.ifPresent(to::storeSnapshot);
        }
        return n;
    }

    private static void appendInOneTransaction(EventStorageEngine to, List<EventMessage<?>> events) {
        List<EventMessage<?>> copy = List.copyOf(events);
        DefaultUnitOfWork.startAndGet(null).execute(() -> to.appendEvents(copy));
    }
}
