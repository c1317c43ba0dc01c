package dev.access.core.domain;

import static dev.access.core.domain.DeciderSpec.given;
import static dev.access.core.domain.LockFixture.EPOCH;
import static dev.access.core.domain.LockFixture.LOCK;
import static dev.access.core.domain.LockFixture.OTHER_PIN;
import static dev.access.core.domain.LockFixture.T0;
import static dev.access.core.domain.LockFixture.USER_PIN;
import static dev.access.core.domain.LockFixture.codeAdded;
import static dev.access.core.domain.LockFixture.commissioned;
import static dev.access.core.domain.LockFixture.days;
import static dev.access.core.domain.LockFixture.digest;
import static dev.access.core.domain.LockFixture.minutes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.access.core.domain.LockCommand.AddCode;
import dev.access.core.domain.LockCommand.ChangeCode;
import dev.access.core.domain.LockCommand.CheckCode;
import dev.access.core.domain.LockEvent.EntryDenied;
import dev.access.core.domain.LockEvent.ModeChanged;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Code edges: missing parts, the rules' exact bounds, the credentials' map view and shared parts, who set the mode, code checks' epochs. */
class CodeEdgesTest {

    // ---- CodeManagement: missing parts

    @Test
    void addCode_refusesAMissingUserType() {
        LockCommandRejected e = given(commissioned())
                .when(new AddCode(LOCK, minutes(1), 1, null, "alice", digest(USER_PIN), CodeRules.none(), EPOCH))
                .thenRejected(Rejection.INVALID_ARGUMENT);
        assertEquals("INVALID_ARGUMENT: user type is missing", e.getMessage());
    }

    @Test
    void addCode_refusesAMissingPin() {
        LockCommandRejected e = given(commissioned())
                .when(new AddCode(LOCK, minutes(1), 1, UserType.UNRESTRICTED, "alice", null, CodeRules.none(), EPOCH))
                .thenRejected(Rejection.INVALID_ARGUMENT);
        assertEquals("INVALID_ARGUMENT: code is missing", e.getMessage());
    }

    @Test
    void changeCode_refusesAMissingPin() {
        LockCommandRejected e = given(commissioned())
                .when(new ChangeCode(LOCK, minutes(1), 0, null, EPOCH))
                .thenRejected(Rejection.INVALID_ARGUMENT);
        assertEquals("INVALID_ARGUMENT: code is missing", e.getMessage());
    }

    // ---- CodeRules: exact bounds

