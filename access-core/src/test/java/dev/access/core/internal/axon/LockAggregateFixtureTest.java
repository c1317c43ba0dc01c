package dev.access.core.internal.axon;

import dev.access.core.domain.CodeRules;
import dev.access.core.domain.DenialReason;
import dev.access.core.domain.EntrySource;
import dev.access.core.domain.LockCommand;
import dev.access.core.domain.LockCommandRejected;
import dev.access.core.domain.LockEvent;
import dev.access.core.domain.LockId;
import dev.access.core.domain.LockoutPolicy;
import dev.access.core.domain.UserType;
import dev.access.core.internal.trail.TrailPolicy;
import dev.access.crypto.CodeDigest;
import dev.access.crypto.InMemoryKeyRing;
import dev.access.crypto.KeyRing;
import dev.access.crypto.PinCode;
import dev.access.crypto.PinPolicy;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Axon wiring: the aggregate routes annotation-free commands, applies the decider's events, refuses cleanly. */
class LockAggregateFixtureTest {
    private static final LockId L = LockId.of("fixture-lock");
    private static final Instant T = Instant.parse("2026-05-01T12:00:00Z");

    private AggregateTestFixture<LockAggregate> fixture;
    private CodeDigest master;
    private CodeDigest user;

    @BeforeEach
    void setUp() {
        System.setProperty("axoniq.update-checker.disabled", "true");
        fixture = new AggregateTestFixture<>(LockAggregate.class);
        fixture.registerCommandTargetResolver(new LockTargets());
        KeyRing ring = InMemoryKeyRing.create();
        fixture.registerInjectableResource(new TrailPolicy(ring, 100));
        int epoch = ring.createEpoch(L.value());
        master = digest(ring, epoch, "908172");
        user = digest(ring, epoch, "4826");
    }

    private static CodeDigest digest(KeyRing ring, int epoch, String digits) {
        try (PinCode pin = PinCode.of(digits.toCharArray(), PinPolicy.defaults())) {
            return ring.digester(L.value(), epoch).digest(pin);
        }
    }

    private LockEvent[] commissioned() {
        return new LockEvent[] {
            new LockEvent.LockCommissioned(L, T, "m", "s", "1", "UTC", PinPolicy.defaults(), LockoutPolicy.defaults(), 1, 10),
            new LockEvent.CodeAdded(L, T, 0, UserType.PROGRAMMING, "master", master, CodeRules.none())
        };
    }

    @Test
    void givenNoEvents_whenCommissioned_thenLockCreatedWithMasterCode() {
        fixture.givenNoPriorActivity()
                .when(new LockCommand.CommissionLock(L, T, "m", "s", "1", "UTC", PinPolicy.defaults(),
                        LockoutPolicy.defaults(), master, 1))
                .expectSuccessfulHandlerExecution()
                .expectEvents((Object[]) commissioned());
    }

    @Test
    void givenCommissionedLock_whenCodeAdded_thenCodeAddedApplied() {
        fixture.given((Object[]) commissioned())
                .when(new LockCommand.AddCode(L, T, 1, UserType.UNRESTRICTED, "alice", user, CodeRules.none(), 1))
                .expectEvents(new LockEvent.CodeAdded(L, T, 1, UserType.UNRESTRICTED, "alice", user, CodeRules.none()));
    }

    @Test
    void givenCommissionedLock_whenUnknownCodeEntered_thenDenialApplied() {
        fixture.given((Object[]) commissioned())
                .when(new LockCommand.EnterCode(L, T, EntrySource.KEYPAD, user, 1))
                .expectEvents(new LockEvent.EntryDenied(L, T, EntrySource.KEYPAD, DenialReason.UNKNOWN_CODE, null,
                        null, true));
    }

    @Test
    void givenNoEvents_whenCodeAdded_thenRejectedAndNothingStored() {
        fixture.givenNoPriorActivity()
                .when(new LockCommand.AddCode(L, T, 1, UserType.UNRESTRICTED, "a", user, CodeRules.none(), 1))
                .expectException(LockCommandRejected.class)
                .expectNoEvents();
    }

    @Test
    void givenCommissionedLock_whenCommissionedAgain_thenRejected() {
        fixture.given((Object[]) commissioned())
                .when(new LockCommand.CommissionLock(L, T, "m", "s", "1", "UTC", PinPolicy.defaults(),
                        LockoutPolicy.defaults(), master, 1))
                .expectException(LockCommandRejected.class)
                .expectNoEvents();
    }
}
