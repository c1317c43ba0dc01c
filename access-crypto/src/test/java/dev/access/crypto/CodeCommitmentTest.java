package dev.access.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** A commitment is its own type: written as {@code sha256:<hex>}, never equal to a digest, and it identifies its digest. */
class CodeCommitmentTest {
    private static CodeDigest digest(int seed) {
        byte[] b = new byte[32];
        for (int i = 0; i < 32; i++) {
            b[i] = (byte) (seed * 31 + i * 7);
        }
        return CodeDigest.fromBytes(b);
    }

    @Test
    void writtenForm_roundTrips_andIsTheSha256OfTheLabelledDigest() throws Exception {
        CodeDigest d = digest(1);
        CodeCommitment c = d.commitment();
        assertTrue(c.toString().matches("sha256:[0-9a-f]{64}"), c.toString());
        assertEquals(c, CodeCommitment.parse(c.toString()));
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        sha.update("access/digest-commitment/v1".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(d.toBytes());
        assertEquals(HexFormat.of().formatHex(sha.digest()), c.toHex());
        assertEquals(c, c.commitment());
    }

    @Test
    void aCommitmentNeverEqualsADigest_evenWithTheSameBytes() {
        CodeCommitment c = digest(2).commitment();
        CodeDigest sameBytes = CodeDigest.fromBytes(c.toBytes());
        assertNotEquals(c, sameBytes);
        assertNotEquals(sameBytes, c);
    }

    @Test
    void identifies_isTrueForTheOwnDigestOnly_forBothKinds() {
        CodeDigest d = digest(3);
        CodeDigest other = digest(4);
        assertTrue(d.identifies(d));
        assertFalse(d.identifies(other));
        assertTrue(d.commitment().identifies(d));
        assertFalse(d.commitment().identifies(other));
        assertFalse(CodeDigest.fromBytes(d.commitment().toBytes()).identifies(d), "a digest is not its commitment");
    }

    @Test
    void parse_refusesAnythingButTheWrittenForm_namingTheValue() {
        String hex = digest(5).commitment().toHex();
        for (String bad : new String[] {null, "", hex, "sha256:" + hex.toUpperCase(), "sha256:" + hex.substring(2),
                "sha256:" + hex + "00", "sha512:" + hex, "sha256:" + hex.replace(hex.charAt(0), 'g')}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CodeCommitment.parse(bad));
            assertTrue(e.getMessage().contains(bad == null ? "null" : bad.length() > 80 ? bad.substring(0, 80) : bad),
                    e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> CodeCommitment.fromBytes(new byte[31]));
    }

    @Test
    void aCredentialTableOfCommitments_findsTheirSlots() {
        CredentialTable t = CredentialTable.empty(CredentialTable.Variant.INDEXED)
                .with(digest(6).commitment(), 1).with(digest(7).commitment(), 2);
        assertEquals(2, t.find(digest(7).commitment()));
        assertEquals(CredentialTable.NOT_FOUND, t.find(digest(7)), "a digest is not found among commitments");
    }

    @Test
    void fromBytes_roundTrips_forBothKindsOfFingerprint() {
        byte[] bytes = TestBytes.sequence(40, 32);

        assertEquals(HexFormat.of().formatHex(bytes), HexFormat.of().formatHex(CodeCommitment.fromBytes(bytes).toBytes()));
        assertEquals(HexFormat.of().formatHex(bytes), HexFormat.of().formatHex(CodeDigest.fromBytes(bytes).toBytes()));
        assertEquals(CodeCommitment.fromBytes(bytes), CodeCommitment.parse("sha256:" + HexFormat.of().formatHex(bytes)));
    }

    @Test
    void parse_showsAMalformedTextWhole_upTo80Characters_thenShortened() {
        String eighty = "x".repeat(80);
        String longer = "y".repeat(81);

        IllegalArgumentException whole = assertThrows(IllegalArgumentException.class, () -> CodeCommitment.parse(eighty));
        IllegalArgumentException cut = assertThrows(IllegalArgumentException.class, () -> CodeCommitment.parse(longer));

        assertTrue(whole.getMessage().contains("'" + eighty + "'"), whole.getMessage());
        assertTrue(cut.getMessage().contains("'" + "y".repeat(80) + "\u2026'"), cut.getMessage());
    }

    @Test
    void hashCode_foldsTheFirstEightBytes_soEqualFingerprintsHashAlike() {
        byte[] bytes = TestBytes.sequence(1, 32); // first word 0x0102030405060708

        assertEquals(0x05060708 ^ 0x01020304, CodeDigest.fromBytes(bytes).hashCode());
        assertEquals(0x05060708 ^ 0x01020304, CodeCommitment.fromBytes(bytes).hashCode());
        assertEquals(CodeDigest.fromBytes(bytes).hashCode(), CodeDigest.fromBytes(bytes.clone()).hashCode());
    }
}
