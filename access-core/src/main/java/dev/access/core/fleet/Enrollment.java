package dev.access.core.fleet;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.access.crypto.ChainHead;
import dev.access.crypto.CheckpointSigner;
import dev.access.crypto.LockIds;
import dev.access.crypto.OfflineCodes;
import dev.access.crypto.SealedSecret;
import dev.access.crypto.SealingPublicKey;
import dev.access.crypto.SignatureVerificationException;
import dev.access.crypto.TrailPublicKey;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The document a lock hands its backend when it is enrolled: who the lock is (its id and its public
 * keys), which backend it now belongs to, and the signed head of its trail right after the
 * enrollment, signed by the lock's own trail key.
 *
 * <p>As text ({@link #toText()}, {@link #parse}): one JSON object on one line, with exactly the
 * fields {@code format} ({@value #FORMAT}), {@code lock}, {@code backendKeyId}, {@code keyEpoch},
 * {@code trailPublicKey} (the raw Ed25519 key, base64), {@code trailKeyId}, {@code sealingPublicKey}
 * (the raw X25519 key of the lock's key epoch {@code keyEpoch}, base64), {@code sequence},
 * {@code chainHead} (64 lower-case hex), {@code at} (ISO-8601 UTC as {@link Instant#toString()}
 * writes it), then, for a lock that takes offline codes, the four fields of its offline issuing key
 * ({@link OfflineKey}): {@code offlineGeneration} (the issuing-key generation, 1 or more),
 * {@code offlineDigits} (the lock's offline PIN length), {@code zone} (the lock's time zone, as
 * {@link ZoneId#getId()} writes it) and {@code offlineKey} (an object with exactly {@code enc} and
 * {@code ciphertext}: the key sealed to the backend's X25519 key, {@link SealedSecret}), all four or
 * none, and last {@code signature} (64 bytes, base64).
 *
 * <p>The signature is the lock's Ed25519 statement ({@link CheckpointSigner#signStatement}) with
 * label {@value #LABEL} over this body, where {@code str(s)} is the length of {@code s}'s UTF-8 bytes
 * as 4 bytes big-endian followed by those bytes, and numbers are big-endian:
 * <pre>
 * str(format) ‖ str(lock) ‖ str(backendKeyId) ‖ keyEpoch (4 bytes) ‖ str(trailPublicKey) ‖
 * str(trailKeyId) ‖ str(sealingPublicKey) ‖ sequence (8 bytes) ‖ str(chainHead) ‖ str(at)
 * </pre>
 * followed, only when the document carries an offline issuing key, by
 * <pre>
 * offlineGeneration (4 bytes) ‖ offlineDigits (4 bytes) ‖ str(zone) ‖ str(offlineKey.enc) ‖
 * str(offlineKey.ciphertext)
 * </pre>
 * every string exactly as the JSON text carries it (keys as base64 text, the head as hex, the time
 * as ISO-8601). So the message signed is {@code "access/statement/v1" ‖ 0x00 ‖ len(label) (4 bytes)
 * ‖ label ‖ body}, as for every statement; a document without offline fields is signed exactly as
 * before they existed, and adding, removing or changing any of them breaks the signature.
 *
 * <p>Guarantees: a verified enrollment was made by the holder of the lock's trail key and nothing
 * in it was changed. It proves the lock's own word, not its authenticity: whoever holds a trail key
 * can sign an enrollment for its lock id, so a backend still decides which lock ids it expects (and
 * trusts the first key it sees for one, or one it got from the vendor). {@code (sequence,
 * chainHead)} is the head of the lock's trail right after its enrollment, covered by a signed
 * checkpoint in that trail; trail segments the backend later receives must continue from it. The
 * offline issuing key travels only sealed: sealed to the backend's X25519 key and bound to the lock,
 * key epoch and generation, so only that backend opens it, and only as this lock's key.
 *
 * @param lock the lock's id
 * @param backendKeyId the key id of the backend the lock is enrolled to (16 lower-case hex)
 * @param keyEpoch the lock's key epoch, whose sealing key this is (1 or more)
 * @param trailKey the lock's trail key, which signs its checkpoints and this document
 * @param sealingKey the lock's X25519 sealing key of {@code keyEpoch}: what a backend seals PINs to
 * @param sequence the sequence number of the last event the signed head covers
 * @param chainHead the trail's chain head after that event (64 lower-case hex)
 * @param at when the lock made this document (and the checkpoint)
 * @param offline the lock's offline issuing key, sealed to the backend, or null when the lock takes
 *     no offline codes
 * @param signature the lock's Ed25519 signature (base64 of 64 bytes)
 */
public record Enrollment(String lock, String backendKeyId, int keyEpoch, TrailPublicKey trailKey,
        SealingPublicKey sealingKey, long sequence, String chainHead, Instant at, OfflineKey offline, String signature) {

    /** The format name every enrollment text carries. */
    public static final String FORMAT = "access-enrollment/1";

    /** The statement label the lock signs an enrollment under. */
    public static final String LABEL = "access/enrollment/v1";

    /** The longest text {@link #parse} reads: a real enrollment is well under half of it. */
    public static final int MAX_TEXT = 2048;

    private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{16}");
    private static final List<String> FIELDS = List.of("format", "lock", "backendKeyId", "keyEpoch",
            "trailPublicKey", "trailKeyId", "sealingPublicKey", "sequence", "chainHead", "at", "signature");
    /** The offline issuing key's fields: all present or none. */
    private static final List<String> OFFLINE_FIELDS = List.of("offlineGeneration", "offlineDigits", "zone",
            "offlineKey");

    /**
     * A lock's offline issuing key as its enrollment hands it to the backend: sealed to the
     * backend's X25519 key for this lock, key epoch and generation
     * ({@link dev.access.crypto.OfflineIssuingKey#sealTo}), with what an issuer needs beside it.
     * Holds no key in clear.
     *
     * @param generation the issuing-key generation (1 or more; a revoke-all at the lock moves to the next)
     * @param digits the lock's offline PIN length
     * @param zone the lock's time zone (daily hours are local to it)
     * @param sealedKey the issuing key, sealed
     */
    public record OfflineKey(int generation, int digits, ZoneId zone, SealedSecret sealedKey) {
        /**
         * Checks every value.
         *
         * @throws NullPointerException if the zone or the sealed key is missing
         * @throws IllegalArgumentException naming a value out of range
         */
        public OfflineKey {
            Objects.requireNonNull(zone, "zone");
            Objects.requireNonNull(sealedKey, "sealedKey");
            if (generation < 1) {
                throw new IllegalArgumentException("offlineGeneration must be 1 or more, was " + generation);
            }
            if (digits < OfflineCodes.MIN_DIGITS || digits > OfflineCodes.MAX_DIGITS) {
                throw new IllegalArgumentException("offlineDigits must be " + OfflineCodes.MIN_DIGITS + " to "
                        + OfflineCodes.MAX_DIGITS + ", was " + digits);
            }
        }
    }
    private static final JsonFactory JSON = new JsonFactory();
    /** Duplicate keys and anything after the object are refused. */
    private static final ObjectMapper STRICT = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * Checks every value ({@code offline} may be null).
     *
     * @throws NullPointerException if a value is missing
     * @throws IllegalArgumentException naming the value that is malformed, or a trail key of another lock
     */
    public Enrollment {
        Objects.requireNonNull(trailKey, "trailKey");
        Objects.requireNonNull(sealingKey, "sealingKey");
        Objects.requireNonNull(at, "at");
        LockIds.requireValid(lock);
        if (backendKeyId == null || !KEY_ID.matcher(backendKeyId).matches()) {
            throw new IllegalArgumentException("backendKeyId " + quoted(backendKeyId)
                    + " is not a key id (16 lower-case hex characters)");
        }
        if (keyEpoch < 1) {
            throw new IllegalArgumentException("keyEpoch must be 1 or more, was " + keyEpoch);
        }
        if (!trailKey.lockId().equals(lock)) {
            throw new IllegalArgumentException("the trail key is lock '" + trailKey.lockId() + "''s, not lock '"
                    + lock + "''s");
        }
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must be 0 or more, was " + sequence);
        }
        if (!isChainHead(chainHead)) {
            throw new IllegalArgumentException("chainHead " + quoted(chainHead) + " is not 64 lower-case hex characters");
        }
        if (!isSignature(signature)) {
            throw new IllegalArgumentException("signature " + quoted(signature) + " is not 64 bytes in base64");
        }
    }

    /** An enrollment that hands the backend no offline issuing key (a lock that takes no offline codes). */
    public Enrollment(String lock, String backendKeyId, int keyEpoch, TrailPublicKey trailKey,
            SealingPublicKey sealingKey, long sequence, String chainHead, Instant at, String signature) {
        this(lock, backendKeyId, keyEpoch, trailKey, sealingKey, sequence, chainHead, at, null, signature);
    }

    /**
     * The enrollment of {@code signer}'s lock to the backend {@code backendKeyId}, signed by the
     * lock's trail key: what {@code AccessControl.enroll} hands out.
     *
     * @param signer the lock's trail key (its public half goes into the document)
     * @param backendKeyId the backend's key id
     * @param keyEpoch the lock's key epoch
     * @param sealingKey the lock's sealing key of that epoch
     * @param sequence the last event covered by the checkpoint signed right after the enrollment
     * @param chainHead the chain head that checkpoint signed
     * @param at when the document is made
     * @throws IllegalArgumentException naming a malformed value
     */
    public static Enrollment sign(CheckpointSigner signer, String backendKeyId, int keyEpoch,
            SealingPublicKey sealingKey, long sequence, String chainHead, Instant at) {
        return sign(signer, backendKeyId, keyEpoch, sealingKey, sequence, chainHead, at, null);
    }

    /**
     * As {@link #sign(CheckpointSigner, String, int, SealingPublicKey, long, String, Instant)}, handing
     * the backend the lock's offline issuing key, sealed ({@code offline}; null for none).
     *
     * @throws IllegalArgumentException naming a malformed value
     */
    public static Enrollment sign(CheckpointSigner signer, String backendKeyId, int keyEpoch,
            SealingPublicKey sealingKey, long sequence, String chainHead, Instant at, OfflineKey offline) {
        TrailPublicKey key = signer.publicKey();
        String placeholder = Base64.getEncoder().encodeToString(new byte[64]);
        Enrollment unsigned = new Enrollment(key.lockId(), backendKeyId, keyEpoch, key, sealingKey, sequence,
                chainHead, at, offline, placeholder);
        return unsigned.withSignature(signer.signStatement(LABEL, unsigned.signedBody()));
    }

    /**
     * Checks the signature with the trail key the document carries.
     *
     * @throws SignatureVerificationException if it does not verify: the document was changed, or
     *     was not signed by the holder of that key
     */
    public void verify() throws SignatureVerificationException {
        trailKey.verifyStatement(LABEL, signedBody(), signature);
    }

    /** The body the signature covers (see the class documentation for its layout). */
    public byte[] signedBody() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            str(out, FORMAT);
            str(out, lock);
            str(out, backendKeyId);
            out.writeInt(keyEpoch);
            str(out, trailKey.base64());
            str(out, trailKey.keyId());
            str(out, sealingKey.base64());
            out.writeLong(sequence);
            str(out, chainHead);
            str(out, at.toString());
            if (offline != null) {
                out.writeInt(offline.generation());
                out.writeInt(offline.digits());
                str(out, offline.zone().getId());
                str(out, offline.sealedKey().enc());
                str(out, offline.sealedKey().ciphertext());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The document as one JSON object on one line, ending in a line break. */
    public String toText() {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("format", FORMAT);
            g.writeStringField("lock", lock);
            g.writeStringField("backendKeyId", backendKeyId);
            g.writeNumberField("keyEpoch", keyEpoch);
            g.writeStringField("trailPublicKey", trailKey.base64());
            g.writeStringField("trailKeyId", trailKey.keyId());
            g.writeStringField("sealingPublicKey", sealingKey.base64());
            g.writeNumberField("sequence", sequence);
            g.writeStringField("chainHead", chainHead);
            g.writeStringField("at", at.toString());
            if (offline != null) {
                g.writeNumberField("offlineGeneration", offline.generation());
                g.writeNumberField("offlineDigits", offline.digits());
                g.writeStringField("zone", offline.zone().getId());
                g.writeObjectFieldStart("offlineKey");
                g.writeStringField("enc", offline.sealedKey().enc());
                g.writeStringField("ciphertext", offline.sealedKey().ciphertext());
                g.writeEndObject();
            }
            g.writeStringField("signature", signature);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w + "\n";
    }

    /**
     * Reads the text {@link #toText()} writes, strictly: one JSON object on one line (one final line
     * break allowed), with exactly the fields listed above (the four offline ones all or none), each
     * once and each in the one spelling {@code toText} writes. It does not check the signature: call
     * {@link #verify()}.
     *
     * @throws MalformedEnrollmentException naming what is wrong
     */
    public static Enrollment parse(String text) {
        if (text == null) {
            throw new MalformedEnrollmentException("no text");
        }
        if (text.length() > MAX_TEXT) {
            throw new MalformedEnrollmentException("too long (" + text.length() + " characters; an enrollment is at most "
                    + MAX_TEXT + ")");
        }
        String line = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
            throw new MalformedEnrollmentException("not one line: an enrollment is one JSON object on one line");
        }
        JsonNode n;
        try {
            n = STRICT.readTree(line);
        } catch (JsonParseException e) {
            String why = e.getOriginalMessage();
            throw new MalformedEnrollmentException(why != null && why.startsWith("Duplicate field")
                    ? "a field appears twice: " + shorten(why) : "not a JSON object");
        } catch (IOException e) {
            throw new MalformedEnrollmentException("not one JSON object (something follows it, or it is cut short)");
        }
        if (n == null || !n.isObject()) {
            throw new MalformedEnrollmentException("not a JSON object");
        }
        int offlineFields = 0;
        for (Iterator<String> names = n.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (OFFLINE_FIELDS.contains(name)) {
                offlineFields++;
            } else if (!FIELDS.contains(name)) {
                throw new MalformedEnrollmentException("unknown field " + quoted(name));
            }
        }
        String format = text(n, "format");
        if (!FORMAT.equals(format)) {
            throw new MalformedEnrollmentException("unknown format " + quoted(format) + " (expected " + FORMAT + ")");
        }
        String lock = text(n, "lock");
        if (!LockIds.isValid(lock)) {
            throw new MalformedEnrollmentException("lock " + quoted(lock)
                    + " is not a lock id (1 to 64 characters from A-Z a-z 0-9 . _ : -)");
        }
        TrailPublicKey trailKey = trailKey(lock, text(n, "trailPublicKey"), text(n, "trailKeyId"));
        SealingPublicKey sealingKey = sealingKey(text(n, "sealingPublicKey"));
        Instant at = instant(text(n, "at"));
        OfflineKey offline = offlineFields == 0 ? null : offlineKey(n);
        try {
            return new Enrollment(lock, text(n, "backendKeyId"), (int) number(n, "keyEpoch", Integer.MAX_VALUE),
                    trailKey, sealingKey, number(n, "sequence", Long.MAX_VALUE), text(n, "chainHead"), at, offline,
                    text(n, "signature"));
        } catch (IllegalArgumentException e) {
            throw new MalformedEnrollmentException(e.getMessage());
        }
    }

    private Enrollment withSignature(String sig) {
        return new Enrollment(lock, backendKeyId, keyEpoch, trailKey, sealingKey, sequence, chainHead, at, offline, sig);
    }

    /** The offline issuing key's four fields, all required once one is present. */
    private static OfflineKey offlineKey(JsonNode n) {
        for (String field : OFFLINE_FIELDS) {
            if (!n.has(field)) {
                throw new MalformedEnrollmentException("has offline-key fields but lacks the field '" + field
                        + "' (offlineGeneration, offlineDigits, zone and offlineKey go together)");
            }
        }
        int generation = (int) number(n, "offlineGeneration", Integer.MAX_VALUE);
        int digits = (int) number(n, "offlineDigits", Integer.MAX_VALUE);
        String zoneText = text(n, "zone");
        ZoneId zone;
        try {
            zone = ZoneId.of(zoneText);
        } catch (java.time.DateTimeException e) {
            throw new MalformedEnrollmentException("zone " + quoted(zoneText) + " is not a time zone id");
        }
        if (!zone.getId().equals(zoneText)) {
            throw new MalformedEnrollmentException("zone " + quoted(zoneText) + " is not written as its id ("
                    + zone.getId() + ")");
        }
        JsonNode key = n.get("offlineKey");
        if (!key.isObject()) {
            throw new MalformedEnrollmentException("field 'offlineKey' must be an object with enc and ciphertext");
        }
        for (Iterator<String> names = key.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!name.equals("enc") && !name.equals("ciphertext")) {
                throw new MalformedEnrollmentException("offlineKey has an unknown field " + quoted(name));
            }
        }
        SealedSecret sealed;
        try {
            sealed = new SealedSecret(offlineText(key, "enc"), offlineText(key, "ciphertext"));
        } catch (IllegalArgumentException e) {
            throw new MalformedEnrollmentException("offlineKey: " + e.getMessage());
        }
        try {
            return new OfflineKey(generation, digits, zone, sealed);
        } catch (IllegalArgumentException e) {
            throw new MalformedEnrollmentException(e.getMessage());
        }
    }

    private static String offlineText(JsonNode key, String field) {
        JsonNode v = key.get(field);
        if (v == null || !v.isTextual()) {
            throw new MalformedEnrollmentException("offlineKey lacks the text field '" + field + "'");
        }
        return v.asText();
    }

    private static TrailPublicKey trailKey(String lock, String base64, String keyId) {
        TrailPublicKey key;
        try {
            key = TrailPublicKey.of(lock, base64);
        } catch (IllegalArgumentException e) {
            throw new MalformedEnrollmentException("trailPublicKey: " + e.getMessage());
        }
        if (!key.base64().equals(base64)) {
            throw new MalformedEnrollmentException("trailPublicKey is not in canonical base64");
        }
        if (!key.keyId().equals(keyId)) {
            throw new MalformedEnrollmentException("trailKeyId " + quoted(keyId) + " does not match the trail public key ("
                    + key.keyId() + ")");
        }
        return key;
    }

    private static SealingPublicKey sealingKey(String base64) {
        SealingPublicKey key;
        try {
            key = SealingPublicKey.fromBase64(base64);
        } catch (IllegalArgumentException e) {
            throw new MalformedEnrollmentException("sealingPublicKey: " + e.getMessage());
        }
        if (!key.base64().equals(base64)) {
            throw new MalformedEnrollmentException("sealingPublicKey is not in canonical base64");
        }
        return key;
    }

    private static Instant instant(String text) {
        try {
            Instant t = Instant.parse(text);
            if (t.toString().equals(text)) {
                return t;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw new MalformedEnrollmentException("at " + quoted(text) + " is not an ISO-8601 UTC instant as written"
                + " (e.g. 2026-12-01T08:00:00Z)");
    }

    /** A required text field. */
    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new MalformedEnrollmentException("lacks the field '" + field + "'");
        }
        if (!v.isTextual()) {
            throw new MalformedEnrollmentException("field '" + field + "' must be a string");
        }
        return v.asText();
    }

    /** A required integer field from 0 to {@code max}. */
    private static long number(JsonNode n, String field, long max) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new MalformedEnrollmentException("lacks the field '" + field + "'");
        }
        if (!v.isIntegralNumber()) {
            throw new MalformedEnrollmentException("field '" + field + "' must be an integer");
        }
        if (!v.canConvertToLong() || v.asLong() < 0 || v.asLong() > max) {
            throw new MalformedEnrollmentException("field '" + field + "' is out of range (0 to " + max + ")");
        }
        return v.asLong();
    }

    private static boolean isChainHead(String s) {
        try {
            return s != null && ChainHead.fromHex(s).toHex().equals(s);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isSignature(String s) {
        if (s == null) {
            return false;
        }
        try {
            byte[] raw = Base64.getDecoder().decode(s);
            return raw.length == 64 && Base64.getEncoder().encodeToString(raw).equals(s);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void str(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String quoted(String s) {
        return s == null ? "null" : "'" + shorten(s) + "'";
    }

    private static String shorten(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && i < 80; i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) ? '?' : c);
        }
        return s.length() > 80 ? b + "…" : b.toString();
    }
}
