package dev.access.core.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.access.core.domain.BatchOperation;
import dev.access.core.domain.OperatingMode;
import dev.access.crypto.BackendIdentity;
import dev.access.crypto.InMemoryKeyRing;
import dev.access.crypto.SignatureVerificationException;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A batch's offline-code revocation: its text, read back strictly, covered by the signature. */
class ProgrammingBatchRevocationTest {
    private static final BackendIdentity BACKEND = InMemoryKeyRing.create().createBackendIdentity();
    private static final Instant AT = Instant.parse("2026-07-06T06:00:00Z");
    private static final Instant UNTIL = Instant.parse("2026-07-06T20:00:00Z");
    private static final String ID = "0123456789abcdef";

    private static ProgrammingBatch batch() {
        return ProgrammingBatch.sign(BACKEND, "front", 1, 3, AT, List.of(
                ProgrammingBatch.Operation.setMode("mode-2", OperatingMode.VACATION),
                ProgrammingBatch.Operation.revokeOfflineCode("revoke-4", ID, UNTIL)));
    }

    @Test
    void aRevocation_isWrittenWithItsCodeIdAndUntil_andReadBackAsItWas() throws Exception {
        ProgrammingBatch b = batch();

        ProgrammingBatch back = ProgrammingBatch.parse(b.toText());

        assertEquals(b, back);
        back.verify(BACKEND.publicKey());
        assertTrue(b.toText().contains("{\"id\":\"revoke-4\",\"kind\":\"REVOKE_OFFLINE_CODE\",\"codeId\":\"" + ID
                + "\",\"until\":\"2026-07-06T20:00:00Z\"}"), b.toText());
        ProgrammingBatch.Operation op = back.operations().get(1);
        assertEquals(BatchOperation.Kind.REVOKE_OFFLINE_CODE, op.kind());
        assertEquals(ID, op.codeId());
        assertEquals(UNTIL, op.until());
        assertEquals(0, op.slot());
    }

    @Test
    void theSignature_coversTheCodeIdAndTheUntil() {
        String text = batch().toText();
        for (String changed : List.of(text.replace(ID, "0123456789abcdee"),
                text.replace("2026-07-06T20:00:00Z", "2026-07-07T20:00:00Z"))) {
            ProgrammingBatch b = ProgrammingBatch.parse(changed);
            assertThrows(SignatureVerificationException.class, () -> b.verify(BACKEND.publicKey()));
        }
    }

    static Stream<Arguments> malformed() {
        String good = batch().toText();
        String op = "\"kind\":\"REVOKE_OFFLINE_CODE\",\"codeId\":\"" + ID + "\",\"until\":\"2026-07-06T20:00:00Z\"";
        return Stream.of(
                bad("an unknown field", good.replace(op, op + ",\"slot\":3"), "unknown field 'slot'"),
                bad("no code id", good.replace("\"codeId\":\"" + ID + "\",", ""), "codeId"),
                bad("a code id that is not one", good.replace(ID, "0123456789ABCDEF"), "offline code id"),
                bad("a short code id", good.replace(ID, "0123"), "offline code id"),
                bad("no until", good.replace(",\"until\":\"2026-07-06T20:00:00Z\"", ""), "until"),
                bad("an until not as written", good.replace("2026-07-06T20:00:00Z\"}", "2026-07-06T20:00:00.000Z\"}"),
                        "until is not in canonical"),
                bad("an until that is no instant", good.replace("2026-07-06T20:00:00Z\"}", "tomorrow\"}"),
                        "until is not an instant"),
                bad("a mode on a revocation", good.replace(op, op + ",\"mode\":\"NORMAL\""), "unknown field 'mode'"),
                bad("a code id on a mode", good.replace("\"mode\":\"VACATION\"", "\"mode\":\"VACATION\",\"codeId\":\""
                        + ID + "\""), "unknown field 'codeId'"));
    }

    private static Arguments bad(String name, String text, String named) {
        return Arguments.of(Named.of(name, text), named);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void aMalformedRevocation_isRefusedNamingWhatIsWrong(String text, String named) {
        MalformedBatchException e = assertThrows(MalformedBatchException.class, () -> ProgrammingBatch.parse(text));

        assertTrue(e.getMessage().contains(named), () -> "'" + named + "' not in: " + e.getMessage());
    }

    @Test
    void theConstructor_refusesARevocationWithoutItsFields_orOtherOperationsWithThem() {
        String key = BACKEND.publicKey().keyId();
        assertThrows(MalformedBatchException.class, () -> new ProgrammingBatch("front", key, 1, 1, AT,
                List.of(ProgrammingBatch.Operation.revokeOfflineCode("r", ID, null)), "x"));
        assertThrows(MalformedBatchException.class, () -> new ProgrammingBatch("front", key, 1, 1, AT,
                List.of(ProgrammingBatch.Operation.revokeOfflineCode("r", "a PIN? 1234567890", UNTIL)), "x"));
        assertThrows(MalformedBatchException.class, () -> new ProgrammingBatch("front", BACKEND.publicKey().keyId(), 1,
                1, AT, List.of(new ProgrammingBatch.Operation("m", BatchOperation.Kind.SET_MODE, 0, null, null, null,
                false, null, OperatingMode.NORMAL, ID, UNTIL)), "x"));
    }
}
