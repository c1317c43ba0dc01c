package dev.access.core.internal.axon;

import dev.access.AccessException;
import dev.access.ConflictRetriesExhaustedException;
import dev.access.StoreCorruptedException;
import dev.access.StoreUnavailableException;
import dev.access.core.domain.LockCommand;
import dev.access.core.domain.LockEvent;
import dev.access.core.domain.LockId;
import dev.access.core.domain.LockState;
import dev.access.core.internal.readmodel.AccessLogProjection;
import dev.access.core.internal.readmodel.AccessLogStore;
import dev.access.core.internal.store.CaffeineCache;
import dev.access.core.internal.store.StoreFailures;
import dev.access.core.internal.trail.AuditForm;
import dev.access.core.internal.trail.TrailPolicy;
import dev.access.core.readmodel.AccessLogView;
import dev.access.core.trail.TrailCheckpointed;
import dev.access.core.trail.TrailRecord;
import dev.access.crypto.Checkpoint;
import dev.access.crypto.KeyRing;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.Serializer;

/*
 * Implementation notes.
 *
 * Commit before answer: every command goes through Axon's command bus with sendAndWait, which
 * returns after the unit of work committed the events to the store.
 *
 * Failures: every call into Axon runs inside guard(), which lets the library's own errors through
 * and turns everything Axon, JDBC or Jackson throws into the error tree: a payload that cannot be
 * deserialized, or a database file SQLite reports corrupt, is StoreCorruptedException (permanent);
 * a read-only database or a full disk is StoreUnavailableException with a plain message (never the
 * "already inserted" of Axon's append failure message); anything else from Axon or the driver is
 * StoreUnavailableException (transient). A conflicting append is retried on fresh state up to the
 * configured number of attempts, then ConflictRetriesExhaustedException.
 */
/**
 * Internal: the Axon runtime behind {@code AccessControl}: configuration, the command bus with
 * conflict retries, reading streams and trails, checkpoints on demand and the access log's
 * processor. No Axon, JDBC or Jackson exception leaves it.
 */
public final class LockRuntime implements AutoCloseable {
    private final Configuration axon;
    private final CommandGateway gateway;
    private final CaffeineCache cache;
    private final AccessLogProjection accessLog;
    private final int attempts;
    private final TrailPruning pruning;

    /**
     * The settings of a runtime.
     *
     * @param engine the event storage engine
     * @param tokenStore the tracking processors' token store
     * @param accessLogStore the access log's view store
     * @param keyRing the key ring that signs checkpoints
     * @param checkpointEvery events between checkpoints
     * @param cacheSize locks kept in the aggregate cache (0: none)
     * @param snapshotEvery events between snapshots (0: none)
     * @param accessLog whether the access log is kept
     * @param attempts how often a command is tried before a conflict is given up (at least 1)
     */
    public record Settings(EventStorageEngine engine, TokenStore tokenStore, AccessLogStore accessLogStore,
            KeyRing keyRing, int checkpointEvery, int cacheSize, int snapshotEvery, boolean accessLog, int attempts) {
    }

