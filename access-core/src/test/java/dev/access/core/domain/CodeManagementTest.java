package dev.access.core.domain;

import static dev.access.core.domain.DeciderSpec.given;
import static dev.access.core.domain.LockFixture.EPOCH;
import static dev.access.core.domain.LockFixture.LOCK;
import static dev.access.core.domain.LockFixture.MASTER_PIN;
import static dev.access.core.domain.LockFixture.NEXT_EPOCH;
import static dev.access.core.domain.LockFixture.OTHER_PIN;
import static dev.access.core.domain.LockFixture.T0;
import static dev.access.core.domain.LockFixture.USER_PIN;
import static dev.access.core.domain.LockFixture.addCode;
import static dev.access.core.domain.LockFixture.codeAdded;
import static dev.access.core.domain.LockFixture.commissioned;
import static dev.access.core.domain.LockFixture.days;
import static dev.access.core.domain.LockFixture.denied;
import static dev.access.core.domain.LockFixture.digest;
import static dev.access.core.domain.LockFixture.enter;
import static dev.access.core.domain.LockFixture.granted;
import static dev.access.core.domain.LockFixture.masterGranted;
import static dev.access.core.domain.LockFixture.minutes;
import static dev.access.core.domain.LockFixture.schedule;
import static dev.access.core.domain.LockFixture.weekdays;
import static dev.access.core.domain.LockFixture.wrong;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.access.core.domain.LockCommand.AddCode;
import dev.access.core.domain.LockCommand.ChangeCode;
import dev.access.core.domain.LockCommand.RemoveCode;
import dev.access.core.domain.LockCommand.ResumeCode;
import dev.access.core.domain.LockCommand.SuspendCode;
import dev.access.core.domain.LockEvent.CodeAdded;
import dev.access.core.domain.LockEvent.CodeChanged;
import dev.access.core.domain.LockEvent.CodeRemoved;
import dev.access.core.domain.LockEvent.CodeResumed;
import dev.access.core.domain.LockEvent.CodeSuspended;
import dev.access.core.domain.LockEvent.EntryDenied;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Adding, changing, suspending, resuming and removing codes, with their slot and type rules. */
class CodeManagementTest {
    private static final Instant T1 = minutes(1);
    private static final Instant T2 = minutes(2);
    private static final Instant T3 = minutes(3);

    private static DeciderSpec.Given withUserInSlot1() {
        return given(commissioned(), codeAdded(1, UserType.UNRESTRICTED, USER_PIN));
    }

    // ---- add

    @Test
    void givenCommissioned_whenAddCode_thenCodeAddedWithItsRules() {
        CodeRules rules = CodeRules.window(T0, days(7)).withMaxUses(3);

        given(commissioned())
                .when(addCode(1, UserType.UNRESTRICTED, USER_PIN, rules, T1))
                .then(new CodeAdded(LOCK, T1, 1, UserType.UNRESTRICTED, "user 1", digest(USER_PIN), rules))
                .when(enter(USER_PIN, T2))
                .then(granted(T2, 1, UserType.UNRESTRICTED, 1));
    }

    @Test
    void givenCommissioned_whenAddCodeWithoutRules_thenAddedAsPermanent() {
        given(commissioned())
                .when(new AddCode(LOCK, T1, 7, UserType.UNRESTRICTED, null, digest(USER_PIN), null, EPOCH))
                .then(new CodeAdded(LOCK, T1, 7, UserType.UNRESTRICTED, null, digest(USER_PIN), CodeRules.none()));
    }

    @Test
    void givenCodeInSlot1_whenAddAnotherCodeToSlot1_thenSlotOccupied() {
        LockCommandRejected e = withUserInSlot1()
                .when(addCode(1, UserType.UNRESTRICTED, OTHER_PIN, CodeRules.none(), T1))
                .thenRejected(Rejection.SLOT_OCCUPIED);

        assertTrue(e.getMessage().contains("slot 1"), e.getMessage());
    }

    @Test
    void givenCodeInSlot1_whenAddSamePinToSlot2_thenDuplicateNamingNoSlot() {
        LockCommandRejected e = withUserInSlot1()
                .when(addCode(2, UserType.UNRESTRICTED, USER_PIN, CodeRules.none(), T1))
                .thenRejected(Rejection.DUPLICATE);

        assertDuplicateNamesNoSlot(e);
    }

