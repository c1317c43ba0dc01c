package dev.access.core.audit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.access.core.NewCode;
import dev.access.core.audit.Diagnosis.Question;
import dev.access.core.domain.CodeRules;
import dev.access.core.domain.EntrySource;
import dev.access.core.domain.LockId;
import dev.access.core.domain.UserType;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No PIN, digest or key appears in an export, a report, the HTML page, a support bundle or the archive. */
class NoSecretsTest {
    private static final LockId L = LockId.of("secrets");

    @TempDir
    Path dir;

    @Test
    void noPinDigestCommitmentOrKey_inAnyOutput() throws Exception {
        try (AuditFixture fx = new AuditFixture(5)) {
            fx.commission(L);
            fx.access.addCode(L, NewCode.unrestricted(1, "alice"), AuditFixture.pin(AuditFixture.PINS[0]));
            fx.access.addCode(L, NewCode.of(2, UserType.DISPOSABLE, "courier", CodeRules.none()),
                    AuditFixture.pin(AuditFixture.PINS[1]));
            for (String pin : List.of(AuditFixture.PINS[0], AuditFixture.PINS[1], AuditFixture.PINS[1],
                    AuditFixture.WRONG, AuditFixture.WRONG, AuditFixture.WRONG)) {
                fx.advance(Duration.ofMinutes(3));
                fx.access.enter(L, AuditFixture.pin(pin), EntrySource.KEYPAD);
            }
            fx.access.changeCode(L, 1, AuditFixture.pin(AuditFixture.PINS[2]));
            fx.access.changeCode(L, 0, AuditFixture.pin(AuditFixture.PINS[3]));
            fx.advance(Duration.ofHours(1));
            fx.access.reportBattery(L, 9);
            fx.access.factoryReset(L);
            fx.commission(L);
            fx.access.addCode(L, NewCode.unrestricted(1, "alice"), AuditFixture.pin(AuditFixture.PINS[4]));
            fx.access.checkpoint(L);

            List<String> pins = List.of(AuditFixture.MASTER, AuditFixture.WRONG, AuditFixture.PINS[0], AuditFixture.PINS[1],
                    AuditFixture.PINS[2], AuditFixture.PINS[3], AuditFixture.PINS[4]);
            List<String> digests = fx.digestForms(L);
            assertTrue(digests.size() >= 18, "digests of every added and changed code: " + digests.size());
            String publicKey = fx.access.publicKey(L).export();
            String keyBase64 = publicKey.substring(publicKey.indexOf("ed25519 ") + 8).strip();

            String export = fx.exportText(L);
            LockHistory history = TrailReader.history(AuditFixture.reader(export), L.value());
            Map<String, String> outputs = new java.util.LinkedHashMap<>();
            StringWriter w = new StringWriter();
            AccessReport.writeCsv(history, w);
            outputs.put("CSV", w.toString());
            w = new StringWriter();
            AccessReport.writeJson(history, w);
            outputs.put("JSON", w.toString());
            w = new StringWriter();
            HtmlTimeline.write(history, w);
            outputs.put("HTML", w.toString());
            w = new StringWriter();
            SupportBundle.write(history, fx.clock.instant(), w);
            outputs.put("support bundle", w.toString());
            w = new StringWriter();
            SupportBundle.write(history, Question.at(fx.clock.instant()).slot(1)
                    .typedCode(fx.digest(L, AuditFixture.PINS[4])).typedLength(8), w);
            outputs.put("support bundle for a typed code", w.toString());
            List<Finding> findings = new ArrayList<>();
            for (String pin : pins) {
                findings.addAll(Diagnosis.diagnose(history, Question.at(fx.clock.instant()).typedCode(fx.digest(L, pin))));
            }
            outputs.put("findings", findings.toString());
            outputs.put("replay view", Replay.at(history, fx.clock.instant()).toString());

            for (Map.Entry<String, String> o : outputs.entrySet()) {
                String text = o.getValue();
                assertFalse(text.contains("sha256:"), o.getKey() + " holds a commitment");
                assertNoSecret(o.getKey(), text, pins, digests, keyBase64);
            }
            // The export carries commitments by design, never digests, PINs or keys.
            assertTrue(export.contains("sha256:"));
            assertNoSecret("export", export, pins, digests.stream().filter(d -> d.length() != 64 || !isCommitment(d, fx))
                    .toList(), keyBase64);
            // The support bundle is valid JSON with what support needs.
            JsonNode bundle = new ObjectMapper().readTree(outputs.get("support bundle"));
            assertTrue(bundle.get("device").get("model").asText().equals("KP-100"));
            assertTrue(bundle.get("batteryHistory").size() == 1 && bundle.get("recentAttempts").size() == 6);
            assertTrue(bundle.get("findings").size() >= 2, bundle.get("findings").toString());
            assertFalse(outputs.get("support bundle").contains("alice"), "attempts carry no names");

            Path db = dir.resolve("archive.db");
            try (TrailArchive archive = TrailArchive.open(db)) {
                archive.importTrail(AuditFixture.reader(export), fx.keyFor(L));
            }
            String stored = new String(Files.readAllBytes(db), StandardCharsets.ISO_8859_1);
            assertTrue(stored.contains("TrailCheckpointed"));
            assertNoSecret("archive file", stored, pins, List.of(), keyBase64);
            for (String d : digests) {
                if (!isCommitment(d, fx)) {
                    assertFalse(stored.contains(d), "the archive file holds a digest");
                }
            }
        }
    }

    private static boolean isCommitment(String form, AuditFixture fx) {
        return fx.access.events(L).stream().anyMatch(e -> e instanceof dev.access.core.domain.LockEvent.CodeAdded
                && ((dev.access.core.domain.LockEvent.CodeAdded) e).digest().commitment().toHex().equals(form)
                || e instanceof dev.access.core.domain.LockEvent.CodeChanged
                && ((dev.access.core.domain.LockEvent.CodeChanged) e).digest().commitment().toHex().equals(form));
    }

    private static void assertNoSecret(String what, String text, List<String> pins, List<String> digests, String key) {
        for (String pin : pins) {
            assertFalse(text.contains(pin), what + " holds a PIN");
        }
        for (String d : digests) {
            assertFalse(text.contains(d), what + " holds a digest or commitment");
            if (d.length() == 44 && d.endsWith("=")) {
                String urlSafe = Base64.getUrlEncoder().withoutPadding().encodeToString(Base64.getDecoder().decode(d));
                assertFalse(text.contains(urlSafe), what + " holds a url-safe digest");
            }
        }
        assertFalse(text.contains(key), what + " holds the public key");
    }
}
