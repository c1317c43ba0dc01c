package dev.access.cli;

import static dev.access.cli.CliRun.run;
import static dev.access.cli.CliRun.runWithInput;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The auditor's side of lockctl needs no runtime: {@code audit verify}, {@code audit replay} and
 * {@code audit report} run on an export in a JVM whose class path holds no Axon class.
 */
class LockCtlWithoutAxonTest {
    @TempDir
    Path dir;

    @Test
    void auditCommands_runOnAClassPathWithoutAxon() throws Exception {
        String data = dir.resolve("data").toString();
        runWithInput("97531864\n", "--data", data, "--at", "2026-12-01T06:00:00Z", "commission", "--lock", "front",
                "--master-pin", "-", "--zone", "Europe/Berlin").ok();
        runWithInput("4826\n", "--data", data, "--at", "2026-12-01T06:00:30Z", "code", "add", "--lock", "front",
                "--slot", "1", "--pin", "-", "--name", "alice").ok();
        runWithInput("4826\n", "--data", data, "--at", "2026-12-01T06:01:00Z", "enter", "--lock", "front", "--pin", "-").ok();
        runWithInput("7788\n", "--data", data, "--at", "2026-12-01T06:02:00Z", "enter", "--lock", "front", "--pin", "-");
        Path export = dir.resolve("front.jsonl");
        run("--data", data, "--at", "2026-12-01T06:10:00Z", "audit", "export", "--lock", "front", "--out",
                export.toString()).ok();

        String classPath = classPathWithoutAxon();
        String verify = lockctl(classPath, "audit", "verify", export.toString());
        assertTrue(verify.contains(": OK, ") && verify.contains("verified with public key"), verify);
        String replay = lockctl(classPath, "audit", "replay", export.toString(), "--until", "2026-12-01T06:05:00Z");
        assertTrue(replay.contains("alice"), replay);
        Path html = dir.resolve("front.html");
        lockctl(classPath, "audit", "report", export.toString(), "--format", "html", "--out", html.toString());
        assertTrue(Files.readString(html, StandardCharsets.UTF_8).contains("Trail of lock front"));
    }

    /** Runs lockctl in a new JVM on {@code classPath}; asserts exit 0 and an empty stderr, returns stdout. */
    private static String lockctl(String classPath, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, LockCtl.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.PIPE).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "lockctl did not finish: " + cmd);
        assertEquals(0, p.exitValue(), () -> "lockctl " + String.join(" ", args) + ": " + out + err);
        assertEquals("", err, "stderr");
        return out;
    }

    /** This JVM's class path without every entry that holds an Axon class (each entry looked into). */
    private static String classPathWithoutAxon() throws IOException {
        List<String> kept = new ArrayList<>();
        boolean removed = false;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            boolean axon;
            if (Files.isDirectory(p)) {
                axon = Files.exists(p.resolve("org/axonframework"));
            } else if (Files.isRegularFile(p)) {
                try (ZipFile jar = new ZipFile(p.toFile())) {
                    axon = jar.stream().anyMatch(e -> e.getName().startsWith("org/axonframework/"));
                }
            } else {
                axon = false;
            }
            removed |= axon;
            if (!axon) {
                kept.add(entry);
            }
        }
        assertTrue(removed, "the test class path held Axon, so leaving it out proves something");
        assertFalse(kept.stream().anyMatch(e -> e.contains("axon")), kept.toString());
        return String.join(File.pathSeparator, kept);
    }
}