    /** Starts a runtime; its processors run until {@link #close()}. */
    public LockRuntime(Settings s) {
        this.cache = s.cacheSize() > 0 ? new CaffeineCache(s.cacheSize()) : null;
        this.attempts = s.attempts();
        Serializer serializer = Serialization.serializer();
        Configurer configurer = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> serializer)
                .configureEventSerializer(c -> serializer)
                .configureMessageSerializer(c -> serializer)
                .configureEmbeddedEventStore(c -> s.engine())
                // No correlation metadata (Axon's default adds a correlation and a trace id to every
                // event): nothing here reads it, every stored event carried two more UUIDs for it, and
                // gathering it took about 6 % of an in-memory entry attempt (issue 15's profile). An
                // event's metadata is its chain value alone.
                .configureCorrelationDataProviders(c -> java.util.List.of())
                .registerComponent(TrailPolicy.class, c -> new TrailPolicy(s.keyRing(), s.checkpointEvery()))
                .configureAggregate(aggregate(s, cache));
        AccessLogProjection[] projection = new AccessLogProjection[1];
        if (s.accessLog()) {
            configurer.eventProcessing(ep -> ep
                    .registerTrackingEventProcessor(AccessLogProjection.GROUP)
                    .registerTokenStore(AccessLogProjection.GROUP, c -> s.tokenStore())
                    .registerEventHandler(c -> {
                        projection[0] = new AccessLogProjection(s.accessLogStore(),
                                (id, from) -> c.eventStore().readEvents(id, from));
                        return projection[0];
                    }));
        }
        this.axon = guard("starting the lock runtime", () -> {
            Configuration built = configurer.buildConfiguration();
            built.start();
            return built;
        });
        this.accessLog = projection[0];
        this.gateway = axon.commandGateway();
        this.pruning = new TrailPruning(lock -> axon.eventStore().readEvents(lock, 0L), s.keyRing()::checkpointSigner,
                Math.max(1, s.attempts()));
    }

    private static AggregateConfigurer<LockAggregate> aggregate(Settings s, CaffeineCache cache) {
        AggregateConfigurer<LockAggregate> a = AggregateConfigurer.defaultConfiguration(LockAggregate.class)
                .configureCommandTargetResolver(c -> new LockTargets());
        if (cache != null) {
            a.configureCache(c -> cache);
        }
        if (s.snapshotEvery() > 0) {
            a.configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(c.snapshotter(), s.snapshotEvery()));
        }
        return a;
    }

    /**
     * Sends a command and returns its events once committed; a conflicting append is retried.
     *
     * @throws ConflictRetriesExhaustedException when every attempt conflicted
     */
    @SuppressWarnings("unchecked")
    public List<LockEvent> send(LockCommand command) {
        return (List<LockEvent>) sendRetrying(command.lockId(), command.getClass().getSimpleName(), command);
    }

    /**
     * Enrolls a lock and signs a checkpoint right after, in one unit of work; a conflicting append
     * is retried.
     *
     * @throws ConflictRetriesExhaustedException when every attempt conflicted
     */
    public EnrollAndSign.Result enrollAndSign(LockCommand.EnrollLock command) {
        return (EnrollAndSign.Result) sendRetrying(command.lockId(), "enrolling it", new EnrollAndSign(command));
    }

    private Object sendRetrying(LockId lock, String name, Object command) {
        String what = "lock " + lock + ": " + name;
        for (int attempt = 1; ; attempt++) {
            try {
                return guard(what, () -> gateway.sendAndWait(command));
            } catch (ConflictSignal e) {
                if (attempt >= attempts) {
                    throw new ConflictRetriesExhaustedException(lock.value(), attempt, e.getCause());
                }
            }
        }
    }

    /** The lock's state with every committed event applied. */
    public LockState state(LockId lock) {
        return guard("lock " + lock + ": reading its state", () -> (LockState) gateway.sendAndWait(new DescribeLock(lock)));
    }

    /** Signs a checkpoint of the lock's trail now. */
    public Checkpoint checkpoint(LockId lock, Instant at) {
        return guard("lock " + lock + ": signing a checkpoint", () -> (Checkpoint) gateway.sendAndWait(new SignTrail(lock, at)));
    }

    /** Every event of the lock, oldest first (checkpoints left out). */
    public List<LockEvent> events(LockId lock) {
        return guard("lock " + lock + ": reading its events", () -> axon.eventStore().readEvents(lock.value(), 0L).asStream()
                .map(DomainEventMessage::getPayload)
                .filter(LockEvent.class::isInstance)
                .map(LockEvent.class::cast)
                .collect(Collectors.toList()));
    }

    /** Hands the lock's trail records to {@code sink}, oldest first, streaming. */
    public void trail(LockId lock, Consumer<TrailRecord> sink) {
        guard("lock " + lock + ": reading its trail", () -> {
            Iterator<? extends DomainEventMessage<?>> it = axon.eventStore().readEvents(lock.value(), 0L);
            while (it.hasNext()) {
                DomainEventMessage<?> m = it.next();
                Object payload = m.getPayload();
                Instant at = payload instanceof LockEvent ? ((LockEvent) payload).at()
                        : payload instanceof TrailCheckpointed ? ((TrailCheckpointed) payload).at()
                        : ((dev.access.core.trail.TrailAnchored) payload).at();
                Object chain = m.getMetaData().get(AuditForm.CHAIN);
                sink.accept(new TrailRecord(lock.value(), m.getSequenceNumber(), AuditForm.type(payload), at,
                        new String(AuditForm.bytes(payload), StandardCharsets.UTF_8), chain == null ? null : chain.toString()));
            }
            return null;
        });
    }

    /**
     * Prunes the lock's trail before {@code before} down to an anchor signed at {@code at}, in one
     * transaction on {@code database}, then drops the lock from the aggregate cache.
     *
     * @return the records removed (0 if nothing was to be done) and the trail's anchor afterwards (or null)
     */
    public PruneOutcome prune(LockId lock, Instant before, Instant at, javax.sql.DataSource database,
            dev.access.core.domain.Actor actor) {
        try {
            TrailPruning.Outcome o = guard("lock " + lock + ": pruning its trail",
                    () -> pruning.prune(lock, before, at, database, actor));
            return new PruneOutcome(o.removed(), o.anchor());
        } finally {
            forget(lock);
        }
    }

    /**
     * What a prune did.
     *
     * @param removed records removed (the one the anchor replaced included)
     * @param anchor the trail's anchor afterwards, or null if it has none
     */
    public record PruneOutcome(long removed, dev.access.core.trail.TrailAnchored anchor) {
    }

    /** Drops the lock from the aggregate cache (after another node changed its key epoch). */
    public void forget(LockId lock) {
        if (cache != null) {
            cache.remove(lock.value());
        }
    }

    /** Whether the access log is kept. */
    public boolean hasAccessLog() {
        return accessLog != null;
    }

    /** The access log's view of a lock, caught up with its stream. */
    public AccessLogView accessLog(LockId lock) {
        return guard("lock " + lock + ": reading the access log", () -> accessLog.view(lock.value()));
    }

    /** Drops the access log's views and rebuilds them by replaying every event. */
    public void rebuildAccessLog() {
        guard("rebuilding the access log", () -> {
            TrackingEventProcessor p = accessLogProcessor();
            p.shutDown();
            p.resetTokens();
            p.start();
            return null;
        });
    }

    /** Waits until the access log has processed every event committed before the call. */
    public boolean awaitAccessLog(Duration timeout) throws InterruptedException {
        TrackingEventProcessor p = accessLogProcessor();
        TrackingToken head = guard("reading the store's head", () -> axon.eventStore().createHeadToken());
        long target = head == null ? -1 : head.position().orElse(-1);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            boolean done = !p.processingStatus().isEmpty() && p.processingStatus().values().stream()
                    .allMatch(st -> st.isCaughtUp() && (target < 0 || st.getCurrentPosition().orElse(-1) >= target));
            if (done) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    private TrackingEventProcessor accessLogProcessor() {
        return axon.eventProcessingConfiguration()
                .eventProcessor(AccessLogProjection.GROUP, TrackingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("no access-log processor"));
    }

    @Override
    public void close() {
        guard("shutting the lock runtime down", () -> {
            axon.shutdown();
            return null;
        });
    }

    /** A conflicting append, to be retried by {@link #send}; never leaves this class. */
    private static final class ConflictSignal extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ConflictSignal(Throwable conflict) {
            super(conflict.getMessage(), conflict, false, false);
        }
    }

    /** Runs {@code call}, translating every failure into the library's error tree (see the notes). */
    static <T> T guard(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (ConcurrencyException | AggregateStreamCreationException e) {
            throw new ConflictSignal(e);
        } catch (RuntimeException e) {
            throw translate(what, e);
        }
    }

    /** The library's own error in {@code e}'s cause chain, or the error-tree exception it stands for. */
    static RuntimeException translate(String what, RuntimeException e) {
        AccessException database = StoreFailures.sqlite(what, e);
        if (database != null) {
            return database;
        }
        boolean foreign = false;
        boolean unreadable = false;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AccessException) {
                return (AccessException) t;
            }
            String name = t.getClass().getName();
            if (t instanceof org.axonframework.serialization.SerializationException
                    || name.startsWith("com.fasterxml.jackson.")) {
                unreadable = true;
            }
            if (name.startsWith("org.axonframework.") || name.startsWith("java.sql.")
                    || name.startsWith("org.sqlite.") || name.startsWith("org.postgresql.")
                    || name.startsWith("com.zaxxer.") || name.startsWith("com.fasterxml.jackson.")) {
                foreign = true;
            }
        }
        if (unreadable) {
            return new StoreCorruptedException(what, e);
        }
        if (foreign) {
            return new StoreUnavailableException(what, e);
        }
        return e;
    }
}
