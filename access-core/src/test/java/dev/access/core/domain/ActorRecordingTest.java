package dev.access.core.domain;

import static dev.access.core.domain.LockFixture.LOCK;
import static dev.access.core.domain.LockFixture.OTHER_PIN;
import static dev.access.core.domain.LockFixture.USER_PIN;
import static dev.access.core.domain.LockFixture.digest;
import static dev.access.core.domain.LockFixture.minutes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every administrative command's events carry its actor and channel; the credential keeps who added and changed it. */
class ActorRecordingTest {
    private static final Instant T = minutes(1);
    private static final Actor BY = Actor.remote("ops-7");

    /** One administrative command of each kind, each by {@link #BY}, from a state where it records something. */
    @Test
    void everyAdministrativeCommand_recordsItsActorAndChannel() {
        LockState s = LockDecider.fold(LockFixture.commissioned());
        s = apply(s, new LockCommand.AddCode(LOCK, T, 3, UserType.UNRESTRICTED, "x", digest(USER_PIN), null,
                LockFixture.EPOCH, BY));
        s = apply(s, new LockCommand.ChangeCode(LOCK, T, 3, digest(OTHER_PIN), LockFixture.EPOCH, BY));
        s = apply(s, new LockCommand.SuspendCode(LOCK, T, 3, BY));
        s = apply(s, new LockCommand.ResumeCode(LOCK, T, 3, BY));
        s = apply(s, new LockCommand.EnterCode(LOCK, T, EntrySource.KEYPAD, digest("55555"), LockFixture.EPOCH), false);
        s = apply(s, new LockCommand.ChangeMode(LOCK, T, OperatingMode.VACATION, null, BY));
        s = apply(s, new LockCommand.ClearLockout(LOCK, T, null, BY));
        s = apply(s, new LockCommand.SetClock(LOCK, T, BY));
        s = apply(s, new LockCommand.RevokeOfflineCode(LOCK, T, "00112233445566ff", minutes(600), BY));
        s = apply(s, new LockCommand.RevokeAllOfflineCodes(LOCK, T, BY));
        s = apply(s, new LockCommand.RecordOfflineKeyExport(LOCK, T, LockFixture.EPOCH, s.offline().generation(), BY));
        s = apply(s, new LockCommand.EraseSubject(LOCK, T, "AAAAAAAAAAAAAAAAAAAAAA", BY));
        s = apply(s, new LockCommand.RemoveCode(LOCK, T, 3, BY));
        s = apply(s, new LockCommand.FactoryReset(LOCK, T, LockFixture.NEXT_EPOCH, BY));
        assertFalse(s.commissioned());
    }

    @Test
    void theCredentialKeepsWhoAddedAndWhoLastChangedIt() {
        LockState s = LockDecider.fold(LockFixture.commissioned());
        s = apply(s, new LockCommand.AddCode(LOCK, T, 3, UserType.UNRESTRICTED, "x", digest(USER_PIN), null,
                LockFixture.EPOCH, Actor.installer("ina")), false);
        assertEquals(Actor.installer("ina"), s.credentials().get(3).addedBy());
        assertNull(s.credentials().get(3).changedBy());
        s = apply(s, new LockCommand.SuspendCode(LOCK, T, 3, BY), false);
        assertEquals(BY, s.credentials().get(3).changedBy());
        s = apply(s, new LockCommand.ChangeCode(LOCK, T, 3, digest(OTHER_PIN), LockFixture.EPOCH, Actor.keypad(null)), false);
        assertEquals(Actor.keypad(null), s.credentials().get(3).changedBy());
        assertEquals(Actor.installer("ina"), s.credentials().get(3).addedBy());
    }

    @Test
    void aCommandWithoutAValidActorIsRefused() {
        LockState s = LockDecider.fold(LockFixture.commissioned());
        for (Actor bad : new Actor[] {null, new Actor("x", null, null), Actor.backend("XYZ"),
                new Actor("x", Actor.Channel.LOCAL, "0011223344556677"), Actor.local("a\nb"), Actor.local("~pd1.broken")}) {
            LockCommandRejected e = assertThrows(LockCommandRejected.class, () -> LockDecider.decide(
                    new LockCommand.ChangeMode(LOCK, T, OperatingMode.VACATION, null, bad), s), String.valueOf(bad));
            assertEquals(Rejection.INVALID_ARGUMENT, e.rejection());
        }
    }

    private static LockState apply(LockState s, LockCommand c) {
        return apply(s, c, true);
    }

    private static LockState apply(LockState s, LockCommand c, boolean administrative) {
        List<LockEvent> events = LockDecider.decide(c, s);
        assertFalse(events.isEmpty(), "records something: " + c);
        int named = 0;
        for (LockEvent e : events) {
            if (administrative && hasActor(e)) {
                assertEquals(BY, actor(e), "the actor of " + e);
                named++;
            }
            s = LockDecider.evolve(s, e);
        }
        if (administrative) {
            assertFalse(named == 0, "an event of " + c + " names the actor");
        }
        return s;
    }

    private static boolean hasActor(LockEvent e) {
        return java.util.Arrays.stream(e.getClass().getRecordComponents()).anyMatch(r -> r.getName().equals("actor"));
    }

    private static Actor actor(LockEvent e) {
        try {
            return (Actor) e.getClass().getMethod("actor").invoke(e);
        } catch (ReflectiveOperationException x) {
            throw new AssertionError(e + " has no actor", x);
        }
    }
}
