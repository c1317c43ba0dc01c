package dev.access.examples.firmware;

import dev.access.crypto.FileKeyRing;
import dev.access.crypto.IssuedOfflineCode;
import dev.access.crypto.OfflineIssuingKey;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.access.core.SimulatedClock;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The firmware example runs its main loop on a real data directory, power cycles included. */
class KeypadFirmwareTest {
    @TempDir
    Path dir;

    private List<String> run(String inputs) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SimulatedClock clock = new SimulatedClock(Instant.parse("2026-12-01T08:00:00Z"));
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            new KeypadFirmware(dir.resolve("lock"), clock, out).run(new BufferedReader(new StringReader(inputs)));
        }
        return List.of(bytes.toString(StandardCharsets.UTF_8).split("\n"));
    }

    @Test
    void mainLoop_opensForTheResident_locksOutGuessers_andTheLockoutSurvivesAPowerCycle() throws Exception {
        List<String> out = run(String.join("\n", "4826#", "0000#", "1111#", "2222#", "3333#", "4444#", "power-cycle",
                "4826#", "battery 15", "12#", "quit"));
        assertEquals("boot: commissioned hub-lock-1", out.get(0));
        assertEquals("keypad: UNLOCK (slot 1)", out.get(1));
        assertTrue(out.get(6).startsWith("keypad: stay locked, UNKNOWN_CODE until "), out.get(6));
        assertEquals("power: off", out.get(7));
        assertTrue(out.get(8).startsWith("boot: restored hub-lock-1 from its trail"), out.get(8));
        assertTrue(out.get(9).startsWith("keypad: stay locked, LOCKED_OUT until "), out.get(9));
        assertEquals("battery: 15 % (LOW)", out.get(10));
        assertTrue(out.get(11).startsWith("keypad: stay locked, LOCKED_OUT"), out.get(11));
        assertFalse(String.join("\n", out).contains("4826"), "no PIN is printed");
    }

    @Test
    void aGuestsOfflineCode_opensInsideItsWindow_onceWhenOneTime_andNeverShowsItsPin() throws Exception {
        run("quit\n");
        OfflineIssuingKey key = FileKeyRing.open(dir.resolve("lock").resolve("keys"))
                .offlineIssuingKey("hub-lock-1", 1, 1, 10, ZoneId.of("UTC"));
        IssuedOfflineCode guest = key.issuePlain(Instant.parse("2026-12-01T08:00:00Z"),
                Instant.parse("2026-12-02T08:00:00Z"), true, 0);
        String pin = new String(guest.pin());
        List<String> out = run(pin + "#\n" + pin + "#\nquit\n");
        assertEquals("keypad: UNLOCK (offline code " + guest.codeId() + ")", out.get(1));
        assertEquals("keypad: stay locked, USE_LIMIT_REACHED (offline code " + guest.codeId() + ")", out.get(2));
        assertFalse(String.join("\n", out).contains(pin), "no PIN is printed");
    }

    @Test
    void secondBoot_restoresThePendingWrongCodeCount() throws Exception {
        run("0000#\n0001#\nquit\n");
        List<String> out = run("quit\n");
        assertTrue(out.get(0).contains("2 wrong codes pending"), out.get(0));
    }
}
