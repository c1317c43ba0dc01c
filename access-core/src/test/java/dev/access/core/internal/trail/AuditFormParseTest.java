package dev.access.core.internal.trail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.access.core.domain.EntrySource;
import dev.access.core.domain.LockEvent;
import dev.access.core.domain.LockId;
import dev.access.core.domain.LockProfile;
import dev.access.core.domain.LockState;
import dev.access.core.domain.LockoutPolicy;
import dev.access.core.domain.OfflineCode;
import dev.access.core.domain.UserType;
import dev.access.core.trail.TrailAnchored;
import dev.access.core.trail.TrailCheckpointed;
import dev.access.crypto.ChainHead;
import dev.access.crypto.HashChain;
import dev.access.crypto.PinPolicy;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Reading an event back from an export's type and payload: every event the lock writes comes back
 * equal, and what the lock never writes (a missing value, a grant naming both or neither of a slot
 * and an offline code, a malformed anchor, an unknown zone) is refused with a message that names
 * the type and what is wrong, before replay, reports or diagnosis could meet it.
 */
class AuditFormParseTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LockId L = LockId.of("parse-lock");
    private static final Instant T = Instant.parse("2026-05-01T10:00:00Z");
    private static final String HEX = "ab".repeat(32);
    private static final OfflineCode OFFLINE = new OfflineCode("0123456789abcdef", T, T.plusSeconds(3600), false, null);

    private static final LockEvent.EntryGranted GRANT = new LockEvent.EntryGranted(L, T, EntrySource.KEYPAD, 3,
            UserType.UNRESTRICTED, 1);
    private static final LockEvent.EntryGranted OFFLINE_GRANT = new LockEvent.EntryGranted(L, T, EntrySource.KEYPAD,
            null, UserType.UNRESTRICTED, 0, OFFLINE);
    private static final LockEvent.CodeChecked CHECK = new LockEvent.CodeChecked(L, T, 3);
    private static final LockEvent.OfflineCodeRevoked REVOKED = new LockEvent.OfflineCodeRevoked(L, T,
            "0123456789abcdef", T.plusSeconds(3600));
    private static final LockEvent.LockEnrolled ENROLLED = new LockEvent.LockEnrolled(L, T, "backend-1", 2, null,
            null, null);
    private static final LockEvent.LockCommissioned COMMISSIONED = new LockEvent.LockCommissioned(L, T, "m", "s",
            "1.0", "Europe/Zurich", PinPolicy.defaults(), LockoutPolicy.defaults(), 1, null);
    private static final TrailAnchored ANCHOR = new TrailAnchored(L, T, 9, HEX, 4, T, HEX, LockState.initial()
            .withEventAt(L, T).withCommissioning(LockProfile.defaults(), 1), "key-1", "c2lnbmF0dXJl");

    private static String payload(Object event) {
        return new String(AuditForm.bytes(event), StandardCharsets.UTF_8);
    }

    /** The event's payload with {@code edit} applied to its JSON object. */
    private static String edited(Object event, Consumer<ObjectNode> edit) throws Exception {
        ObjectNode n = (ObjectNode) JSON.readTree(AuditForm.bytes(event));
        edit.accept(n);
        return JSON.writeValueAsString(n);
    }

    /** The offline code as the audit form writes it. */
    private static com.fasterxml.jackson.databind.JsonNode offlineCodeNode() {
        try {
            return JSON.readTree(AuditForm.bytes(OFFLINE_GRANT)).get("offlineCode");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String refusal(String type, String payload) {
        return assertThrows(IllegalArgumentException.class, () -> AuditForm.parse(type, payload), payload)
                .getMessage();
    }

    @Test
    void everyEventTheLockWrites_comesBackEqual() {
        for (Object e : new Object[] {GRANT, OFFLINE_GRANT, CHECK, new LockEvent.CodeChecked(L, T, null, OFFLINE),
                REVOKED, ENROLLED, COMMISSIONED, ANCHOR,
                new TrailCheckpointed(L, T, 7, HEX, "key-1", "c2ln")}) {
            assertEquals(e, AuditForm.parse(AuditForm.type(e), payload(e)), AuditForm.type(e));
        }
    }

    @Test
    void theTypeIsTheSimpleClassName_andTheChainStepIsHashChainsOverTheAuditForm() {
        assertEquals("EntryGranted", AuditForm.type(GRANT));
        assertEquals("TrailAnchored", AuditForm.type(ANCHOR));
        ChainHead before = HashChain.next(ChainHead.GENESIS, 0, "X", T, new byte[] {1});
        assertEquals(HashChain.next(before, 5, "EntryGranted", T, AuditForm.bytes(GRANT)),
                AuditForm.next(before, 5, GRANT, T));
    }

    @Test
    void anUnknownType_isRefusedNamingIt_cutAt60Characters() {
        assertEquals("unknown trail event type 'EntryGrantedd'", refusal("EntryGrantedd", "{}"));
        String longType = "T".repeat(60) + "tail";
        assertEquals("unknown trail event type '" + "T".repeat(60) + "'", refusal(longType, "{}"));
        assertEquals("unknown trail event type '" + "T".repeat(60) + "'", refusal("T".repeat(60), "{}"));
    }

    @Test
    void anUnreadablePayload_isRefusedNamingTheType() {
        String m = refusal("EntryGranted", "{\"lockId\":");
        assertTrue(m.startsWith("payload of EntryGranted cannot be read: "), m);
        // Jackson's own words, without its location suffix (which quotes the payload back).
        assertFalse(m.contains("[Source"), m);
        assertFalse(m.contains("line: 1"), m);
        assertEquals("payload of EntryGranted is null", refusal("EntryGranted", "null"));
    }

    @Test
    void aMissingValueTheLockAlwaysWrites_isRefusedNamingIt() throws Exception {
        assertEquals("payload of EntryGranted lacks lockId",
                refusal("EntryGranted", edited(GRANT, n -> n.remove("lockId"))));
        assertEquals("payload of EntryGranted lacks at", refusal("EntryGranted", edited(GRANT, n -> n.putNull("at"))));
        assertEquals("payload of EntryGranted lacks source",
                refusal("EntryGranted", edited(GRANT, n -> n.remove("source"))));
        // Optional values may be missing: an enrollment's previous backend, an offline key generation.
        assertEquals(ENROLLED, AuditForm.parse("LockEnrolled", edited(ENROLLED, n -> n.remove("previousBackendKeyId"))));
        // The anchored state's components too, named under "state.".
        String anchorWithoutStateLock = edited(ANCHOR, n -> ((ObjectNode) n.get("state")).putNull("profile"));
        String m = refusal("TrailAnchored", anchorWithoutStateLock);
        assertEquals("payload of TrailAnchored lacks state.profile", m);
        assertEquals("payload of TrailAnchored lacks state", refusal("TrailAnchored", edited(ANCHOR, n -> n.remove("state"))));
    }

    private static List<String> required(Class<?> type) {
        return Arrays.stream(AuditForm.required(type)).map(RecordComponent::getName).toList();
    }

    @Test
    void theRequiredValues_areAllButPrimitivesStringsOptionalIntegersOfflineCodesActorsAndInstantsOtherThanAt() {
        // Integer slot, OfflineCode and a primitive use count are optional; the enums are not.
        assertEquals(List.of("lockId", "at", "source", "userType"), required(LockEvent.EntryGranted.class));
        // Strings, an optional Integer and an Actor are optional; the policies are not.
        assertEquals(List.of("lockId", "at", "pinPolicy", "lockoutPolicy"), required(LockEvent.LockCommissioned.class));
        // An instant other than "at" (lockedOutUntil) is optional.
        assertEquals(List.of("lockId", "at", "source", "reason"), required(LockEvent.EntryDenied.class));
        assertEquals(List.of("lockId", "at", "outcomes"), required(LockEvent.BatchApplied.class));
        assertEquals(List.of("lockId", "at", "state"), required(TrailAnchored.class));
        assertEquals(List.of("lockId", "profile", "credentials", "mode", "lockout", "batteryLevel", "programming",
                "offline"), required(LockState.class));
        assertEquals(List.of(), required(String.class), "a class that is no record has no components");
    }

    @Test
    void aGrantOrCheck_namesExactlyOneOfASlotAndAnOfflineCode() throws Exception {
        assertEquals("payload of EntryGranted names neither a slot nor an offline code",
                refusal("EntryGranted", edited(GRANT, n -> n.remove("slot"))));
        assertEquals("payload of EntryGranted names both a slot and an offline code",
                refusal("EntryGranted", edited(OFFLINE_GRANT, n -> n.put("slot", 3))));
        assertEquals("payload of CodeChecked names neither a slot nor an offline code",
                refusal("CodeChecked", edited(CHECK, n -> n.remove("slot"))));
        assertEquals("payload of CodeChecked names both a slot and an offline code",
                refusal("CodeChecked", edited(CHECK, n -> n.set("offlineCode", offlineCodeNode()))));
    }

    @Test
    void aRevocation_namesItsCodeByA16HexIdAndTheEndOfItsWindow() throws Exception {
        String lacksId = "payload of OfflineCodeRevoked lacks a code id of 16 lowercase hex digits";
        assertEquals(lacksId, refusal("OfflineCodeRevoked", edited(REVOKED, n -> n.remove("codeId"))));
        assertEquals(lacksId, refusal("OfflineCodeRevoked", edited(REVOKED, n -> n.put("codeId", "0123456789ABCDEF"))));
        assertEquals(lacksId, refusal("OfflineCodeRevoked", edited(REVOKED, n -> n.put("codeId", "0123456789abcde"))));
        assertEquals("payload of OfflineCodeRevoked lacks the end of the code's window",
                refusal("OfflineCodeRevoked", edited(REVOKED, n -> n.remove("until"))));
    }

    @Test
    void anAnchor_carriesHexHashesAKeyIdASignatureAndOrderedSequences() throws Exception {
        String hex = "payload of TrailAnchored lacks a chain head or state hash of 64 lower-case hex digits";
        assertEquals(hex, refusal("TrailAnchored", edited(ANCHOR, n -> n.remove("chainHead"))));
        assertEquals(hex, refusal("TrailAnchored", edited(ANCHOR, n -> n.put("chainHead", HEX.toUpperCase()))));
        assertEquals(hex, refusal("TrailAnchored", edited(ANCHOR, n -> n.remove("stateSha256"))));
        assertEquals(hex, refusal("TrailAnchored", edited(ANCHOR, n -> n.put("stateSha256", HEX.substring(1)))));
        assertEquals("payload of TrailAnchored lacks keyId", refusal("TrailAnchored", edited(ANCHOR, n -> n.remove("keyId"))));
        assertEquals("payload of TrailAnchored lacks signature",
                refusal("TrailAnchored", edited(ANCHOR, n -> n.remove("signature"))));
        assertEquals("payload of TrailAnchored has sequence -1 and firstSequence 0 (0 <= firstSequence <= sequence)",
                refusal("TrailAnchored", edited(ANCHOR, n -> n.put("sequence", -1).put("firstSequence", 0))));
        assertEquals("payload of TrailAnchored has sequence 9 and firstSequence -1 (0 <= firstSequence <= sequence)",
                refusal("TrailAnchored", edited(ANCHOR, n -> n.put("firstSequence", -1))));
        assertEquals("payload of TrailAnchored has sequence 9 and firstSequence 10 (0 <= firstSequence <= sequence)",
                refusal("TrailAnchored", edited(ANCHOR, n -> n.put("firstSequence", 10))));
        // The edges that hold: an anchor at its first sequence, and at sequence 0.
        Object atFirst = AuditForm.parse("TrailAnchored", edited(ANCHOR, n -> n.put("firstSequence", 9)));
        assertEquals(9, ((TrailAnchored) atFirst).firstSequence());
        Object atZero = AuditForm.parse("TrailAnchored", edited(ANCHOR, n -> n.put("sequence", 0).put("firstSequence", 0)));
        assertEquals(0, ((TrailAnchored) atZero).sequence());
    }

    @Test
    void anEnrollment_namesItsBackend_andACommissioningAZoneThatExists() throws Exception {
        assertEquals("payload of LockEnrolled lacks backendKeyId",
                refusal("LockEnrolled", edited(ENROLLED, n -> n.remove("backendKeyId"))));
        assertEquals("payload of LockCommissioned has an unknown time zone 'Mars/Olympus'",
                refusal("LockCommissioned", edited(COMMISSIONED, n -> n.put("timeZone", "Mars/Olympus"))));
        assertEquals("payload of LockCommissioned has an unknown time zone 'null'",
                refusal("LockCommissioned", edited(COMMISSIONED, n -> n.remove("timeZone"))));
        String longZone = "Z".repeat(70);
        assertEquals("payload of LockCommissioned has an unknown time zone '" + "Z".repeat(60) + "'",
                refusal("LockCommissioned", edited(COMMISSIONED, n -> n.put("timeZone", longZone))));
        assertEquals("payload of LockCommissioned has an unknown time zone '" + "Z".repeat(60) + "'",
                refusal("LockCommissioned", edited(COMMISSIONED, n -> n.put("timeZone", "Z".repeat(60)))));
    }
}
