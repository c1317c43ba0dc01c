package dev.access.core.axon;

import static org.axonframework.modelling.command.AggregateCreationPolicy.CREATE_IF_MISSING;

import dev.access.core.domain.LockCommand;
import dev.access.core.domain.LockDecider;
import dev.access.core.domain.LockEvent;
import dev.access.core.domain.LockState;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * The Axon aggregate of one lock: a shell around {@link LockDecider}. Every command handler calls
 * {@code decide} and applies the events; the one event-sourcing handler calls {@code evolve}.
 * Every handler may create the aggregate: the decider itself refuses what an uncommissioned lock
 * cannot do, and a refused command stores nothing.
 */
public class LockAggregate {
    @AggregateIdentifier
    private String lockId;
    private LockState state = LockState.initial();

    /** For Axon: an aggregate is created empty and rebuilt from its events. */
    public LockAggregate() {
    }

    private List<LockEvent> handle(LockCommand command) {
        identify(command.lockId().value());
        List<LockEvent> events = LockDecider.decide(command, state);
        events.forEach(AggregateLifecycle::apply);
        return events;
    }

    /** A lock created by its first command takes that command's id (the cache keys on it). */
    private void identify(String id) {
        if (lockId == null) {
            lockId = id;
        }
    }

    @EventSourcingHandler
    void on(LockEvent event) {
        if (lockId == null) {
            lockId = event.lockId().value();
        }
        state = LockDecider.evolve(state, event);
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
    List<LockEvent> handle(LockCommand.CommissionLock c) {
        return handle((LockCommand) c);
    }

    @CommandHandler
    @CreationPolicy(CREATE_IF_MISSING)
    List<LockEvent> handle(LockCommand.AddCode c) {
        return handle((LockCommand) c);
    }

    @CommandHandler
    @CreationPolicy(CREATE_IF_MISSING)
    List<LockEvent> handle(LockCommand.ChangeCode c) {
        return handle((LockCommand) c);
    }

    @CommandHandler
    @CreationPolicy(CREATE_IF_MISSING)
    List<LockEvent> handle(LockCommand.SuspendCode c) {
        return handle((LockCommand) c);
    }

    @CommandHandler
    @CreationPolicy(CREATE_IF_MISSING)
    List<LockEvent> handle(LockCommand.ResumeCode c) {
        return handle((LockCommand) c);
    }

    @CommandHandler
    @CreationPolicy(CREATE_IF_MISSING)
    List<LockEvent> handle(LockCommand.RemoveCode c) {
        return handle((LockCommand) c);
    }

    @CommandHandler
    @CreationPolicy(CREATE_IF_MISSING)
    List<LockEvent> handle(LockCommand.EnterCode c) {
        return handle((LockCommand) c);
    }

    @CommandHandler
    @CreationPolicy(CREATE_IF_MISSING)
    List<LockEvent> handle(LockCommand.EnterMalformedCode c) {
        return handle((LockCommand) c);
    }

    @CommandHandler
    @CreationPolicy(CREATE_IF_MISSING)
    List<LockEvent> handle(LockCommand.ChangeMode c) {
        return handle((LockCommand) c);
    }

    @CommandHandler
    @CreationPolicy(CREATE_IF_MISSING)
    List<LockEvent> handle(LockCommand.ClearLockout c) {
        return handle((LockCommand) c);
    }

    @CommandHandler
    @CreationPolicy(CREATE_IF_MISSING)
    List<LockEvent> handle(LockCommand.ReportBattery c) {
        return handle((LockCommand) c);
    }

    @CommandHandler
    @CreationPolicy(CREATE_IF_MISSING)
    List<LockEvent> handle(LockCommand.ReportDeviceEvent c) {
        return handle((LockCommand) c);
    }

    @CommandHandler
    @CreationPolicy(CREATE_IF_MISSING)
    List<LockEvent> handle(LockCommand.UpdateFirmware c) {
        return handle((LockCommand) c);
    }

    @CommandHandler
    @CreationPolicy(CREATE_IF_MISSING)
    List<LockEvent> handle(LockCommand.SetClock c) {
        return handle((LockCommand) c);
    }

    @CommandHandler
    @CreationPolicy(CREATE_IF_MISSING)
    List<LockEvent> handle(LockCommand.FactoryReset c) {
        return handle((LockCommand) c);
    }
}
