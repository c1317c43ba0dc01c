package dev.access.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;

/*
 * lockctl in-process with fuzzed argv (docs/fuzzing.md). The input is the argument list, one argument
 * per line. Writes stay in a temporary directory: --data is always a fresh copy of a template data
 * directory (a commissioned lock "front" with a code), and every value of an option that names a file
 * to write (--out, --support-bundle, --data) is moved into it; an argument list with --jdbc is skipped.
 */
/** Fuzz target for lockctl's argument parsing and commands, run in this JVM against a temporary data directory. */
class LockCtlFuzzTest {
    /** Options whose value is a path lockctl writes (or creates). */
    static final Set<String> WRITES = Set.of("--out", "--support-bundle", "--data");
    /** The documented exit codes but 1 (an internal error: a failure lockctl did not foresee, a bug). */
    static final Set<Integer> DOCUMENTED = Set.of(ExitCodes.OK, ExitCodes.USAGE, ExitCodes.DENIED, ExitCodes.REJECTED,
            ExitCodes.VERIFY_FAILED);
    /** A Java class name of an exception or error, or a stack frame. */
    static final Pattern JAVA_TRACE = Pattern.compile("[A-Za-z0-9_$]+(Exception|Error)\\b|\\bat [a-z]+\\.[a-z]+\\.|\\.java:\\d+");

    private static Path tmp;
    private static Path template;
    private static int runs;

    private static synchronized Path tmp() throws IOException {
        if (tmp == null) {
            tmp = Files.createTempDirectory("lockctl-fuzz");
            template = tmp.resolve("template");
            CliRun.Result c = run("--data", template.toString(), "--at", "2026-07-06T06:00:00Z", "commission", "--lock",
                    "front", "--master-pin", "97531864");
            assertEquals(0, c.exit(), c::err);
            CliRun.Result a = run("--data", template.toString(), "--at", "2026-07-06T06:01:00Z", "code", "add", "--lock",
                    "front", "--slot", "1", "--name", "alice", "--pin", "4826");
            assertEquals(0, a.exit(), a::err);
        }
        return tmp;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void cleanUp() {
        deleteTree(tmp);
        tmp = null;
    }

    /**
     * Runs lockctl with captured streams and empty standard input. Not {@link CliRun#run}: that one
     * also asserts that none of the test PINs appears in the output, which a fuzzed lock name may hold.
     */
    static synchronized CliRun.Result run(String... args) {
        java.io.PrintStream oldOut = System.out;
        java.io.PrintStream oldErr = System.err;
        java.io.InputStream oldIn = System.in;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int exit;
        try (java.io.PrintStream o = new java.io.PrintStream(out, true, StandardCharsets.UTF_8);
                java.io.PrintStream e = new java.io.PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            System.setErr(e);
            System.setIn(new java.io.ByteArrayInputStream(new byte[0]));
            exit = LockCtl.run(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            System.setIn(oldIn);
        }
        // In fuzzing mode Jazzer reports each class it instruments on standard error: not lockctl's output.
        String errText = err.toString(StandardCharsets.UTF_8).replaceAll("(?m)^INFO: (Instrumented|New number of).*\\R", "");
        return new CliRun.Result(exit, out.toString(StandardCharsets.UTF_8), errText);
    }

    /** A file name made of {@code value}'s safe characters, inside {@code dir}. */
    static String inside(Path dir, String value) {
        String name = value.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^\\.+", "_");
        return dir.resolve(name.isEmpty() ? "_" : name.length() > 60 ? name.substring(0, 60) : name).toString();
    }

    /** The fuzzed argument list made safe: written paths moved into {@code dir}, no JDBC server reached. */
    static List<String> sandboxed(List<String> args, Path dir, Path data) {
        List<String> out = new ArrayList<>(List.of("--data", data.toString()));
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            int eq = a.indexOf('=');
            String name = a.startsWith("--") && eq > 0 ? a.substring(0, eq) : a;
            if (name.equals("--data")) {
                if (eq < 0) {
                    i++; // its value: --data is already given
                }
                continue;
            }
            if (WRITES.contains(name) || name.equals("--jdbc")) {
                String value = eq > 0 ? a.substring(eq + 1) : i + 1 < args.size() ? args.get(++i) : null;
                if (value == null) {
                    out.add(name);
                    continue;
                }
                String safe = name.equals("--jdbc") ? "jdbc:postgresql://127.0.0.1:1/fuzz" : inside(dir, value); // unreached: skipped
                out.add(name);
                out.add(safe);
                continue;
            }
            out.add(a);
        }
        return out;
    }

    /**
     * lockctl run with the input's lines as its arguments (after {@code --data <fresh copy of the
     * template>}). Must hold: it returns (never throws, never exits the JVM) with a documented exit code
     * other than 1 (0 done, 2 usage, 3 denied, 4 rejected, 5 verification failed; 1 is an unforeseen
     * failure); standard error holds at most one line, exactly one ({@code lockctl: ...}) on a
     * failure, and never a Java exception class name or a stack frame.
     */
    @FuzzTest(maxDuration = "2m")
    void lockctlArgs(byte[] input) throws IOException {
        if (input.length > 4096) {
            return;
        }
        String text = new String(input, StandardCharsets.UTF_8);
        List<String> args = new ArrayList<>(List.of(text.split("\n", -1)));
        if (!args.isEmpty() && args.get(args.size() - 1).isEmpty()) {
            args.remove(args.size() - 1);
        }
        if (args.size() > 40 || args.contains("demo") || args.stream().anyMatch(a -> a.startsWith("--jdbc"))) {
            // the demo is a long scripted run of its own (DemoTest); --jdbc reaches for a server (LockCtlTest
            // and LockCtlPostgresTest cover its URL checks), which Jazzer's SSRF detector rightly refuses
            return;
        }
        Path dir = tmp().resolve("run" + runs++);
        Path data = dir.resolve("data");
        copyTree(template, data);
        try {
            List<String> argv = sandboxed(args, dir, data);
            CliRun.Result r = run(argv.toArray(new String[0]));
            assertTrue(DOCUMENTED.contains(r.exit()), () -> "exit " + r.exit() + " for " + argv + ": " + r.err());
            long errLines = r.err().lines().count();
            assertTrue(errLines <= 1, () -> "more than one line on stderr for " + argv + ": " + r.err());
            if (r.exit() != ExitCodes.OK && r.exit() != ExitCodes.DENIED) {
                assertEquals(1, errLines, () -> "a failure without its one line for " + argv);
            }
            if (errLines == 1) {
                assertTrue(r.err().startsWith("lockctl: "), r.err());
            }
            assertFalse(JAVA_TRACE.matcher(r.err()).find(), () -> "a Java name on stderr for " + argv + ": " + r.err());
        } finally {
            deleteTree(dir);
        }
    }
}
