package dev.access.core.internal.axon;

import dev.access.core.domain.LockCommand;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;

/** Routes every command to its lock's aggregate, so commands carry no Axon annotations. */
public final class LockTargets implements CommandTargetResolver {
    /** A resolver for lock commands, {@link SignTrail}, {@link EnrollAndSign} and {@link DescribeLock}. */
    public LockTargets() {
    }

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        Object payload = command.getPayload();
        if (payload instanceof LockCommand) {
            return new VersionedAggregateIdentifier(((LockCommand) payload).lockId().value(), null);
        }
        if (payload instanceof SignTrail) {
            return new VersionedAggregateIdentifier(((SignTrail) payload).lockId().value(), null);
        }
        if (payload instanceof EnrollAndSign) {
            return new VersionedAggregateIdentifier(((EnrollAndSign) payload).enroll().lockId().value(), null);
        }
        if (payload instanceof DescribeLock) {
            return new VersionedAggregateIdentifier(((DescribeLock) payload).lockId().value(), null);
        }
        throw new IllegalArgumentException("not a lock command: " + command.getPayloadType().getName());
    }
}
