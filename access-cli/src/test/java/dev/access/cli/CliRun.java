package dev.access.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;

/** Runs lockctl in this JVM ({@link LockCtl#run}) with captured standard streams, and checks its answers. */
final class CliRun {
    /** Every PIN the tests type: none may ever appear in an output. */
    static final List<String> PINS = List.of("97531864", "4826", "7305", "1593", "4827", "3141", "2718", "6912",
            "5821", "9402", "8642", "8643", "5179", "48a6", "7788", "73915846", "52840613", "61937402", "48261937");

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CliRun() {
    }

    /** What one invocation did. */
    record Result(int exit, String out, String err) {
        /** The single JSON object on standard output. */
        JsonNode json() {
            String trimmed = out.strip();
            assertFalse(trimmed.isEmpty(), "no JSON on stdout; stderr: " + err);
            assertEquals(1, trimmed.lines().count(), "JSON must be one line: " + out);
            try {
                JsonNode n = MAPPER.readTree(trimmed);
                assertTrue(n.isObject(), "not a JSON object: " + out);
                return n;
            } catch (java.io.IOException e) {
                throw new UncheckedIOException("stdout is not JSON: " + out, e);
            }
        }

        /** The object's keys, in order. */
        List<String> jsonKeys() {
            List<String> keys = new ArrayList<>();
            for (Iterator<String> it = json().fieldNames(); it.hasNext(); ) {
                keys.add(it.next());
            }
            return keys;
        }

        /** Asserts success: exit 0, nothing on stderr. */
        Result ok() {
            assertEquals(0, exit, () -> "expected exit 0; stdout: " + out + " stderr: " + err);
            assertEquals("", err, "stderr must be empty on success");
            return this;
        }

        /** Asserts a failure: this exit code, nothing on stdout, one line on stderr containing {@code fragment}. */
        Result fails(int code, String fragment) {
            assertEquals(code, exit, () -> "exit code; stdout: " + out + " stderr: " + err);
            assertEquals("", out, "stdout must be empty on an error");
            assertEquals(1, err.lines().count(), () -> "stderr must be exactly one line: " + err);
            assertTrue(err.endsWith("\n"), "stderr line must be terminated");
            assertTrue(err.startsWith("lockctl: "), err);
            assertTrue(err.contains(fragment), () -> "stderr should mention '" + fragment + "': " + err);
            return this;
        }

        /** The event type names of a {@code {"ok":true,...}} answer. */
        List<String> events() {
            JsonNode n = json();
            assertTrue(n.path("ok").asBoolean(), out);
            List<String> names = new ArrayList<>();
            n.path("events").forEach(e -> names.add(e.asText()));
            return names;
        }
    }

    /** Runs lockctl with no standard input. */
    static Result run(String... args) {
        return runWithInput(null, args);
    }

    /** Runs lockctl with {@code stdin} (null: empty) as its standard input. */
    static synchronized Result runWithInput(String stdin, String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        InputStream oldIn = System.in;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            System.setErr(e);
            System.setIn(new ByteArrayInputStream(stdin == null ? new byte[0] : stdin.getBytes(StandardCharsets.UTF_8)));
            exit = LockCtl.run(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            System.setIn(oldIn);
        }
        Result r = new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        assertNoPin(r);
        return r;
    }

    /**
     * What an error or warning line must never show: how it failed inside (a Java class or package
     * name, an exception's name, a stack frame).
     */
    static final Pattern INTERNALS = Pattern.compile("\\b(?:java|javax|jdk|sun|org|com)\\.[a-z0-9_]+\\."
            + "|\\bdev\\.access\\.|[A-Za-z]*Exception\\b|\\b[A-Z][A-Za-z]*Error\\b|Throwable|^\\s+at "
            + "|\\bat [a-z][a-z0-9_]*(?:\\.[a-z0-9_]+)+\\.[A-Z]");

    /**
     * A line the Jazzer agent prints when it instruments a class loaded after a fuzz test of this
     * JVM installed it (LockCtlFuzzTest runs in the same surefire fork): not lockctl's output.
     */
    static final Pattern JAZZER_AGENT = Pattern.compile("INFO: Instrumented [\\w.$]+ with custom hooks only \\(.*\\)");

    /** Every standard-error line the suite's lockctl runs printed (in this JVM or as processes). */
    static final java.util.Queue<String> ERROR_LINES = new java.util.concurrent.ConcurrentLinkedQueue<>();

    /**
     * Records {@code r}'s standard-error lines and asserts that none tells how it failed inside;
     * the failure names the line.
     */
    static void assertPlainErrors(Result r) {
        r.err().lines().filter(line -> !JAZZER_AGENT.matcher(line).matches()).forEach(line -> {
            ERROR_LINES.add(line);
            assertFalse(INTERNALS.matcher(line).find(),
                    () -> "a lockctl error line shows how it failed inside (a Java name or stack frame): " + line);
        });
    }

    /** Asserts that no PIN the tests use appears in an answer, and that its error lines are plain. */
    static void assertNoPin(Result r) {
        assertPlainErrors(r);
        String out = withoutRandomDigits(r.out());
        String err = withoutRandomDigits(r.err());
        for (String digits : PINS) {
            assertFalse(out.contains(digits) || err.contains(digits), () -> "a PIN appears in the output: " + r);
        }
    }

    /**
     * {@code text} without the random digits that answers may rightly hold: the names of JUnit's
     * temporary directories (junit, a random number) in file paths, random 16-hex public key ids, and
     * random store ids (UUIDs), and an offline code's PIN where issuing prints it. Four of their digits
     * may match a PIN by chance; that is not a leak.
     */
    static String withoutRandomDigits(String text) {
        // An issued offline code's PIN is random and printed on purpose (offline-code issue, fleet offline-code).
        return text.replaceAll("\"pin\":\"[0-9]{10,16}\"", "\"pin\":\"<offline-pin>\"")
                .replaceAll("(?m)^[0-9]{10,16}$", "<offline-pin>")
                .replaceAll("junit-?[0-9]+", "junit").replaceAll("\\b[0-9a-f]{16}\\b", "<key-id>")
                .replaceAll("\\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\b", "<store-id>");
    }

    /**
     * {@code text} without random values of any length: besides {@link #withoutRandomDigits}, hex runs of
     * 16 or more (chain heads, commitments) and base64 runs of 40 or more (signatures), which is what a
     * report or a bundle may rightly hold.
     */
    static String withoutRandomValues(String text) {
        return withoutRandomDigits(text).replaceAll("[0-9a-f]{16,}", "<hex>").replaceAll("[A-Za-z0-9+/=]{40,}", "<base64>");
    }
}