    @Test
    void givenCommissioned_whenAddMasterPinToSlot2_thenDuplicateNamingNoSlot() {
        LockCommandRejected e = given(commissioned())
                .when(addCode(2, UserType.UNRESTRICTED, MASTER_PIN, CodeRules.none(), T1))
                .thenRejected(Rejection.DUPLICATE);

        assertDuplicateNamesNoSlot(e);
    }

    @Test
    void givenCommissioned_whenAddCodeToSlot0_thenMasterSlotAndNothingChanges() {
        LockCommandRejected e = given(commissioned())
                .when(addCode(0, UserType.UNRESTRICTED, USER_PIN, CodeRules.none(), T1))
                .thenRejected(Rejection.MASTER_SLOT);

        assertTrue(e.getMessage().contains("slot 0"), e.getMessage());
    }

    @Test
    void givenCommissioned_whenAddProgrammingTypeCode_thenMasterSlot() {
        given(commissioned())
                .when(addCode(5, UserType.PROGRAMMING, USER_PIN, CodeRules.none(), T1))
                .thenRejected(Rejection.MASTER_SLOT);
    }

    @Test
    void givenCommissioned_whenAddToSlotAboveMax_thenInvalidArgumentNamingTheSlot() {
        LockCommandRejected e = given(commissioned())
                .when(addCode(LockDecider.MAX_SLOT + 1, UserType.UNRESTRICTED, USER_PIN, CodeRules.none(), T1))
                .thenRejected(Rejection.INVALID_ARGUMENT);

        assertTrue(e.getMessage().contains(String.valueOf(LockDecider.MAX_SLOT + 1)), e.getMessage());
    }

    @Test
    void givenCommissioned_whenAddToMaxSlot_thenCodeAdded() {
        given(commissioned())
                .when(addCode(LockDecider.MAX_SLOT, UserType.UNRESTRICTED, USER_PIN, CodeRules.none(), T1))
                .then(new CodeAdded(LOCK, T1, LockDecider.MAX_SLOT, UserType.UNRESTRICTED,
                        "user " + LockDecider.MAX_SLOT, digest(USER_PIN), CodeRules.none()));
    }

    @Test
    void givenCodeRemovedFromSlot1_whenAddToSlot1_thenCodeAdded() {
        withUserInSlot1()
                .when(new RemoveCode(LOCK, T1, 1))
                .then(new CodeRemoved(LOCK, T1, 1))
                .when(addCode(1, UserType.UNRESTRICTED, USER_PIN, CodeRules.none(), T2))
                .then(new CodeAdded(LOCK, T2, 1, UserType.UNRESTRICTED, "user 1", digest(USER_PIN), CodeRules.none()));
    }

    // ---- type rules

