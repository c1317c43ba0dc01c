package dev.access.cli;

import static dev.access.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.access.cli.CliRun.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --by} on every administrative command, {@code status}'s addedBy/changedBy, and {@code forget}'s contract. */
class LockCtlPeopleTest {
    private static final String T0 = "2026-12-01T06:00:00Z";
    private static final String HOLDER = "Zacharias-Quirinius-7731";
    private static final String ADMIN = "Ottilie-Brunhilde-4242";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private String data;
    private final List<Result> outputs = new ArrayList<>();
    private int minute;

    @BeforeEach
    void setUp() {
        data = dir.resolve("data").toString();
    }

    /** lockctl --data DIR --at (a minute later each time) args...; every output is kept for the grep. */
    private Result lc(String... args) {
        String at = java.time.Instant.parse(T0).plusSeconds(60L * minute++).toString();
        Result r = run(Stream.concat(Stream.of("--data", data, "--at", at), Stream.of(args)).toArray(String[]::new));
        outputs.add(r);
        return r;
    }

    @Test
    void everyAdministrativeCommand_recordsTheActorGivenWithBy_onTheChannelLocal() throws Exception {
        lc("commission", "--lock", "front", "--master-pin", "97531864", "--by", "Ina").ok();
        lc("code", "add", "--lock", "front", "--slot", "1", "--pin", "4826", "--name", HOLDER, "--by", ADMIN).ok();
        lc("code", "change", "--lock", "front", "--slot", "1", "--pin", "5937", "--by", ADMIN).ok();
        lc("code", "suspend", "--lock", "front", "--slot", "1", "--by", ADMIN).ok();
        lc("code", "resume", "--lock", "front", "--slot", "1", "--by", ADMIN).ok();
        lc("code", "add", "--lock", "front", "--slot", "2", "--pin", "7391", "--by", ADMIN).ok();
        lc("code", "remove", "--lock", "front", "--slot", "2", "--by", ADMIN).ok();
        lc("mode", "vacation", "--lock", "front", "--by", ADMIN).ok();
        lc("mode", "normal", "--lock", "front").ok();
        for (int i = 0; i < 2; i++) {
            assertEquals(ExitCodes.DENIED, lc("enter", "--lock", "front", "--pin", "1111").exit());
        }
        lc("clear-lockout", "--lock", "front", "--by", ADMIN).ok();
        lc("clock", "--lock", "front", "--set", "2026-12-01T06:30:00Z", "--by", ADMIN).ok();
        lc("offline-code", "key", "--lock", "front", "--out", dir.resolve("offline.key").toString(), "--by", ADMIN).ok();
        lc("offline-code", "revoke-all", "--lock", "front", "--by", ADMIN).ok();

        JsonNode status = lc("status", "--lock", "front", "--json").ok().json();
        JsonNode codes = status.path("codes");
        assertEquals("Ina via installer", codes.get(0).path("addedBy").asText());
        assertTrue(codes.get(0).path("changedBy").isNull());
        assertEquals(HOLDER, codes.get(1).path("name").asText());
        assertEquals(ADMIN + " via local", codes.get(1).path("addedBy").asText());
        assertEquals(ADMIN + " via local", codes.get(1).path("changedBy").asText());
        assertEquals("local", status.path("modeSetBy").asText(), "--by defaults to local");
        assertTrue(lc("status", "--lock", "front").ok().out().contains("(added by " + ADMIN + " via local, changed by "
                + ADMIN + " via local)"));

        // In the trail: every administrative event names its actor, channel LOCAL (INSTALLER at
        // commissioning), the name sealed.
        Path export = dir.resolve("front.jsonl");
        lc("audit", "export", "--lock", "front", "--out", export.toString()).ok();
        Set<String> administrative = Set.of("LockCommissioned", "CodeAdded", "CodeChanged", "CodeSuspended",
                "CodeResumed", "CodeRemoved", "ModeChanged", "LockoutCleared", "ClockSet", "OfflineKeyExported",
                "AllOfflineCodesRevoked");
        Set<String> seen = new HashSet<>();
        for (String line : Files.readAllLines(export, StandardCharsets.UTF_8)) {
            JsonNode r = JSON.readTree(line);
            if (!administrative.contains(r.path("type").asText())) {
                continue;
            }
            seen.add(r.path("type").asText());
            JsonNode actor = JSON.readTree(r.path("payload").asText()).path("actor");
            assertFalse(actor.isMissingNode(), "no actor in " + line);
            String channel = actor.path("channel").asText();
            assertEquals(r.path("type").asText().equals("LockCommissioned")
                    || r.path("payload").asText().contains("\"slot\":0,") ? "INSTALLER" : "LOCAL", channel, line);
            assertTrue(actor.path("who").asText().startsWith("~pd1."), "sealed: " + line);
        }
        assertEquals(administrative, seen);
        assertFalse(Files.readString(export).contains(ADMIN) || Files.readString(export).contains(HOLDER));
    }

