package dev.access.core.domain;

import static dev.access.core.domain.DeciderSpec.given;
import static dev.access.core.domain.LockFixture.MASTER_PIN;
import static dev.access.core.domain.LockFixture.WRONG_PIN;
import static dev.access.core.domain.LockFixture.commission;
import static dev.access.core.domain.LockFixture.commissioned;
import static dev.access.core.domain.LockFixture.digest;
import static dev.access.core.domain.LockFixture.enter;
import static dev.access.core.domain.LockFixture.masterGranted;
import static dev.access.core.domain.LockFixture.minutes;
import static dev.access.core.domain.LockFixture.wrong;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The test DSL and fixture themselves: they fail when they should, and digests are real. */
class DeciderSpecTest {

    @Test
    void givenFixture_whenSamePinDigestedTwice_thenEqualAndDifferentPinsOrEpochsDiffer() {
        assertEquals(digest(MASTER_PIN), digest(MASTER_PIN));
        assertNotEquals(digest(MASTER_PIN), digest(WRONG_PIN));
        assertNotEquals(digest(MASTER_PIN), digest(MASTER_PIN, LockFixture.NEXT_EPOCH));
    }

    @Test
    void givenWrongExpectation_whenThen_thenTheTestFails() {
        assertThrows(AssertionFailedError.class,
                () -> given(commissioned()).when(enter(WRONG_PIN, minutes(1))).then(masterGranted(minutes(1))));
    }

    @Test
    void givenEventsDecided_whenThenNothing_thenTheTestFails() {
        assertThrows(AssertionFailedError.class,
                () -> given(commissioned()).when(enter(WRONG_PIN, minutes(1))).thenNothing());
    }

    @Test
    void givenCommandAccepted_whenThenRejected_thenTheTestFails() {
        assertThrows(AssertionFailedError.class,
                () -> given().when(commission(minutes(1))).thenRejected(Rejection.ALREADY_COMMISSIONED));
    }

    @Test
    void givenOtherRejection_whenThenRejected_thenTheTestFails() {
        assertThrows(AssertionFailedError.class,
                () -> given(commissioned()).when(commission(minutes(1))).thenRejected(Rejection.INVALID_ARGUMENT));
    }

    @Test
    void givenMessageShowingADigest_whenChecked_thenTheTestFails() {
        String hex = HexFormat.of().withUpperCase().formatHex(digest(MASTER_PIN).toBytes());

        assertThrows(AssertionFailedError.class, () -> DeciderSpec.assertNoDigestIn("slot 0 holds " + hex));
    }

    @Test
    void givenChainedSteps_whenThen_thenTheNextStepSeesTheDecidedEvents() {
        DeciderSpec.Given after = given(commissioned())
                .when(enter(WRONG_PIN, minutes(1)))
                .then(wrong(minutes(1)));

        assertEquals(commissioned().size() + 1, after.history().size());
        assertEquals(1, after.state().lockout().consecutiveFailures());
    }
}
