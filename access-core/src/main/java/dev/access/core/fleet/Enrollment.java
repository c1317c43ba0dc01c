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
 * writes it) and {@code signature} (64 bytes, base64).
 *
 * <p>The signature is the lock's Ed25519 statement ({@link CheckpointSigner#signStatement}) with
 * label {@value #LABEL} over this body, where {@code str(s)} is the length of {@code s}'s UTF-8 bytes
 * as 4 bytes big-endian followed by those bytes, and numbers are big-endian:
 * <pre>
 * str(format) ‖ str(lock) ‖ str(backendKeyId) ‖ keyEpoch (4 bytes) ‖ str(trailPublicKey) ‖
 * str(trailKeyId) ‖ str(sealingPublicKey) ‖ sequence (8 bytes) ‖ str(chainHead) ‖ str(at)
 * </pre>
 * every string exactly as the JSON text carries it (keys as base64 text, the head as hex, the time
 * as ISO-8601). So the message signed is {@code "access/statement/v1" ‖ 0x00 ‖ len(label) (4 bytes)
 * ‖ label ‖ body}, as for every statement.
 *
 * <p>Guarantees: a verified enrollment was made by the holder of the lock's trail key and nothing
 * in it was changed. It proves the lock's own word, not its authenticity: whoever holds a trail key
 * can sign an enrollment for its lock id, so a backend still decides which lock ids it expects (and
 * trusts the first key it sees for one, or one it got from the vendor). {@code (sequence,
 * chainHead)} is the head of the lock's trail right after its enrollment, covered by a signed
 * checkpoint in that trail; trail segments the backend later receives must continue from it.
 *
 * @param lock the lock's id
 * @param backendKeyId the key id of the backend the lock is enrolled to (16 lower-case hex)
 * @param keyEpoch the lock's key epoch, whose sealing key this is (1 or more)
 * @param trailKey the lock's trail key, which signs its checkpoints and this document
 * @param sealingKey the lock's X25519 sealing key of {@code keyEpoch}: what a backend seals PINs to
 * @param sequence the sequence number of the last event the signed head covers
 * @param chainHead the trail's chain head after that event (64 lower-case hex)
 * @param at when the lock made this document (and the checkpoint)
 * @param signature the lock's Ed25519 signature (base64 of 64 bytes)
 */
public record Enrollment(String lock, String backendKeyId, int keyEpoch, TrailPublicKey trailKey,
        SealingPublicKey sealingKey, long sequence, String chainHead, Instant at, String signature) {

    /** The format name every enrollment text carries. */
    public static final String FORMAT = "access-enrollment/1";

    /** The statement label the lock signs an enrollment under. */
    public static final String LABEL = "access/enrollment/v1";

    /** The longest text {@link #parse} reads: a real enrollment is well under half of it. */
    public static final int MAX_TEXT = 2048;

    private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{16}");
    private static final List<String> FIELDS = List.of("format", "lock", "backendKeyId", "keyEpoch",
            "trailPublicKey", "trailKeyId", "sealingPublicKey", "sequence", "chainHead", "at", "signature");
    private static final JsonFactory JSON = new JsonFactory();
    /** Duplicate keys and anything after the object are refused. */
    private static final ObjectMapper STRICT = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * Checks every value.
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
        TrailPublicKey key = signer.publicKey();
        String placeholder = Base64.getEncoder().encodeToString(new byte[64]);
        Enrollment unsigned = new Enrollment(key.lockId(), backendKeyId, keyEpoch, key, sealingKey, sequence,
                chainHead, at, placeholder);
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
            g.writeStringField("signature", signature);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w + "\n";
    }

    /**
     * Reads the text {@link #toText()} writes, strictly: one JSON object on one line (one final line
     * break allowed), with exactly the fields listed above, each once and each in the one spelling
     * {@code toText} writes. It does not check the signature: call {@link #verify()}.
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
        for (Iterator<String> names = n.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
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
        try {
            return new Enrollment(lock, text(n, "backendKeyId"), (int) number(n, "keyEpoch", Integer.MAX_VALUE),
                    trailKey, sealingKey, number(n, "sequence", Long.MAX_VALUE), text(n, "chainHead"), at,
                    text(n, "signature"));
        } catch (IllegalArgumentException e) {
            throw new MalformedEnrollmentException(e.getMessage());
        }
    }

    private Enrollment withSignature(String sig) {
        return new Enrollment(lock, backendKeyId, keyEpoch, trailKey, sealingKey, sequence, chainHead, at, sig);
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
