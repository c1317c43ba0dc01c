package dev.access.core.internal.axon;

import static org.axonframework.modelling.command.AggregateCreationPolicy.CREATE_IF_MISSING;

import dev.access.core.domain.LockCommand;
import dev.access.core.domain.LockCommandRejected;
import dev.access.core.domain.LockId;
import dev.access.core.domain.Rejection;
import dev.access.core.internal.trail.AuditForm;
import dev.access.core.trail.TrailCheckpointed;
import dev.access.core.internal.trail.TrailPolicy;
import dev.access.crypto.ChainHead;
import dev.access.crypto.Checkpoint;
import java.time.Instant;
import dev.access.core.domain.LockDecider;
import dev.access.core.domain.LockEvent;
import dev.access.core.domain.LockState;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * The Axon aggregate of one lock: a shell around {@link LockDecider}. Every command handler calls
 * {@code decide} and applies the events; the one event-sourcing handler calls {@code evolve}.
 * Every handler may create the aggregate: the decider itself refuses what an uncommissioned lock
 * cannot do, and a refused command stores nothing.
 *
 * <p>The shell also keeps the trail tamper-evident: each event is applied with the chain head after
 * it in its metadata (see {@link AuditForm}), and a signed {@link TrailCheckpointed} follows every
 * {@link TrailPolicy#interval()} events, every lockout, every factory reset, and {@link SignTrail}.
 */
@org.axonframework.serialization.Revision(LockAggregate.SNAPSHOT_REVISION)
public class LockAggregate {
    /**
     * The revision snapshots are written with. Axon's default snapshot filter ignores snapshots of any
     * other revision, so a lock whose state gained fields (2: offline codes) is rebuilt from its
     * events instead of from a snapshot that lacks them.
     */
    static final String SNAPSHOT_REVISION = "2";

    /** The filter a store's engine reads snapshots through: only this revision's are used. */
    public static org.axonframework.eventsourcing.snapshotting.SnapshotFilter snapshotFilter() {
        return org.axonframework.eventsourcing.snapshotting.RevisionSnapshotFilter.builder()
                .type(LockAggregate.class.getSimpleName()).revision(SNAPSHOT_REVISION).build();
    }

    @AggregateIdentifier
    private String lockId;
    private LockState state = LockState.initial();
    /** The sequence number the next event will get (the number of events so far). */
    private long nextSequence;
    /** The chain head after the last event. */
    private String chainHead = ChainHead.GENESIS.toHex();
    /** Events since the last signed checkpoint. */
    private int sinceCheckpoint;

    /** For Axon: an aggregate is created empty and rebuilt from its events. */
    public LockAggregate() {
    }

    private List<LockEvent> handle(LockCommand command, TrailPolicy trail) {
        identify(command.lockId().value());
        List<LockEvent> events = LockDecider.decide(command, state);
        boolean sign = false;
        for (LockEvent e : events) {
            append(e, e.at());
            sign |= e instanceof LockEvent.LockoutStarted || e instanceof LockEvent.FactoryResetPerformed;
        }
        if (!events.isEmpty() && (sign || sinceCheckpoint >= trail.interval())) {
            checkpoint(trail, events.get(events.size() - 1).at());
        }
        return events;
    }

    /** Applies an event with the chain head after it in its metadata. */
    private void append(Object payload, Instant at) {
        ChainHead next = AuditForm.next(ChainHead.fromHex(chainHead), nextSequence, payload, at);
        AggregateLifecycle.apply(payload, MetaData.with(AuditForm.CHAIN, next.toHex()));
    }

    private Checkpoint checkpoint(TrailPolicy trail, Instant at) {
        Checkpoint c = trail.signer(lockId).sign(nextSequence - 1, ChainHead.fromHex(chainHead), at);
        append(new TrailCheckpointed(LockId.of(lockId), at, c.sequence(), c.chainHead(), c.keyId(), c.signature()), at);
        return c;
    }

    /** Signs a checkpoint of the trail now. */
    @CommandHandler
    @CreationPolicy(CREATE_IF_MISSING)
    Checkpoint handle(SignTrail command, TrailPolicy trail) {
        identify(command.lockId().value());
        if (nextSequence == 0) {
            throw new LockCommandRejected(Rejection.NOT_COMMISSIONED,
                    "lock " + command.lockId() + " has no trail to sign");
        }
        return checkpoint(trail, command.at());
    }

    /** Enrolls the lock, then signs a checkpoint covering the enrollment, in one unit of work. */
    @CommandHandler
    @CreationPolicy(CREATE_IF_MISSING)
    EnrollAndSign.Result handle(EnrollAndSign command, TrailPolicy trail) {
        List<LockEvent> events = handle(command.enroll(), trail);
        // At the enrollment's own time (the floor, if the command's stamp was a fault or a rollback).
        Instant at = events.isEmpty() ? command.enroll().at() : events.get(events.size() - 1).at();
        Checkpoint c = checkpoint(trail, at);
        return new EnrollAndSign.Result(events, c, state.keyEpoch());
    }

    /** A lock created by its first command takes that command's id (the cache keys on it). */
    private void identify(String id) {
        if (lockId == null) {
            lockId = id;
        }
    }

    @EventSourcingHandler
    void on(LockEvent event, @MetaDataValue(AuditForm.CHAIN) String chain) {
        if (lockId == null) {
            lockId = event.lockId().value();
        }
        state = LockDecider.evolve(state, event);
        advance(event, event.at(), chain);
        sinceCheckpoint++;
    }

    @EventSourcingHandler
    void on(TrailCheckpointed event, @MetaDataValue(AuditForm.CHAIN) String chain) {
        advance(event, event.at(), chain);
        sinceCheckpoint = 0;
    }

    /**
     * A retention anchor (a prune's, always the first record of the stream): the state is the one it
     * anchors, whatever came before (a stale snapshot, or none), so every way of loading the lock
     * rebuilds the same state; the chain goes on from its head after its sequence, and it counts as a
     * signed point.
     */
    @EventSourcingHandler
    void on(dev.access.core.trail.TrailAnchored event, @MetaDataValue(AuditForm.CHAIN) String chain) {
        if (lockId == null) {
            lockId = event.lockId().value();
        }
        state = event.state();
        nextSequence = event.sequence() + 1;
        chainHead = chain != null ? chain : event.chainHead();
        sinceCheckpoint = 0;
    }

    /** Moves the chain past an event (computing the head for an event stored without one). */
    private void advance(Object event, Instant at, String chain) {
        chainHead = chain != null ? chain : AuditForm.next(ChainHead.fromHex(chainHead), nextSequence, event, at).toHex();
        nextSequence++;
    }

    /** The state, for {@link DescribeLock}. */
    @CommandHandler
    @CreationPolicy(CREATE_IF_MISSING)
    LockState handle(DescribeLock query) {
        identify(query.lockId().value());
        return state;
    }

    @CommandHandler
    @CreationPolicy(CREATE_IF_MISSING)
    List<LockEvent> handle(LockCommand.CommissionLock c, TrailPolicy trail) {
        return handle((LockCommand) c, trail);
    }

    @CommandHandler
    @CreationPolicy(CREATE_IF_MISSING)
    List<LockEvent> handle(LockCommand.AddCode c, TrailPolicy trail) {
        return handle((LockCommand) c, trail);
    }

    @CommandHandler
    @CreationPolicy(CREATE_IF_MISSING)
    List<LockEvent> handle(LockCommand.ChangeCode c, TrailPolicy trail) {
        return handle((LockCommand) c, trail);
    }

    @CommandHandler
    @CreationPolicy(CREATE_IF_MISSING)
    List<LockEvent> handle(LockCommand.SuspendCode c, TrailPolicy trail) {
        return handle((LockCommand) c, trail);
    }

    @CommandHandler
    @CreationPolicy(CREATE_IF_MISSING)
    List<LockEvent> handle(LockCommand.ResumeCode c, TrailPolicy trail) {
        return handle((LockCommand) c, trail);
    }

    @CommandHandler
    @CreationPolicy(CREATE_IF_MISSING)
    List<LockEvent> handle(LockCommand.RemoveCode c, TrailPolicy trail) {
        return handle((LockCommand) c, trail);
    }

    @CommandHandler
    @CreationPolicy(CREATE_IF_MISSING)
    List<LockEvent> handle(LockCommand.EnterCode c, TrailPolicy trail) {
        return handle((LockCommand) c, trail);
    }

    @CommandHandler
    @CreationPolicy(CREATE_IF_MISSING)
    List<LockEvent> handle(LockCommand.EnterMalformedCode c, TrailPolicy trail) {
        return handle((LockCommand) c, trail);
    }

    @CommandHandler
    @CreationPolicy(CREATE_IF_MISSING)
    List<LockEvent> handle(LockCommand.CheckCode c, TrailPolicy trail) {
        return handle((LockCommand) c, trail);
    }

    @CommandHandler
    @CreationPolicy(CREATE_IF_MISSING)
    List<LockEvent> handle(LockCommand.ChangeMode c, TrailPolicy trail) {
        return handle((LockCommand) c, trail);
    }

    @CommandHandler
    @CreationPolicy(CREATE_IF_MISSING)
    List<LockEvent> handle(LockCommand.ClearLockout c, TrailPolicy trail) {
        return handle((LockCommand) c, trail);
    }

    @CommandHandler
    @CreationPolicy(CREATE_IF_MISSING)
    List<LockEvent> handle(LockCommand.ReportBattery c, TrailPolicy trail) {
        return handle((LockCommand) c, trail);
    }

    @CommandHandler
    @CreationPolicy(CREATE_IF_MISSING)
    List<LockEvent> handle(LockCommand.ReportDeviceEvent c, TrailPolicy trail) {
        return handle((LockCommand) c, trail);
    }

    @CommandHandler
    @CreationPolicy(CREATE_IF_MISSING)
    List<LockEvent> handle(LockCommand.UpdateFirmware c, TrailPolicy trail) {
        return handle((LockCommand) c, trail);
    }

    @CommandHandler
    @CreationPolicy(CREATE_IF_MISSING)
    List<LockEvent> handle(LockCommand.SetClock c, TrailPolicy trail) {
        return handle((LockCommand) c, trail);
    }

    @CommandHandler
    @CreationPolicy(CREATE_IF_MISSING)
    List<LockEvent> handle(LockCommand.FactoryReset c, TrailPolicy trail) {
        return handle((LockCommand) c, trail);
    }

    @CommandHandler
    @CreationPolicy(CREATE_IF_MISSING)
    List<LockEvent> handle(LockCommand.EnrollLock c, TrailPolicy trail) {
        return handle((LockCommand) c, trail);
    }

    @CommandHandler
    @CreationPolicy(CREATE_IF_MISSING)
    List<LockEvent> handle(LockCommand.ApplyBatch c, TrailPolicy trail) {
        return handle((LockCommand) c, trail);
    }

    @CommandHandler
    @CreationPolicy(CREATE_IF_MISSING)
    List<LockEvent> handle(LockCommand.EnterOfflineCode c, TrailPolicy trail) {
        return handle((LockCommand) c, trail);
    }

    @CommandHandler
    @CreationPolicy(CREATE_IF_MISSING)
    List<LockEvent> handle(LockCommand.CheckOfflineCode c, TrailPolicy trail) {
        return handle((LockCommand) c, trail);
    }

    @CommandHandler
    @CreationPolicy(CREATE_IF_MISSING)
    List<LockEvent> handle(LockCommand.RevokeOfflineCode c, TrailPolicy trail) {
        return handle((LockCommand) c, trail);
    }

    @CommandHandler
    @CreationPolicy(CREATE_IF_MISSING)
    List<LockEvent> handle(LockCommand.RevokeAllOfflineCodes c, TrailPolicy trail) {
        return handle((LockCommand) c, trail);
    }

    @CommandHandler
    @CreationPolicy(CREATE_IF_MISSING)
    List<LockEvent> handle(LockCommand.RecordOfflineKeyExport c, TrailPolicy trail) {
        return handle((LockCommand) c, trail);
    }

    @CommandHandler
    @CreationPolicy(CREATE_IF_MISSING)
    List<LockEvent> handle(LockCommand.EraseSubject c, TrailPolicy trail) {
        return handle((LockCommand) c, trail);
    }
}