    static Stream<Arguments> rulesTheTypeForbids() {
        return Stream.of(
                Arguments.of(UserType.WEEK_DAY_SCHEDULE, CodeRules.window(T0, days(1)), "WEEK_DAY_SCHEDULE"),
                Arguments.of(UserType.YEAR_DAY_SCHEDULE, CodeRules.none(), "YEAR_DAY_SCHEDULE"),
                Arguments.of(UserType.SCHEDULE_RESTRICTED, CodeRules.none().withMaxUses(3), "SCHEDULE_RESTRICTED"),
                Arguments.of(UserType.EXPIRING, CodeRules.none(), "EXPIRING"),
                Arguments.of(UserType.UNRESTRICTED, CodeRules.none().withExpireAfterFirstUse(Duration.ofHours(1)),
                        "UNRESTRICTED"),
                Arguments.of(UserType.DISPOSABLE, CodeRules.none().withMaxUses(2), "2"));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("rulesTheTypeForbids")
    void givenCommissioned_whenAddCodeWhoseRulesBreakItsType_thenInvalidArgumentNamingIt(
            UserType type, CodeRules rules, String named) {
        LockCommandRejected e = given(commissioned())
                .when(addCode(1, type, USER_PIN, rules, T1))
                .thenRejected(Rejection.INVALID_ARGUMENT);

        assertTrue(e.getMessage().contains(named), e.getMessage());
    }

    @Test
    void givenCommissioned_whenAddWeekDayScheduleEndingBeforeItStarts_thenInvalidArgument() {
        LockCommandRejected e = given(commissioned())
                .when(() -> addCode(1, UserType.WEEK_DAY_SCHEDULE, USER_PIN,
                        LockFixture.scheduled(schedule(weekdays(), "10:00", "08:00")), T1))
                .thenRejected(Rejection.INVALID_ARGUMENT);

        assertTrue(e.getMessage().contains("08:00") && e.getMessage().contains("10:00"), e.getMessage());
    }

    @Test
    void givenCommissioned_whenAddValidityWindowEndingBeforeItStarts_thenInvalidArgument() {
        given(commissioned())
                .when(() -> addCode(1, UserType.YEAR_DAY_SCHEDULE, USER_PIN, CodeRules.window(days(2), days(1)), T1))
                .thenRejected(Rejection.INVALID_ARGUMENT);
    }

    @Test
    void givenCommissioned_whenAddExclusionWindowEndingBeforeItStarts_thenInvalidArgument() {
        given(commissioned())
                .when(() -> addCode(1, UserType.SCHEDULE_RESTRICTED, USER_PIN,
                        CodeRules.none().withExclusions(List.of(new TimeWindow(days(2), days(1)))), T1))
                .thenRejected(Rejection.INVALID_ARGUMENT);
    }

    @Test
    void givenCommissioned_whenAddWeekDayScheduleCodeWithSchedule_thenCodeAdded() {
        CodeRules rules = LockFixture.scheduled(schedule(weekdays(), "08:00", "10:00"));

        given(commissioned())
                .when(addCode(1, UserType.WEEK_DAY_SCHEDULE, USER_PIN, rules, T1))
                .then(new CodeAdded(LOCK, T1, 1, UserType.WEEK_DAY_SCHEDULE, "user 1", digest(USER_PIN), rules));
    }

    // ---- key epoch

    @Test
    void givenLockAtEpoch1_whenAddCodeDigestedUnderEpoch2_thenStaleKeyEpoch() {
        given(commissioned())
                .when(new AddCode(LOCK, T1, 1, UserType.UNRESTRICTED, "u", digest(USER_PIN, NEXT_EPOCH),
                        CodeRules.none(), NEXT_EPOCH))
                .thenRejected(Rejection.STALE_KEY_EPOCH);
    }

    @Test
    void givenLockAtEpoch1_whenChangeCodeDigestedUnderEpoch2_thenStaleKeyEpoch() {
        withUserInSlot1()
                .when(new ChangeCode(LOCK, T1, 1, digest(OTHER_PIN, NEXT_EPOCH), NEXT_EPOCH))
                .thenRejected(Rejection.STALE_KEY_EPOCH);
    }

    @Test
    void givenLockAtEpoch1_whenEnterCodeDigestedUnderEpoch2_thenStaleKeyEpoch() {
        given(commissioned())
                .when(new LockCommand.EnterCode(LOCK, T1, EntrySource.KEYPAD, digest(MASTER_PIN, NEXT_EPOCH),
                        NEXT_EPOCH))
                .thenRejected(Rejection.STALE_KEY_EPOCH);
    }

    // ---- change

    @Test
    void givenCode_whenChangePin_thenCodeChangedAndOnlyTheNewPinOpens() {
        withUserInSlot1()
                .when(new ChangeCode(LOCK, T1, 1, digest(OTHER_PIN), EPOCH))
                .then(new CodeChanged(LOCK, T1, 1, digest(OTHER_PIN)))
                .when(enter(USER_PIN, T2))
                .then(wrong(T2))
                .when(enter(OTHER_PIN, T3))
                .then(granted(T3, 1, UserType.UNRESTRICTED, 1));
    }

    @Test
    void givenCode_whenChangeToTheSamePin_thenNothing() {
        withUserInSlot1()
                .when(new ChangeCode(LOCK, T1, 1, digest(USER_PIN), EPOCH))
                .thenNothing();
    }

    @Test
    void givenCodesInSlots1And2_whenChangeSlot2ToSlot1sPin_thenDuplicateNamingNoSlot() {
        LockCommandRejected e = given(commissioned(), codeAdded(1, UserType.UNRESTRICTED, USER_PIN),
                        codeAdded(2, UserType.UNRESTRICTED, OTHER_PIN))
                .when(new ChangeCode(LOCK, T1, 2, digest(USER_PIN), EPOCH))
                .thenRejected(Rejection.DUPLICATE);

        assertDuplicateNamesNoSlot(e);
    }

    /**
     * A DUPLICATE refusal says only that another code uses the PIN: naming the holder's slot would
     * tell whoever adds a code whose PIN a guess is.
     */
    private static void assertDuplicateNamesNoSlot(LockCommandRejected e) {
        assertEquals("DUPLICATE: another code already uses this PIN", e.getMessage());
        assertFalse(e.getMessage().matches(".*slot.*\\d.*"), e.getMessage());
    }

    @Test
    void givenMaster_whenChangeSlot0_thenCodeChangedAndTheNewMasterOpens() {
        given(commissioned())
                .when(new ChangeCode(LOCK, T1, 0, digest(OTHER_PIN), EPOCH))
                .then(new CodeChanged(LOCK, T1, 0, digest(OTHER_PIN)))
                .when(enter(MASTER_PIN, T2))
                .then(wrong(T2))
                .when(enter(OTHER_PIN, T3))
                .then(masterGranted(T3));
    }

    @Test
    void givenCommissioned_whenChangeEmptySlot_thenUnknownSlot() {
        LockCommandRejected e = given(commissioned())
                .when(new ChangeCode(LOCK, T1, 9, digest(USER_PIN), EPOCH))
                .thenRejected(Rejection.UNKNOWN_SLOT);

        assertTrue(e.getMessage().contains("slot 9"), e.getMessage());
    }

    // ---- suspend / resume / remove

    @Test
    void givenCode_whenSuspend_thenCodeSuspendedAndItNoLongerOpens() {
        withUserInSlot1()
                .when(new SuspendCode(LOCK, T1, 1))
                .then(new CodeSuspended(LOCK, T1, 1))
                .when(enter(USER_PIN, T2))
                .then(denied(T2, DenialReason.SUSPENDED, 1));
    }

    @Test
    void givenSuspendedCode_whenSuspendAgain_thenNothing() {
        given(commissioned(), codeAdded(1, UserType.UNRESTRICTED, USER_PIN), new CodeSuspended(LOCK, T0, 1))
                .when(new SuspendCode(LOCK, T1, 1))
                .thenNothing();
    }

    @Test
    void givenSuspendedCode_whenResume_thenCodeResumedAndItOpensAgain() {
        given(commissioned(), codeAdded(1, UserType.UNRESTRICTED, USER_PIN), new CodeSuspended(LOCK, T0, 1))
                .when(new ResumeCode(LOCK, T1, 1))
                .then(new CodeResumed(LOCK, T1, 1))
                .when(enter(USER_PIN, T2))
                .then(granted(T2, 1, UserType.UNRESTRICTED, 1));
    }

    @Test
    void givenActiveCode_whenResume_thenNothing() {
        withUserInSlot1()
                .when(new ResumeCode(LOCK, T1, 1))
                .thenNothing();
    }

    @Test
    void givenCode_whenRemove_thenCodeRemovedAndItsPinIsUnknown() {
        withUserInSlot1()
                .when(new RemoveCode(LOCK, T1, 1))
                .then(new CodeRemoved(LOCK, T1, 1))
                .when(enter(USER_PIN, T2))
                .then(new EntryDenied(LOCK, T2, EntrySource.KEYPAD, DenialReason.UNKNOWN_CODE, null, null, true));
    }

    static Stream<Named<LockCommand>> slotCommandsOnSlot(int slot) {
        return Stream.of(
                Named.of("SuspendCode", new SuspendCode(LOCK, T1, slot)),
                Named.of("ResumeCode", new ResumeCode(LOCK, T1, slot)),
                Named.of("RemoveCode", new RemoveCode(LOCK, T1, slot)));
    }

    static Stream<Named<LockCommand>> onEmptySlot() {
        return slotCommandsOnSlot(3);
    }

    static Stream<Named<LockCommand>> onMasterSlot() {
        return slotCommandsOnSlot(0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("onEmptySlot")
    void givenEmptySlot_whenSuspendResumeOrRemoveIt_thenUnknownSlot(LockCommand command) {
        withUserInSlot1()
                .when(command)
                .thenRejected(Rejection.UNKNOWN_SLOT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("onMasterSlot")
    void givenMaster_whenSuspendResumeOrRemoveSlot0_thenMasterSlotAndMasterStillOpens(LockCommand command) {
        DeciderSpec.Given g = given(commissioned());
        g.when(command).thenRejected(Rejection.MASTER_SLOT);

        g.when(enter(MASTER_PIN, T2)).then(masterGranted(T2));
        assertEquals(UserType.PROGRAMMING, g.state().credentials().get(0).type());
    }
}
