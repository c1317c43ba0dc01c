package dev.access.examples.auditor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The auditor's toolkit needs no runtime: the whole auditor example (verify, replay, reports,
 * archive, diagnosis) runs on an export in a JVM whose class path holds no Axon class.
 */
class AuditorWithoutAxonTest {
    @TempDir
    Path dir;

    /** This test JVM's class path without any entry that holds an Axon class (checked, not assumed). */
    static String classPathWithoutAxon() throws IOException {
        List<String> kept = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!holdsAxon(Path.of(entry))) {
                kept.add(entry);
            }
        }
        return String.join(File.pathSeparator, kept);
    }

    private static boolean holdsAxon(Path entry) throws IOException {
        if (Files.isDirectory(entry)) {
            return Files.exists(entry.resolve("org/axonframework"));
        }
        if (!Files.isRegularFile(entry)) {
            return false;
        }
        try (ZipFile jar = new ZipFile(entry.toFile())) {
            return jar.stream().anyMatch(e -> e.getName().startsWith("org/axonframework/"));
        }
    }

    @Test
    void theAuditorRunsOnAClassPathWithoutAxon() throws Exception {
        AuditorTest trail = new AuditorTest();
        trail.dir = dir;
        trail.buildTrail();
        String classPath = classPathWithoutAxon();
        assertTrue(classPath.length() < System.getProperty("java.class.path").length(),
                "the test class path held Axon, so leaving it out proves something");
        assertFalse(Arrays.stream(classPath.split(File.pathSeparator)).anyMatch(e -> e.contains("axon")),
                "no Axon jar is left: " + classPath);

        Path out = dir.resolve("no-axon");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, Auditor.class.getName(), trail.exportFile().toString(), trail.publicKeyFile().toString(),
                AuditorTest.T.toString(), out.toString()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "the auditor did not finish");
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text);
        assertFalse(text.contains("NoClassDefFoundError") || text.contains("ClassNotFoundException"), text);
        assertTrue(text.contains("verify: OK"), text);
        assertTrue(text.contains("slot 2 cleaner (WEEK_DAY_SCHEDULE): could not open: OUTSIDE_SCHEDULE"), text);
        assertTrue(text.contains("USED_UP: the code in slot 3 ('parcel courier') is used up"), text);
        assertTrue(text.contains("GRANTED offline code " + trail.offlineCode + " (valid "), "offline codes too: " + text);
        assertTrue(Files.readString(out.resolve(Auditor.CSV), StandardCharsets.UTF_8).contains(",OFFLINE,DENIED,REVOKED,"));
        List<String> written = Files.list(out).map(f -> f.getFileName().toString()).sorted().collect(Collectors.toList());
        assertTrue(written.containsAll(List.of(Auditor.ARCHIVE, Auditor.CSV, Auditor.HTML, Auditor.JSON)), written.toString());
    }
}
