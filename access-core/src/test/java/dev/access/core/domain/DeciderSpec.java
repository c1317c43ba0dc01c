package dev.access.core.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import dev.access.crypto.CodeDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * A given/when/then DSL over the pure decider: {@code given(past events).when(command).then(events)}.
 * The state is always {@link LockDecider#fold} of the given events; {@code then} returns a new
 * {@link Given} with the decided events appended, so steps can be chained.
 */
final class DeciderSpec {
    private DeciderSpec() {
    }

    /** A lock whose trail holds {@code past}. */
    static Given given(LockEvent... past) {
        return new Given(List.of(past));
    }

    /** A lock whose trail holds {@code past} followed by {@code more}. */
    static Given given(List<? extends LockEvent> past, LockEvent... more) {
        List<LockEvent> all = new ArrayList<>(past);
        all.addAll(Arrays.asList(more));
        return new Given(all);
    }

    /** The events of a trail. */
    static final class Given {
        private final List<LockEvent> history;

        private Given(List<LockEvent> history) {
            this.history = List.copyOf(history);
        }

        /** Decides {@code command} against the folded trail. */
        When when(LockCommand command) {
            return new When(this, () -> command);
        }

        /** Builds and decides a command; a refusal while building it counts as the decider's. */
        When when(Supplier<? extends LockCommand> command) {
            return new When(this, command);
        }

        /** Decides each command in turn without asserting, appending what it caused. */
        Given after(LockCommand... commands) {
            Given g = this;
            for (LockCommand c : commands) {
                g = g.with(LockDecider.decide(c, g.state()));
            }
            return g;
        }

        /** The fold of the trail. */
        LockState state() {
            return LockDecider.fold(history);
        }

        /** The trail. */
        List<LockEvent> history() {
            return history;
        }

        private Given with(List<LockEvent> events) {
            List<LockEvent> all = new ArrayList<>(history);
            all.addAll(events);
            return new Given(all);
        }
    }

    /** A command about to be decided. */
    static final class When {
        private final Given given;
        private final Supplier<? extends LockCommand> command;

        private When(Given given, Supplier<? extends LockCommand> command) {
            this.given = given;
            this.command = command;
        }

        /** The events decided, failing the test if the command is refused. */
        List<LockEvent> events() {
            try {
                return LockDecider.decide(command.get(), given.state());
            } catch (LockCommandRejected e) {
                return fail("expected events but the command was refused: " + e.getMessage(), e);
            }
        }

        /** Asserts exactly {@code expected} were decided, in order; continues from the new trail. */
        Given then(LockEvent... expected) {
            List<LockEvent> actual = events();
            assertEquals(List.of(expected), actual, "decided events");
            return given.with(actual);
        }

        /** Asserts the command changes nothing (an idempotent repeat decides an empty list). */
        Given thenNothing() {
            return then();
        }

        /**
         * Asserts the command is refused for {@code rejection} with a message that shows no digest;
         * returns the refusal for further checks of its message.
         */
        LockCommandRejected thenRejected(Rejection rejection) {
            List<LockEvent> decided;
            try {
                decided = LockDecider.decide(command.get(), given.state());
            } catch (LockCommandRejected e) {
                assertEquals(rejection, e.rejection(), () -> "rejection; message: " + e.getMessage());
                assertNotNull(e.getMessage(), "a refusal explains itself");
                assertNoDigestIn(e.getMessage());
                return e;
            }
            return fail("expected " + rejection + " but decided " + decided);
        }
    }

    /** Asserts {@code text} holds no fixture digest in hex (either case) or base64. */
    static void assertNoDigestIn(String text) {
        for (CodeDigest d : LockFixture.issuedDigests()) {
            byte[] bytes = d.toBytes();
            String hex = HexFormat.of().formatHex(bytes);
            String b64 = Base64.getEncoder().withoutPadding().encodeToString(bytes);
            String b64url = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            String lower = text.toLowerCase(Locale.ROOT);
            assertFalse(lower.contains(hex.substring(0, 16)), () -> "message shows a digest (hex): " + text);
            assertFalse(text.contains(b64.substring(0, 16)), () -> "message shows a digest (base64): " + text);
            assertFalse(text.contains(b64url.substring(0, 16)), () -> "message shows a digest (base64url): " + text);
        }
    }
}
