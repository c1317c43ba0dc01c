package dev.access.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    /** Names that appear nowhere else: if one is in a bundle, it came from the household. */
    private static final List<String> NAMES = List.of("Zebulon-Quince", "Ottoline-Brasket", "Peregrine-Vask",
            "Isolde-Marchetti");

    @Test
    void aBundle_holdsNoPersonalName_codesAreNamedBySlotAndUserType() throws Exception {
        try (AuditFixture fx = new AuditFixture(20)) {
            fx.commission(L);
            fx.access.addCode(L, NewCode.unrestricted(1, NAMES.get(0)), AuditFixture.pin(AuditFixture.PINS[0]));
            fx.access.addCode(L, NewCode.unrestricted(2, NAMES.get(3)), AuditFixture.pin(AuditFixture.PINS[1]));
            fx.advance(Duration.ofMinutes(1));
            fx.access.enter(L, AuditFixture.pin(AuditFixture.PINS[0]), EntrySource.KEYPAD);
            fx.access.suspendCode(L, 1);
            fx.access.enter(L, AuditFixture.pin(AuditFixture.PINS[0]), EntrySource.KEYPAD);
            for (int i = 0; i < 5; i++) {
                fx.access.enter(L, AuditFixture.pin(AuditFixture.WRONG), EntrySource.KEYPAD);
            }
            fx.access.clearLockout(L, NAMES.get(2));
            fx.access.changeMode(L, dev.access.core.domain.OperatingMode.VACATION, NAMES.get(1));
            fx.access.removeCode(L, 2);
            LockHistory h = LockHistory.of(fx.access, L);
            for (Diagnosis.Question q : List.of(Diagnosis.Question.at(fx.clock.instant()),
                    Diagnosis.Question.at(fx.clock.instant()).slot(1),
                    Diagnosis.Question.at(fx.clock.instant()).slot(2))) {
                StringWriter w = new StringWriter();
                SupportBundle.write(h, q, w);
                String bundle = w.toString();
                for (String name : NAMES) {
                    assertFalse(bundle.contains(name), () -> "the bundle names " + name + ": " + bundle);
                }
                if (q.slotAsked() != null) {
                    JsonNode finding = null;
                    for (JsonNode f : new ObjectMapper().readTree(bundle).get("findings")) {
                        finding = f.has("slot") ? f : finding;
                    }
                    assertEquals(q.slotAsked().intValue(), finding.get("slot").asInt(), bundle);
                    assertEquals("UNRESTRICTED", finding.get("userType").asText(), bundle);
                    assertTrue(finding.get("summary").asText().contains("slot " + q.slotAsked()), bundle);
                }
            }
        }
    }
}
