package dev.access.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.access.core.domain.LockId;
import dev.access.crypto.BackendPublicKey;
import dev.access.crypto.InMemoryKeyRing;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An enrollment, read back from an export, is shown by replay, the HTML timeline and the support bundle. */
class EnrollmentRenderingTest {
    private static final LockId L = LockId.of("enrolled");
    private static final BackendPublicKey FIRST = InMemoryKeyRing.create().createBackendIdentity().publicKey();
    private static final BackendPublicKey SECOND = InMemoryKeyRing.create().createBackendIdentity().publicKey();

    @Test
    void enrollments_areInTheReplayTheTimelineAndTheBundle() throws Exception {
        try (AuditFixture fx = new AuditFixture(20)) {
            fx.commission(L);
            fx.advance(Duration.ofMinutes(1));
            Instant before = fx.clock.instant();
            fx.advance(Duration.ofMinutes(1));
            fx.access.enroll(L, FIRST);
            fx.advance(Duration.ofMinutes(1));
            Instant between = fx.clock.instant();
            fx.advance(Duration.ofMinutes(1));
            fx.access.enroll(L, SECOND);
            LockHistory h = TrailReader.history(AuditFixture.reader(fx.exportText(L)), L.value());

            assertNull(Replay.at(h, before).backendKeyId());
            assertEquals(FIRST.keyId(), Replay.at(h, between).backendKeyId());
            assertEquals(SECOND.keyId(), Replay.at(h, fx.clock.instant()).backendKeyId());

            StringWriter html = new StringWriter();
            HtmlTimeline.write(h, html);
            assertTrue(html.toString().contains("enrolled</td><td>to backend " + FIRST.keyId() + " (key epoch 1), first backend"),
                    html.toString());
            assertTrue(html.toString().contains("to backend " + SECOND.keyId() + " (key epoch 1), previously backend "
                    + FIRST.keyId()));

            StringWriter bundle = new StringWriter();
            SupportBundle.write(h, fx.clock.instant(), bundle);
            JsonNode b = new ObjectMapper().readTree(bundle.toString());
            assertEquals(SECOND.keyId(), b.get("device").get("backend").asText());
            List<String> history = new ArrayList<>();
            b.get("deviceHistory").forEach(d -> history.add(d.get("event").asText()));
            assertTrue(history.contains("enrolled to backend " + FIRST.keyId() + " (key epoch 1), first backend;"
                    + " offline issuing-key generation 1 sealed to it"), history.toString());

            fx.access.factoryReset(L);
            LockHistory reset = TrailReader.history(AuditFixture.reader(fx.exportText(L)), L.value());
            StringWriter after = new StringWriter();
            SupportBundle.write(reset, fx.clock.instant(), after);
            assertTrue(new ObjectMapper().readTree(after.toString()).get("device").get("backend").isNull(),
                    "a reset lock belongs to nobody");
        }
    }
}
