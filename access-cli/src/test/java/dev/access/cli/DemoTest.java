package dev.access.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The demo tells its story: the behaviours it claims are the ones the library showed. */
class DemoTest {
    private static String story;

    /** The demo's output: the story is the same on every run, so it is told once for all tests. */
    private static synchronized String runDemo() {
        if (story == null) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
                assertEquals(0, new Demo(out).run());
            }
            story = bytes.toString(StandardCharsets.UTF_8);
        }
        return story;
    }

    @Test
    void demo_showsEachBehaviourItNarrates() {
        String text = runDemo();
        assertTrue(text.contains("DUPLICATE"), text);
        assertTrue(text.contains("the cleaner arrives early -> DENIED: OUTSIDE_SCHEDULE"), text);
        assertTrue(text.contains("the cleaner, at nine -> GRANTED (slot 2"), text);
        assertTrue(text.contains("the courier comes back -> DENIED: USE_LIMIT_REACHED"), text);
        assertTrue(text.contains("a fifth guess -> DENIED: UNKNOWN_CODE (locked out until"), text);
        assertTrue(text.contains("alice, during the lockout, after the restart -> DENIED: LOCKED_OUT"), text);
        assertTrue(text.contains("alice, once the lockout has ended -> GRANTED"), text);
        assertTrue(text.contains("alice -> DENIED: MODE_FORBIDS"), text);
        assertTrue(text.contains("the owner's master code -> GRANTED (slot 0, PROGRAMMING)"), text);
        assertTrue(text.contains("LOW"), text);
        assertTrue(text.contains("duress code -> GRANTED (slot 4, FORCED)"), text);
        assertTrue(text.contains("needs a trusted clock) -> DENIED: CLOCK_UNTRUSTED"), text);
        assertTrue(text.contains("a permanent code still opens) -> GRANTED"), text);
        assertTrue(text.contains("alice's old code -> DENIED: UNKNOWN_CODE"), text);
        assertTrue(text.contains("AlarmRaised"), text);
    }

    @Test
    void demo_diagnosesTheFailingCodes_withFindingsAndNextSteps() {
        String text = runDemo();
        assertTrue(text.contains("the cleaner arrives early -> DENIED: OUTSIDE_SCHEDULE\n"), text);
        assertTrue(text.contains("finding OUTSIDE_SCHEDULE: the code in slot 2 ('cleaner') opens only on Mon, Tue, Wed, "
                + "Thu, Fri 09:00-12:00"), text);
        assertTrue(text.contains("next step: wait until Mon 2026-12-07 09:00:00"), text);
        assertTrue(text.contains("Alice asks why her code no longer works"), text);
        assertTrue(text.contains("finding UNKNOWN_CODE: no code of this lock has the typed PIN"), text);
        assertTrue(text.contains("their keys were destroyed"), text);
        assertTrue(text.contains("finding FACTORY_RESET: "), text);
        assertTrue(text.contains("next step: check the code with the administrator"), text);
    }

    @Test
    void demo_exportVerifies_thenATamperedCopyFails_namingTheLine() {
        String text = runDemo();
        assertTrue(text.contains("exports the trail for an auditor: front-door.jsonl ("), text);
        assertTrue(text.contains("The auditor verifies it with the public key alone: OK, "), text);
        java.util.regex.Matcher edited = java.util.regex.Pattern.compile("Someone edits line (\\d+) of a copy").matcher(text);
        assertTrue(edited.find(), text);
        String line = edited.group(1);
        assertTrue(text.contains("The auditor verifies the copy: FAILED."), text);
        // Line 1 carries the personal keys, so line N holds sequence N - 2.
        assertTrue(text.contains("line " + line + " (lock front-door, sequence " + (Integer.parseInt(line) - 2)
                + "): MODIFIED_EVENT: "), text);
        assertTrue(text.matches("(?s).*signed up to sequence \\d+; names readable: \\d+ people\\..*"), text);
        assertFalse(text.contains(System.getProperty("java.io.tmpdir") + "/lockctl-demo"), "no temporary path is shown");
    }

    @Test
    void demo_neverPrintsAPin() {
        String text = runDemo();
        for (String digits : new String[] {"4826", "7305", "1593", "4827", "20261207", "55501234", "2580"}) {
            assertFalse(text.contains(digits), "PIN digits appear in the demo output: " + digits);
        }
    }

    @Test
    void lockctl_withoutCommand_isAUsageError() {
        assertEquals(2, LockCtl.run());
        assertEquals(2, LockCtl.run("no-such-command"));
        assertEquals(0, LockCtl.run("--help"));
    }
}
