package dev.access.core.fleet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.access.crypto.BackendPublicKey;
import dev.access.crypto.CheckpointSigner;
import dev.access.crypto.InMemoryKeyRing;
import dev.access.crypto.SealedSecret;
import dev.access.crypto.SealingPublicKey;
import dev.access.crypto.SignatureVerificationException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The enrollment document: signed by the lock's trail key, read back strictly, every change caught. */
class EnrollmentDocumentTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final InMemoryKeyRing RING = InMemoryKeyRing.create();
    private static final String LOCK = "front";
    private static final String HEAD = "0123456789abcdef".repeat(4);
    private static final Instant AT = Instant.parse("2026-12-01T08:00:00Z");
    private static final BackendPublicKey BACKEND = InMemoryKeyRing.create().createBackendIdentity().publicKey();

    static {
        RING.createEpoch(LOCK);
        RING.createEpoch("back");
    }

    private static Enrollment signed() {
        CheckpointSigner signer = RING.checkpointSigner(LOCK);
        return Enrollment.sign(signer, BACKEND.keyId(), 1, RING.sealingPublicKey(LOCK, 1), 7, HEAD, AT);
    }

    private static ObjectNode fields(Enrollment e) throws Exception {
        return (ObjectNode) JSON.readTree(e.toText());
    }

    @Test
    void aSignedEnrollment_roundTripsThroughItsTextAndVerifies() throws Exception {
        Enrollment e = signed();

        String text = e.toText();
        Enrollment back = Enrollment.parse(text);

        assertEquals(e, back);
        back.verify();
        assertTrue(text.endsWith("}\n") && text.indexOf('\n') == text.length() - 1, text);
        List<String> names = new ArrayList<>();
        fields(e).fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("format", "lock", "backendKeyId", "keyEpoch", "trailPublicKey", "trailKeyId",
                "sealingPublicKey", "sequence", "chainHead", "at", "signature"), names);
        assertEquals(Enrollment.FORMAT, fields(e).get("format").asText());
        assertEquals(RING.trailPublicKey(LOCK).keyId(), fields(e).get("trailKeyId").asText());
        assertEquals(RING.sealingPublicKey(LOCK, 1).base64(), fields(e).get("sealingPublicKey").asText());
        assertEquals(e, Enrollment.parse(text.strip()), "the final line break is optional");
    }

    @Test
    void theSignedBody_isTheDocumentedLayout_andTheSignatureIsTheLocksStatementOverIt() throws Exception {
        Enrollment e = signed();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        for (Object v : List.of(Enrollment.FORMAT, LOCK, BACKEND.keyId(), 1, RING.trailPublicKey(LOCK).base64(),
                RING.trailPublicKey(LOCK).keyId(), RING.sealingPublicKey(LOCK, 1).base64(), 7L, HEAD, AT.toString())) {
            if (v instanceof Integer) {
                out.writeInt((Integer) v);
            } else if (v instanceof Long) {
                out.writeLong((Long) v);
            } else {
                byte[] b = ((String) v).getBytes(StandardCharsets.UTF_8);
                out.writeInt(b.length);
                out.write(b);
            }
        }

        assertArrayEquals(bytes.toByteArray(), e.signedBody());
        RING.trailPublicKey(LOCK).verifyStatement("access/enrollment/v1", bytes.toByteArray(), e.signature());
    }

    static Stream<Arguments> tamperings() {
        SealingPublicKey otherSealing = RING.sealingPublicKey("back", 1);
        String otherTrail = RING.trailPublicKey("back").base64();
        String otherTrailId = RING.trailPublicKey("back").keyId();
        return Stream.of(
                tamper("format", n -> n.put("format", "access-enrollment/2")),
                tamper("lock", n -> n.put("lock", "back")),
                tamper("backendKeyId", n -> n.put("backendKeyId", "0123456789abcdef")),
                tamper("keyEpoch", n -> n.put("keyEpoch", 2)),
                tamper("trailPublicKey (with its id)", n -> n.put("trailPublicKey", otherTrail).put("trailKeyId", otherTrailId)),
                tamper("trailPublicKey (alone)", n -> n.put("trailPublicKey", otherTrail)),
                tamper("trailKeyId", n -> n.put("trailKeyId", "0123456789abcdef")),
                tamper("sealingPublicKey", n -> n.put("sealingPublicKey", otherSealing.base64())),
                tamper("sequence", n -> n.put("sequence", 8)),
                tamper("chainHead", n -> n.put("chainHead", "f" + HEAD.substring(1))),
                tamper("at", n -> n.put("at", "2026-12-01T08:00:01Z")),
                tamper("signature", n -> n.put("signature", flipped(n.get("signature").asText()))));
    }

    private static Arguments tamper(String name, Consumer<ObjectNode> change) {
        return Arguments.of(Named.of(name, change));
    }

    private static String flipped(String signature) {
        byte[] raw = Base64.getDecoder().decode(signature);
        raw[10] ^= 1;
        return Base64.getEncoder().encodeToString(raw);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tamperings")
    void anyFieldChanged_isRefusedByParseOrByVerify(Consumer<ObjectNode> change) throws Exception {
        ObjectNode n = fields(signed());
        change.accept(n);

        assertRefusedByParseOrVerify(JSON.writeValueAsString(n));
    }

    /** The text is refused by {@link Enrollment#parse}, or parses and does not verify. */
    private static void assertRefusedByParseOrVerify(String text) {
        Enrollment parsed;
        try {
            parsed = Enrollment.parse(text);
        } catch (MalformedEnrollmentException refused) {
            return;
        }
        assertThrows(SignatureVerificationException.class, parsed::verify);
    }

    @Test
    void anEnrollmentSignedByAnotherLocksKey_doesNotVerify() throws Exception {
        Enrollment mine = signed();
        CheckpointSigner other = RING.checkpointSigner("back");
        String forged = other.signStatement(Enrollment.LABEL, mine.signedBody());
        Enrollment e = new Enrollment(mine.lock(), mine.backendKeyId(), 1, mine.trailKey(), mine.sealingKey(), 7, HEAD,
                AT, forged);

        assertThrows(SignatureVerificationException.class, e::verify);
    }

    @Test
    void theLocksCheckpointSignature_isNoEnrollmentSignature() throws Exception {
        Enrollment mine = signed();
        String checkpointSig = RING.checkpointSigner(LOCK)
                .sign(7, dev.access.crypto.ChainHead.fromHex(HEAD), AT).signature();
        Enrollment e = new Enrollment(mine.lock(), mine.backendKeyId(), 1, mine.trailKey(), mine.sealingKey(), 7, HEAD,
                AT, checkpointSig);

        assertThrows(SignatureVerificationException.class, e::verify);
    }

    static Stream<Arguments> malformed() throws Exception {
        String good = signed().toText().strip();
        ObjectNode n = fields(signed());
        List<Arguments> cases = new ArrayList<>();
        cases.add(bad("not JSON", "enrollment please", "JSON"));
        cases.add(bad("a JSON array", "[" + good + "]", "JSON object"));
        cases.add(bad("two objects", good + good, "follows"));
        cases.add(bad("two lines", good + "\n" + good + "\n", "one line"));
        cases.add(bad("cut short", good.substring(0, good.length() - 5), "JSON"));
        cases.add(bad("a duplicate key", good.replace("{\"format\"", "{\"lock\":\"x\",\"format\""), "twice"));
        cases.add(bad("an unknown field", good.replace("{\"format\"", "{\"note\":\"hi\",\"format\""), "unknown field 'note'"));
        cases.add(bad("too long", good.replace("{\"format\"", "{\"note\":\"" + "x".repeat(3000) + "\",\"format\""),
                "too long"));
        for (String field : List.of("format", "lock", "backendKeyId", "keyEpoch", "trailPublicKey", "trailKeyId",
                "sealingPublicKey", "sequence", "chainHead", "at", "signature")) {
            ObjectNode without = n.deepCopy();
            without.remove(field);
            cases.add(bad("without " + field, JSON.writeValueAsString(without), "'" + field + "'"));
        }
        cases.add(bad("an unknown format", with(n, "format", "access-enrollment/9"), "unknown format"));
        cases.add(bad("an invalid lock id", with(n, "lock", "front door"), "lock 'front door'"));
        cases.add(bad("an upper-case backend key id", with(n, "backendKeyId", "0123456789ABCDEF"), "backendKeyId"));
        cases.add(bad("a short backend key id", with(n, "backendKeyId", "0123"), "backendKeyId"));
        cases.add(bad("keyEpoch as text", with(n, "keyEpoch", "1"), "keyEpoch"));
        cases.add(bad("keyEpoch 0", JSON.writeValueAsString(n.deepCopy().put("keyEpoch", 0)), "keyEpoch"));
        cases.add(bad("keyEpoch that wraps to 1", good.replace("\"keyEpoch\":1", "\"keyEpoch\":-4294967295"), "keyEpoch"));
        cases.add(bad("keyEpoch beyond an int", good.replace("\"keyEpoch\":1", "\"keyEpoch\":4294967297"), "keyEpoch"));
        cases.add(bad("keyEpoch as a fraction", good.replace("\"keyEpoch\":1", "\"keyEpoch\":1.0"), "keyEpoch"));
        cases.add(bad("a negative sequence", good.replace("\"sequence\":7", "\"sequence\":-1"), "sequence"));
        cases.add(bad("a huge sequence", good.replace("\"sequence\":7", "\"sequence\":99999999999999999999"), "sequence"));
        cases.add(bad("an upper-case chain head", with(n, "chainHead", HEAD.toUpperCase()), "chainHead"));
        cases.add(bad("a short chain head", with(n, "chainHead", "abc"), "chainHead"));
        cases.add(bad("at with millis", with(n, "at", "2026-12-01T08:00:00.000Z"), "at '2026-12-01T08:00:00.000Z'"));
        cases.add(bad("at in another zone", with(n, "at", "2026-12-01T09:00:00+01:00"), "at "));
        cases.add(bad("a trail key that is not base64", with(n, "trailPublicKey", "%%%"), "trailPublicKey"));
        cases.add(bad("a trail key of 31 bytes", with(n, "trailPublicKey", Base64.getEncoder().encodeToString(new byte[31])),
                "trailPublicKey"));
        cases.add(bad("a trail key id of another key", with(n, "trailKeyId", "0123456789abcdef"), "trailKeyId"));
        cases.add(bad("a sealing key that is not base64", with(n, "sealingPublicKey", "!"), "sealingPublicKey"));
        cases.add(bad("a sealing key with spaces", with(n, "sealingPublicKey", " " + n.get("sealingPublicKey").asText()),
                "sealingPublicKey"));
        cases.add(bad("a signature of 63 bytes", with(n, "signature", Base64.getEncoder().encodeToString(new byte[63])),
                "signature"));
        cases.add(bad("a null field", JSON.writeValueAsString(n.deepCopy().putNull("lock")), "'lock'"));
        return cases.stream();
    }

    private static String with(ObjectNode n, String field, String value) throws Exception {
        return JSON.writeValueAsString(n.deepCopy().put(field, value));
    }

    private static Arguments bad(String name, String text, String named) {
        return Arguments.of(Named.of(name, text), named);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void aMalformedText_isRefusedNamingWhatIsWrong(String text, String named) {
        MalformedEnrollmentException e = assertThrows(MalformedEnrollmentException.class, () -> Enrollment.parse(text));

        assertTrue(e.getMessage().contains(named), () -> "'" + named + "' not in: " + e.getMessage());
        assertTrue(e.getMessage().length() < 260, e.getMessage());
    }

    @Test
    void aRefusal_showsAtMost80CharactersOfTheInput() throws Exception {
        String long1 = "x".repeat(500);
        for (String field : List.of("format", "lock", "backendKeyId", "chainHead", "at", "trailKeyId", "trailPublicKey",
                "sealingPublicKey")) {
            MalformedEnrollmentException e = assertThrows(MalformedEnrollmentException.class,
                    () -> Enrollment.parse(with(fields(signed()), field, long1)));
            assertFalse(e.getMessage().contains("x".repeat(81)), e.getMessage());
        }
        assertThrows(MalformedEnrollmentException.class, () -> Enrollment.parse(null));
    }

    @Test
    void theConstructor_refusesATrailKeyOfAnotherLock() {
        Enrollment e = signed();
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> new Enrollment("back",
                e.backendKeyId(), 1, e.trailKey(), e.sealingKey(), 7, HEAD, AT, e.signature()));

        assertTrue(x.getMessage().contains("front"), x.getMessage());
    }

    // ------------------------------------------------------------------ the offline issuing key

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static Enrollment signedWithOfflineKey() {
        SealedSecret sealed = RING.offlineIssuingKey(LOCK, 1, 3, 12, BERLIN).sealTo(BACKEND.sealingKey());
        return Enrollment.sign(RING.checkpointSigner(LOCK), BACKEND.keyId(), 1, RING.sealingPublicKey(LOCK, 1), 7, HEAD,
                AT, new Enrollment.OfflineKey(3, 12, BERLIN, sealed));
    }

    @Test
    void anEnrollmentWithTheOfflineKey_roundTrips_listsItsFieldsBeforeTheSignature_andVerifies() throws Exception {
        Enrollment e = signedWithOfflineKey();

        Enrollment back = Enrollment.parse(e.toText());

        assertEquals(e, back);
        back.verify();
        List<String> names = new ArrayList<>();
        fields(e).fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("format", "lock", "backendKeyId", "keyEpoch", "trailPublicKey", "trailKeyId",
                "sealingPublicKey", "sequence", "chainHead", "at", "offlineGeneration", "offlineDigits", "zone",
                "offlineKey", "signature"), names);
        assertEquals(3, fields(e).get("offlineGeneration").asInt());
        assertEquals(12, fields(e).get("offlineDigits").asInt());
        assertEquals("Europe/Berlin", fields(e).get("zone").asText());
        List<String> keyNames = new ArrayList<>();
        fields(e).get("offlineKey").fieldNames().forEachRemaining(keyNames::add);
        assertEquals(List.of("enc", "ciphertext"), keyNames);
        assertTrue(e.toText().length() < Enrollment.MAX_TEXT / 2, e.toText().length() + " characters");
    }

    @Test
    void theOfflineFields_areAppendedToTheSignedBody_asDocumented() throws Exception {
        Enrollment e = signedWithOfflineKey();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(signed().signedBody());
        out.writeInt(3);
        out.writeInt(12);
        for (String v : List.of("Europe/Berlin", e.offline().sealedKey().enc(), e.offline().sealedKey().ciphertext())) {
            byte[] b = v.getBytes(StandardCharsets.UTF_8);
            out.writeInt(b.length);
            out.write(b);
        }

        assertArrayEquals(bytes.toByteArray(), e.signedBody());
        RING.trailPublicKey(LOCK).verifyStatement("access/enrollment/v1", bytes.toByteArray(), e.signature());
    }

    static Stream<Arguments> offlineTamperings() {
        SealedSecret otherKey = RING.offlineIssuingKey("back", 1, 3, 12, BERLIN).sealTo(BACKEND.sealingKey());
        return Stream.of(
                tamper("offlineGeneration", n -> n.put("offlineGeneration", 4)),
                tamper("offlineDigits", n -> n.put("offlineDigits", 10)),
                tamper("zone", n -> n.put("zone", "Europe/Paris")),
                tamper("offlineKey.enc", n -> ((ObjectNode) n.get("offlineKey")).put("enc", otherKey.enc())),
                tamper("offlineKey.ciphertext", n -> ((ObjectNode) n.get("offlineKey"))
                        .put("ciphertext", otherKey.ciphertext())),
                tamper("offlineKey (both)", n -> ((ObjectNode) n.get("offlineKey")).put("enc", otherKey.enc())
                        .put("ciphertext", otherKey.ciphertext())),
                tamper("all four removed", n -> n.remove(List.of("offlineGeneration", "offlineDigits", "zone",
                        "offlineKey"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("offlineTamperings")
    void anyOfflineFieldChanged_orAllRemoved_isRefusedByParseOrByVerify(Consumer<ObjectNode> change) throws Exception {
        ObjectNode n = fields(signedWithOfflineKey());
        change.accept(n);

        assertRefusedByParseOrVerify(JSON.writeValueAsString(n));
    }

    @Test
    void offlineFieldsAddedToADocumentSignedWithout_doNotVerify() throws Exception {
        ObjectNode without = fields(signed());
        ObjectNode with = fields(signedWithOfflineKey());
        ObjectNode grafted = JSON.createObjectNode();
        without.fields().forEachRemaining(f -> {
            if (f.getKey().equals("signature")) {
                for (String o : List.of("offlineGeneration", "offlineDigits", "zone", "offlineKey")) {
                    grafted.set(o, with.get(o));
                }
            }
            grafted.set(f.getKey(), f.getValue());
        });

        Enrollment parsed = Enrollment.parse(JSON.writeValueAsString(grafted));

        assertThrows(SignatureVerificationException.class, parsed::verify);
    }

    static Stream<Arguments> malformedOffline() throws Exception {
        ObjectNode n = fields(signedWithOfflineKey());
        List<Arguments> cases = new ArrayList<>();
        for (String field : List.of("offlineGeneration", "offlineDigits", "zone", "offlineKey")) {
            ObjectNode without = n.deepCopy();
            without.remove(field);
            cases.add(bad("some offline fields without " + field, JSON.writeValueAsString(without), "'" + field + "'"));
        }
        ObjectNode onlyZone = fields(signed());
        onlyZone.put("zone", "Europe/Berlin");
        cases.add(bad("a zone alone", JSON.writeValueAsString(onlyZone), "lacks the field 'offlineGeneration'"));
        cases.add(bad("generation 0", JSON.writeValueAsString(n.deepCopy().put("offlineGeneration", 0)),
                "offlineGeneration"));
        cases.add(bad("generation as text", JSON.writeValueAsString(n.deepCopy().put("offlineGeneration", "3")),
                "offlineGeneration"));
        cases.add(bad("9 digits", JSON.writeValueAsString(n.deepCopy().put("offlineDigits", 9)), "offlineDigits"));
        cases.add(bad("17 digits", JSON.writeValueAsString(n.deepCopy().put("offlineDigits", 17)), "offlineDigits"));
        cases.add(bad("an unknown zone", with(n, "zone", "Mars/Olympus"), "zone 'Mars/Olympus'"));
        cases.add(bad("a zone not written as its id", with(n, "zone", "+01"), "zone '+01' is not written as its id"));
        cases.add(bad("a zone as a number", JSON.writeValueAsString(n.deepCopy().put("zone", 1)), "'zone'"));
        cases.add(bad("offlineKey as text", with(n, "offlineKey", "sealed"), "offlineKey"));
        ObjectNode extra = n.deepCopy();
        ((ObjectNode) extra.get("offlineKey")).put("key", "x");
        cases.add(bad("offlineKey with an unknown field", JSON.writeValueAsString(extra), "unknown field 'key'"));
        ObjectNode noEnc = n.deepCopy();
        ((ObjectNode) noEnc.get("offlineKey")).remove("enc");
        cases.add(bad("offlineKey without enc", JSON.writeValueAsString(noEnc), "'enc'"));
        ObjectNode badEnc = n.deepCopy();
        ((ObjectNode) badEnc.get("offlineKey")).put("enc", "%%%");
        cases.add(bad("offlineKey.enc not base64", JSON.writeValueAsString(badEnc), "offlineKey"));
        ObjectNode shortEnc = n.deepCopy();
        ((ObjectNode) shortEnc.get("offlineKey")).put("enc", Base64.getEncoder().encodeToString(new byte[31]));
        cases.add(bad("offlineKey.enc of 31 bytes", JSON.writeValueAsString(shortEnc), "offlineKey"));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedOffline")
    void aMalformedOfflineKey_isRefusedNamingWhatIsWrong(String text, String named) {
        MalformedEnrollmentException e = assertThrows(MalformedEnrollmentException.class, () -> Enrollment.parse(text));

        assertTrue(e.getMessage().contains(named), () -> "'" + named + "' not in: " + e.getMessage());
        assertTrue(e.getMessage().length() < 260, e.getMessage());
    }
}