    @ParameterizedTest
    @ValueSource(ints = {1, 1_000_000})
    void rules_acceptTheFewestAndMostUses(int n) {
        assertEquals(n, CodeRules.none().withMaxUses(n).maxUses());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1_000_001})
    void rules_refuseUsesJustOutsideTheBounds_namingThem(int n) {
        LockCommandRejected e = assertThrows(LockCommandRejected.class, () -> CodeRules.none().withMaxUses(n));
        assertEquals(Rejection.INVALID_ARGUMENT, e.rejection());
        assertEquals("INVALID_ARGUMENT: maxUses must be 1..1000000, was " + n, e.getMessage());
    }

    @Test
    void rules_acceptTheShortestAndLongestExpiry() {
        assertEquals(Duration.ofSeconds(1), CodeRules.none().withExpireAfterFirstUse(Duration.ofSeconds(1))
                .expireAfterFirstUse());
        assertEquals(Duration.ofDays(366), CodeRules.none().withExpireAfterFirstUse(Duration.ofDays(366))
                .expireAfterFirstUse());
    }

    @Test
    void rules_refuseAnExpiryJustOutsideTheBounds_namingIt() {
        for (Duration d : new Duration[] {Duration.ofMillis(999), Duration.ofDays(366).plusNanos(1)}) {
            LockCommandRejected e = assertThrows(LockCommandRejected.class,
                    () -> CodeRules.none().withExpireAfterFirstUse(d));
            assertEquals(Rejection.INVALID_ARGUMENT, e.rejection());
            assertEquals("INVALID_ARGUMENT: expireAfterFirstUse must be 1 s..366 days, was " + d, e.getMessage());
        }
    }

    // ---- Credentials: the by-slot map view

    private static Credentials twoCodes() {
        return given(commissioned(), codeAdded(5, UserType.UNRESTRICTED, USER_PIN)).state().credentials();
    }

    @Test
    void bySlot_containsExactlyTheOccupiedSlots() {
        Map<Integer, Credential> m = twoCodes().bySlot();
        assertTrue(m.containsKey(0));
        assertTrue(m.containsKey(5));
        assertFalse(m.containsKey(1));
        assertFalse(m.containsKey("5"));
    }

    @Test
    void bySlot_entrySetHasOneEntryPerCode_andEndsThere() {
        Credentials c = twoCodes();
        assertEquals(2, c.bySlot().entrySet().size());
        Iterator<Map.Entry<Integer, Credential>> it = c.bySlot().entrySet().iterator();
        assertEquals(0, it.next().getKey());
        assertEquals(5, it.next().getKey());
        assertFalse(it.hasNext());
        assertThrows(NoSuchElementException.class, it::next);
    }

    // ---- Credentials: equal parts shared with the neighbour

    private static final Instant ADDED = T0;
    private static final Actor ALICE = Actor.local("alice");
    private static final CodeRules WINDOW = CodeRules.window(T0, days(10));

    private static Credential credential(int slot, String pin, CodeRules rules, Actor addedBy, Actor changedBy,
            Instant addedAt, Instant changedAt) {
        return new Credential(slot, UserType.UNRESTRICTED, "user " + slot, digest(pin), rules, false, 0, null, addedAt,
                changedAt, addedBy, changedBy);
    }

    private static Credential neighbour() {
        return credential(1, USER_PIN, WINDOW, ALICE, ALICE, ADDED, ADDED);
    }

    /** {@code c} stored in slot 2 after the neighbour in slot 1. */
    private static Credential storedNextToNeighbour(Credential c) {
        Credential stored = Credentials.EMPTY.with(neighbour()).with(c).get(2);
        assertEquals(c, stored, "sharing changes nothing observable by equality");
        return stored;
    }

    @Test
    void sharing_givesAnEqualCodeItsNeighboursRulesInstance() {
        CodeRules equalRules = CodeRules.window(T0, days(10));
        assertNotSame(WINDOW, equalRules);
        Credential stored = storedNextToNeighbour(credential(2, OTHER_PIN, equalRules, ALICE, ALICE, ADDED, ADDED));
        assertSame(WINDOW, stored.rules());
    }

    @Test
    void sharing_givesAnEqualCodeItsNeighboursAddedByInstance() {
        Actor equalActor = Actor.local("alice");
        Credential stored = storedNextToNeighbour(credential(2, OTHER_PIN, WINDOW, equalActor, ALICE, ADDED, ADDED));
        assertSame(ALICE, stored.addedBy());
    }

    @Test
    void sharing_givesAnEqualCodeItsNeighboursChangedByInstance() {
        Actor equalActor = Actor.local("alice");
        Credential stored = storedNextToNeighbour(credential(2, OTHER_PIN, WINDOW, ALICE, equalActor, ADDED, ADDED));
        assertSame(ALICE, stored.changedBy());
    }

    @Test
    void sharing_givesAnEqualCodeItsNeighboursAddedAtInstance() {
        Instant equalTime = Instant.ofEpochSecond(ADDED.getEpochSecond(), ADDED.getNano());
        assertNotSame(ADDED, equalTime);
        Credential stored = storedNextToNeighbour(credential(2, OTHER_PIN, WINDOW, ALICE, ALICE, equalTime, ADDED));
        assertSame(ADDED, stored.addedAt());
    }

    @Test
    void sharing_givesAnEqualCodeItsNeighboursChangedAtInstance() {
        Instant equalTime = Instant.ofEpochSecond(ADDED.getEpochSecond(), ADDED.getNano());
        Credential stored = storedNextToNeighbour(credential(2, OTHER_PIN, WINDOW, ALICE, ALICE, ADDED, equalTime));
        assertSame(ADDED, stored.changedAt());
    }

    // ---- Modes.changed: who set the mode

    private static String modeSetBy(ModeChanged e) {
        return given(commissioned(), e).state().modeSetBy();
    }

    @Test
    void modeSetBy_isTheNamedPerson_whenTheEventNamesOne() {
        assertEquals("owner", modeSetBy(new ModeChanged(LOCK, minutes(1), OperatingMode.NORMAL, OperatingMode.VACATION,
                "owner", Actor.local("alice"))));
    }

    @Test
    void modeSetBy_isTheActor_whenTheEventNamesNoPerson() {
        assertEquals("alice", modeSetBy(new ModeChanged(LOCK, minutes(1), OperatingMode.NORMAL, OperatingMode.VACATION,
                null, Actor.local("alice"))));
    }

    @Test
    void modeSetBy_isTheBackendsKeyId_forABackendActor() {
        assertEquals("backend:0123456789abcdef", modeSetBy(new ModeChanged(LOCK, minutes(1), OperatingMode.NORMAL,
                OperatingMode.VACATION, null, Actor.backend("0123456789abcdef"))));
    }

    @Test
    void modeSetBy_isNobody_whenTheEventNamesNeitherPersonNorActor() {
        assertNull(modeSetBy(new ModeChanged(LOCK, minutes(1), OperatingMode.NORMAL, OperatingMode.VACATION, null,
                null)));
    }

    // ---- Entry.check: the epoch matters only for a code

    @Test
    void aCodeCheck_underAnotherEpoch_isStale() {
        LockCommandRejected e = given(commissioned(), codeAdded(5, UserType.UNRESTRICTED, USER_PIN))
                .when(new CheckCode(LOCK, minutes(1), digest(USER_PIN), EPOCH + 1, null))
                .thenRejected(Rejection.STALE_KEY_EPOCH);
        assertEquals("STALE_KEY_EPOCH: the PIN was digested under key epoch 2, the lock uses 1", e.getMessage());
    }

    @Test
    void aMalformedCheck_ignoresTheEpoch_andCountsAsAWrongCode() {
        given(commissioned())
                .when(new CheckCode(LOCK, minutes(1), null, EPOCH + 1, "TOO_SHORT"))
                .then(new EntryDenied(LOCK, minutes(1), EntrySource.DIAGNOSTIC, DenialReason.MALFORMED, null, null,
                        true));
    }
}
