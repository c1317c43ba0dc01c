package dev.access.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.access.core.NewCode;
import dev.access.core.domain.DeviceEventKind;
import dev.access.core.domain.EntrySource;
import dev.access.core.domain.LockId;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A support bundle holds the device, its history, the last 50 attempts and the findings. */
class SupportBundleTest {
    private static final LockId L = LockId.of("bundle");

    @Test
    void aBundle_holdsDeviceBatteryFirmwareTheLast50AttemptsAndTheFindings() throws Exception {
        try (AuditFixture fx = new AuditFixture(20)) {
            fx.commission(L);
            fx.access.addCode(L, NewCode.unrestricted(1, "alice"), AuditFixture.pin(AuditFixture.PINS[0]));
            fx.access.reportBattery(L, 60);
            for (int i = 0; i < 60; i++) {
                fx.advance(Duration.ofMinutes(10));
                fx.access.enter(L, AuditFixture.pin(i % 3 == 0 ? AuditFixture.WRONG : AuditFixture.PINS[0]),
                        EntrySource.KEYPAD);
            }
            fx.access.reportBattery(L, 17);
            fx.access.updateFirmware(L, "1.1.0");
            fx.access.reportDeviceEvent(L, DeviceEventKind.JAMMED);
            LockHistory h = LockHistory.of(fx.access, L);
            StringWriter w = new StringWriter();
            SupportBundle.write(h, fx.clock.instant(), w);
            JsonNode b = new ObjectMapper().readTree(w.toString());
            assertEquals(SupportBundle.FORMAT, b.get("format").asText());
            assertEquals("KP-100", b.get("device").get("model").asText());
            assertEquals("SN-bundle", b.get("device").get("serial").asText());
            assertEquals("1.1.0", b.get("device").get("firmware").asText());
            assertEquals(List.of(60, 17), List.of(b.get("batteryHistory").get(0).get("percent").asInt(),
                    b.get("batteryHistory").get(1).get("percent").asInt()));
            JsonNode recent = b.get("recentAttempts");
            assertEquals(SupportBundle.RECENT_ATTEMPTS, recent.size());
            List<Attempt> all = Replay.attempts(h);
            assertEquals(all.get(all.size() - 1).sequence(), recent.get(49).get("sequence").asLong());
            assertEquals(all.get(10).sequence(), recent.get(0).get("sequence").asLong());
            assertTrue(w.toString().contains("firmware 1.0.0 -> 1.1.0"));
            List<String> codes = new java.util.ArrayList<>();
            b.get("findings").forEach(f -> codes.add(f.get("code").asText()));
            assertEquals(List.of("BATTERY_LOW", "JAMMED", "FIRMWARE_CHANGED"), codes);
            assertTrue(b.get("findings").get(0).get("nextStep").asText().contains("replace the batteries"));
        }
    }
}
