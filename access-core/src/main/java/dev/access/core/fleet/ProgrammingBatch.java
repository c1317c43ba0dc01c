package dev.access.core.fleet;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.access.core.domain.BatchOperation;
import dev.access.core.domain.CodeRules;
import dev.access.core.domain.OperatingMode;
import dev.access.core.domain.UserType;
import dev.access.core.internal.json.Json;
import dev.access.crypto.BackendIdentity;
import dev.access.crypto.BackendPublicKey;
import dev.access.crypto.LockIds;
import dev.access.crypto.OfflineCodes;
import dev.access.crypto.SealedSecret;
import dev.access.crypto.SignatureVerificationException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A programming batch: the backend's wanted end state of every slot (and the mode) whose change the
 * lock's trail has not confirmed yet, for one lock and key epoch, numbered (the lock applies only a
 * number above the last it applied) and signed by the backend's key. PINs travel sealed to the
 * lock's sealing key of that epoch (HPKE), for the context {@link #sealContext}: only the lock opens
 * them.
 *
 * <p>The text: one JSON object on one line, {@code format} {@value #FORMAT}, {@code lock},
 * {@code backend} (the backend's key id), {@code keyEpoch}, {@code batch}, {@code at},
 * {@code operations} (each {@code id}, {@code kind}, then for {@code SET_CODE} {@code slot},
 * {@code type}, {@code name}, {@code rules}, {@code suspended}, {@code sealedPin} {@code {enc,
 * ciphertext}} or {@code null} (keep the PIN the slot holds: the lock confirmed it before); for
 * {@code EMPTY_SLOT} {@code slot}; for {@code SET_MODE} {@code mode}; for {@code
 * REVOKE_OFFLINE_CODE} {@code codeId} (the offline code's public id, 16 lower-case hex) and {@code
 * until} (the end of its window, ISO-8601 as {@link Instant#toString()} writes it): each operation
 * exactly these fields, in this order), and
 * {@code signature}: Ed25519 by the backend's key over the statement {@value #LABEL} whose body is
 * the UTF-8 text of the same object without {@code signature}, as {@link #body()} writes it from the
 * parsed values (so what is verified is exactly what is applied).
 *
 * <p>Guarantees: {@link #parse} refuses anything but such an object; {@link #verify} either returns
 * or throws; no PIN is ever in clear in a batch, its text or its {@code toString}.
 *
 * @param lock the lock it is for
 * @param backendKeyId the backend's key id
 * @param keyEpoch the lock's key epoch its PINs are sealed to
 * @param batch its number (1 and up; only grows)
 * @param at when the backend made it
 * @param operations its operations, at most {@value #MAX_OPERATIONS}
 * @param signature the backend's signature, base64
 */
public record ProgrammingBatch(String lock, String backendKeyId, int keyEpoch, long batch, Instant at,
        List<Operation> operations, String signature) {
    /** The format name. */
    public static final String FORMAT = "access-batch/1";
    /** The statement label the backend signs under. */
    public static final String LABEL = "access/batch/v1";
    /** The most operations one batch carries. */
    public static final int MAX_OPERATIONS = 1000;
    /** The longest batch text read, in characters. */
    public static final int MAX_TEXT = 1 << 20;

    private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{16}");
    private static final Pattern OP_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final ObjectMapper JSON = Json.objectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    private static final ObjectMapper STRICT = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

    /**
     * One operation: the wanted end state of a slot, of the mode, or of one offline code (revoked).
     *
     * @param id its id (1 to 64 of {@code A-Z a-z 0-9 . _ : -}), unique in the batch
     * @param kind what it sets
     * @param slot the slot (0 for the mode)
     * @param type the code's user type (SET_CODE), else null
     * @param name the code's name (SET_CODE), or null
     * @param rules the code's rules (SET_CODE), else null
     * @param suspended whether the code is suspended (SET_CODE)
     * @param sealedPin the code's PIN sealed to the lock (SET_CODE), or null to keep the PIN the slot
     *     holds
     * @param mode the mode (SET_MODE), else null
     * @param codeId the offline code's public id (REVOKE_OFFLINE_CODE), else null
     * @param until the end of that offline code's window (REVOKE_OFFLINE_CODE), else null
     */
    public record Operation(String id, BatchOperation.Kind kind, int slot, UserType type, String name, CodeRules rules,
            boolean suspended, SealedSecret sealedPin, OperatingMode mode, String codeId, Instant until) {
        /** An operation on a slot or the mode (no offline code). */
        public Operation(String id, BatchOperation.Kind kind, int slot, UserType type, String name, CodeRules rules,
                boolean suspended, SealedSecret sealedPin, OperatingMode mode) {
            this(id, kind, slot, type, name, rules, suspended, sealedPin, mode, null, null);
        }

        /** "Slot {@code slot} holds this code." */
        public static Operation setCode(String id, int slot, UserType type, String name, CodeRules rules,
                boolean suspended, SealedSecret sealedPin) {
            return new Operation(id, BatchOperation.Kind.SET_CODE, slot, type, name, rules, suspended, sealedPin, null);
        }

        /** "Slot {@code slot} is empty." */
        public static Operation emptySlot(String id, int slot) {
            return new Operation(id, BatchOperation.Kind.EMPTY_SLOT, slot, null, null, null, false, null, null);
        }

        /** "The lock is in {@code mode}." */
        public static Operation setMode(String id, OperatingMode mode) {
            return new Operation(id, BatchOperation.Kind.SET_MODE, 0, null, null, null, false, null, mode);
        }

        /** "The offline code {@code codeId}, whose window ends at {@code until}, is revoked." */
        public static Operation revokeOfflineCode(String id, String codeId, Instant until) {
            return new Operation(id, BatchOperation.Kind.REVOKE_OFFLINE_CODE, 0, null, null, null, false, null, null,
                    codeId, until);
        }
    }

    /** Copies the list and checks every value; see {@link #parse} for what is refused. */
    public ProgrammingBatch {
        operations = List.copyOf(operations);
        check(LockIds.isValid(lock), "lock", lock);
        check(backendKeyId != null && KEY_ID.matcher(backendKeyId).matches(), "backend", backendKeyId);
        check(keyEpoch >= 1, "keyEpoch", String.valueOf(keyEpoch));
        check(batch >= 1, "batch", String.valueOf(batch));
        check(at != null, "at", null);
        check(operations.size() <= MAX_OPERATIONS, "operations", operations.size() + " operations");
        Set<String> ids = new java.util.HashSet<>();
        for (Operation o : operations) {
            check(o != null && o.id() != null && OP_ID.matcher(o.id()).matches(), "operation id", o == null ? null : o.id());
            check(ids.add(o.id()), "operation id", o.id() + " (repeated)");
            check(o.kind() != null, "operation kind", null);
            switch (o.kind()) {
                case SET_CODE -> {
                    check(o.slot() >= 1, "slot", String.valueOf(o.slot()));
                    check(o.type() != null && o.rules() != null && o.mode() == null,
                            "operation " + o.id(), "a SET_CODE needs type and rules");
                }
                case EMPTY_SLOT -> check(o.slot() >= 1 && o.type() == null && o.sealedPin() == null && o.mode() == null,
                        "operation " + o.id(), "an EMPTY_SLOT has a slot (1 and up) and nothing else");
                case SET_MODE -> check(o.mode() != null && o.slot() == 0 && o.sealedPin() == null && o.type() == null,
                        "operation " + o.id(), "a SET_MODE has a mode and nothing else");
                default -> {
                    check(o.codeId() != null && OfflineCodes.isCodeId(o.codeId()), "offline code id", o.codeId());
                    check(o.until() != null && o.slot() == 0 && o.type() == null && o.sealedPin() == null
                            && o.mode() == null && o.rules() == null && o.name() == null && !o.suspended(),
                            "operation " + o.id(), "a REVOKE_OFFLINE_CODE has a code id and an until and nothing else");
                }
            }
            if (o.kind() != BatchOperation.Kind.REVOKE_OFFLINE_CODE) {
                check(o.codeId() == null && o.until() == null, "operation " + o.id(),
                        "only a REVOKE_OFFLINE_CODE has a code id and an until");
            }
        }
    }

    private static void check(boolean ok, String field, String value) {
        if (!ok) {
            throw new MalformedBatchException(field + (value == null ? " is missing" : " is not valid: '" + shorten(value) + "'"));
        }
    }

    /** The context a PIN for {@code slot} is sealed for: the lock, the key epoch and the slot. */
    public static String sealContext(String lock, int keyEpoch, int slot) {
        return lock + "/" + keyEpoch + "/" + slot;
    }

    /** Signs a batch with the backend's identity. */
    public static ProgrammingBatch sign(BackendIdentity backend, String lock, int keyEpoch, long batch, Instant at,
            List<Operation> operations) {
        String placeholder = java.util.Base64.getEncoder().encodeToString(new byte[64]);
        ProgrammingBatch unsigned = new ProgrammingBatch(lock, backend.publicKey().keyId(), keyEpoch, batch, at, operations,
                placeholder);
        String sig = backend.signStatement(LABEL, unsigned.body().getBytes(StandardCharsets.UTF_8));
        return new ProgrammingBatch(lock, unsigned.backendKeyId, keyEpoch, batch, at, operations, sig);
    }

    /**
     * Checks the signature with the backend's key (its key id must be this batch's {@code backend}).
     *
     * @throws SignatureVerificationException if it does not verify
     */
    public void verify(BackendPublicKey key) throws SignatureVerificationException {
        if (!key.keyId().equals(backendKeyId)) {
            throw new SignatureVerificationException("the batch names backend " + backendKeyId + ", the key given is "
                    + key.keyId());
        }
        key.verifyStatement(LABEL, body().getBytes(StandardCharsets.UTF_8), signature);
    }

    /**
     * Checks the signature with a backend's Ed25519 key alone (base64), as a lock keeps it from its
     * enrollment.
     *
     * @throws SignatureVerificationException if it does not verify
     */
    public void verify(String backendSigningKey) throws SignatureVerificationException {
        BackendPublicKey.verifySigned(backendSigningKey, LABEL, body().getBytes(StandardCharsets.UTF_8), signature);
    }

    /** The signed text: the object without {@code signature}, fields in the documented order. */
    public String body() {
        return tree(false).toString();
    }

    /** The batch as one JSON line, ended by a newline. */
    public String toText() {
        return tree(true).toString() + "\n";
    }

    private ObjectNode tree(boolean withSignature) {
        ObjectNode o = JSON.createObjectNode();
        o.put("format", FORMAT);
        o.put("lock", lock);
        o.put("backend", backendKeyId);
        o.put("keyEpoch", keyEpoch);
        o.put("batch", batch);
        o.put("at", at.toString());
        var ops = o.putArray("operations");
        for (Operation op : operations) {
            ObjectNode n = ops.addObject();
            n.put("id", op.id());
            n.put("kind", op.kind().name());
            switch (op.kind()) {
                case SET_CODE -> {
                    n.put("slot", op.slot());
                    n.put("type", op.type().name());
                    if (op.name() == null) {
                        n.putNull("name");
                    } else {
                        n.put("name", op.name());
                    }
                    n.set("rules", JSON.valueToTree(op.rules()));
                    n.put("suspended", op.suspended());
                    if (op.sealedPin() == null) {
                        n.putNull("sealedPin");
                    } else {
                        ObjectNode s = n.putObject("sealedPin");
                        s.put("enc", op.sealedPin().enc());
                        s.put("ciphertext", op.sealedPin().ciphertext());
                    }
                }
                case EMPTY_SLOT -> n.put("slot", op.slot());
                case SET_MODE -> n.put("mode", op.mode().name());
                default -> {
                    n.put("codeId", op.codeId());
                    n.put("until", op.until().toString());
                }
            }
        }
        if (withSignature) {
            o.put("signature", signature);
        }
        return o;
    }

    /**
     * Reads a batch's text strictly.
     *
     * @throws MalformedBatchException naming what is wrong
     */
    public static ProgrammingBatch parse(String text) {
        if (text == null) {
            throw new MalformedBatchException("no text");
        }
        if (text.length() > MAX_TEXT) {
            throw new MalformedBatchException("longer than " + MAX_TEXT + " characters");
        }
        String line = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        if (line.indexOf('\n') >= 0) {
            throw new MalformedBatchException("a batch is one line");
        }
        JsonNode n;
        try {
            n = STRICT.readTree(line);
        } catch (JsonProcessingException e) {
            throw new MalformedBatchException("not one JSON object (" + e.getOriginalMessage() + ")");
        }
        if (n == null || !n.isObject()) {
            throw new MalformedBatchException("not one JSON object");
        }
        only(n, "top level", "format", "lock", "backend", "keyEpoch", "batch", "at", "operations", "signature");
        if (!FORMAT.equals(text(n, "format"))) {
            throw new MalformedBatchException("format is not " + FORMAT + ": '" + shorten(String.valueOf(text(n, "format"))) + "'");
        }
        JsonNode opsNode = n.get("operations");
        if (opsNode == null || !opsNode.isArray()) {
            throw new MalformedBatchException("operations is missing or not an array");
        }
        if (opsNode.size() > MAX_OPERATIONS) {
            throw new MalformedBatchException("more than " + MAX_OPERATIONS + " operations");
        }
        List<Operation> ops = new ArrayList<>();
        for (JsonNode o : opsNode) {
            if (!o.isObject()) {
                throw new MalformedBatchException("an operation is not an object");
            }
            String id = text(o, "id");
            BatchOperation.Kind kind = enumOf(BatchOperation.Kind.class, text(o, "kind"), "kind");
            switch (kind) {
                case SET_CODE -> {
                    only(o, "operation", "id", "kind", "slot", "type", "name", "rules", "suspended", "sealedPin");
                    JsonNode sealed = o.get("sealedPin");
                    if (sealed == null || !(sealed.isObject() || sealed.isNull())) {
                        throw new MalformedBatchException("operation " + shorten(String.valueOf(id))
                                + ": sealedPin (an object or null) is missing");
                    }
                    SealedSecret secret = null;
                    if (sealed.isObject()) {
                        only(sealed, "sealedPin", "enc", "ciphertext");
                        try {
                            secret = new SealedSecret(text(sealed, "enc"), text(sealed, "ciphertext"));
                        } catch (IllegalArgumentException e) {
                            throw new MalformedBatchException("operation " + shorten(String.valueOf(id)) + ": " + e.getMessage());
                        }
                    }
                    CodeRules rules;
                    try {
                        rules = JSON.treeToValue(o.get("rules"), CodeRules.class);
                    } catch (JsonProcessingException | IllegalArgumentException e) {
                        throw new MalformedBatchException("operation " + shorten(String.valueOf(id)) + ": rules are not valid");
                    }
                    JsonNode name = o.get("name");
                    JsonNode susp = o.get("suspended");
                    if (name == null || !(name.isNull() || name.isTextual()) || susp == null || !susp.isBoolean()) {
                        throw new MalformedBatchException("operation " + shorten(String.valueOf(id))
                                + ": name (text or null) and suspended (true or false) are required");
                    }
                    ops.add(Operation.setCode(id, intOf(o, "slot"), enumOf(UserType.class, text(o, "type"), "type"),
                            name.isNull() ? null : name.asText(), rules, susp.asBoolean(), secret));
                }
                case EMPTY_SLOT -> {
                    only(o, "operation", "id", "kind", "slot");
                    ops.add(Operation.emptySlot(id, intOf(o, "slot")));
                }
                case SET_MODE -> {
                    only(o, "operation", "id", "kind", "mode");
                    ops.add(Operation.setMode(id, enumOf(OperatingMode.class, text(o, "mode"), "mode")));
                }
                default -> {
                    only(o, "operation", "id", "kind", "codeId", "until");
                    String codeId = text(o, "codeId");
                    if (codeId == null) {
                        throw new MalformedBatchException("operation " + shorten(String.valueOf(id))
                                + ": codeId (text) is missing");
                    }
                    ops.add(Operation.revokeOfflineCode(id, codeId, instantOf(o, "until")));
                }
            }
        }
        Instant at = n.hasNonNull("at") ? instantOf(n, "at") : null;
        String sig = text(n, "signature");
        if (sig == null) {
            throw new MalformedBatchException("signature is missing");
        }
        return new ProgrammingBatch(text(n, "lock"), text(n, "backend"), intOf(n, "keyEpoch"), longOf(n, "batch"), at, ops, sig);
    }

    private static void only(JsonNode n, String where, String... names) {
        Set<String> allowed = Set.of(names);
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw new MalformedBatchException(where + " has an unknown field '" + shorten(f) + "'");
            }
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    /** A required instant in canonical ISO-8601 form ({@link Instant#toString()}). */
    private static Instant instantOf(JsonNode n, String field) {
        String t = text(n, field);
        if (t == null) {
            throw new MalformedBatchException(field + " is missing or not text");
        }
        try {
            Instant i = Instant.parse(t);
            if (!i.toString().equals(t)) {
                throw new MalformedBatchException(field + " is not in canonical ISO-8601 form");
            }
            return i;
        } catch (DateTimeParseException e) {
            throw new MalformedBatchException(field + " is not an instant");
        }
    }

    private static int intOf(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new MalformedBatchException(field + " is missing or not an integer");
        }
        return v.asInt();
    }

    private static long longOf(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new MalformedBatchException(field + " is missing or not an integer");
        }
        return v.asLong();
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String value, String field) {
        if (value == null) {
            throw new MalformedBatchException(field + " is missing");
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new MalformedBatchException(field + " is not valid: '" + shorten(value) + "'");
        }
    }

    private static String shorten(String s) {
        return s == null ? "null" : s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }

    /** Never shows a sealed PIN. */
    @Override
    public String toString() {
        return "ProgrammingBatch[lock=" + lock + ", backend=" + backendKeyId + ", epoch=" + keyEpoch + ", batch=" + batch
                + ", " + operations.size() + " operations]";
    }
}
