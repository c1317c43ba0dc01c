package dev.access.core.internal.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/*
 * Implementation notes.
 *
 * Axon's in-memory engine reads one aggregate's stream by filtering every event of every aggregate,
 * so loading a lock (or snapshotting it, every 150 events) costs O(all events in the store): in the
 * entry-attempt benchmark that scan was about two thirds of an in-memory attempt. This engine keeps
 * the same global store (tracking, snapshots, tokens: unchanged) and also indexes each aggregate's
 * events by sequence number, right after the global store took them (in the same prepare-commit
 * phase, or at once outside a unit of work, as the parent does), and reads aggregate streams from
 * that index.
 */
/** Axon's in-memory storage engine with each aggregate's events indexed by sequence number. */
public final class IndexedInMemoryEngine extends InMemoryEventStorageEngine {
    private final Map<String, ConcurrentSkipListMap<Long, DomainEventMessage<?>>> streams = new ConcurrentHashMap<>();

    @Override
    public void appendEvents(List<? extends EventMessage<?>> events) {
        super.appendEvents(events);
        if (CurrentUnitOfWork.isStarted()) {
            // Registered after the parent's own prepare-commit handler, so it runs right after it.
            CurrentUnitOfWork.get().onPrepareCommit(u -> index(events));
        } else {
            index(events);
        }
    }

    private void index(List<? extends EventMessage<?>> events) {
        for (EventMessage<?> e : events) {
            if (e instanceof DomainEventMessage) {
                DomainEventMessage<?> d = (DomainEventMessage<?>) e;
                streams.computeIfAbsent(d.getAggregateIdentifier(), k -> new ConcurrentSkipListMap<>())
                        .put(d.getSequenceNumber(), d);
            }
        }
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
        ConcurrentSkipListMap<Long, DomainEventMessage<?>> stream = streams.get(aggregateIdentifier);
        if (stream == null) {
            return DomainEventStream.empty();
        }
        return DomainEventStream.of(new ArrayList<>(stream.tailMap(firstSequenceNumber, true).values()));
    }
}
