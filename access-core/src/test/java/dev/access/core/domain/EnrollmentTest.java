package dev.access.core.domain;

import static dev.access.core.domain.DeciderSpec.given;
import static dev.access.core.domain.LockFixture.EPOCH;
import static dev.access.core.domain.LockFixture.FIRMWARE;
import static dev.access.core.domain.LockFixture.LOCK;
import static dev.access.core.domain.LockFixture.MODEL;
import static dev.access.core.domain.LockFixture.NEXT_EPOCH;
import static dev.access.core.domain.LockFixture.OTHER_PIN;
import static dev.access.core.domain.LockFixture.SERIAL;
import static dev.access.core.domain.LockFixture.ZONE;
import static dev.access.core.domain.LockFixture.commissioned;
import static dev.access.core.domain.LockFixture.digest;
import static dev.access.core.domain.LockFixture.minutes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.access.core.domain.LockCommand.CommissionLock;
import dev.access.core.domain.LockCommand.EnrollLock;
import dev.access.core.domain.LockCommand.FactoryReset;
import dev.access.core.domain.LockEvent.LockEnrolled;
import dev.access.crypto.PinPolicy;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Enrollment: a commissioned lock is enrolled to one backend at a time, named by its key id. */
class EnrollmentTest {
    private static final String BACKEND = "0123456789abcdef";
    private static final String OTHER_BACKEND = "fedcba9876543210";

    private static EnrollLock enroll(String backend, Instant at) {
        return new EnrollLock(LOCK, at, backend, "key-of-" + backend);
    }

    @Test
    void givenCommissioned_whenEnrolled_thenLockEnrolledUnderItsEpochWithNoPreviousBackend() {
        given(commissioned())
                .when(enroll(BACKEND, minutes(1)))
                .then(new LockEnrolled(LOCK, minutes(1), BACKEND, EPOCH, null, "key-of-" + BACKEND));
    }

    @Test
    void givenEnrolled_whenFolded_thenTheStateNamesTheBackend() {
        LockState s = given(commissioned()).after(enroll(BACKEND, minutes(1))).state();

        assertEquals(BACKEND, s.backendKeyId());
    }

    @Test
    void givenNeverEnrolled_thenTheStateNamesNoBackend() {
        assertNull(given(commissioned()).state().backendKeyId());
        assertNull(LockState.initial().backendKeyId());
    }

    @Test
    void givenEnrolled_whenEnrolledToTheSameBackend_thenNothingIsRecorded() {
        given(commissioned()).after(enroll(BACKEND, minutes(1)))
                .when(enroll(BACKEND, minutes(2)))
                .thenNothing();
    }

    @Test
    void givenEnrolled_whenEnrolledToAnotherBackend_thenLockEnrolledNamesThePreviousOne() {
        LockState s = given(commissioned()).after(enroll(BACKEND, minutes(1)))
                .when(enroll(OTHER_BACKEND, minutes(2)))
                .then(new LockEnrolled(LOCK, minutes(2), OTHER_BACKEND, EPOCH, BACKEND, "key-of-" + OTHER_BACKEND))
                .state();

        assertEquals(OTHER_BACKEND, s.backendKeyId());
    }

    @Test
    void givenNewLock_whenEnrolled_thenNotCommissioned() {
        given().when(enroll(BACKEND, minutes(1))).thenRejected(Rejection.NOT_COMMISSIONED);
    }

    @Test
    void givenEnrolledThenFactoryReset_thenTheLockBelongsToNobodyAndCannotBeEnrolledUntilCommissioned() {
        DeciderSpec.Given reset = given(commissioned())
                .after(enroll(BACKEND, minutes(1)), new FactoryReset(LOCK, minutes(2), NEXT_EPOCH));

        assertNull(reset.state().backendKeyId());
        reset.when(enroll(BACKEND, minutes(3))).thenRejected(Rejection.NOT_COMMISSIONED);
    }

    @Test
    void givenResetAndRecommissioned_whenEnrolledToTheFormerBackend_thenRecordedAgainUnderTheNewEpoch() {
        Instant t = minutes(4);
        given(commissioned())
                .after(enroll(BACKEND, minutes(1)), new FactoryReset(LOCK, minutes(2), NEXT_EPOCH),
                        new CommissionLock(LOCK, minutes(3), MODEL, SERIAL, FIRMWARE, ZONE, PinPolicy.defaults(),
                                LockoutPolicy.defaults(), digest(OTHER_PIN, NEXT_EPOCH), NEXT_EPOCH))
                .when(enroll(BACKEND, t))
                .then(new LockEnrolled(LOCK, t, BACKEND, NEXT_EPOCH, null, "key-of-" + BACKEND));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0123456789ABCDEF", "0123456789abcde", "0123456789abcdef0", "0123456789abcdeg",
        " 0123456789abcdef", "not-a-key-id"})
    void givenCommissioned_whenEnrolledWithAMalformedKeyId_thenInvalidArgumentNamingIt(String backend) {
        LockCommandRejected e = given(commissioned())
                .when(enroll(backend, minutes(1)))
                .thenRejected(Rejection.INVALID_ARGUMENT);

        assertTrue(e.getMessage().contains("'" + backend + "'"), e.getMessage());
    }

    @Test
    void givenCommissioned_whenEnrolledWithoutAKeyId_thenInvalidArgument() {
        LockCommandRejected e = given(commissioned())
                .when(enroll(null, minutes(1)))
                .thenRejected(Rejection.INVALID_ARGUMENT);

        assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void givenCommissioned_whenEnrolledWithAHugeKeyId_thenTheMessageShowsOnlyItsStartOnOneLine() {
        String huge = "ab\n".repeat(1000);

        LockCommandRejected e = given(commissioned())
                .when(enroll(huge, minutes(1)))
                .thenRejected(Rejection.INVALID_ARGUMENT);

        assertTrue(e.getMessage().length() < 150, e.getMessage());
        assertTrue(e.getMessage().indexOf('\n') < 0, e.getMessage());
    }
}