    @Test
    void forget_followsTheContract_andTheNameIsGoneFromEveryFileAndOutput_whileTheTrailVerifies() throws Exception {
        lc("commission", "--lock", "front", "--master-pin", "97531864").ok();
        lc("code", "add", "--lock", "front", "--slot", "1", "--pin", "4826", "--name", HOLDER, "--by", ADMIN).ok();
        lc("code", "add", "--lock", "front", "--slot", "2", "--pin", "7391", "--name", "bob").ok();
        lc("enter", "--lock", "front", "--pin", "4826").ok();
        assertTrue(lc("status", "--lock", "front").ok().out().contains(HOLDER));

        int erasedFrom = outputs.size();
        Result f = lc("forget", "--lock", "front", "--slot", "1", "--json").ok();
        assertEquals(List.of("ok", "command", "lock", "erased"), f.jsonKeys());
        assertEquals("forget", f.json().path("command").asText());
        assertEquals("front", f.json().path("lock").asText());
        assertEquals(1, f.json().path("erased").asInt());
        assertEquals(0, lc("forget", "--lock", "front", "--slot", "1", "--json").ok().json().path("erased").asInt(),
                "erasing twice is idempotent");
        assertTrue(lc("forget", "--lock", "front", "--actor", ADMIN).ok().out().contains("erased 1 person"));

        Result none = lc("forget", "--lock", "front", "--slot", "9");
        assertEquals(ExitCodes.REJECTED, none.exit());
        assertTrue(none.err().contains("UNKNOWN_SUBJECT"), none.err());
        Result again = lc("forget", "--lock", "front", "--actor", ADMIN);
        assertEquals(ExitCodes.REJECTED, again.exit());
        assertTrue(again.err().contains("UNKNOWN_SUBJECT"), again.err());
        assertEquals(ExitCodes.USAGE, lc("forget", "--lock", "front").exit());
        assertEquals(ExitCodes.USAGE, lc("forget", "--lock", "front", "--slot", "1", "--actor", "x").exit());

        JsonNode codes = lc("status", "--lock", "front", "--json").ok().json().path("codes");
        assertEquals("(erased)", codes.get(1).path("name").asText());
        assertEquals("(erased) via local", codes.get(1).path("addedBy").asText());
        assertEquals("bob", codes.get(2).path("name").asText(), "others stay readable");
        assertEquals(ExitCodes.OK, lc("enter", "--lock", "front", "--pin", "4826").exit(), "the code itself still opens");

        Path export = dir.resolve("after.jsonl");
        lc("audit", "export", "--lock", "front", "--out", export.toString()).ok();
        lc("audit", "verify", export.toString()).ok();
        lc("audit", "replay", export.toString(), "--lock", "front", "--until", "2026-12-01T08:00:00Z").ok();

        for (Result r : outputs.subList(erasedFrom, outputs.size())) {
            assertFalse(r.out().contains(HOLDER) || r.out().contains(ADMIN), "an output after the erasure: " + r.out());
            assertFalse(r.err().contains(HOLDER) || r.err().contains(ADMIN), r.err());
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertFalse(content.contains(HOLDER) || content.contains(ADMIN), file.getFileName() + " holds a name");
            }
        }
    }
}
